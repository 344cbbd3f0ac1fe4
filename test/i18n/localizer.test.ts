import path from 'node:path';
import { counted, Localizer } from '../../src/bot/turnLocale.js';
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
});
