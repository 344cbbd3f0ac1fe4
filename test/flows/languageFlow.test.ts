import { LanguageFlow } from '../../src/flows/language/languageFlow.js';
import type { LanguagePreferences } from '../../src/flows/language/languagePreferences.js';
import type { Reply } from '../../src/flows/reply.js';
import { LanguageNames } from '../../src/i18n/languageNames.js';
import type { Language } from '../../src/i18n/languages.js';
import { visibleTexts } from '../support/cards.js';
import { projectCardRenderer } from '../support/flows.js';
import { localizer, replyFor, requestContext, resources } from '../support/requestContext.js';

/** Preferences kept in a map, so the test can see what the flow stored. */
class MapPreferences implements LanguagePreferences {
  readonly saved = new Map<string, Language>();
  async language(_channelId: string, userKey: string) {
    return this.saved.get(userKey);
  }
  async setLanguage(_channelId: string, userKey: string, language: Language) {
    this.saved.set(userKey, language);
  }
}

const cards = projectCardRenderer();
/** What a Reply would show, as text: notices' messages and cards' visible texts. */
const shown = (reply: Reply): string =>
  reply.outputs.map((o) => (o.kind === 'notice' ? o.message : visibleTexts(cards.expand(o.template, o.language, o.data)).join('\n'))).join('\n');

function setup() {
  const preferences = new MapPreferences();
  const flow = new LanguageFlow({ preferences, localizer, languageNames: new LanguageNames(resources) });
  return { flow, preferences };
}

/** Data-driven, in the style of core-bot: what the user does, what they must see, what gets stored. */
const CASES = [
  { name: 'English user picks Deutsch', locale: 'en-US', prompt: 'Which language should I use with you?', current: 'Current language: English', pick: 'de', says: 'Ab jetzt spreche ich Deutsch mit Ihnen.', stored: 'de' },
  { name: 'German user picks Русский', locale: 'de-DE', prompt: 'In welcher Sprache soll ich mit Ihnen sprechen?', current: 'Aktuelle Sprache: Deutsch', pick: 'ru', says: 'Теперь я буду общаться с вами на русском языке.', stored: 'ru' },
  { name: 'Chinese user picks English', locale: 'zh-CN', prompt: '您希望我使用哪种语言？', current: '当前语言：中文（简体）', pick: 'en', says: 'From now on I will speak English with you.', stored: 'en' },
  { name: 'Russian user picks 中文', locale: 'ru-RU', prompt: 'На каком языке мне с вами общаться?', current: 'Текущий язык: Русский', pick: 'zh', says: '从现在起，我将使用简体中文与您交流。', stored: 'zh' },
] as const;

describe('LanguageFlow (plain inputs, no bot)', () => {
  it.each(CASES)('$name', async ({ locale, prompt, current, pick, says, stored }) => {
    const { flow, preferences } = setup();
    const ctx = requestContext(locale);
    const step = await flow.start(ctx, { argument: '' }, replyFor(ctx));
    expect(step.kind).toBe('show');
    const card = flow.card(ctx);
    const texts = visibleTexts(cards.expand(card.template, ctx.locale.language, card.data));
    expect(texts).toEqual(expect.arrayContaining([prompt, current, 'English', 'Deutsch', '中文（简体）', 'Русский']));
    const reply = replyFor(ctx);
    expect(await flow.answer(ctx, {}, { kind: 'action', verb: 'language.choose', data: { language: pick } }, reply)).toEqual({ kind: 'done' });
    expect(shown(reply)).toContain(says);
    expect(ctx.locale.language).toBe(stored);
    expect(preferences.saved.get('user-1')).toBe(stored);
  });

  it.each([
    ['Deutsch', 'de'], ['german', 'de'], ['德语', 'de'], ['немецкий', 'de'], ['ru-RU', 'ru'], ['Chinesisch', 'zh'], ['английский', 'en'],
  ])('accepts the language typed as "%s"', async (typed, expected) => {
    const { flow, preferences } = setup();
    const ctx = requestContext('en-US');
    await flow.answer(ctx, {}, { kind: 'text', text: typed }, replyFor(ctx));
    expect(preferences.saved.get('user-1')).toBe(expected);
  });

  it('skips the picker when started with a language', async () => {
    const { flow, preferences } = setup();
    const ctx = requestContext('de-DE');
    const reply = replyFor(ctx);
    expect(await flow.start(ctx, { argument: 'русский' }, reply)).toEqual({ kind: 'done' });
    expect(shown(reply)).toContain('Теперь я буду общаться с вами на русском языке.');
    expect(preferences.saved.get('user-1')).toBe('ru');
  });

  it('asks again, storing nothing, for a submit naming no supported language', async () => {
    const { flow, preferences } = setup();
    const ctx = requestContext('de-DE');
    const reply = replyFor(ctx);
    expect(await flow.answer(ctx, {}, { kind: 'action', verb: 'language.choose', data: { language: 'xx' } }, reply)).toEqual({ kind: 'show', state: {} });
    expect(shown(reply)).toContain('Diese Sprache kenne ich nicht.');
    expect(preferences.saved.size).toBe(0);
  });
});
