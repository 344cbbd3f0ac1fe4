import type { TurnContext } from 'botbuilder';
import type { TurnLocale } from '../i18n/localizer.js';

const TURN_LOCALE = Symbol('turnLocale');

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
