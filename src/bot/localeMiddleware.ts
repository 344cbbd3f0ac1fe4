import type { Middleware, TurnContext } from 'botbuilder';
import type { LanguagePreferences } from '../flows/language/languagePreferences.js';
import type { Localizer } from '../i18n/localizer.js';
import { hasTurnLocale, setTurnLocale } from './turnLocale.js';

/**
 * Resolves each turn's language once, before any handler runs (see Localizer
 * for the order): here, or earlier by `resolve`, which the turn guard runs
 * while it claims the turn.
 */
export class LocaleMiddleware implements Middleware {
  constructor(private readonly localizer: Localizer, private readonly preferences: LanguagePreferences) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!hasTurnLocale(context)) await this.resolve(context);
    await next();
  }

  async resolve(context: TurnContext): Promise<void> {
    const { from, channelId } = context.activity;
    const saved = from?.id ? await this.preferences.language(channelId ?? '', from.id) : undefined;
    setTurnLocale(context, this.localizer.fromActivity(context.activity, saved));
  }
}
