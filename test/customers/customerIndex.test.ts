import type { Customer, RelationshipToPartner } from '../../src/customers/customer.js';
import { CustomerIndex } from '../../src/customers/customerIndex.js';
import type { CustomerQuery } from '../../src/customers/customerQuery.js';
import { demoCustomers } from '../../src/customers/demoData.js';
import { searchKey } from '../../src/text/searchKey.js';

let sequence = 0;

function makeCustomer(companyName: string, options: { domain?: string; relationship?: RelationshipToPartner } = {}): Customer {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  const domain = options.domain ?? `tenant${sequence}.onmicrosoft.com`;
  return {
    id,
    commerceId: `commerce-${sequence}`,
    companyProfile: { tenantId: id, domain, companyName },
    billingProfile: {
      companyName,
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: `anna@${domain}`,
      culture: 'de-DE',
      language: 'de',
      defaultAddress: { country: 'DE', city: 'Berlin', addressLine1: 'Unter den Linden 1', postalCode: '10117' },
    },
    relationshipToPartner: options.relationship ?? 'reseller',
    createdAt: '2024-01-01T00:00:00.000Z',
    subscriptions: [],
  };
}

/** Builds the customers in a deliberately scrambled order, so the index has to sort them. */
function indexOf(...names: string[]): CustomerIndex {
  return new CustomerIndex(names.map((name) => makeCustomer(name)));
}

const names = (index: CustomerIndex, query: Partial<CustomerQuery> = {}): string[] =>
  index.query({ relationship: 'active', locale: 'en-US', ...query }).items.map((item) => item.companyName);

describe('searchKey', () => {
  it.each([
    ['Müller Maschinenbau GmbH', 'muller maschinenbau gmbh'],
    ['MULLER', 'muller'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Ёлка', 'елка'],
    ['Йогурт', 'иогурт'],
    ['ｃｏｎｔｏｓｏ', 'contoso'],
    ['  Öko-Energie \t Schwarzwald  ', 'oko-energie schwarzwald'],
    ['北京星辰科技有限公司', '北京星辰科技有限公司'],
    ['Łódzka Drukarnia', 'lodzka drukarnia'],
    ['Øresund Æble Œuvre', 'oresund aeble oeuvre'],
    ['Đakovo', 'dakovo'],
  ])('folds %j to %j', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });
});

describe('CustomerIndex changes in place', () => {
  it('moves a customer whose relationship ended from the active to the ended ordering, and a renamed one to its new place, in orderings built before', () => {
    const anna = makeCustomer('Anna AG');
    const berta = makeCustomer('Berta GmbH');
    const clara = makeCustomer('Clara KG');
    const index = new CustomerIndex([anna, berta, clara]);
    expect(names(index, { locale: 'de-DE' })).toEqual(['Anna AG', 'Berta GmbH', 'Clara KG']);
    expect(names(index, { locale: 'de-DE', relationship: 'ended' })).toEqual([]);
    index.update([{ ...berta, relationshipToPartner: 'none' }, { ...anna, companyProfile: { ...anna.companyProfile, companyName: 'Zora AG' } }]);
    expect(names(index, { locale: 'de-DE' })).toEqual(['Clara KG', 'Zora AG']);
    expect(names(index, { locale: 'de-DE', relationship: 'ended' })).toEqual(['Berta GmbH']);
    // The search sees the new name, not the old one.
    expect(names(index, { locale: 'de-DE', search: 'zora' })).toEqual(['Zora AG']);
    expect(names(index, { locale: 'de-DE', search: 'anna' })).toEqual([]);
    expect(index.orderings).toBe(2);
  });
});

describe('CustomerIndex collation', () => {
  it('keeps one ordering per language, however many region tags (forged or not) ask, and sorts them alike', () => {
    const index = indexOf('Zwickau Logistik', 'Äpfelwein AG', 'Apfel GmbH');
    const regions = Array.from({ length: 50 }, (_, i) => `de-${String(100 + i)}`);
    const orders = new Set([...regions, 'de-AT', 'de-CH', 'de-DE'].map((locale) => names(index, { locale }).join('|')));
    expect(orders).toEqual(new Set(['Apfel GmbH|Äpfelwein AG|Zwickau Logistik']));
    names(index, { locale: 'ru-RU' });
    names(index, { locale: 'not a tag' });
    expect(index.orderings).toBe(3);
  });

  it('sorts German names with umlauts next to their base letter (de-DE)', () => {
    const index = indexOf('Zwickau Logistik', 'Birne KG', 'Österreich Handel AG', 'Äpfelwein AG', 'Pfeil AG', 'Zürich Versicherung', 'Apfel GmbH', 'Ofen GmbH');
    expect(names(index, { locale: 'de-DE' })).toEqual([
      'Apfel GmbH',
      'Äpfelwein AG',
      'Birne KG',
      'Ofen GmbH',
      'Österreich Handel AG',
      'Pfeil AG',
      'Zürich Versicherung',
      'Zwickau Logistik',
    ]);
  });

  it('treats Ä as A at the first level: "Äpfel AG" before "Apfel GmbH" because AG < GmbH (DIN 5007-1)', () => {
    const index = indexOf('Birne KG', 'Apfel GmbH', 'Äpfel AG');
    expect(names(index, { locale: 'de-DE' })).toEqual(['Äpfel AG', 'Apfel GmbH', 'Birne KG']);
  });

  it('uses the requested locale: Swedish puts Ö after Z, German does not', () => {
    const index = indexOf('Österreich Handel AG', 'Zwickau Logistik', 'Ofen GmbH');
    expect(names(index, { locale: 'de-DE' })).toEqual(['Ofen GmbH', 'Österreich Handel AG', 'Zwickau Logistik']);
    expect(names(index, { locale: 'sv-SE' })).toEqual(['Ofen GmbH', 'Zwickau Logistik', 'Österreich Handel AG']);
  });

  it('sorts Cyrillic names in Russian alphabetical order, Ё with Е (ru-RU)', () => {
    const index = indexOf('Яблоко', 'Жук', 'Ёлка', 'Альфа', 'Зима', 'Борщ');
    // Code point order would put Ё (U+0401) before А (U+0410).
    expect(names(index, { locale: 'ru-RU' })).toEqual(['Альфа', 'Борщ', 'Ёлка', 'Жук', 'Зима', 'Яблоко']);
  });

  it('places Ё among the Е words, after Е and before Ж, as Russian dictionaries do (ICU: ё = е at the first level)', () => {
    const index = indexOf('Жаба', 'Ель', 'Ёлка', 'Ежевика', 'Дом');
    expect(names(index, { locale: 'ru-RU' })).toEqual(['Дом', 'Ежевика', 'Ёлка', 'Ель', 'Жаба']);
  });

  it('sorts Chinese names in pinyin order (zh-CN)', () => {
    const index = indexOf('浙江', '上海', '北京', '阿里', '广州');
    // ā (阿) < běi (北) < guǎng (广) < shàng (上) < zhè (浙); code point order would start with 上.
    expect(names(index, { locale: 'zh-CN' })).toEqual(['阿里', '北京', '广州', '上海', '浙江']);
  });

  it('compares digits numerically: "Firma 2" before "Firma 10"', () => {
    const index = indexOf('Firma 10', 'Firma 2', 'Firma 1');
    expect(names(index, { locale: 'de-DE' })).toEqual(['Firma 1', 'Firma 2', 'Firma 10']);
    expect(names(index, { locale: 'en-US' })).toEqual(['Firma 1', 'Firma 2', 'Firma 10']);
  });

  it('ignores case when sorting', () => {
    const index = indexOf('beta Ltd', 'Alpha Ltd', 'gamma Ltd', 'Delta Ltd');
    expect(names(index)).toEqual(['Alpha Ltd', 'beta Ltd', 'Delta Ltd', 'gamma Ltd']);
  });

  it('orders the same names differently for different locales on the same index', () => {
    const index = indexOf('Öl AG', 'Zug AG');
    expect(names(index, { locale: 'de-DE' })).toEqual(['Öl AG', 'Zug AG']);
    expect(names(index, { locale: 'sv-SE' })).toEqual(['Zug AG', 'Öl AG']);
    expect(names(index, { locale: 'de-DE' })).toEqual(['Öl AG', 'Zug AG']);
  });

  it('breaks ties between equal names by domain', () => {
    const index = new CustomerIndex([
      makeCustomer('Contoso', { domain: 'zeta.onmicrosoft.com' }),
      makeCustomer('Contoso', { domain: 'alpha.onmicrosoft.com' }),
    ]);
    const page = index.query({ relationship: 'active', locale: 'en-US' });
    expect(page.items.map((item) => item.domain)).toEqual(['alpha.onmicrosoft.com', 'zeta.onmicrosoft.com']);
  });

  it('orders names equal at the base level by the locale\'s full order, and only true duplicates by domain', () => {
    const index = new CustomerIndex([
      makeCustomer('CONTOSO', { domain: 'alpha.onmicrosoft.com' }),
      makeCustomer('contoso', { domain: 'zeta.onmicrosoft.com' }),
      makeCustomer('Contoso', { domain: 'beta.onmicrosoft.com' }),
    ]);
    const page = index.query({ relationship: 'active', locale: 'en-US' });
    expect(page.items.map((item) => item.companyName)).toEqual(['contoso', 'Contoso', 'CONTOSO']);
  });

  it('puts the plain spelling before the accented one when the names are otherwise equal (de-DE, DIN 5007)', () => {
    const index = new CustomerIndex([
      makeCustomer('Müller GmbH', { domain: 'a.onmicrosoft.com' }),
      makeCustomer('Muller GmbH', { domain: 'z.onmicrosoft.com' }),
      makeCustomer('Mueller GmbH', { domain: 'm.onmicrosoft.com' }),
    ]);
    expect(names(index, { locale: 'de-DE' })).toEqual(['Mueller GmbH', 'Muller GmbH', 'Müller GmbH']);
  });

  it('sorts the demo tenant per locale', () => {
    const index = new CustomerIndex(demoCustomers(new Date('2026-11-21T00:00:00Z')));
    const de = names(index, { locale: 'de-DE' });
    const ru = names(index, { locale: 'ru-RU' });
    const zh = names(index, { locale: 'zh-CN' });
    for (const list of [de, ru, zh]) expect(list.length).toBeGreaterThan(5);
    // German: Ö and Ü with O and U, not after Z; Zürcher is the last Latin name.
    const at = (name: string): number => {
      expect(de).toContain(name);
      return de.indexOf(name);
    };
    expect(at('Maple Leaf Robotics Inc.')).toBeLessThan(at('Öko-Energie Schwarzwald GmbH'));
    expect(at('Öko-Energie Schwarzwald GmbH')).toBeLessThan(at('Soluções Digitais Ipiranga Ltda.'));
    expect(at('Thames Valley Analytics Ltd')).toBeLessThan(at('Übersee Handelskontor GmbH'));
    expect(at('Übersee Handelskontor GmbH')).toBeLessThan(at('Van der Berg Installatietechniek B.V.'));
    expect(de.filter((name) => /^\p{Script=Latin}/u.test(name)).at(-1)).toBe('Zürcher Präzisionsoptik AG');
    // Russian: Cyrillic names in alphabetical order, and Russian collation puts Cyrillic before Latin.
    expect(ru.slice(0, 3)).toEqual(['ООО «Северный ветер»', 'ООО «Уральские системы»', 'ТОО «Алатау Сервис»']);
    // Chinese: pinyin, so 北京 (běi) < 上海 (shàng) < 深圳 (shēn).
    const han = zh.filter((name) => /^\p{Script=Han}/u.test(name) && name.endsWith('有限公司'));
    expect(han).toEqual(['北京星辰科技有限公司', '上海海韵贸易有限公司', '深圳云帆智能科技有限公司']);
  });
});

describe('CustomerIndex search', () => {
  const customers = [
    makeCustomer('Contoso Ltd', { domain: 'contoso.onmicrosoft.com' }),
    makeCustomer('Microsoftish Ltd', { domain: 'msish.com' }),
    makeCustomer('Fabrikam Holding', { domain: 'fbkm.onmicrosoft.com' }),
    makeCustomer('Alpha fbkm Partners', { domain: 'alpha.example' }),
    makeCustomer('Müller Maschinenbau GmbH', { domain: 'mm-gmbh.de' }),
    makeCustomer('Öko-Energie Schwarzwald GmbH', { domain: 'oeko.de' }),
    makeCustomer('Hauptstraße Bäckerei', { domain: 'baeckerei.de' }),
    makeCustomer('ООО «Северный ветер»', { domain: 'nw-wind.ru' }),
    makeCustomer('Северный путь', { domain: 'put.ru' }),
    makeCustomer('Ёлка Трейд', { domain: 'yolka.ru' }),
    makeCustomer('北京星辰科技有限公司', { domain: 'xingchen.cn' }),
    makeCustomer('深圳云帆智能科技有限公司', { domain: 'yunfan.cn' }),
    makeCustomer('上海海韵贸易有限公司', { domain: 'haiyun.cn' }),
    makeCustomer('Ended Contoso Branch', { domain: 'ended.example', relationship: 'none' }),
  ];
  const index = new CustomerIndex(customers);
  const search = (term: string, extra: Partial<CustomerQuery> = {}): string[] => names(index, { search: term, ...extra });

  it('finds a Latin prefix', () => {
    expect(search('contoso')).toEqual(['Contoso Ltd']);
  });

  it('finds a Latin substring', () => {
    expect(search('softish')).toEqual(['Microsoftish Ltd']);
    // "soft" is also inside the onmicrosoft.com domains; all three are substring matches, in collation order.
    expect(search('soft')).toEqual(['Contoso Ltd', 'Fabrikam Holding', 'Microsoftish Ltd']);
  });

  it('finds a Cyrillic prefix and a Cyrillic substring, the prefix first', () => {
    // "Северный путь" starts with the term; "ООО «Северный ветер»" only contains it.
    expect(search('север')).toEqual(['Северный путь', 'ООО «Северный ветер»']);
    expect(search('ветер')).toEqual(['ООО «Северный ветер»']);
  });

  it('finds a Chinese prefix and a Chinese substring', () => {
    expect(search('北京')).toEqual(['北京星辰科技有限公司']);
    expect(search('科技', { locale: 'zh-CN' })).toEqual(['北京星辰科技有限公司', '深圳云帆智能科技有限公司']);
  });

  it.each(['MULLER', 'muller', 'Müller', 'MÜLLER', 'mülLer masch'])('finds "Müller Maschinenbau GmbH" for %j', (term) => {
    expect(search(term)).toEqual(['Müller Maschinenbau GmbH']);
  });

  it('folds accents, ß and ё', () => {
    expect(search('oko')).toEqual(['Öko-Energie Schwarzwald GmbH']);
    expect(search('strasse')).toEqual(['Hauptstraße Bäckerei']);
    expect(search('STRASSE')).toEqual(['Hauptstraße Bäckerei']);
    expect(search('straße')).toEqual(['Hauptstraße Bäckerei']);
    expect(search('елка')).toEqual(['Ёлка Трейд']);
    expect(search('ЁЛКА')).toEqual(['Ёлка Трейд']);
  });

  it('finds full-width Latin input', () => {
    expect(search('ｃｏｎｔｏｓｏ')).toEqual(['Contoso Ltd']);
  });

  it('matches domains by prefix and by substring', () => {
    expect(search('onmicrosoft')).toEqual(['Contoso Ltd', 'Fabrikam Holding']);
    expect(search('msish')).toEqual(['Microsoftish Ltd']);
    expect(search('nw-wind')).toEqual(['ООО «Северный ветер»']);
  });

  describe('ranking and paging', () => {
    const ranked = new CustomerIndex([
      makeCustomer('Zeta Handels AG', { domain: 'zeta.example' }),
      makeCustomer('Unrelated Ltd', { domain: 'unrelated.example' }),
      makeCustomer('Omega Ltd', { domain: 'handy.example' }),
      makeCustomer('Handwerk Berlin', { domain: 'hwb.example' }),
      makeCustomer('Beta Ltd', { domain: 'mobile-handy.example' }),
      makeCustomer('Alpha Handwerk', { domain: 'alpha.example' }),
    ]);
    const hand = (extra: Partial<CustomerQuery> = {}) => ranked.query({ relationship: 'active', locale: 'en-US', search: 'hand', ...extra });

    it('lists prefix matches (name or domain) before substring matches, each group in collation order', () => {
      // Fabrikam matches by domain prefix, Alpha only by a name substring: Fabrikam comes first although Alpha sorts first.
      expect(search('fbkm')).toEqual(['Fabrikam Holding', 'Alpha fbkm Partners']);
      // Prefix: Handwerk (name), Omega (domain handy.example). Substring: Alpha (name), Beta (domain), Zeta (name).
      expect(hand().items.map((item) => item.companyName)).toEqual(['Handwerk Berlin', 'Omega Ltd', 'Alpha Handwerk', 'Beta Ltd', 'Zeta Handels AG']);
    });

    it('counts every match in total while items respect offset and limit', () => {
      const all = hand();
      expect(all.total).toBe(5);
      expect(all.items).toHaveLength(5);
      const page = hand({ offset: 1, limit: 2 });
      expect(page.total).toBe(5);
      expect(page.items.map((item) => item.companyName)).toEqual(['Omega Ltd', 'Alpha Handwerk']);
      expect(hand({ limit: 2 }).items.map((item) => item.companyName)).toEqual(['Handwerk Berlin', 'Omega Ltd']);
      expect(hand({ offset: 4, limit: 10 })).toEqual({ total: 5, items: all.items.slice(4) });
      expect(hand({ offset: 10, limit: 10 })).toEqual({ total: 5, items: [] });
      expect(hand({ offset: 0, limit: 0 })).toEqual({ total: 5, items: [] });
    });
  });

  it('pages the unfiltered list too', () => {
    const all = index.query({ relationship: 'active', locale: 'en-US' });
    expect(all.total).toBe(13);
    const second = index.query({ relationship: 'active', locale: 'en-US', offset: 5, limit: 5 });
    expect(second.total).toBe(13);
    expect(second.items).toEqual(all.items.slice(5, 10));
  });

  it('filters by relationship: active excludes ended, ended shows only relationshipToPartner "none"', () => {
    expect(search('contoso')).toEqual(['Contoso Ltd']);
    expect(search('contoso', { relationship: 'ended' })).toEqual(['Ended Contoso Branch']);
    const ended = index.query({ relationship: 'ended', locale: 'en-US' });
    expect(ended.total).toBe(1);
    expect(ended.items[0]).toEqual({
      id: customers[13]!.id,
      companyName: 'Ended Contoso Branch',
      domain: 'ended.example',
      country: 'DE',
      relationshipToPartner: 'none',
      subscriptionCount: 0,
    });
  });

  it('counts advisor, syndication, microsoft_support and unknown relationships as active', () => {
    const mixed = new CustomerIndex([
      makeCustomer('A', { relationship: 'advisor' }),
      makeCustomer('B', { relationship: 'syndication' }),
      makeCustomer('C', { relationship: 'microsoft_support' }),
      makeCustomer('D', { relationship: 'unknown' }),
      makeCustomer('E', { relationship: 'none' }),
      makeCustomer('F', { relationship: 'reseller' }),
    ]);
    expect(names(mixed)).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(names(mixed, { relationship: 'ended' })).toEqual(['E']);
  });

  it('returns total 0 and no items when nothing matches', () => {
    expect(index.query({ relationship: 'active', locale: 'en-US', search: 'nonexistent' })).toEqual({ total: 0, items: [] });
    expect(index.query({ relationship: 'ended', locale: 'en-US', search: 'Müller' })).toEqual({ total: 0, items: [] });
  });

  it.each(['', '   ', '\t\n'])('returns everything for the empty search %j', (term) => {
    const everything = index.query({ relationship: 'active', locale: 'en-US' });
    expect(everything.total).toBe(13);
    expect(index.query({ relationship: 'active', locale: 'en-US', search: term })).toEqual(everything);
  });

  it('returns all matches when limit is omitted', () => {
    const many = new CustomerIndex(Array.from({ length: 120 }, (_, i) => makeCustomer(`Firma ${i + 1}`)));
    const page = many.query({ relationship: 'active', locale: 'de-DE' });
    expect(page.total).toBe(120);
    expect(page.items).toHaveLength(120);
    expect(page.items[0]!.companyName).toBe('Firma 1');
    expect(page.items[119]!.companyName).toBe('Firma 120');
  });

  it('returns copies: mutating an item does not affect the next query', () => {
    const first = index.query({ relationship: 'active', locale: 'en-US', search: 'contoso' });
    const item = first.items[0]!;
    item.companyName = 'Hacked';
    item.relationshipToPartner = 'none';
    first.items.length = 0;
    const second = index.query({ relationship: 'active', locale: 'en-US', search: 'contoso' });
    expect(second.items).toEqual([
      { id: customers[0]!.id, companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', relationshipToPartner: 'reseller', country: 'DE', subscriptionCount: 0 },
    ]);
    expect(index.query({ relationship: 'active', locale: 'en-US' }).total).toBe(13);
  });

  it('does not change when the source customers are mutated after indexing', () => {
    const source = [makeCustomer('Original GmbH')];
    const own = new CustomerIndex(source);
    source[0]!.companyProfile.companyName = 'Changed GmbH';
    source.push(makeCustomer('Added GmbH'));
    expect(names(own)).toEqual(['Original GmbH']);
  });
});

describe('CustomerIndex.add', () => {
  it('puts new customers where a fresh index would, in every ordering already built, for lists and searches', () => {
    const existing = demoCustomers(new Date('2026-11-21T00:00:00Z'));
    const added = [
      makeCustomer('Muller Bau AG'),
      makeCustomer('Müller Maschinenbau GmbH', { domain: 'second-mueller.de' }),
      makeCustomer('ООО «Ёлка»'),
      makeCustomer('北京基准科技有限公司'),
      makeCustomer('Aaron Ended Ltd', { relationship: 'none' }),
      makeCustomer('Zeta 10'),
      makeCustomer('Zeta 9'),
    ];
    const grown = new CustomerIndex(existing);
    const queries: CustomerQuery[] = [];
    for (const locale of ['en-US', 'de-DE', 'zh-CN', 'ru-RU']) {
      for (const relationship of ['active', 'ended'] as const) {
        for (const search of [undefined, 'müller', 'ёлка', '北京', 'zeta']) queries.push({ locale, relationship, search });
      }
    }
    // Build every ordering first, so add has to insert into them.
    for (const query of queries) grown.query(query);
    grown.add(added.slice(0, 3));
    grown.add(added.slice(3));
    const fresh = new CustomerIndex([...existing, ...added]);
    for (const query of queries) expect([query, grown.query(query)]).toEqual([query, fresh.query(query)]);
    const total = (relationship: 'active' | 'ended') => grown.query({ locale: 'de-DE', relationship }).total;
    expect(total('active') + total('ended')).toBe(existing.length + added.length);
    expect(names(grown, { locale: 'de-DE', search: 'zeta' })).toEqual(['Zeta 9', 'Zeta 10']);
  });
});
