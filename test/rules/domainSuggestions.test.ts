/** Domain prefix suggestions derived from the company name. */
import { suggestDomainPrefixes, transliterate, validateCompanyStep } from '../../src/rules/customerRules.js';

const free = () => false;

describe('transliterate', () => {
  it.each([
    ['Müller Maschinenbau', 'mueller maschinenbau'],
    ['Öko-Energie Schwarzwald', 'oeko energie schwarzwald'],
    ['Großhandel Weiß', 'grosshandel weiss'],
    ['Atelier Lumière', 'atelier lumiere'],
    ['Cerámica Levante', 'ceramica levante'],
    ['Łódzka Drukarnia', 'lodzka drukarnia'],
    ['Søren Ærø', 'soren aero'],
    ['Северный ветер', 'severnyy veter'],
    ['Щука и Ёж', 'shchuka i ezh'],
    ['Цифровые Решения', 'tsifrovye resheniya'],
    ['Алатау Сервис', 'alatau servis'],
    ['Қазақ Өнім', 'kazak onim'],
    ['北京星辰科技', ''],
    ['Contoso <script>', 'contoso script'],
  ])('%j → %j', (name, expected) => {
    expect(transliterate(name)).toBe(expected);
  });
});

describe('suggestDomainPrefixes', () => {
  it.each([
    ['Müller Maschinenbau GmbH', 'muellermaschinenbau'],
    ['Schäfer & Söhne Logistik KG', 'schaefersoehnelogistik'],
    ['Müller & Söhne GmbH & Co. KG', 'muellersoehne'],
    ['Atelier Lumière SARL', 'atelierlumiere'],
    ['Thames Valley Analytics Ltd', 'thamesvalleyanalytics'],
    ['Fabrikam Co., Ltd.', 'fabrikam'],
    ['Łódzka Drukarnia Cyfrowa Sp. z o.o.', 'lodzkadrukarniacyfrowa'],
    ['ООО «Северный ветер»', 'severnyyveter'],
    ['АО «Балтийская логистика»', 'baltiyskayalogistika'],
    ['ТОО «Алатау Сервис»', 'alatauservis'],
    ['Contoso', 'contoso'],
    ['3M Deutschland GmbH', '3mdeutschland'],
  ])('%j → %s first', (name, first) => {
    expect(suggestDomainPrefixes(name, free)[0]).toBe(first);
  });

  it('drops legal forms only at the ends, keeps whole words within 27 characters', () => {
    expect(suggestDomainPrefixes('Van der Berg Installatietechniek B.V.', free, 1)).toEqual(['vanderberg']);
    expect(suggestDomainPrefixes('Supercalifragilisticexpialidocious Holdings', free, 1)).toEqual(['supercalifragilisticexpiali']);
  });

  it('offers word combinations, then the country code, then digits', () => {
    expect(suggestDomainPrefixes('Müller Maschinenbau GmbH', free, 5, { country: 'DE' })).toEqual([
      'muellermaschinenbau',
      'mueller',
      'muellermaschinenbaude',
      'muellermaschinenbau1',
      'muellermaschinenbau2',
    ]);
  });

  it('skips taken prefixes', () => {
    const taken = new Set(['contoso', 'contoso1', 'contoso2']);
    expect(suggestDomainPrefixes('Contoso Ltd', (p) => taken.has(p))).toEqual(['contoso3', 'contoso4', 'contoso5']);
    expect(suggestDomainPrefixes('Contoso Ltd', (p) => taken.has(p), 2, { country: 'gb' })).toEqual(['contosogb', 'contoso3']);
  });

  it('keeps digit variants within the length limit', () => {
    const name = 'Abcdefghijklmnopqrstuvwxyza Corp'; // 27 letters
    const taken = new Set(['abcdefghijklmnopqrstuvwxyza']);
    expect(suggestDomainPrefixes(name, (p) => taken.has(p), 2)).toEqual(['abcdefghijklmnopqrstuvwxyz1', 'abcdefghijklmnopqrstuvwxyz2']);
    expect(suggestDomainPrefixes(name, (p) => taken.has(p) || /[a-z]\d$/.test(p), 1, { maxLength: 27 })).toEqual(['abcdefghijklmnopqrstuvwxy10']);
  });

  it('falls back to a generic prefix with digits for names it cannot romanize', () => {
    const first = suggestDomainPrefixes('北京星辰科技有限公司', free);
    expect(first).toHaveLength(3);
    for (const prefix of first) expect(prefix).toMatch(/^company\d{4}$/);
    // Stable for the same name, different for another.
    expect(suggestDomainPrefixes('北京星辰科技有限公司', free)).toEqual(first);
    expect(suggestDomainPrefixes('上海海韵贸易有限公司', free)).not.toEqual(first);
    expect(suggestDomainPrefixes('株式会社桜ソリューションズ', free, 1)[0]).toMatch(/^company\d{4}$/);
    expect(suggestDomainPrefixes('', free, 1)[0]).toMatch(/^company\d{4}$/);
  });

  it('uses the Latin part of a mixed name', () => {
    expect(suggestDomainPrefixes('Contoso 科技有限公司', free, 1)).toEqual(['contoso']);
  });

  it('respects count and a shorter maximum length', () => {
    expect(suggestDomainPrefixes('Contoso', free, 0)).toEqual([]);
    expect(suggestDomainPrefixes('Contoso', free, 7)).toHaveLength(7);
    const china = suggestDomainPrefixes('Supercalifragilisticexpialidocious', free, 3, { maxLength: 22 });
    for (const prefix of china) expect(prefix.length).toBeLessThanOrEqual(22);
  });

  it('gives up instead of looping when everything is taken', () => {
    expect(suggestDomainPrefixes('Contoso', () => true)).toEqual([]);
  });

  it.each(['Müller Maschinenbau GmbH', 'ООО «Ромашка»', '北京星辰科技有限公司', 'x'.repeat(100_000), '<script>alert(1)</script>', '!!!'])(
    'suggests only prefixes the company step accepts, for %j',
    (name) => {
      const suggestions = suggestDomainPrefixes(name.slice(0, 100_000), free, 5, { country: 'DE' });
      expect(suggestions.length).toBe(5);
      for (const domainPrefix of suggestions) {
        expect(domainPrefix).toMatch(/^[a-z0-9]{1,27}$/);
        expect(validateCompanyStep({ country: 'DE', companyName: 'Contoso GmbH', domainPrefix }, { domainSuffix: '.onmicrosoft.com' }).ok).toBe(true);
      }
    },
  );
});
