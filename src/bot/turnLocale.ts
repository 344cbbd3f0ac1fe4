import type { TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Translate } from '../i18n/i18n.js';
import { DEFAULT_REGION_LOCALE, SUPPORTED_LANGUAGES, type Language } from '../i18n/languages.js';
import { resolveLocale, type LocaleSources } from '../i18n/localeResolver.js';

/** The language of one turn, with its translator and a locale tag for Intl formatting. */
export interface TurnLocale {
  language: Language;
  formatLocale: string;
  /** The user's IANA time zone from Teams' clientInfo, else UTC. */
  timeZone: string;
  t: Translate;
  /** Writes a number the user's way (digit grouping of `formatLocale`). */
  formatNumber: (value: number) => string;
}

const TURN_LOCALE = Symbol('turnLocale');

/** Builds TurnLocale values; one per app, holding the app's i18next instance. */
export class Localizer {
  /** One translator per language for the app's lifetime (not one per turn). */
  private readonly translators: Record<Language, Translate>;
  /** Number formatters by locale tag: building one costs more than a whole list lookup. */
  private readonly numberFormats = new Map<string, (value: number) => string>();

  constructor(i18n: i18n, private readonly defaultLocale?: string) {
    this.translators = Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, rememberingPlainStrings(i18n.getFixedT(language))])) as Record<Language, Translate>;
  }

  resolve(sources: Omit<LocaleSources, 'defaultLocale'>, timeZone = 'UTC'): TurnLocale {
    const { language, formatLocale } = resolveLocale({ ...sources, defaultLocale: this.defaultLocale });
    return { language, formatLocale, timeZone, t: this.translators[language], formatNumber: this.numberFormat(formatLocale) };
  }

  /** The same user in another language (after a switch): keeps the time zone. */
  forLanguage(language: Language, timeZone = 'UTC'): TurnLocale {
    const formatLocale = DEFAULT_REGION_LOCALE[language];
    return { language, formatLocale, timeZone, t: this.translators[language], formatNumber: this.numberFormat(formatLocale) };
  }

  private numberFormat(formatLocale: string): (value: number) => string {
    let format = this.numberFormats.get(formatLocale);
    if (!format) {
      const formatter = new Intl.NumberFormat(formatLocale);
      format = (value) => formatter.format(value);
      // Tags come from clients; a bounded set keeps memory flat.
      if (this.numberFormats.size < 200) this.numberFormats.set(formatLocale, format);
    }
    return format;
  }

  /** Resolves from the activity alone (saved choice given by the caller). */
  fromActivity(context: TurnContext, saved?: string): TurnLocale {
    const clientInfo = context.activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown; timezone?: unknown } | undefined;
    return this.resolve(
      { saved, activityLocale: context.activity.locale, clientInfoLocale: typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined },
      validTimeZone(clientInfo?.timezone) ?? 'UTC',
    );
  }
}

/** Keys looked up without options are plain strings; at most this many are remembered per language. */
const MAX_REMEMBERED_STRINGS = 5_000;

/**
 * A translator that looks up a key without options once: resources do not
 * change while the bot runs, and i18next's lookup (fallbacks, nesting,
 * interpolation checks) was a twentieth of a turn's CPU. Calls with options
 * (plurals, interpolation) always go to i18next.
 */
function rememberingPlainStrings(lookUp: Translate): Translate {
  const remembered = new Map<string, string>();
  const translate = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return (lookUp as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let value = remembered.get(key);
    if (value === undefined) {
      value = lookUp(key);
      if (remembered.size < MAX_REMEMBERED_STRINGS) remembered.set(key, value);
    }
    return value;
  };
  return translate as unknown as Translate;
}

/** An IANA zone name Intl accepts (clientInfo comes from the client: never trust it blindly). */
function validTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
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

export function setTurnLocale(context: TurnContext, locale: TurnLocale): void {
  context.turnState.set(TURN_LOCALE, locale);
}

/** The locale the LocaleMiddleware resolved for this turn. */
export function turnLocale(context: TurnContext): TurnLocale {
  const locale = context.turnState.get(TURN_LOCALE) as TurnLocale | undefined;
  if (!locale) throw new Error('No locale for this turn: is LocaleMiddleware registered?');
  return locale;
}

export const hasTurnLocale = (context: TurnContext): boolean => context.turnState.has(TURN_LOCALE);
