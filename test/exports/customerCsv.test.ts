import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CustomerSummary } from '../../src/customers/customerQuery.js';
import { customerCsv } from '../../src/exports/customerCsv.js';
import { createI18n, loadLocaleResources, type Translate } from '../../src/i18n/i18n.js';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { projectRoot } from '../../src/paths.js';

const localesDir = path.join(projectRoot(), 'locales');
const missingKeys: string[] = [];
const i18n = createI18n(loadLocaleResources(localesDir), (language, key) => missingKeys.push(`${language}:${key}`));
const tFor = (language: Language): Translate => i18n.getFixedT(language);

interface CommonJson {
  export: { columns: { id: string; companyName: string; domain: string; relationship: string } };
  relationship: Record<CustomerSummary['relationshipToPartner'], string>;
}
const common = (language: Language): CommonJson =>
  JSON.parse(readFileSync(path.join(localesDir, language, 'common.json'), 'utf8')) as CommonJson;

const BOM = '\uFEFF';

const contoso: CustomerSummary = {
  id: '0b1c2d3e-0000-4000-8000-000000000001',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  relationshipToPartner: 'reseller',
};
const fabrikam: CustomerSummary = {
  id: '0b1c2d3e-0000-4000-8000-000000000002',
  companyName: 'Fabrikam GmbH',
  domain: 'fabrikam.onmicrosoft.com',
  relationshipToPartner: 'none',
};
const items = [contoso, fabrikam];

afterEach(() => {
  expect(missingKeys).toEqual([]);
});

describe('customerCsv', () => {
  it('writes the English export byte for byte', () => {
    const expected = Buffer.from(
      BOM +
        'Microsoft ID,Company name,Primary domain name,Relationship\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000001,Contoso Ltd,contoso.onmicrosoft.com,Reseller\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000002,Fabrikam GmbH,fabrikam.onmicrosoft.com,Ended\r\n',
      'utf8',
    );
    expect(customerCsv(items, tFor('en'))).toEqual(expected);
  });

  it('writes the Russian export byte for byte', () => {
    const expected = Buffer.from(
      BOM +
        'Идентификатор Майкрософт,Название компании,Имя основного домена,Отношения\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000001,Contoso Ltd,contoso.onmicrosoft.com,Торговый посредник\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000002,Fabrikam GmbH,fabrikam.onmicrosoft.com,Завершены\r\n',
      'utf8',
    );
    expect(customerCsv(items, tFor('ru'))).toEqual(expected);
  });

  it('writes the German export byte for byte', () => {
    const expected = Buffer.from(
      BOM +
        'Microsoft-ID,Firmenname,Primärer Domänenname,Beziehung\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000001,Contoso Ltd,contoso.onmicrosoft.com,Vertriebspartner\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000002,Fabrikam GmbH,fabrikam.onmicrosoft.com,Beendet\r\n',
      'utf8',
    );
    expect(customerCsv(items, tFor('de'))).toEqual(expected);
  });

  it('writes the Chinese export byte for byte', () => {
    const expected = Buffer.from(
      BOM +
        'Microsoft ID,公司名称,主域名,关系\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000001,Contoso Ltd,contoso.onmicrosoft.com,经销商\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000002,Fabrikam GmbH,fabrikam.onmicrosoft.com,已结束\r\n',
      'utf8',
    );
    expect(customerCsv(items, tFor('zh'))).toEqual(expected);
  });

  it.each(SUPPORTED_LANGUAGES)('uses the %s locale file for the header and every relationship label', (language) => {
    const { export: exported, relationship } = common(language);
    const all: CustomerSummary[] = (Object.keys(relationship) as CustomerSummary['relationshipToPartner'][]).map((kind, i) => ({
      id: `id-${i}`,
      companyName: `Company ${i}`,
      domain: `c${i}.onmicrosoft.com`,
      relationshipToPartner: kind,
    }));
    expect(all.map((c) => c.relationshipToPartner).sort()).toEqual(['advisor', 'microsoft_support', 'none', 'reseller', 'syndication', 'unknown']);
    const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const expected =
      BOM +
      [exported.columns.id, exported.columns.companyName, exported.columns.domain, exported.columns.relationship].map(quote).join(',') +
      '\r\n' +
      all.map((c) => [c.id, c.companyName, c.domain, quote(relationship[c.relationshipToPartner])].join(',') + '\r\n').join('');
    expect(customerCsv(all, tFor(language)).toString('utf8')).toBe(expected);
  });

  it('starts with the UTF-8 byte order mark EF BB BF', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const bytes = customerCsv(items, tFor(language));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes[3]).not.toBe(0xef);
    }
  });

  it('encodes Chinese and Cyrillic names as UTF-8 that decodes back unchanged', () => {
    const names = ['北京星辰科技有限公司', 'ООО «Северный ветер»', 'Ёлка Трейд', 'Müller Maschinenbau GmbH', '株式会社桜ソリューションズ'];
    const rows = names.map((companyName, i) => ({ ...contoso, id: `id-${i}`, companyName }));
    const bytes = customerCsv(rows, tFor('zh'));
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines.slice(1, -1).map((line) => line.split(',')[1])).toEqual(names);
    expect(lines.at(-1)).toBe('');
    // The raw bytes are UTF-8, not UTF-16 or a legacy code page: 北 is E5 8C 97, С is D0 A1.
    expect(bytes.includes(Buffer.from([0xe5, 0x8c, 0x97]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xd0, 0xa1]))).toBe(true);
  });

  it('quotes and escapes a company name with a comma, a double quote and a newline (RFC 4180)', () => {
    const tricky: CustomerSummary = { ...contoso, companyName: 'Smith, Jones & "Partners"\nLtd' };
    const expected = Buffer.from(
      BOM +
        'Microsoft ID,Company name,Primary domain name,Relationship\r\n' +
        '0b1c2d3e-0000-4000-8000-000000000001,"Smith, Jones & ""Partners""\nLtd",contoso.onmicrosoft.com,Reseller\r\n',
      'utf8',
    );
    expect(customerCsv([tricky], tFor('en'))).toEqual(expected);
  });

  it.each([
    ['comma only', 'Alpha, Beta', '"Alpha, Beta"'],
    ['quote only', 'The "Best" Co', '"The ""Best"" Co"'],
    ['CRLF inside', 'Line1\r\nLine2', '"Line1\r\nLine2"'],
  ])('quotes a name with a %s', (_label, companyName, cell) => {
    const text = customerCsv([{ ...contoso, companyName }], tFor('en')).toString('utf8');
    expect(text.endsWith(`\r\n0b1c2d3e-0000-4000-8000-000000000001,${cell},contoso.onmicrosoft.com,Reseller\r\n`)).toBe(true);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+', '+1 Solutions', "'+1 Solutions"],
    ['-', '-2+3 GmbH', "'-2+3 GmbH"],
    ['@', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a tab', '\t=1+1', "'\t=1+1"],
  ])('neutralizes a name starting with %s with a leading apostrophe', (_label, companyName, cell) => {
    const text = customerCsv([{ ...contoso, companyName }], tFor('en')).toString('utf8');
    expect(text).toBe(
      BOM + 'Microsoft ID,Company name,Primary domain name,Relationship\r\n' + `0b1c2d3e-0000-4000-8000-000000000001,${cell},contoso.onmicrosoft.com,Reseller\r\n`,
    );
  });

  it('leaves names with = + - @ inside, not at the start, unchanged', () => {
    const text = customerCsv([{ ...contoso, companyName: 'A=B+C-D@E' }], tFor('en')).toString('utf8');
    expect(text).toContain('\r\n0b1c2d3e-0000-4000-8000-000000000001,A=B+C-D@E,contoso.onmicrosoft.com,Reseller\r\n');
  });

  it('does not mutate the items it writes', () => {
    const rows = [{ ...contoso, companyName: '=evil' }];
    customerCsv(rows, tFor('en'));
    expect(rows[0]!.companyName).toBe('=evil');
  });

  it('writes just BOM + header + CRLF for an empty list', () => {
    expect(customerCsv([], tFor('en'))).toEqual(Buffer.from(BOM + 'Microsoft ID,Company name,Primary domain name,Relationship\r\n', 'utf8'));
    expect(customerCsv([], tFor('ru'))).toEqual(
      Buffer.from(BOM + 'Идентификатор Майкрософт,Название компании,Имя основного домена,Отношения\r\n', 'utf8'),
    );
  });

  it('keeps the order of the items it is given', () => {
    const text = customerCsv([fabrikam, contoso], tFor('en')).toString('utf8');
    expect(text.indexOf('Fabrikam GmbH')).toBeLessThan(text.indexOf('Contoso Ltd'));
  });
});
