import type { StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { isLanguage, type Language } from '../i18n/languages.js';

interface Preferences {
  language?: Language;
}

/** What a user chose for themselves (today: the language). Kept in UserState, which does not expire. */
export interface UserPreferences {
  language(context: TurnContext): Promise<Language | undefined>;
  setLanguage(context: TurnContext, language: Language): Promise<void>;
}

export class UserStatePreferences implements UserPreferences {
  private readonly accessor: StatePropertyAccessor<Preferences>;

  constructor(userState: UserState) {
    this.accessor = userState.createProperty<Preferences>('preferences');
  }

  async language(context: TurnContext): Promise<Language | undefined> {
    const saved = (await this.accessor.get(context, {})).language;
    return isLanguage(saved) ? saved : undefined;
  }

  async setLanguage(context: TurnContext, language: Language): Promise<void> {
    const preferences = await this.accessor.get(context, {});
    await this.accessor.set(context, { ...preferences, language });
  }
}
