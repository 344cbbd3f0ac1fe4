import type { Middleware, TurnContext } from 'botbuilder';
import { setTurnLocale, type Localizer } from './turnLocale.js';
import type { UserPreferences } from './userPreferences.js';

/** Resolves each turn's language once, before any handler runs (see Localizer for the order). */
export class LocaleMiddleware implements Middleware {
  constructor(private readonly localizer: Localizer, private readonly preferences: UserPreferences) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const saved = context.activity.from?.id ? await this.preferences.language(context) : undefined;
    setTurnLocale(context, this.localizer.fromActivity(context, saved));
    await next();
  }
}
