import path from 'node:path';
import type { i18n as I18n } from 'i18next';
import { counted, Localizer } from '../../src/i18n/localizer.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages.js';

const i18n = createI18n(loadLocaleResources(path.resolve('locales')));
const localizer = new Localizer(i18n);

describe('Localizer translators', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: a plain key gives i18next\'s text, the second time too', (language) => {
    const { t } = localizer.forLanguage(language);
    for (const key of ['welcome.title', 'customerList.title', 'addCustomer.cancelled']) {
      const expected = i18n.getFixedT(language)(key);
      expect(expected).not.toBe(key);
      expect(t(key)).toBe(expected);
      expect(t(key)).toBe(expected);
    }
  });

  it('never answers a call with options from a plain lookup of the same key: Russian plurals stay right', () => {
    const locale = localizer.forLanguage('ru');
    // A plain lookup of a plural key first, then the real calls.
    locale.t('welcome.customerCount');
    expect(locale.t('welcome.customerCount', counted(locale, 1))).toBe('В вашем списке 1 клиент.');
    expect(locale.t('welcome.customerCount', counted(locale, 22))).toBe('В вашем списке 22 клиента.');
    expect(locale.t('welcome.customerCount', counted(locale, 25))).toBe('В вашем списке 25 клиентов.');
    expect(locale.t('welcome.customerCount', counted(locale, 1021))).toBe('В вашем списке 1\u00a0021 клиент.');
  });

  it('keeps each language apart', () => {
    expect(localizer.forLanguage('de').t('welcome.title')).not.toBe(localizer.forLanguage('zh').t('welcome.title'));
  });

  it('answers a repeated call with options from memory, and each distinct set of options by itself', () => {
    const locale = localizer.forLanguage('ru');
    for (let round = 0; round < 2; round++) {
      expect(locale.t('welcome.customerCount', counted(locale, 22))).toBe('В вашем списке 22 клиента.');
      expect(locale.t('welcome.customerCount', counted(locale, 5))).toBe('В вашем списке 5 клиентов.');
      // User text that looks like a second option must not reach another call's answer.
      expect(locale.t('customerList.noMatch', { term: '","x":"1' })).toBe(i18n.getFixedT('ru')('customerList.noMatch', { term: '","x":"1' }));
    }
  });

  it('asks i18next once per key and primitive options, and every time for options it cannot compare', () => {
    const calls: unknown[][] = [];
    const fixedT = (...args: unknown[]) => {
      calls.push(args);
      return `text ${calls.length}`;
    };
    const stub = { getFixedT: () => fixedT } as unknown as I18n;
    const { t } = new Localizer(stub).forLanguage('de');
    expect([t('a'), t('a'), t('a', { n: 1 }), t('a', { n: 1 }), t('a', { n: 2 })]).toEqual(['text 1', 'text 1', 'text 2', 'text 2', 'text 3']);
    const withObject = { list: ['x'] };
    expect([t('a', withObject), t('a', withObject)]).toEqual(['text 4', 'text 5']);
    // Long user text is answered, not kept.
    const long = { term: 'x'.repeat(400) };
    expect([t('a', long), t('a', long)]).toEqual(['text 6', 'text 7']);
    expect(calls).toHaveLength(7);
  });
});

describe('Localizer.fromActivity', () => {
  const context = (locale: string, timezone?: unknown) => ({ locale, entities: [{ type: 'clientInfo', timezone }] });

  it('keeps each client tag\'s region and time zone apart after resolving them once', () => {
    const localizer = new Localizer(i18n);
    for (let round = 0; round < 2; round++) {
      expect(localizer.fromActivity(context('de-AT', 'Europe/Vienna'))).toMatchObject({ language: 'de', formatLocale: 'de-AT', timeZone: 'Europe/Vienna' });
      expect(localizer.fromActivity(context('de-CH', 'Europe/Zurich'))).toMatchObject({ language: 'de', formatLocale: 'de-CH', timeZone: 'Europe/Zurich' });
      expect(localizer.fromActivity(context('de-CH'), 'ru')).toMatchObject({ language: 'ru', formatLocale: 'ru-RU', timeZone: 'UTC' });
      expect(localizer.fromActivity(context('zh-CN', 'Mars/Olympus'))).toMatchObject({ language: 'zh', timeZone: 'UTC' });
    }
  });
});

describe('TurnLocale formats', () => {
  const localizer = new Localizer(i18n);
  const instant = new Date('2026-03-01T23:30:00Z');

  it('writes dates in one style per language, in the user\'s time zone unless one is named, for each user apart', () => {
    for (let round = 0; round < 2; round++) {
      expect(localizer.forLanguage('de', 'Europe/Berlin').formatDay(instant)).toBe('2. März 2026');
      expect(localizer.forLanguage('de', 'America/New_York').formatDay(instant)).toBe('1. März 2026');
      expect(localizer.forLanguage('de', 'Europe/Berlin').formatDay(instant, 'UTC')).toBe('1. März 2026');
      expect(localizer.forLanguage('ru', 'Europe/Moscow').formatDay(instant)).toBe('2 марта 2026 г.');
      expect(localizer.forLanguage('zh', 'Asia/Shanghai').formatDay(instant)).toBe('2026年3月2日');
      expect(localizer.forLanguage('en', 'UTC').formatDay(instant)).toBe('March 1, 2026');
    }
  });

  it('writes a time of day, and a moment in the same date style with the zone', () => {
    expect(localizer.forLanguage('de', 'Europe/Berlin').formatTime(instant)).toBe('00:30');
    expect(localizer.forLanguage('de', 'Europe/Berlin').formatTime(instant, true)).toBe('00:30 MEZ');
    expect(localizer.forLanguage('de', 'Europe/Berlin').formatMoment(instant)).toBe('2. März 2026 um 00:30 MEZ');
    expect(localizer.forLanguage('ru', 'Europe/Moscow').formatMoment(instant)).toBe('2 марта 2026 г. в 02:30 GMT+3');
    expect(localizer.forLanguage('zh', 'Asia/Shanghai').formatMoment(instant)).toMatch(/^2026年3月2日 .*07:30/);
  });

  it('names languages and regions in the user\'s language, and falls back to the code', () => {
    expect(localizer.forLanguage('de').displayName('CN', 'region')).toBe('China');
    expect(localizer.forLanguage('ru').displayName('de', 'language')).toBe('немецкий');
    expect(localizer.forLanguage('zh').displayName('DE', 'region')).toBe('德国');
    expect(localizer.forLanguage('en').displayName('QO', 'region')).toBe('Outlying Oceania');
    expect(localizer.forLanguage('en').displayName('AA', 'region')).toBe('AA');
  });
});
