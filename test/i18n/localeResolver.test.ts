import { languageOf, resolveLocale } from '../../src/i18n/localeResolver.js';

describe('languageOf: a locale tag → one of our languages', () => {
  it.each([
    ['en-US', 'en'], ['EN', 'en'], ['en-gb', 'en'],
    ['de', 'de'], ['de-DE', 'de'], ['DE-at', 'de'], ['de-CH', 'de'], ['de_DE', 'de'],
    ['ru', 'ru'], ['ru-RU', 'ru'], ['RU-kz', 'ru'],
    ['zh', 'zh'], ['zh-CN', 'zh'], ['zh-cn', 'zh'], ['zh-SG', 'zh'], ['zh-Hans', 'zh'], ['zh-Hans-CN', 'zh'],
    ['zh-TW', 'zh'], ['zh-HK', 'zh'], ['zh-Hant', 'zh'], ['zh-Hant-TW', 'zh'],
    ['fr-FR', 'en'], ['ja', 'en'], ['pt-BR', 'en'], ['es-419', 'en'],
  ])('%s → %s', (tag, expected) => {
    expect(languageOf(tag)).toBe(expected);
  });

  it.each([undefined, null, '', '   ', '../../etc/passwd', 'de DE', '<script>', 'x'])('%p is no locale at all', (tag) => {
    expect(languageOf(tag)).toBeUndefined();
  });
});

describe('resolveLocale: saved choice, activity.locale, clientInfo, DEFAULT_LOCALE, English', () => {
  it.each([
    ['saved choice wins over everything', { saved: 'ru', activityLocale: 'de-DE', clientInfoLocale: 'zh-CN', defaultLocale: 'en' }, 'ru'],
    ['then activity.locale', { activityLocale: 'de-DE', clientInfoLocale: 'zh-CN', defaultLocale: 'ru' }, 'de'],
    ['then the Teams clientInfo locale', { clientInfoLocale: 'zh-CN', defaultLocale: 'ru' }, 'zh'],
    ['then DEFAULT_LOCALE', { defaultLocale: 'ru' }, 'ru'],
    ['then English', {}, 'en'],
    ['a malformed activity locale is skipped', { activityLocale: '<b>', clientInfoLocale: 'de-AT' }, 'de'],
    ['an unsupported activity locale means English, not the next source', { activityLocale: 'fr-FR', clientInfoLocale: 'de-DE' }, 'en'],
  ])('%s', (_name, sources, expected) => {
    expect(resolveLocale(sources).language).toBe(expected);
  });

  it('keeps the user\'s region for formatting when it matches the language', () => {
    expect(resolveLocale({ activityLocale: 'de-AT' }).formatLocale).toBe('de-AT');
    expect(resolveLocale({ activityLocale: 'en-GB' }).formatLocale).toBe('en-GB');
    expect(resolveLocale({ saved: 'de', activityLocale: 'en-GB' }).formatLocale).toBe('de-DE');
    expect(resolveLocale({ activityLocale: 'ru' }).formatLocale).toBe('ru-RU');
    // Simplified Chinese strings are formatted the mainland way, even for zh-TW clients.
    expect(resolveLocale({ activityLocale: 'zh-TW' }).formatLocale).toBe('zh-CN');
  });

  it.each([
    ['pt-BR', 'en-US'],
    ['ar-EG', 'en-US'],
    ['fa-IR', 'en-US'],
    ['hi-IN', 'en-US'],
    ['en-US-u-nu-arab', 'en-US'],
    ['de-DE-u-nu-arab', 'de-DE'],
    ['en_GB', 'en-GB'],
  ])('a client locale in a language the bot does not speak (or with a numbering extension) formats as the language it answers in: %s → %s', (tag, expected) => {
    const { formatLocale } = resolveLocale({ activityLocale: tag });
    expect(formatLocale).toBe(expected);
    // What an English card then shows: Latin digits, English month names.
    const text = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(2025, 8, 27))) + ' ' + new Intl.NumberFormat(formatLocale).format(33);
    expect(text).toMatch(/^[\x20-\x7e\u00a0\u202f.äöüß]+$/);
  });

  it('formats numbers and dates the way each language expects', () => {
    const n = 1234567.5;
    const fmt = (sources: Parameters<typeof resolveLocale>[0]) => new Intl.NumberFormat(resolveLocale(sources).formatLocale).format(n);
    expect(fmt({ activityLocale: 'en-US' })).toBe('1,234,567.5');
    expect(fmt({ activityLocale: 'de-DE' })).toBe('1.234.567,5');
    expect(fmt({ activityLocale: 'ru-RU' })).toBe('1\u00a0234\u00a0567,5');
    expect(fmt({ activityLocale: 'zh-CN' })).toBe('1,234,567.5');
    const date = new Date(Date.UTC(2026, 10, 21));
    const day = (tag: string) => new Intl.DateTimeFormat(resolveLocale({ activityLocale: tag }).formatLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
    expect(day('de-DE')).toBe('21. November 2026');
    expect(day('ru-RU')).toBe('21 ноября 2026 г.');
    expect(day('zh-CN')).toBe('2026年11月21日');
  });
});
