import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { SUPPORTED_LANGUAGES } from './languages.js';
import { createTypesetter } from '../text/typography.js';

export type Translate = TFunction;

/** Reads locales/<lang>/<namespace>.json for every supported language. */
export function loadLocaleResources(localesDir: string): Resource {
  const resources: Resource = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const dir = path.join(localesDir, language);
    resources[language] = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      resources[language][path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    }
  }
  return resources;
}

/**
 * One i18next instance per app (never the global singleton), loaded
 * synchronously at start. A missing key is a bug: it is reported through
 * `onMissingKey` instead of silently showing the key to a user.
 */
export function createI18n(resources: Resource, onMissingKey?: (language: string, key: string) => void): i18n {
  const instance = i18next.createInstance();
  // Every translated text is typeset after interpolation, where "«{{company}}»" meets the company's own quotes.
  const typeset = createTypesetter();
  instance.use({
    type: 'postProcessor',
    name: 'typography',
    process: (value: string, _key: unknown, options: { lng?: string }, translator: { language?: string }) => typeset(options.lng ?? translator.language ?? '', value),
  });
  void instance.init({
    resources,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    fallbackLng: 'en',
    ns: ['common', 'commands', 'validation'],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    postProcess: ['typography'],
    returnNull: false,
    saveMissing: Boolean(onMissingKey),
    missingKeyHandler: onMissingKey ? (lngs, _ns, key) => onMissingKey(lngs.join(','), key) : undefined,
  });
  return instance;
}

