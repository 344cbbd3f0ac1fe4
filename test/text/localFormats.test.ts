/** Addresses, names and phone numbers written the way each country writes them. */
import type { Address } from '../../src/customers/customer.js';
import { familyNameFirst, personName } from '../../src/text/personName.js';
import { phoneShown } from '../../src/text/phoneNumber.js';
import { addressLine, addressLines } from '../../src/text/postalAddress.js';

const address = (fields: Partial<Address> & Pick<Address, 'country' | 'addressLine1'>): Address => fields;

describe('postal addresses by country', () => {
  it.each([
    ['DE', 'en', address({ country: 'DE', addressLine1: 'Friedrichstraße 68', city: 'Berlin', postalCode: '10117' }), 'Friedrichstraße 68, 10117 Berlin'],
    ['US', 'de', address({ country: 'US', addressLine1: '1420 Fifth Avenue', addressLine2: 'Suite 2200', city: 'Seattle', state: 'WA', postalCode: '98101' }), '1420 Fifth Avenue, Suite 2200, Seattle, WA 98101'],
    ['GB', 'en', address({ country: 'GB', addressLine1: '20 Worship Street', city: 'London', postalCode: 'EC2A 2DW' }), '20 Worship Street, London, EC2A 2DW'],
    ['RU', 'ru', address({ country: 'RU', addressLine1: 'ул. Тверская, д. 7', city: 'Москва', postalCode: '125009' }), 'ул. Тверская, д. 7, Москва, 125009'],
    // Largest part first, the listed province in Chinese, no separators between Chinese parts.
    ['CN', 'zh', address({ country: 'CN', addressLine1: '海淀区中关村大街27号', city: '北京市', state: 'Beijing', postalCode: '100080' }), '100080 北京市海淀区中关村大街27号'],
    ['CN (Guangdong)', 'zh', address({ country: 'CN', addressLine1: '天河区天河路208号', city: '广州市', state: 'Guangdong', postalCode: '510620' }), '510620 广东省广州市天河区天河路208号'],
  ] as const)('%s, read in %s', (_country, language, input, expected) => {
    expect(addressLine(input, language)).toBe(expected);
  });

  it('a Chinese address read in English names the province in English and never in a German pattern', () => {
    const lines = addressLines(address({ country: 'CN', addressLine1: '天河区天河路208号', city: '广州市', state: 'Guangdong', postalCode: '510620' }), 'en');
    expect(lines[0]).toBe('510620');
    expect(lines).toContain('Guangdong');
  });

  it('keeps the second street line right after the first, wherever the country puts the street', () => {
    expect(addressLines(address({ country: 'CN', addressLine1: '中关村大街27号', addressLine2: '3层', city: '北京市', state: 'Beijing', postalCode: '100080' }), 'zh')).toEqual(['100080', '北京市', '中关村大街27号', '3层']);
    expect(addressLines(address({ country: 'DE', addressLine1: 'Friedrichstraße 68', addressLine2: '3. OG', city: 'Berlin', postalCode: '10117' }), 'de')).toEqual(['Friedrichstraße 68', '3. OG', '10117 Berlin']);
  });
});

describe('names', () => {
  it.each([
    ['伟', '王', '王伟'],
    ['Wei', 'Wang', 'Wei Wang'],
    ['Michael', 'Johnson', 'Michael Johnson'],
    ['Ирина', 'Соколова', 'Ирина Соколова'],
    ['民准', '金', '金民准'],
    ['민준', '김', '김민준'],
    ['太郎', '山田', '山田太郎'],
    ['', 'Müller', 'Müller'],
  ])('%s + %s is written %s', (first, last, expected) => {
    expect(personName(first, last)).toBe(expected);
  });

  it('Chinese forms ask for the family name first; the others the given name first', () => {
    expect(familyNameFirst('zh')).toBe(true);
    for (const language of ['en', 'de', 'ru']) expect(familyNameFirst(language)).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+74956293150', 'RU', '+7 495 629 31 50'],
    ['+12064674400', 'US', '+1 206 467 4400'],
    ['+861062785500', 'CN', '+86 10 6278 5500'],
    ['030 2016 4500', 'DE', '+49 30 20164500'],
    ['+442071234567', 'GB', '+44 20 7123 4567'],
    ['12', 'DE', '12'],
    ['', 'DE', ''],
  ])('%s (%s) is shown as %j', (raw, country, expected) => {
    expect(phoneShown(raw, country)).toBe(expected);
  });
});
