import { isLanguage, type Language } from '../../i18n/languages.js';
import type { SessionStore } from '../flowSessions.js';

/** What a user chose for themselves (today: the language), kept without expiry. */
export interface LanguagePreferences {
  language(channelId: string, userKey: string): Promise<Language | undefined>;
  setLanguage(channelId: string, userKey: string, language: Language): Promise<void>;
}

/** Preferences in a store, under the key and shape botbuilder's UserState used, so choices saved by earlier versions still count. */
export class StoredLanguagePreferences implements LanguagePreferences {
  constructor(private readonly store: SessionStore) {}

  async language(channelId: string, userKey: string): Promise<Language | undefined> {
    const saved = (await this.read(channelId, userKey)).preferences?.language;
    return isLanguage(saved) ? saved : undefined;
  }

  async setLanguage(channelId: string, userKey: string, language: Language): Promise<void> {
    const item = await this.read(channelId, userKey);
    await this.store.write({ [keyOf(channelId, userKey)]: { ...item, preferences: { ...item.preferences, language }, eTag: '*' } });
  }

  private async read(channelId: string, userKey: string): Promise<{ preferences?: { language?: unknown } }> {
    const key = keyOf(channelId, userKey);
    const item = (await this.store.read([key]))[key];
    return item && typeof item === 'object' ? (item as { preferences?: { language?: unknown } }) : {};
  }
}

const keyOf = (channelId: string, userKey: string) => `${channelId}/users/${userKey}`;
