/**
 * The card contract: every template in cards/, in every language, as the bot
 * really sends it (test/support/cardSamples.ts), must be a valid Adaptive
 * Card for Teams (docs/teams-platform.md §4), fully expanded and fully
 * translated. Each check returns a list of problems and the tests expect an
 * empty list, so a failure names the sample (template / variant / language)
 * and prints what is wrong where.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { demoCustomers } from '../../src/customers/demoData.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { projectRoot } from '../../src/paths.js';
import { collectCardSamples, type CardSample } from '../support/cardSamples.js';
import { loadAdaptiveCardsSdk, sdkProblems, type LoadedSdk } from './adaptiveCardsSdk.js';
import { checkActionStyles, checkColours, checkExpanded, checkLabels, checkRequiredInputs, checkSize, checkSubmitVerbs, checkTypes, checkVersion, MAX_CARD_BYTES } from './cardRules.js';
import { allStrings, checkEnglishLeaks, checkRawKeys, localeKeyPaths, uiTexts, visibleStrings, type SameAsEnglish } from './cardStrings.js';

const ROOT = projectRoot();
const TEMPLATES = readdirSync(path.join(ROOT, 'cards')).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json')).sort();
const resources = loadLocaleResources(path.join(ROOT, 'locales'));
const english = resources['en'] as Record<string, unknown>;

/**
 * Collected once, while the module loads (~10 s; no test timeout applies):
 * describe.each needs the samples before the tests are defined, so a failure
 * can name template, variant and language.
 */
const samples: CardSample[] = await collectCardSamples();
const sampleName = (s: CardSample): string => `${s.template} / ${s.variant} / ${s.language}`;
const table = (list: CardSample[]) => list.map((s) => [sampleName(s), s] as const);

/** English UI text that must not show on a de/zh/ru card (commands.json holds typed phrases, not card text). */
const ENGLISH_UI = uiTexts(english, ['common', 'validation']);
/** What a missing translation would show instead of text. */
const KEY_PATHS = localeKeyPaths(english);

/** What a translated card may share with English, in the spirit of test/locales.test.ts (IDENTICAL_ALLOWED, BRAND_TERMS). */
const SAME_AS_ENGLISH: SameAsEnglish = {
  everywhere: ['English', 'Deutsch', '中文（简体）', 'Русский'],
  perLanguage: { de: ['Details', 'Software', 'Status'], ru: ['Email'] },
  brandTerms: ['Partner Center', 'Microsoft ID', 'CSP', 'GDAP', 'Azure'],
  // Offer names such as "Azure plan", company names, addresses: data, the same in every language.
  data: new Set(allStrings(demoCustomers(new Date('2026-11-21T10:00:00Z')))),
};

describe('card samples', () => {
  it.each(SUPPORTED_LANGUAGES)('cover every template in cards/ in %s', (language) => {
    const sampled = new Set(samples.filter((s) => s.language === language).map((s) => s.template));
    expect(TEMPLATES.filter((template) => !sampled.has(template))).toEqual([]);
  });

  it('come only from templates in cards/, with the same variants in every language', () => {
    expect(samples.filter((s) => !TEMPLATES.includes(s.template)).map(sampleName)).toEqual([]);
    const variants = (language: Language) => samples.filter((s) => s.language === language).map((s) => `${s.template} / ${s.variant}`).sort();
    for (const language of SUPPORTED_LANGUAGES) expect(variants(language)).toEqual(variants('en'));
  });
});

describe('the Teams card contract', () => {
  let loaded: LoadedSdk;
  beforeAll(async () => {
    loaded = await loadAdaptiveCardsSdk();
  });
  afterAll(() => loaded?.close());

  describe.each(table(samples))('%s', (_name, { card }) => {
    it('parses, validates and renders with the Adaptive Cards SDK (schema 1.5)', () => {
      expect(sdkProblems(loaded.sdk, card)).toEqual([]);
    });

    it('has a version Teams renders (≤ 1.5)', () => {
      expect(checkVersion(card)).toEqual([]);
    });

    it('uses only allow-listed element and action types', () => {
      expect(checkTypes(card)).toEqual([]);
    });

    it('follows the design system: one primary (positive) action, destructive verbs destructive, at most three buttons a row', () => {
      expect(checkActionStyles(card)).toEqual([]);
    });

    it('has no yellow (Warning) text, which the light theme cannot read', () => {
      expect(checkColours(card)).toEqual([]);
    });

    it('has no unexpanded ${…} or {{…}} left', () => {
      expect(checkExpanded(card)).toEqual([]);
    });

    it('gives every required input a label and an error message', () => {
      expect(checkRequiredInputs(card)).toEqual([]);
    });

    it(`is smaller than ${MAX_CARD_BYTES / 1024} KB`, () => {
      expect(checkSize(card)).toEqual([]);
    });

    it('lays labels out in one column per card that no label word is wider than', () => {
      expect(checkLabels(card)).toEqual([]);
    });

    it('gives every Action.Submit a data.verb', () => {
      expect(checkSubmitVerbs(card)).toEqual([]);
    });

    it('names a culture once, without a second bracket ("Deutsch (Deutschland)", not "Deutsch (Deutschland) (de-DE)")', () => {
      const doubled = JSON.stringify(card).match(/[)）]\s*\([a-z]{2}-[A-Z]{2}\)/g) ?? [];
      expect(doubled).toEqual([]);
    });
  });
});

describe('card localization', () => {
  describe.each(table(samples))('%s', (_name, { card, language }) => {
    it('declares its language and shows no raw locale key', () => {
      expect(card.lang).toBe(language);
      expect(checkRawKeys(card, KEY_PATHS)).toEqual([]);
    });
  });

  describe.each(table(samples.filter((s) => s.language !== 'en')))('%s', (_name, { template, variant, card, language }) => {
    it('shows no English UI text', () => {
      const twin = samples.find((s) => s.language === 'en' && s.template === template && s.variant === variant);
      expect(twin).toBeDefined();
      expect(checkEnglishLeaks(card, language, ENGLISH_UI, SAME_AS_ENGLISH)).toEqual([]);
    });
  });

  it('the English UI patterns recognise English text, interpolated or not (self-check)', () => {
    const leak = (text: string) => checkEnglishLeaks({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }] }, 'de', ENGLISH_UI, SAME_AS_ENGLISH);
    expect(leak('Next')).toHaveLength(1);
    expect(leak('21 customers · Seite 1 von 3')).toHaveLength(1);
    expect(leak('Quantity: 45')).toHaveLength(1);
    expect([...leak('Weiter'), ...leak('Details'), ...leak('Azure plan'), ...leak('Microsoft ID'), ...leak('contoso.onmicrosoft.com')]).toEqual([]);
    expect(checkRawKeys({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'customerList.title' }] }, KEY_PATHS)).toHaveLength(1);
  });
});

describe('Russian plurals on the customer cards', () => {
  const t = createI18n(resources).getFixedT('ru');
  /** The word form each count needs (CLDR ru: one 1, 21; few 2, 22; many 5, 11, 25). */
  const CUSTOMERS: Record<number, string> = { 1: 'клиент', 2: 'клиента', 5: 'клиентов', 11: 'клиентов', 21: 'клиент', 22: 'клиента', 25: 'клиентов' };
  const FORM_BY_CATEGORY: Record<string, string> = { one: 'клиент', few: 'клиента', many: 'клиентов' };
  const KEYS = ['customerList.count', 'welcome.customerCount', 'export.ready'];
  /** "21 клиент" as a whole word: not followed by a further letter. */
  const countPhrase = (count: number, word: string) => new RegExp(`(^|\\s)${count} ${word}(?!\\p{L})`, 'u');

  it.each(KEYS.flatMap((key) => Object.entries(CUSTOMERS).map(([count, word]) => [key, Number(count), word] as const)))(
    '%s with count %i reads "… %i %s"',
    (key, count, word) => {
      const text = t(key, { count, formatted: new Intl.NumberFormat('ru-RU').format(count) });
      expect(text).toMatch(countPhrase(count, word));
    },
  );

  it('the Russian list, welcome and export cards use the right form for their real counts', () => {
    const counts = samples
      .filter((s) => s.language === 'ru' && ['customerList', 'welcome', 'exportReady'].includes(s.template))
      .flatMap((s) => visibleStrings(s.card).flatMap(({ text }) => [...text.matchAll(/(\d+) (клиент\p{L}*)/gu)]))
      .map(([, count, word]) => ({ count: Number(count), word }));
    expect(counts.length).toBeGreaterThanOrEqual(3);
    for (const { count, word } of counts) expect({ count, word }).toEqual({ count, word: FORM_BY_CATEGORY[new Intl.PluralRules('ru').select(count)] });
  });
});
