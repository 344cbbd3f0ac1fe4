/** Country rules: postal codes, states, required fields, cultures and localized country names. */
import { demoCustomers } from '../../src/customers/demoData.js';
import {
  countryChoices,
  countryName,
  countryRules,
  findState,
  isMarketCountry,
  marketCountries,
  normalizePostalCode,
  REGISTRATION_COUNTRIES,
} from '../../src/rules/countries.js';

const TOP_MARKETS = ['US', 'CN', 'JP', 'DE', 'GB', 'IN', 'FR', 'IT', 'BR', 'CA', 'KR', 'RU', 'AU', 'ES', 'MX', 'ID', 'NL', 'SA', 'TR', 'CH'];
const DEMO_COUNTRIES = [...new Set(demoCustomers(new Date('2025-01-01T00:00:00Z')).map((c) => c.billingProfile.defaultAddress.country))];

/** Whether a postal code, as typed, is accepted for the country (after normalization). */
const accepts = (country: string, typed: string): boolean => {
  const rule = countryRules(country).postalCode;
  if (!rule) throw new Error(`no postal code rule for ${country}`);
  return rule.pattern.test(normalizePostalCode(country, typed));
};

describe('postal codes', () => {
  it.each([...new Set([...TOP_MARKETS, ...DEMO_COUNTRIES, 'PT', ...REGISTRATION_COUNTRIES])])('%s has a rule whose example matches it', (country) => {
    const rule = countryRules(country).postalCode;
    expect(rule).toBeDefined();
    expect(rule!.pattern.test(rule!.example)).toBe(true);
    expect(countryRules(country).postalCodeRequired).toBe(true);
  });

  it.each([
    ['US', '98052', true],
    ['US', '98052-6399', true],
    ['US', '9805', false],
    ['US', '98052-63', false],
    ['PT', '1100-148', true],
    ['PT', '1100', true],
    ['PT', '1100-14', false],
    ['DE', '10115', true],
    ['DE', '1011', false],
    ['AT', '8010', true],
    ['AT', '80100', false],
    ['CH', '8001', true],
    ['CH', 'CH-8001', true],
    ['CH', '0800', false],
    ['GB', 'EC2A 2DW', true],
    ['GB', 'm1 1jg', true],
    ['GB', 'sw1a1aa', true],
    ['GB', '12345', false],
    ['CA', 'M5J 2N1', true],
    ['CA', 'm5j2n1', true],
    ['CA', 'D5J 2N1', false],
    ['CN', '100080', true],
    ['CN', '10008', false],
    ['JP', '100-0005', true],
    ['JP', '1000005', true],
    ['JP', '１００－０００５', true],
    ['JP', '100-000', false],
    ['RU', '125009', true],
    ['RU', '12500', false],
    ['KZ', '050051', true],
    ['KZ', 'A15E3C', true],
    ['KZ', '05005', false],
    ['BR', '01310-200', true],
    ['BR', '01310200', true],
    ['BR', '0131-200', false],
    ['NL', '1012 JS', true],
    ['NL', '1012js', true],
    ['NL', '0123 AB', false],
    ['PL', '00-950', true],
    ['PL', '00950', true],
    ['PL', '0-950', false],
    ['ES', '28013', true],
    ['ES', '53013', false],
    ['FR', '69002', true],
    ['FR', '6900', false],
    ['IN', '110001', true],
    ['IN', '011000', false],
    ['TR', '34349', true],
    ['TR', '99000', false],
    ['AZ', 'AZ1000', true],
    ['AZ', '1000', true],
    ['AZ', 'AZ 100', false],
    ['MD', 'MD2001', true],
    ['MD', 'MD-201', false],
  ])('%s %j → %s', (country, typed, ok) => {
    expect(accepts(country, typed)).toBe(ok);
  });

  it.each([
    ['GB', 'ec2a2dw', 'EC2A 2DW'],
    ['GB', '  m1   1jg ', 'M1 1JG'],
    ['CA', 'm5j2n1', 'M5J 2N1'],
    ['JP', '1000005', '100-0005'],
    ['NL', '1012js', '1012 JS'],
    ['BR', '01310200', '01310-200'],
    ['PL', '00950', '00-950'],
    ['AZ', 'az1000', 'AZ 1000'],
    ['DE', ' 10115 ', '10115'],
  ])('normalizes %s %j to %j', (country, typed, normalized) => {
    expect(normalizePostalCode(country, typed)).toBe(normalized);
  });

  it('has no rule (and no requirement) for countries without postal codes', () => {
    expect(countryRules('HK').postalCode).toBeUndefined();
    expect(countryRules('HK').postalCodeRequired).toBe(false);
    expect(countryRules('XX').postalCodeRequired).toBe(false);
  });
});

describe('required fields per country', () => {
  const eleven = ['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA'].sort();

  it('requires a registration number in exactly the eleven countries', () => {
    expect(marketCountries().filter((c) => countryRules(c).registrationNumberRequired)).toEqual(eleven);
    expect([...REGISTRATION_COUNTRIES].sort()).toEqual(eleven);
  });

  it('requires a phone number in exactly the same eleven', () => {
    expect(marketCountries().filter((c) => countryRules(c).phoneRequired)).toEqual(eleven);
  });

  it.each([
    ['US', true],
    ['CA', true],
    ['CN', true],
    ['MX', true],
    ['DE', false],
    ['JP', false],
  ])('%s: state required = %s', (country, required) => {
    expect(countryRules(country).stateRequired).toBe(required);
  });

  it.each([
    ['DE', true],
    ['SG', false],
  ])('%s: city required = %s', (country, required) => {
    expect(countryRules(country).cityRequired).toBe(required);
  });

  it('accepts the code in any case', () => {
    expect(countryRules(' ru ').code).toBe('RU');
    expect(countryRules('ru').registrationNumberRequired).toBe(true);
  });
});

describe('states', () => {
  it.each([
    ['US', 51],
    ['CA', 13],
    ['CN', 31],
    ['MX', 32],
  ])('%s lists %i states with unique codes and values', (country, count) => {
    const states = countryRules(country).states ?? [];
    expect(states).toHaveLength(count);
    expect(new Set(states.map((s) => s.code)).size).toBe(count);
    expect(new Set(states.map((s) => s.value)).size).toBe(count);
  });

  it('lists US two-letter codes including DC, and Chinese display names for every Chinese province', () => {
    const us = countryRules('US').states!;
    expect(us.every((s) => /^[A-Z]{2}$/.test(s.value))).toBe(true);
    expect(us.map((s) => s.code)).toContain('DC');
    expect(countryRules('CN').states!.every((s) => s.names.zh && /\p{Script=Han}/u.test(s.names.zh))).toBe(true);
  });

  it('has no state list where Partner Center has none', () => {
    expect(countryRules('DE').states).toBeUndefined();
  });

  it.each([
    ['US', 'WA', 'WA'],
    ['US', 'wa', 'WA'],
    ['US', 'Washington', 'WA'],
    ['US', 'district of columbia', 'DC'],
    ['US', 'Washington D.C.', 'DC'],
    ['CA', 'ON', 'ON'],
    ['CA', 'Québec', 'QC'],
    ['CA', 'quebec', 'QC'],
    ['CN', 'BJ', 'Beijing'],
    ['CN', 'beijing', 'Beijing'],
    ['CN', '北京', 'Beijing'],
    ['CN', '北京市', 'Beijing'],
    ['CN', '广西', 'Guangxi'],
    ['CN', 'Xizang', 'Tibet'],
    ['MX', 'JAL', 'Jalisco'],
    ['MX', 'Nuevo Leon', 'Nuevo León'],
    ['MX', 'CDMX', 'Ciudad de México'],
  ])('%s %j → %j', (country, typed, value) => {
    expect(findState(country, typed)?.value).toBe(value);
  });

  it.each([
    ['US', 'Atlantis'],
    ['US', 'ON'],
    ['CA', 'WA'],
    ['CN', 'Taiwan'],
    ['US', ''],
    ['DE', 'Bayern'],
  ])('%s %j is not in the list', (country, typed) => {
    expect(findState(country, typed)).toBeUndefined();
  });
});

describe('cultures', () => {
  it.each([
    ['DE', 'de-DE'],
    ['AT', 'de-AT'],
    ['CH', 'de-CH'],
    ['CN', 'zh-CN'],
    ['RU', 'ru-RU'],
    ['US', 'en-US'],
    ['GB', 'en-GB'],
    ['CA', 'en-CA'],
    ['FR', 'fr-FR'],
    ['JP', 'ja-JP'],
    ['BR', 'pt-BR'],
    ['KZ', 'kk-KZ'],
    // Not in the table: CLDR's likely language of the region.
    ['EG', 'ar-EG'],
    ['IS', 'is-IS'],
  ])('%s defaults to %s', (country, culture) => {
    expect(countryRules(country).defaultCulture).toBe(culture);
  });

  it('offers the default first and en-US everywhere, as canonical tags', () => {
    for (const country of marketCountries()) {
      const { defaultCulture, languages } = countryRules(country);
      expect(languages[0]).toBe(defaultCulture);
      expect(languages).toContain('en-US');
      for (const culture of languages) expect(Intl.getCanonicalLocales(culture)).toEqual([culture]);
    }
  });

  it('offers the demo customers their cultures', () => {
    for (const customer of demoCustomers(new Date('2025-01-01T00:00:00Z'))) {
      expect(countryRules(customer.billingProfile.defaultAddress.country).languages).toContain(customer.billingProfile.culture);
    }
  });

  it('offers more than one culture where the country has several languages', () => {
    expect(countryRules('CH').languages).toEqual(['de-CH', 'fr-CH', 'it-CH', 'en-US']);
    expect(countryRules('CA').languages).toEqual(['en-CA', 'fr-CA', 'en-US']);
  });
});

describe('countries and their names', () => {
  it('offers ISO 3166-1 alpha-2 codes, GB but not UK, and not embargoed countries', () => {
    const codes = marketCountries();
    expect(codes.length).toBeGreaterThan(240);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['DE', 'GB', 'US', 'CN', 'RU', 'KZ']));
    expect(codes).not.toContain('UK');
    expect(isMarketCountry('KP')).toBe(false);
    expect(isMarketCountry('DE')).toBe(true);
  });

  it.each([
    ['DE', 'en', 'Germany'],
    ['DE', 'de', 'Deutschland'],
    ['DE', 'zh', '德国'],
    ['DE', 'ru', 'Германия'],
    ['GB', 'de', 'Vereinigtes Königreich'],
    ['CN', 'ru', 'Китай'],
    ['TW', 'en', 'Taiwan'],
    ['MD', 'en', 'Moldova'],
    ['RU', 'zh', '俄罗斯'],
    ['RU', 'ru', 'Россия'],
    ['RU', 'en', 'Russia'],
    ['US', 'en', 'United States'],
    ['us', 'ru', 'Соединенные Штаты'],
    ['CN', 'en', 'China'],
    ['TW', 'zh', '中国台湾'],
    ['XX', 'en', 'XX'],
  ] as const)('%s in %s is %j', (code, language, name) => {
    expect(countryName(code, language)).toBe(name);
  });

  it.each(['en', 'de', 'zh', 'ru'] as const)('lists every market country for %s, sorted by that language', (language) => {
    const choices = countryChoices(language);
    expect(choices.map((c) => c.code).sort()).toEqual([...marketCountries()]);
    const collator = new Intl.Collator(language);
    for (let i = 1; i < choices.length; i++) expect(collator.compare(choices[i - 1]!.name, choices[i]!.name)).toBeLessThanOrEqual(0);
  });

  it.each(['en', 'de', 'zh', 'ru'] as const)('%s: the picker names each country as the review and the details card do (one source)', (language) => {
    for (const { code, name } of countryChoices(language)) expect(name).toBe(countryName(code, language));
    expect(countryChoices('ru').find((c) => c.code === 'RU')?.name).toBe('Россия');
    expect(countryChoices('en').find((c) => c.code === 'US')?.name).toBe('United States');
  });

  it('sorts as people of each language expect', () => {
    const position = (language: 'de' | 'zh', code: string) => countryChoices(language).findIndex((c) => c.code === code);
    // German: Ä sorts with A (Ägypten before Albanien), not after Z.
    expect(position('de', 'EG')).toBeLessThan(position('de', 'AL'));
    // Chinese: by pinyin, 阿尔巴尼亚 (Ā) before 德国 (Dé) before 中国 (Zhōng).
    expect(position('zh', 'AL')).toBeLessThan(position('zh', 'DE'));
    expect(position('zh', 'DE')).toBeLessThan(position('zh', 'CN'));
  });
});
