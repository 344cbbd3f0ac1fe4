import type { i18n } from 'i18next';
import { LRUCache } from 'lru-cache';
import type { Translate } from './i18n.js';
import { DEFAULT_REGION_LOCALE, SUPPORTED_LANGUAGES, type Language } from './languages.js';
import { IntlFormats, type DisplayNameType } from './intlFormats.js';
import { resolveLocale, type LocaleSources, type ResolvedLocale } from './localeResolver.js';

/** The language of one turn, with its translator and a locale tag for Intl formatting. */
export interface TurnLocale {
  language: Language;
  formatLocale: string;
  /** The user's IANA time zone from Teams' clientInfo, else UTC. */
  timeZone: string;
  t: Translate;
  /** Writes a number the user's way (digit grouping of `formatLocale`). */
  formatNumber: (value: number) => string;
  /**
   * Dates come in one style per language on every card and message ("21. November 2026",
   * "2026年11月21日", "21 ноября 2026 г."), in the user's time zone unless one is named
   * (a calendar date typed in a form is UTC midnight).
   */
  formatDay: (value: Date, timeZone?: string) => string;
  /** A time of day ("14:05"), with the zone's short name when `withZone`. */
  formatTime: (value: Date, withZone?: boolean) => string;
  /** A date and time, in the one date style ("1. Dezember 2026, 14:05 MEZ"). */
  formatMoment: (value: Date) => string;
  /** A language ("de-AT") or region ("CN") code's name in the user's language; the code itself when Intl has none. */
  displayName: (code: string, type: DisplayNameType) => string;
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** Builds TurnLocale values; one per app, holding the app's i18next instance. */
export class Localizer {
  /** One translator per language for the app's lifetime (not one per turn). */
  private readonly translators: Record<Language, Translate>;
  private readonly formats = new IntlFormats();
  /**
   * Every turn resolves the same few combinations of tags (canonicalizing a tag
   * and checking a time zone each build Intl objects), so results are kept.
   * Tags and zones come from clients: the caches are bounded.
   */
  private readonly resolved = new LRUCache<string, ResolvedLocale>({ max: 1_000 });
  private readonly timeZones = new LRUCache<string, string | false>({ max: 1_000 });

  constructor(i18n: i18n, private readonly defaultLocale?: string) {
    this.translators = Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, remembering(i18n.getFixedT(language))])) as Record<Language, Translate>;
  }

  resolve(sources: Omit<LocaleSources, 'defaultLocale'>, timeZone = 'UTC'): TurnLocale {
    const key = `${sources.saved ?? ''}\n${sources.activityLocale ?? ''}\n${sources.clientInfoLocale ?? ''}`;
    let resolved = this.resolved.get(key);
    if (!resolved) {
      resolved = resolveLocale({ ...sources, defaultLocale: this.defaultLocale });
      if (key.length <= MAX_REMEMBERED_KEY_LENGTH) this.resolved.set(key, resolved);
    }
    return this.turnLocale(resolved.language, resolved.formatLocale, timeZone);
  }

  /** The same user in another language (after a switch): keeps the time zone. */
  forLanguage(language: Language, timeZone = 'UTC'): TurnLocale {
    return this.turnLocale(language, DEFAULT_REGION_LOCALE[language], timeZone);
  }

  private turnLocale(language: Language, formatLocale: string, timeZone: string): TurnLocale {
    const { formats } = this;
    return {
      language,
      formatLocale,
      timeZone,
      t: this.translators[language],
      formatNumber: (value) => formats.number(formatLocale).format(value),
      formatDay: (value, zone = timeZone) => formats.dateTime(formatLocale, { timeZone: zone, ...DAY }).format(value),
      formatTime: (value, withZone = false) => formats.dateTime(formatLocale, { timeZone, ...TIME, ...(withZone ? { timeZoneName: 'short' } : {}) }).format(value),
      formatMoment: (value) => formats.dateTime(formatLocale, { timeZone, ...DAY, ...TIME, timeZoneName: 'short' }).format(value),
      displayName: (code, type) => formats.displayNames(formatLocale, type).of(code) ?? code,
    };
  }

  /** Resolves from what an activity carries (its locale and Teams' clientInfo entity) and the user's saved choice. */
  fromActivity(activity: { locale?: string; entities?: Array<{ type: string }> }, saved?: string): TurnLocale {
    const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown; timezone?: unknown } | undefined;
    return this.resolve(
      { saved, activityLocale: activity.locale, clientInfoLocale: typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined },
      this.timeZone(clientInfo?.timezone) ?? 'UTC',
    );
  }

  private timeZone(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.length > MAX_TIME_ZONE_LENGTH) return undefined;
    let zone = this.timeZones.get(value);
    if (zone === undefined) this.timeZones.set(value, (zone = validTimeZone(value) ?? false));
    return zone || undefined;
  }
}

/** Translations remembered per language (least recently used go first). */
const MAX_REMEMBERED_STRINGS = 5_000;
/** Longer keys (forged tags, long user text in options) are answered but not remembered, so the caches' memory stays small. */
const MAX_REMEMBERED_KEY_LENGTH = 300;
const MAX_TIME_ZONE_LENGTH = 64;

/**
 * A translator that remembers what i18next answered: resources do not change
 * while the bot runs, and i18next's lookup (fallbacks, nesting, plural rules,
 * interpolation) was a twentieth of a turn's CPU. A call is remembered by its
 * key and its options, and only when the options are plain strings, numbers
 * and booleans (the same options give the same text); any other call always
 * goes to i18next. Options hold user input (a search term), hence the bound.
 */
function remembering(lookUp: Translate): Translate {
  const remembered = new LRUCache<string, string>({ max: MAX_REMEMBERED_STRINGS });
  const translate = (key: unknown, ...rest: unknown[]): unknown => {
    const memoKey = typeof key === 'string' && rest.length <= 1 ? memoKeyOf(key, rest[0]) : undefined;
    if (memoKey === undefined) return (lookUp as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let value = remembered.get(memoKey);
    if (value === undefined) {
      const text: unknown = (lookUp as unknown as (...args: unknown[]) => unknown)(key, ...rest);
      if (typeof text !== 'string') return text;
      if (memoKey.length <= MAX_REMEMBERED_KEY_LENGTH) remembered.set(memoKey, text);
      value = text;
    }
    return value;
  };
  return translate as unknown as Translate;
}

/** The key alone for a plain lookup; key and options as JSON (unambiguous, whatever the values hold) when every option is a primitive. */
function memoKeyOf(key: string, options: unknown): string | undefined {
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return undefined;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
  }
  return `${key}\n${JSON.stringify(options)}`;
}

/** An IANA zone name Intl accepts (clientInfo comes from the client: never trust it blindly). */
function validTimeZone(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** i18next options for a plural string with its number written the user's way: `t('customerList.count', counted(locale, 21))`. */
export const counted = ({ formatNumber }: TurnLocale, count: number): { count: number; formatted: string } => ({
  count,
  formatted: formatNumber(count),
});
