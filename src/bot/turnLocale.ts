import type { TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Translate } from '../i18n/i18n.js';
import { DEFAULT_REGION_LOCALE, type Language } from '../i18n/languages.js';
import { resolveLocale, type LocaleSources } from '../i18n/localeResolver.js';

/** The language of one turn, with its translator and a locale tag for Intl formatting. */
export interface TurnLocale {
  language: Language;
  formatLocale: string;
  /** The user's IANA time zone from Teams' clientInfo, else UTC. */
  timeZone: string;
  t: Translate;
}

const TURN_LOCALE = Symbol('turnLocale');

/** Builds TurnLocale values; one per app, holding the app's i18next instance. */
export class Localizer {
  constructor(private readonly i18n: i18n, private readonly defaultLocale?: string) {}

  resolve(sources: Omit<LocaleSources, 'defaultLocale'>, timeZone = 'UTC'): TurnLocale {
    const { language, formatLocale } = resolveLocale({ ...sources, defaultLocale: this.defaultLocale });
    return { language, formatLocale, timeZone, t: this.i18n.getFixedT(language) };
  }

  /** The same user in another language (after a switch): keeps the time zone. */
  forLanguage(language: Language, timeZone = 'UTC'): TurnLocale {
    return { language, formatLocale: DEFAULT_REGION_LOCALE[language], timeZone, t: this.i18n.getFixedT(language) };
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
export const counted = ({ formatLocale }: TurnLocale, count: number): { count: number; formatted: string } => ({
  count,
  formatted: new Intl.NumberFormat(formatLocale).format(count),
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
