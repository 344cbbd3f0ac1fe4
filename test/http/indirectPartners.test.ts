import type { Activity } from 'botbuilder';
import { partnerIdOf } from '../../src/rules/invitationLinks.js';
import { actionData, allActions, cardOf, cardText, inputsOf, inputValues } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

const SANDBOX = partnerIdOf('local-sandbox');
const VOSTOK = 'b7d2f8a1-63c5-4d72-8e3f-7a2c1d0f5b22';
const STEPS: Array<Record<string, string>> = [
  { country: 'RU', companyName: 'ООО «Ромашка»', domainPrefix: 'romashka2026' },
  { addressLine1: 'ул. Ленина, д. 1', city: 'Казань', postalCode: '420111', phoneNumber: '+7 843 123-45-67', organizationRegistrationNumber: '7707083893' },
  { firstName: 'Анна', lastName: 'Иванова', email: 'anna@romashka.example', culture: 'ru-RU' },
];

/** Walks the add-customer wizard (in Russian) to its review, choosing a reseller on the first step. */
async function toReview(bot: HttpBot, user: Partial<Activity>, reseller: string): Promise<Partial<Activity>> {
  let { replies } = await bot.post({ ...user, text: 'добавить клиента', locale: 'ru-RU' });
  expect(inputValues(replies[0]).indirectResellerId).toBe('none');
  for (const [i, inputs] of STEPS.entries()) ({ replies } = await bot.post({ ...user, value: { ...inputs, ...(i === 0 ? { indirectResellerId: reseller } : {}), ...actionData(replies[0], 'Далее') }, locale: 'ru-RU' }));
  ({ replies } = await bot.post({ ...user, value: actionData(replies[0], 'Пропустить'), locale: 'ru-RU' }));
  return replies[0]!;
}
const FABRIKAM = 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11';

/** What each language says (literal: what users read). */
const L = {
  'en-US': { resellerLabel: 'Indirect reseller', direct: 'None (you sell directly)', menu: 'Indirect resellers', title: 'Indirect resellers', count: 'You work with 2 indirect resellers.', signed: 'Signed', notSigned: 'Not signed', germany: 'Germany', active: 'Active', invite: 'Invite a customer for Fabrikam Solutions GmbH', onBehalf: 'On behalf of your indirect reseller Fabrikam Solutions GmbH', draft: 'Create e-mail', end: 'end relationship', cannot: "As an indirect reseller you can't do this (Remove reseller relationship) in Partner Center: your indirect provider does it for you (Northwind Distribution AG).", remove: 'Remove reseller relationship', withProvider: 'The link authorizes you and your indirect provider Northwind Distribution AG.', start: 'invite customer', filter: 'Filter by indirect reseller', apply: 'Filter', all: 'All customers', list: 'customer list', empty: 'No customer in this list buys through ООО «Восток Софт».', search: 'Search' },
  'de-DE': { resellerLabel: 'Indirekter Vertriebspartner', direct: 'Keiner (Direktverkauf)', menu: 'Indirekte Vertriebspartner', title: 'Indirekte Vertriebspartner', count: 'Sie arbeiten mit 2 indirekten Vertriebspartnern.', signed: 'Unterzeichnet', notSigned: 'Nicht unterzeichnet', germany: 'Deutschland', active: 'Aktiv', invite: 'Kunden für Fabrikam Solutions GmbH einladen', onBehalf: 'Im Namen Ihres indirekten Vertriebspartners Fabrikam Solutions GmbH', draft: 'E-Mail erstellen', end: 'Beziehung beenden', cannot: 'Als indirekter Vertriebspartner können Sie das (Vertriebspartnerbeziehung entfernen) in Partner Center nicht tun: Das übernimmt Ihr indirekter Anbieter (Northwind Distribution AG).', remove: 'Vertriebspartnerbeziehung entfernen', withProvider: 'Der Link autorisiert Sie und Ihren indirekten Anbieter Northwind Distribution AG.', start: 'Kunden einladen', filter: 'Nach indirekten Händlern filtern', apply: 'Filtern', all: 'Alle Kunden', list: 'Kundenliste', empty: 'Kein Kunde in dieser Liste kauft über ООО «Восток Софт».', search: 'Suchen' },
  'zh-CN': { resellerLabel: '间接经销商', direct: '无（直接销售）', menu: '间接经销商', title: '间接经销商', count: '您与 2 个间接经销商合作。', signed: '已签署', notSigned: '未签署', germany: '德国', active: '活动', invite: '为 Fabrikam Solutions GmbH 邀请客户', onBehalf: '代表您的间接经销商 Fabrikam Solutions GmbH', draft: '创建电子邮件', end: '删除经销商关系', cannot: '作为间接经销商，您无法在合作伙伴中心执行此操作（删除经销商关系）：由您的间接提供商（Northwind Distribution AG）为您执行。', remove: '删除经销商关系', withProvider: '该链接同时授权您和您的间接提供商 Northwind Distribution AG。', start: '邀请客户', filter: '按间接经销商筛选', apply: '筛选', all: '所有客户', list: '客户列表', empty: '此列表中没有通过 ООО «Восток Софт» 购买的客户。', search: '搜索' },
  'ru-RU': { resellerLabel: 'Непрямой торговый посредник', direct: 'Нет (прямая продажа)', menu: 'Непрямые торговые посредники', title: 'Непрямые торговые посредники', count: 'У вас 2 непрямых торговых посредника.', signed: 'Подписано', notSigned: 'Не подписано', germany: 'Германия', active: 'Активно', invite: 'Пригласить клиента для Fabrikam Solutions GmbH', onBehalf: 'От имени вашего непрямого торгового посредника Fabrikam Solutions GmbH', draft: 'Создать письмо', end: 'удалить связь', cannot: 'Как непрямой торговый посредник вы не можете сделать это (Прекратить отношения с торговым посредником) в Центре партнеров: это делает ваш непрямой поставщик (Northwind Distribution AG).', remove: 'Прекратить отношения с торговым посредником', withProvider: 'Ссылка авторизует вас и вашего непрямого поставщика Northwind Distribution AG.', start: 'пригласить клиента', filter: 'Фильтровать по косвенному торговому посреднику', apply: 'Применить', all: 'Все клиенты', list: 'список клиентов', empty: 'В этом списке нет клиентов, покупающих через торгового посредника ООО «Восток Софт».', search: 'Найти' },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

describe('indirect providers and resellers over HTTP (the embedded backend\'s demo partners)', () => {
  let bot: HttpBot;
  afterEach(async () => bot.close(true));

  it.each(LOCALES)('%s: an indirect provider sees its resellers (agreement signed or not) and invites a customer on one\'s behalf', async (locale) => {
    bot = await startHttpBot({ env: { PARTNER_MODEL: 'indirectProvider' } });
    const S = L[locale];
    const menu = (await bot.post({ text: 'menu', locale })).replies[0];
    const list = (await bot.post({ value: actionData(menu, S.menu), locale })).replies[0];
    const text = cardText(list);
    for (const expected of [S.title, S.count, 'Fabrikam Solutions GmbH', 'ООО «Восток Софт»', '5123456', S.signed, S.notSigned, S.germany, S.active]) expect(text).toContain(expected);
    const options = (await bot.post({ value: actionData(list, S.invite), locale })).replies[0];
    expect(cardText(options)).toContain(S.onBehalf);
    // A customer's details name the reseller it buys through; a direct customer's say so.
    for (const [company, reseller] of [['Grünwald', 'Fabrikam Solutions GmbH'], ['Cerámica', S.direct]] as const) {
      const found = (await bot.post({ text: `customer list ${company}`, locale })).replies[0];
      const details = (await bot.post({ value: allActions(cardOf(found)).find((a) => a.data?.verb === 'customerList.details')!.data, locale })).replies[0];
      expect(cardText(details)).toContain(`${S.resellerLabel}\n${reseller}`);
    }
    const draft = (await bot.post({ value: { ...actionData(options, S.draft), delegatedAdmin: 'true', emailLanguage: 'en' }, locale })).replies[0];
    expect(inputValues(draft).body).toContain(`invType=IndirectResellerRelationship&partnerId=${FABRIKAM}&msppId=0&indirectCSPId=${SANDBOX}&DAP=true`);
  });

  it.each(LOCALES)("%s: an indirect provider filters the customer list by reseller (Partner Center's \"Filter by indirect reseller\"): pages, search and export keep the filter", async (locale) => {
    bot = await startHttpBot({ env: { PARTNER_MODEL: 'indirectProvider' } });
    const S = L[locale];
    const list = (await bot.post({ text: S.list, locale })).replies[0];
    const filter = inputsOf(cardOf(list)).find((i) => i.id === 'resellerFilter')!;
    expect(filter).toMatchObject({ value: 'all', choices: ['all', FABRIKAM, VOSTOK] });
    for (const text of [S.filter, S.all, 'Fabrikam Solutions GmbH', 'ООО «Восток Софт»']) expect(cardText(list)).toContain(text);
    const fabrikam = (await bot.post({ value: { ...actionData(list, S.apply), resellerFilter: FABRIKAM }, locale })).replies[0];
    const names = (card: Partial<Activity> | undefined) => allActions(cardOf(card)).filter((a) => a.data?.verb === 'customerList.details').length;
    expect(cardText(fabrikam)).toContain('Grünwald Holzbau GmbH');
    expect(cardText(fabrikam)).toContain('Zürcher Präzisionsoptik AG');
    expect(cardText(fabrikam)).not.toContain('Cerámica');
    expect(cardText(fabrikam)).not.toContain('Уральские');
    expect(inputsOf(cardOf(fabrikam)).find((i) => i.id === 'resellerFilter')!.value).toBe(FABRIKAM);
    const fabrikamRows = names(fabrikam);
    expect(fabrikamRows).toBeGreaterThanOrEqual(2);
    // A search keeps the filter: only Fabrikam's customers whose name matches.
    const searched = (await bot.post({ value: { ...actionData(fabrikam, S.search), searchTerm: 'Zürcher', resellerFilter: FABRIKAM }, locale })).replies[0];
    expect(names(searched)).toBe(1);
    // The export carries the filter into the file.
    const exported = (await bot.post({ value: allActions(cardOf(fabrikam)).find((a) => a.data?.verb === 'customerList.export')!.data, locale })).replies[0];
    const url = allActions(cardOf(exported)).find((a) => a.url)!.url!.replace(/^http:\/\/localhost:\d+/, bot.baseUrl);
    const csv = await (await fetch(url)).text();
    expect(csv).toContain('Grünwald Holzbau GmbH');
    expect(csv).not.toContain('Cerámica');
    expect(csv.trim().split('\n')).toHaveLength(fabrikamRows + 1);
    // "All customers" lifts the filter.
    expect(cardText((await bot.post({ value: { ...actionData(fabrikam, S.apply), resellerFilter: 'all' }, locale })).replies[0])).toContain('Cerámica');
    // A reseller with no customer in the ended view says so; a reseller id the provider does not have is a forged card.
    const ended = (await bot.post({ value: { verb: 'customerList.page', relationship: 'ended', reseller: VOSTOK }, locale })).replies[0];
    expect(cardText(ended)).toContain(S.empty);
    expect(cardText((await bot.post({ value: { verb: 'customerList.page', reseller: 'someone-elses-reseller' }, locale })).replies[0])).toMatch(/could not read|konnte.*nicht lesen|无法读取|Не удалось прочитать/);
  });

  it.each(LOCALES)('%s: an indirect reseller is told its provider removes relationships; it is not offered; its invitation authorizes the provider too', async (locale) => {
    bot = await startHttpBot({ env: { PARTNER_MODEL: 'indirectReseller' } });
    const S = L[locale];
    expect(cardText((await bot.post({ text: S.end, locale })).replies[0])).toContain(S.cannot);
    const menu = (await bot.post({ text: 'menu', locale })).replies[0];
    expect(allActions(cardOf(menu)).map((a) => a.title)).not.toContain(S.remove);
    const list = (await bot.post({ text: 'customer list Cerámica', locale })).replies[0];
    const details = (await bot.post({ value: allActions(cardOf(list)).find((a) => a.data?.verb === 'customerList.details')!.data, locale })).replies[0];
    expect(allActions(cardOf(details)).map((a) => a.title)).not.toContain(S.remove);
    // A button from an old card gets the same explanation, not the flow.
    expect(cardText((await bot.post({ value: { verb: "endRelationship", customerId: "x" }, locale })).replies[0])).toContain(S.cannot);
    const options = (await bot.post({ text: S.start, locale })).replies[0];
    expect(cardText(options)).toContain(S.withProvider);
    const draft = (await bot.post({ value: { ...actionData(options, S.draft), delegatedAdmin: 'true', emailLanguage: 'de' }, locale })).replies[0];
    expect(inputValues(draft).body).toContain(`partnerId=${SANDBOX}&msppId=0&indirectCSPId=c9e3a9b2-74d6-4e83-9f4a-8b3d2e1a6c33`);
  });

  it('an indirect provider adds a customer for one of its resellers: the review and the details name it', async () => {
    bot = await startHttpBot({ env: { PARTNER_MODEL: 'indirectProvider' } });
    const review = await toReview(bot, {}, VOSTOK);
    expect(cardText(review)).toContain('Непрямой торговый посредник\nООО «Восток Софт»');
    expect(cardText((await bot.post({ value: actionData(review, 'Создать клиента'), locale: 'ru-RU' })).replies[0])).toContain('Клиент добавлен');
    const list = (await bot.post({ text: 'список клиентов ромашка', locale: 'ru-RU' })).replies[0];
    const details = (await bot.post({ value: allActions(cardOf(list)).find((a) => a.data?.verb === 'customerList.details')!.data, locale: 'ru-RU' })).replies[0];
    expect(cardText(details)).toContain('Непрямой торговый посредник\nООО «Восток Софт»');
    // A reseller the card did not offer is no choice.
    const forged = await bot.post({ text: 'добавить клиента', locale: 'ru-RU' });
    const reply = (await bot.post({ value: { ...STEPS[0], indirectResellerId: 'someone-else', ...actionData(forged.replies[0], 'Далее') }, locale: 'ru-RU' })).replies[0];
    expect(cardText(reply)).toContain('Не удалось прочитать');
  });

  it('a direct partner asking for indirect resellers is told what they are for; a forged reseller id is refused', async () => {
    bot = await startHttpBot();
    expect(cardText((await bot.post({ text: 'indirect resellers', locale: 'en-US' })).replies[0])).toContain('this is for indirect providers');
    await bot.close(true);
    bot = await startHttpBot({ env: { PARTNER_MODEL: 'indirectProvider' } });
    const forged = (await bot.post({ value: { verb: 'inviteCustomer', indirectResellerId: 'someone-elses-reseller' }, locale: 'en-US' })).replies[0];
    expect(cardText(forged)).toContain('I could not read that card action.');
  });

  describe('on Partner Center', () => {
    let server: PartnerCenterServer;
    const userA = PARTNER_USER;
    beforeEach(async () => {
      server = await new PartnerCenterServer().start();
      seedPartnerCenter(server, PARTNER, 0);
      server.tokens.signIn('user-a', PARTNER);
      server.indirect.set(PARTNER, { resellers: [{ id: '484e548c-f5f3-4528-93a9-c16c6373cb59', name: 'First Up Consultants', state: 'Active', mpnId: '4847383', location: 'US' }, { id: 'b01b1487-b36e-4e6d-9b5e-0b58974c4b28', name: 'ReleCloud', state: 'Active', mpnId: '4847433', location: 'BR' }], providers: [] });
      server.signedAgreements.add('4847383');
      bot = await startHttpBot({ env: { ...partnerCenterEnv(server), PARTNER_MODEL: 'indirectProvider' } });
    });
    afterEach(async () => {
      expect(server.violations).toEqual([]);
      await server.stop();
    });

    it('lists the resellers Partner Center names, with each one\'s agreement status, and asks for the link on a reseller\'s behalf', async () => {
      const list = (await bot.post({ ...userA, text: 'indirekte Vertriebspartner', locale: 'de-DE' })).replies[0];
      expect(cardText(list)).toContain('First Up Consultants\nMPN-ID\n4847383\nStandort\nVereinigte Staaten\nStatus\nAktiv\nPartnervereinbarung (MPA)\nUnterzeichnet');
      expect(cardText(list)).toContain('ReleCloud');
      expect(server.apiCalls('GET').filter((c) => c.path === '/v1/compliance/csp/agreementstatus').map((c) => c.query.get('mpnId')).sort()).toEqual(['4847383', '4847433']);
      const options = (await bot.post({ ...userA, value: actionData(list, 'Kunden für ReleCloud einladen'), locale: 'de-DE' })).replies[0];
      await bot.post({ ...userA, value: { ...actionData(options, 'E-Mail erstellen'), delegatedAdmin: 'false', emailLanguage: 'de' }, locale: 'de-DE' });
      const call = server.apiCalls('GET').find((c) => c.path === '/v1/customers/relationshiprequests')!;
      expect(call.query.get('indirectResellerId')).toBe('b01b1487-b36e-4e6d-9b5e-0b58974c4b28');
      // The details card asks Partner Center whom the customer buys through.
      const customer = server.customersOf(PARTNER)[0]!;
      customer.resellers = [{ id: '484e548c-f5f3-4528-93a9-c16c6373cb59', name: 'First Up Consultants', state: 'Active', mpnId: '4847383', location: 'US' }];
      const details = (await bot.post({ ...userA, value: { verb: 'customerList.details', customerId: customer.id }, locale: 'de-DE' })).replies[0];
      expect(cardText(details)).toContain('Indirekter Vertriebspartner\nFirst Up Consultants');
      expect(server.apiCalls('GET').some((c) => c.path === `/v1/customers/${customer.id}/relationships`)).toBe(true);
    });

    it('without PARTNER_MODEL, Partner Center says: a partner with indirect resellers is a provider, one with a provider a reseller, one with neither direct', async () => {
      await bot.close(true);
      bot = await startHttpBot({ env: partnerCenterEnv(server) });
      const menuTitles = async () => allActions(cardOf((await bot.post({ ...userA, text: 'menu', locale: 'en-US' })).replies[0])).map((a) => a.title);
      // Before the sign-in nothing is known: the menu is a direct partner's.
      server.tokens.signOut('user-a');
      expect(await menuTitles()).toContain('Remove reseller relationship');
      server.tokens.signIn('user-a', PARTNER);
      expect(await menuTitles()).toContain('Indirect resellers');
      expect(server.apiCalls('GET').filter((c) => c.path === '/v1/relationships').map((c) => c.query.get('relationship_type'))).toEqual(['IsIndirectCloudSolutionProviderOf']);
      // Asked once an hour per tenant, not on every turn.
      await menuTitles();
      expect(server.apiCalls('GET').filter((c) => c.path === '/v1/relationships')).toHaveLength(1);

      await bot.close(true);
      server.indirect.set(PARTNER, { resellers: [], providers: [{ id: 'c9e3a9b2-74d6-4e83-9f4a-8b3d2e1a6c33', name: 'Northwind Distribution AG', state: 'Active', mpnId: '5000001', location: 'DE' }] });
      bot = await startHttpBot({ env: partnerCenterEnv(server) });
      expect(await menuTitles()).not.toContain('Remove reseller relationship');
      expect(cardText((await bot.post({ ...userA, text: 'end relationship', locale: 'en-US' })).replies[0])).toContain('your indirect provider does it for you (Northwind Distribution AG)');

      await bot.close(true);
      server.indirect.set(PARTNER, { resellers: [], providers: [] });
      bot = await startHttpBot({ env: partnerCenterEnv(server) });
      const direct = await menuTitles();
      expect(direct).toContain('Remove reseller relationship');
      expect(direct).not.toContain('Indirect resellers');
    });

    it('a customer added for a reseller is created with associatedPartnerId', async () => {
      const review = await toReview(bot, userA, 'b01b1487-b36e-4e6d-9b5e-0b58974c4b28');
      await bot.post({ ...userA, value: actionData(review, 'Создать клиента'), locale: 'ru-RU' });
      const create = server.apiCalls('POST').find((c) => c.path === '/v1/customers')!;
      expect(create.body).toMatchObject({ associatedPartnerId: 'b01b1487-b36e-4e6d-9b5e-0b58974c4b28', companyProfile: { domain: 'romashka2026.onmicrosoft.com' } });
    });
  });
});
