import type { Resource } from 'i18next';
import { normalizeInput } from '../text/normalizeInput.js';
import { languageOf } from './localeResolver.js';
import { SUPPORTED_LANGUAGES, type Language } from './languages.js';

const LANGUAGE_CODE = /^(en|de|zh|ru)(?:[-_][a-z0-9-]+)?$/i;

/**
 * Recognises a language typed by name in any of our languages ("Deutsch",
 * "German", "德语", "немецкий") or as a code ("de", "ru-RU"). Names come from
 * `languageNames` in locales/<lang>/commands.json and the endonyms in common.json.
 */
export class LanguageNames {
  private readonly names = new Map<string, Language>();

  constructor(resources: Resource) {
    for (const bundle of Object.values(resources)) {
      const byLanguage = (bundle.commands as { languageNames?: Record<string, string[]> } | undefined)?.languageNames ?? {};
      const endonyms = (bundle.common as { language?: { names?: Record<string, string> } } | undefined)?.language?.names ?? {};
      for (const language of SUPPORTED_LANGUAGES) {
        for (const name of [...(byLanguage[language] ?? []), endonyms[language] ?? '']) {
          if (name) this.names.set(normalizeInput(name), language);
        }
      }
    }
  }

  match(text: string | undefined): Language | undefined {
    if (!text) return undefined;
    const input = normalizeInput(text);
    if (LANGUAGE_CODE.test(input)) return languageOf(input);
    return this.names.get(input);
  }
}
