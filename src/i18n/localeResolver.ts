import { DEFAULT_REGION_LOCALE, isLanguage, type Language } from './languages.js';

/** BCP 47-ish: letters, digits and dashes/underscores only; anything else is ignored. */
const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

/**
 * Maps a locale tag to one of our languages, case-insensitively:
 * de-* → de, ru-* → ru, every Chinese tag → zh (Simplified Chinese is the
 * closest we have for zh-TW/zh-HK/zh-Hant too), any other tag → en.
 * Returns undefined for a missing or malformed tag.
 */
export function languageOf(tag: string | undefined | null): Language | undefined {
  if (!tag || !TAG.test(tag.trim())) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : 'en';
}

export interface LocaleSources {
  /** The language the user picked with the language command. */
  saved?: string | undefined;
  activityLocale?: string | undefined;
  /** `locale` of the Teams `clientInfo` entity. */
  clientInfoLocale?: string | undefined;
  defaultLocale?: string | undefined;
}

export interface ResolvedLocale {
  language: Language;
  /** A full tag for Intl formatting (keeps the user's region, e.g. de-AT, en-GB). */
  formatLocale: string;
}

/**
 * The first source that is present decides, in this order: the user's saved
 * choice, activity.locale, the clientInfo locale, DEFAULT_LOCALE, then English.
 */
export function resolveLocale(sources: LocaleSources): ResolvedLocale {
  const candidates = [sources.saved, sources.activityLocale, sources.clientInfoLocale, sources.defaultLocale];
  for (const tag of candidates) {
    const language = languageOf(tag);
    if (language) return { language, formatLocale: formatLocaleFor(language, [sources.activityLocale, sources.clientInfoLocale]) };
  }
  return { language: 'en', formatLocale: DEFAULT_REGION_LOCALE.en };
}

/**
 * Prefers a regional tag the user's client sent in the same language (en-GB, de-AT); otherwise the
 * language's default region. Only the language and region are kept: a card in English must not show a
 * Portuguese date (pt-BR falls back to English), nor Arabic-Indic digits (ar-EG, or a `-u-nu-arab` extension).
 */
function formatLocaleFor(language: Language, tags: Array<string | undefined>): string {
  // Our Chinese strings are Simplified; Traditional-region formats (zh-TW) would mix scripts.
  if (language === 'zh') return DEFAULT_REGION_LOCALE.zh;
  for (const tag of tags) {
    const locale = tag ? safeLocale(tag) : undefined;
    if (locale?.language === language && locale.region) return `${language}-${locale.region}`;
  }
  return DEFAULT_REGION_LOCALE[language];
}

function safeLocale(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
}
