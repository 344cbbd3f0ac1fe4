import type { Activity } from 'botbuilder';
import { actionData, cardOf, cardText, factsOf } from '../support/cards.js';
import { startTestBot, type TestBot } from '../support/runtime.js';

type Row = { companyName: string; domain: string; customerId: string };

/** The customer rows of a list card, in display order. */
/** The texts on the right of each row (the row's facts). */
function rowFacts(activity: Partial<Activity> | undefined): string[][] {
  const body = (cardOf(activity).body ?? []) as Array<Record<string, any>>;
  return body
    .filter((element) => element.selectAction?.data?.verb === 'customerList.details')
    .map((element) => (element.items[0].columns[1].items as Array<{ text: string }>).map((item) => item.text));
}

function rows(activity: Partial<Activity> | undefined): Row[] {
  const body = (cardOf(activity).body ?? []) as Array<Record<string, any>>;
  return body
    .filter((element) => element.selectAction?.data?.verb === 'customerList.details')
    .map((element) => {
      const texts = element.items[0].columns[0].items as Array<{ text: string }>;
      return { companyName: texts[0]!.text, domain: texts[1]!.text, customerId: element.selectAction.data.customerId };
    });
}

const names = (activity: Partial<Activity> | undefined) => rows(activity).map((r) => r.companyName);

/** What each language's list card says for the 21 active demo customers (literal: what users read). */
const LIST = {
  'en-US': { command: 'customer list', summary: '21 customers', page1: 'Page 1 of 3', next: 'Next ›', previous: '‹ Previous', page2: 'Page 2 of 3', ended: 'Show ended relationships', export: 'Export customers' },
  'de-DE': { command: 'Kundenliste', summary: '21 Kunden', page1: 'Seite 1 von 3', next: 'Weiter ›', previous: '‹ Zurück', page2: 'Seite 2 von 3', ended: 'Beendete Beziehungen anzeigen', export: 'Kunden exportieren' },
  'zh-CN': { command: '客户列表', summary: '21 位客户', page1: '第 1 页，共 3 页', next: '下一页 ›', previous: '‹ 上一页', page2: '第 2 页，共 3 页', ended: '显示已结束的关系', export: '导出客户' },
  'ru-RU': { command: 'список клиентов', summary: '21 клиент', page1: 'Страница 1 из 3', next: 'Далее ›', previous: '‹ Назад', page2: 'Страница 2 из 3', ended: 'Показать завершенные отношения', export: 'Экспортировать клиентов' },
} as const;
type Locale = keyof typeof LIST;
const LOCALES = Object.keys(LIST) as Locale[];

describe('customer list', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close(true));

  describe.each(LOCALES)('%s', (locale) => {
    const L = LIST[locale];

    it('shows the first page: 10 rows, total and page count, in the user\'s language', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: L.command, locale });
      expect(cardText(list).split('\n')[1]).toBe(L.summary);
      expect(cardText(list)).toContain(L.page1);
      expect(rows(list)).toHaveLength(10);
      expect(cardText(list)).toContain(L.next);
      expect(cardText(list)).not.toContain(L.previous);
      expect(cardText(list)).toContain(L.ended);
      expect(cardText(list)).toContain(L.export);
      expect(cardOf(list).lang).toBe(locale.slice(0, 2));
    });

    it('pages forward to the end and back, every customer exactly once', async () => {
      bot = await startTestBot();
      const [page1] = await bot.send({ text: L.command, locale });
      const [page2] = await bot.send({ value: actionData(page1, L.next), locale });
      expect(cardText(page2)).toContain(L.page2);
      expect(cardText(page2)).toContain(L.previous);
      const [page3] = await bot.send({ value: actionData(page2, L.next), locale });
      expect(rows(page3)).toHaveLength(1);
      expect(cardText(page3)).not.toContain(L.next);
      const all = [...names(page1), ...names(page2), ...names(page3)];
      expect(new Set(all).size).toBe(21);
      const [back] = await bot.send({ value: actionData(page3, L.previous), locale });
      expect(names(back)).toEqual(names(page2));
    });
  });

  it.each([
    ['de-DE', (list: string[]) => {
      // Umlauts sort with their base letter: Müller < Öko < Soluções < Thames < Übersee < Van der Berg.
      const order = ['Müller Maschinenbau GmbH', 'Öko-Energie Schwarzwald GmbH', 'Soluções Digitais Ipiranga Ltda.', 'Thames Valley Analytics Ltd', 'Übersee Handelskontor GmbH', 'Van der Berg Installatietechniek B.V.'];
      expect(list.filter((n) => order.includes(n))).toEqual(order);
    }],
    ['ru-RU', (list: string[]) => {
      // Russian puts Cyrillic first, in alphabetical order.
      expect(list.slice(0, 3)).toEqual(['ООО «Северный ветер»', 'ООО «Уральские системы»', 'ТОО «Алатау Сервис»']);
    }],
    ['zh-CN', (list: string[]) => {
      // Chinese names in pinyin order: Běijīng < Shànghǎi < Shēnzhèn < Zhū(shì huìshè).
      const han = list.filter((n) => /\p{Script=Han}/u.test(n));
      expect(han).toEqual(['北京星辰科技有限公司', '上海海韵贸易有限公司', '深圳云帆智能科技有限公司', '株式会社桜ソリューションズ']);
    }],
  ] as const)('%s: sorts the way a native speaker expects', async (locale, check) => {
    bot = await startTestBot();
    const [page1] = await bot.send({ text: LIST[locale].command, locale });
    const [page2] = await bot.send({ value: actionData(page1, LIST[locale].next), locale });
    const [page3] = await bot.send({ value: actionData(page2, LIST[locale].next), locale });
    check([...names(page1), ...names(page2), ...names(page3)]);
  });

  describe('search', () => {
    it.each([
      ['Latin prefix, typed with the command', 'de-DE', { text: 'Kundenliste müller' }, ['Müller Maschinenbau GmbH']],
      ['Latin, case- and accent-insensitive', 'en-US', { text: 'customer list MULLER' }, ['Müller Maschinenbau GmbH']],
      ['Latin substring', 'en-US', { text: 'customer list holz' }, ['Grünwald Holzbau GmbH']],
      ['domain substring', 'en-US', { text: 'customer list lumiere' }, ['Atelier Lumière SARL']],
      ['Cyrillic prefix', 'ru-RU', { text: 'список клиентов ооо' }, ['ООО «Северный ветер»', 'ООО «Уральские системы»']],
      ['Cyrillic substring', 'ru-RU', { text: 'список клиентов север' }, ['ООО «Северный ветер»']],
      ['Chinese prefix', 'zh-CN', { text: '客户列表 北京' }, ['北京星辰科技有限公司']],
      ['Chinese substring, no space after the command', 'zh-CN', { text: '客户列表科技' }, ['北京星辰科技有限公司', '深圳云帆智能科技有限公司']],
    ] as const)('%s', async (_name, locale, activity, expected) => {
      bot = await startTestBot();
      const [list] = await bot.send({ ...activity, locale });
      expect(names(list)).toEqual(expected);
    });

    it('searches from the card\'s text box and shows the term with a way to clear it', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'Kundenliste', locale: 'de-DE' });
      const [found] = await bot.send({ value: { ...actionData(list, 'Suchen'), searchTerm: 'gmbh' }, locale: 'de-DE' });
      expect(names(found)).toEqual(['Grünwald Holzbau GmbH', 'Müller Maschinenbau GmbH', 'Öko-Energie Schwarzwald GmbH', 'Übersee Handelskontor GmbH']);
      expect(cardText(found)).toContain('Suche: „gmbh“');
      expect(cardText(found)).toContain('4 Kunden');
      // One page: no paging, and no "Seite 1 von 1".
      expect(cardText(found)).not.toContain('Seite 1');
      expect(cardText(found)).not.toContain('Weiter ›');
      const [cleared] = await bot.send({ value: actionData(found, 'Suche zurücksetzen'), locale: 'de-DE' });
      expect(cardText(cleared)).toContain('Seite 1 von 3');
    });

    it.each([
      ['en-US', 'customer list zzzz', 'No customer matches “zzzz”.', 'Clear search'],
      ['de-DE', 'Kundenliste zzzz', 'Kein Kunde entspricht „zzzz“.', 'Suche zurücksetzen'],
      ['zh-CN', '客户列表 zzzz', '没有与“zzzz”匹配的客户。', '清除搜索'],
      ['ru-RU', 'список клиентов zzzz', 'Нет клиентов, соответствующих запросу «zzzz».', 'Сбросить поиск'],
    ] as const)('%s: no match says so, with a way to clear the search', async (locale, text, message, clear) => {
      bot = await startTestBot();
      const [list] = await bot.send({ text, locale });
      expect(rows(list)).toHaveLength(0);
      expect(cardText(list)).toContain(message);
      expect(actionData(list, clear)).toMatchObject({ verb: 'customerList.page', search: '' });
    });

    it('refuses an over-long search term in the user\'s language', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'список клиентов', locale: 'ru-RU' });
      const [reply] = await bot.send({ value: { ...actionData(list, 'Найти'), searchTerm: 'я'.repeat(101) }, locale: 'ru-RU' });
      expect(cardText(reply)).toContain('Слишком длинный поисковый запрос. Используйте не более 100 символов.');
    });
  });

  it.each([
    ['en-US', 'customer list müller', ['Germany', '4 subscriptions'], 'Reseller'],
    ['de-DE', 'Kundenliste müller', ['Deutschland', '4 Abonnements'], 'Vertriebspartner'],
    ['zh-CN', '客户列表 müller', ['德国', '4 个订阅'], '经销商'],
    ['ru-RU', 'список клиентов müller', ['Германия', '4 подписки'], 'Торговый посредник'],
  ] as const)('%s: a row shows what tells customers apart (country, subscriptions), not the relationship every row has', async (locale, command, facts, relationship) => {
    bot = await startTestBot();
    const [list] = await bot.send({ text: command, locale });
    expect(rowFacts(list)).toEqual([facts]);
    const [all] = await bot.send({ text: command.replace(/ müller$/, ''), locale });
    expect(rowFacts(all)).toHaveLength(10);
    expect(rowFacts(all).flat()).not.toContain(relationship);
  });

  it('shows ended relationships under their own filter', async () => {
    bot = await startTestBot();
    const [list] = await bot.send({ text: 'customer list', locale: 'en-US' });
    const [ended] = await bot.send({ value: actionData(list, 'Show ended relationships'), locale: 'en-US' });
    expect(cardText(ended)).toContain('Customer list: ended reseller relationships');
    expect(cardText(ended)).toContain('4 customers');
    expect(names(ended)).toEqual(['Great Lakes Freight Inc', 'Pennine Outdoor Gear Ltd', 'Schäfer & Söhne Logistik KG', 'АО «Балтийская логистика»']);
    // Each row: the date the relationship ended, then the country.
    for (const [date, country] of rowFacts(ended)) {
      expect(date).toMatch(/^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$/);
      expect(country).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/);
    }
    const [active] = await bot.send({ value: actionData(ended, 'Show active relationships'), locale: 'en-US' });
    expect(cardText(active)).toContain('21 customers');
  });

  describe('details', () => {
    it.each([
      ['en-US', ['Microsoft ID', 'Address', 'Germany', 'Created', 'Subscriptions', 'Reseller', 'German (Germany)']],
      ['de-DE', ['Microsoft-ID', 'Adresse', 'Deutschland', 'Erstellt', 'Abonnements', 'Vertriebspartner', 'Deutsch (Deutschland)']],
      ['zh-CN', ['Microsoft ID', '地址', '德国', '创建时间', '订阅', '经销商', '德语（德国）']],
      ['ru-RU', ['Идентификатор Майкрософт', 'Адрес', 'Германия', 'Создан', 'Подписки', 'Торговый посредник', 'немецкий (Германия)']],
    ] as const)('%s: a row opens the details card with the customer\'s data and subscriptions', async (locale, expected) => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'Kundenliste müller', locale });
      const [row] = rows(list);
      const [details] = await bot.send({ value: { verb: 'customerList.details', customerId: row!.customerId }, locale });
      const text = cardText(details);
      expect(text).toContain('Müller Maschinenbau GmbH');
      expect(text).toContain(row!.customerId);
      expect(text).toContain('muellermaschinenbau.onmicrosoft.com');
      for (const label of expected) expect(text).toContain(label);
    });

    it.each([
      ['zh-CN', '星辰', ['中国', '100080 北京市海淀区中关村大街27号', '王伟 · wang.wei@xingchen-tech.cn · +86 10 6278 5500']],
      ['en-US', 'Cascade', ['United States', '1420 Fifth Avenue, Suite 2200, Seattle, WA 98101', 'Michael Johnson · mjohnson@cascadetimberworks.com · +1 206 467 4400']],
      ['ru-RU', 'Северный', ['Россия', 'ул. Тверская, д. 7, Москва, 125009', 'Ирина Соколова · i.sokolova@severny-veter.ru · +7 495 629 31 50']],
      ['de-DE', 'Cascade', ['Vereinigte Staaten', '1420 Fifth Avenue, Suite 2200, Seattle, WA 98101']],
    ] as const)('%s: the details card writes the country, address, name and phone the way the customer\'s country does', async (locale, search, expected) => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: `customer list ${search}`, locale });
      const [details] = await bot.send({ value: { verb: 'customerList.details', customerId: rows(list)[0]!.customerId }, locale });
      const lines = cardText(details).split('\n');
      for (const line of expected) expect(lines).toContain(line);
    });

    it('formats the created date in the user\'s locale and shows why an ended relationship ended', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'список клиентов балтийская', locale: 'ru-RU' });
      expect(rows(list)).toHaveLength(0); // ended relationships are not in the active list…
      const [ended] = await bot.send({ value: { verb: 'customerList.page', page: 1, search: 'балтийская', relationship: 'ended' }, locale: 'ru-RU' });
      const [details] = await bot.send({ value: { verb: 'customerList.details', customerId: rows(ended)[0]!.customerId }, locale: 'ru-RU' });
      const text = cardText(details);
      expect(text).toContain('Отношения завершены');
      expect(text).toMatch(/\n\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\.\n/);
    });

    it('writes German dates in the one long style ("16. Januar 2024"), escaped so that Teams\' markdown does not make a numbered list of them', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'Kundenliste müller', locale: 'de-DE' });
      const [details] = await bot.send({ value: { verb: 'customerList.details', customerId: rows(list)[0]!.customerId }, locale: 'de-DE' });
      const created = factsOf(details).find((fact) => fact.title === 'Erstellt')!.value;
      expect(created).toMatch(/^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/);
      // On the card the full stop after the day is escaped: "16\. Januar 2024".
      expect(JSON.stringify(cardOf(details))).toContain(JSON.stringify(created.replace('. ', '\\. ')));
    });

    it('answers an unknown or foreign customer id with a notice and the current list', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ text: 'customer list müller', locale: 'en-US' });
      const sandboxId = rows(list)[0]!.customerId;
      // The same id asked for from another partner tenant (a Teams tenant) is not found there.
      const replies = await bot.send({ channelId: 'msteams', channelData: { tenant: { id: 'another-partner' } }, value: { verb: 'customerList.details', customerId: sandboxId }, locale: 'en-US' });
      expect(cardText(replies[0])).toContain('I could not find that customer.');
      expect(cardText(replies[1])).toContain('No customers yet');
    });
  });

  it.each([
    ['en-US', 'No customers yet', 'Add customer'],
    ['de-DE', 'Noch keine Kunden', 'Kunden hinzufügen'],
    ['zh-CN', '还没有客户', '添加客户'],
    ['ru-RU', 'Клиентов пока нет', 'Добавить клиента'],
  ] as const)('%s: a partner with no customers gets the empty state, offering to add one', async (locale, title, add) => {
    bot = await startTestBot();
    const [empty] = await bot.send({ text: 'customer list', locale, channelId: 'msteams', channelData: { tenant: { id: 'new-partner' } } });
    expect(cardText(empty)).toContain(title);
    expect(actionData(empty, add)).toEqual({ verb: 'addCustomer' });
  });

  it('keeps one partner\'s customers away from another: list, search and details', async () => {
    bot = await startTestBot();
    const other = { channelId: 'msteams', channelData: { tenant: { id: 'partner-b' } }, locale: 'en-US' };
    for (const text of ['customer list', 'customer list müller', 'customer list 北京']) {
      const [reply] = await bot.send({ ...other, text });
      expect(rows(reply)).toHaveLength(0);
      expect(cardText(reply)).not.toContain('Müller');
    }
  });

  it('an old card asking for a page that no longer exists shows the last page', async () => {
    bot = await startTestBot();
    const [reply] = await bot.send({ value: { verb: 'customerList.page', page: 99, search: '', relationship: 'active' }, locale: 'en-US' });
    expect(cardText(reply)).toContain('Page 3 of 3');
    expect(rows(reply)).toHaveLength(1);
  });

  it.each([
    { verb: 'customerList.page', page: 'two' },
    { verb: 'customerList.page', page: -1 },
    { verb: 'customerList.page', relationship: 'everyone' },
    { verb: 'customerList.page', search: 42 },
    { verb: 'customerList.details' },
    { verb: 'customerList.details', customerId: 'x'.repeat(500) },
    { verb: 'customerList.export', relationship: 'all' },
    { verb: 'customerList.delete' },
  ])('a forged list action %p gets the localized notice and changes nothing', async (value) => {
    bot = await startTestBot();
    const [reply] = await bot.send({ value, locale: 'de-DE' });
    expect(cardText(reply)).toContain('Diese Kartenaktion konnte ich nicht lesen.');
  });

  it('does not interrupt a dialog that is waiting: the list is a view', async () => {
    bot = await startTestBot();
    const [picker] = await bot.send({ text: 'language', locale: 'en-US' });
    await bot.send({ text: 'customer list', locale: 'en-US' });
    const [changed] = await bot.send({ value: actionData(picker, 'Deutsch'), locale: 'en-US' });
    expect(cardText(changed)).toContain('Ab jetzt spreche ich Deutsch');
  });
});
