/** The languages the bot speaks. Every user-visible string exists in each. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'zh', 'ru'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);

/** The regional locale used for Intl formatting when the user's own tag does not say more. */
export const DEFAULT_REGION_LOCALE: Record<Language, string> = {
  en: 'en-US',
  de: 'de-DE',
  zh: 'zh-CN',
  ru: 'ru-RU',
};
