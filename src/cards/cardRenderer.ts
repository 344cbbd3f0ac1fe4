import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { i18n } from 'i18next';
import { SUPPORTED_LANGUAGES, type Language } from '../i18n/languages.js';
import { layOutLabels } from './labelColumn.js';
import { escapeCardMarkdown } from './plainText.js';
import { createTypesetter, type Typesetter } from '../text/typography.js';

/** `${t.some.key}` references in a template: strings injected from the locale bundle. */
const STRING_REFERENCE = /\$\{t\.([A-Za-z0-9_.]+)\}/g;

/**
 * Expands the Adaptive Card templates in cards/ with adaptivecards-templating.
 * Templates hold no user-visible text: they bind `${t.*}` to the user's
 * locale bundle (namespace `common`) and everything else to the data given.
 * Every string a template uses is checked in every language at start, so a
 * missing translation stops the bot from starting instead of reaching a user.
 */
export class CardRenderer {
  /** Parsed once: a Template parses every expression in the card, which costs milliseconds per render. */
  private readonly templates = new Map<string, ACData.Template>();
  /** Each language's strings, fetched once: resources do not change while the bot runs. */
  private readonly bundles: Record<Language, unknown>;

  /** What every template may show of the app itself: `${app.icon}`, the Teams app's colour icon as a data URI (no host needed). */
  private readonly app: { icon: string };

  constructor(cardsDir: string, private readonly i18n: i18n, options: { appIconFile?: string } = {}) {
    this.app = { icon: options.appIconFile ? `data:image/png;base64,${readFileSync(options.appIconFile).toString('base64')}` : '' };
    // Typeset as i18next's translations are (src/i18n/i18n.ts), so a template's text reads as a message's.
    const typeset = createTypesetter();
    this.bundles = Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, typesetAll(i18n.getResourceBundle(language, 'common'), language, typeset)])) as Record<Language, unknown>;
    for (const file of readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(cardsDir, file), 'utf8');
      const name = path.basename(file, '.json');
      this.checkStrings(name, text);
      this.templates.set(name, new ACData.Template(JSON.parse(text)));
    }
  }

  get names(): string[] {
    return [...this.templates.keys()];
  }

  /** The expanded card JSON. */
  expand(name: string, language: Language, data: Record<string, unknown> = {}): Record<string, unknown> {
    const template = this.templates.get(name);
    if (!template) throw new Error(`Unknown card template "${name}"`);
    const $root = { ...data, t: this.bundles[language], lang: language, app: this.app };
    const card = template.expand({ $root }) as Record<string, unknown>;
    layOutLabels(card);
    escapeCardMarkdown(card);
    return card;
  }

  private checkStrings(name: string, text: string): void {
    for (const [, key] of text.matchAll(STRING_REFERENCE)) {
      for (const language of SUPPORTED_LANGUAGES) {
        const value = this.i18n.getResource(language, 'common', key!);
        if (typeof value !== 'string') throw new Error(`Card "${name}" uses t.${key}, which locales/${language}/common.json lacks`);
        if (value.includes('{{')) throw new Error(`Card "${name}" binds t.${key}, which needs interpolation: pass it as data instead`);
      }
    }
  }
}

/** A copy of a locale bundle with every string typeset. */
function typesetAll(node: unknown, language: Language, typeset: Typesetter): unknown {
  if (typeof node === 'string') return typeset(language, node);
  if (Array.isArray(node)) return node.map((child) => typesetAll(child, language, typeset));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, typesetAll(child, language, typeset)]));
}
