import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { AuditLog } from '../../src/audit/auditLog.js';
import { actionData, cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { partnerCustomers, seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { PARTNER, partnerCenterEnv } from '../support/partnerCenterBot.js';

/** More than 1,000 customers: three pages of Partner Center's 500. */
const FILLER = 1_000;
const TOTAL = partnerCustomers(FILLER).length;

/** What each language says (literal: what users read). */
const L = {
  'en-US': {
    list: 'customer list', next: 'Next ›', details: 'Details', export: 'Export customers', pages: ['Page 1 of 103', 'Page 2 of 103'], count: '1,021 customers', ready: 'Your export of 1,021 customers is ready.',
    loading: "Partner Center's full customer list is still loading", pageOnly: 'Page 1', unavailable: "Partner Center isn't answering right now. Nothing was changed",
    addCustomer: 'add customer', wizardNext: 'Next', skip: 'Skip for now', create: 'Create customer', added: 'Customer added', already: 'was already created',
    end: 'end relationship', continue: 'Continue', confirm: 'Remove reseller relationship', removed: 'Reseller relationship removed', forbidden: "Your Partner Center role doesn't allow this.", suggests: "Partner Center couldn't verify the address. It suggests: ",
  },
  'de-DE': {
    list: 'Kundenliste', next: 'Weiter ›', details: 'Details', export: 'Kunden exportieren', pages: ['Seite 1 von 103', 'Seite 2 von 103'], count: '1.021 Kunden', ready: 'Ihr Export mit 1.021 Kunden ist bereit.',
    loading: 'Die vollständige Kundenliste wird noch aus Partner Center geladen', pageOnly: 'Seite 1', unavailable: 'Partner Center antwortet gerade nicht. Nichts wurde geändert',
    addCustomer: 'Kunden hinzufügen', wizardNext: 'Weiter', skip: 'Vorerst überspringen', create: 'Kunden erstellen', added: 'Kunde hinzugefügt', already: 'wurde bereits erstellt',
    end: 'Beziehung beenden', continue: 'Weiter', confirm: 'Vertriebspartnerbeziehung entfernen', removed: 'Vertriebspartnerbeziehung entfernt', forbidden: 'Ihre Rolle in Partner Center erlaubt das nicht.', suggests: 'Partner Center konnte die Adresse nicht überprüfen und schlägt vor: ',
  },
  'zh-CN': {
    list: '客户列表', next: '下一页 ›', details: '详细信息', export: '导出客户', pages: ['第 1 页，共 103 页', '第 2 页，共 103 页'], count: '1,021 位客户', ready: '已准备好包含 1,021 位客户的导出文件。',
    loading: '仍在从合作伙伴中心加载完整的客户列表', pageOnly: '第 1 页', unavailable: '合作伙伴中心当前没有响应。未做任何更改',
    addCustomer: '添加客户', wizardNext: '下一步', skip: '暂时跳过', create: '创建客户', added: '已添加客户', already: '已创建',
    end: '删除经销商关系', continue: '继续', confirm: '删除经销商关系', removed: '经销商关系已删除', forbidden: '您在合作伙伴中心的角色不允许执行此操作。', suggests: '合作伙伴中心无法验证该地址，建议使用：',
  },
  'ru-RU': {
    list: 'список клиентов', next: 'Далее ›', details: 'Подробности', export: 'Экспортировать клиентов', pages: ['Страница 1 из 103', 'Страница 2 из 103'], count: '1\u00a0021 клиент', ready: 'Экспорт готов: 1\u00a0021 клиент.',
    loading: 'Полный список клиентов ещё загружается из Центра партнеров', pageOnly: 'Страница 1', unavailable: 'Центр партнеров сейчас не отвечает. Ничего не изменено',
    addCustomer: 'добавить клиента', wizardNext: 'Далее', skip: 'Пропустить', create: 'Создать клиента', added: 'Клиент добавлен', already: 'уже создан',
    end: 'удалить связь', continue: 'Продолжить', confirm: 'Прекратить отношения', removed: 'Отношения с торговым посредником прекращены', forbidden: 'Ваша роль в Центре партнеров не разрешает это действие.', suggests: 'Центр партнеров не смог проверить адрес и предлагает: ',
  },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

const STEPS: Array<Record<string, string>> = [
  { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtpc' },
  { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
  { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta.lindqvist@nordlicht.example', culture: 'de-DE' },
];

describe('the flows on Partner Center (CUSTOMER_BACKEND=partnercenter), through /api/messages', () => {
  let server: PartnerCenterServer;
  let bot: HttpBot;
  /** A partner user in Teams' tenant of the partner, signed in already. */
  const as = (activity: Partial<Activity>) => bot.post({ channelData: { tenant: { id: PARTNER } }, from: { id: 'user-1', aadObjectId: 'aad-anna', name: 'Anna Schmidt' }, ...activity });
  beforeEach(async () => {
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, FILLER);
    server.tokens.signIn('user-1', PARTNER);
    bot = await startHttpBot({ env: partnerCenterEnv(server) });
  });
  afterEach(async () => {
    await bot.close(true);
    // Every request the bot sent, and every answer, fits the official Swagger.
    expect(server.violations).toEqual([]);
    await server.stop();
  });

  /** Until the bot's copy of the list is whole (its checkpoint file says so). */
  async function synced(): Promise<void> {
    const dir = path.join(bot.dataDir, 'partnercenter');
    for (let i = 0; i < 200; i++) {
      // lowdb writes through a temporary file beside the real one: only the real one counts.
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f)) : [];
      if (files.some((f) => readFileSync(path.join(dir, f), 'utf8').includes('"complete": true'))) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the read model never completed');
  }

  it.each(LOCALES)('%s: the list (first page straight from Partner Center, past one 429 and one 503), then the full list: pages, search in any script, details, export', async (locale) => {
    const S = L[locale];
    server.faults.push({ method: 'GET', path: /^\/v1\/customers$/, status: 429, headers: { 'Retry-After': '1' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' } });
    server.faults.push({ method: 'GET', path: /^\/v1\/customers$/, status: 503, body: { code: 5000, description: 'Service unavailable', source: 'PartnerFD' } });
    const first = await as({ text: S.list, locale });
    expect(cardText(first.replies[0])).toContain(S.loading);
    expect(cardText(first.replies[0])).toContain(S.pageOnly);
    expect(server.faults).toEqual([]);

    await synced();
    const list = (await as({ text: S.list, locale })).replies[0];
    expect(cardText(list)).toContain(S.count);
    expect(cardText(list)).toContain(S.pages[0]);
    expect(cardText(list)).not.toContain(S.loading);
    const next = (await as({ value: actionData(list, S.next), locale })).replies[0];
    expect(cardText(next)).toContain(S.pages[1]);
    // Substring (not only prefix), in Latin, Cyrillic and Chinese: Partner Center's own filter has starts_with only.
    expect(cardText((await as({ text: `${S.list} handel 0123`, locale })).replies[0])).toContain('Nordwind Handel 0123 GmbH');
    expect(cardText((await as({ text: `${S.list} ветер 0124`, locale })).replies[0])).toContain('ООО «Северный ветер 0124»');
    const chinese = (await as({ text: `${S.list} 贸易0125`, locale })).replies[0];
    expect(cardText(chinese)).toContain('北风贸易0125有限公司');
    // Details are read live from Partner Center.
    const gets = server.apiCalls('GET').length;
    const details = (await as({ value: actionData(chinese, S.details), locale })).replies[0];
    expect(cardText(details)).toContain('beifeng0125.onmicrosoft.com');
    expect(server.apiCalls('GET').slice(gets).map((c) => c.path)).toEqual(expect.arrayContaining(['/v1/customers/00000000-0000-4000-9000-000000000125', '/v1/customers/00000000-0000-4000-9000-000000000125/subscriptions']));
    // The export is made during the turn and served by the link without calling Partner Center.
    const ready = (await as({ value: actionData(list, S.export), locale })).replies[0];
    expect(cardText(ready)).toContain(S.ready);
    // The link names the public address (localhost:3978 by default); the test's bot listens elsewhere.
    const url = `${bot.baseUrl}${JSON.stringify(ready).match(/\/exports\/customers\/[^"]+/)![0]}`;
    const calls = server.calls.length;
    const csv = await (await fetch(url)).text();
    expect(csv.trim().split('\n')).toHaveLength(TOTAL + 1);
    expect(server.calls.length).toBe(calls);
    // Every call carried the user's token, its ids and the user's culture.
    for (const call of server.apiCalls()) {
      expect(call.headers.authorization).toBe(`Bearer ${server.tokens.tokenOf('user-1')}`);
      expect(call.headers['ms-requestid']).toBeTruthy();
      expect(call.headers['ms-correlationid']).toBeTruthy();
      expect(call.headers['x-locale']).toBe(locale);
    }
  });

  it.each(LOCALES)('%s: add customer shows Partner Center\'s password once; a lost answer and a second press create nothing twice', async (locale) => {
    const S = L[locale];
    let { replies } = await as({ text: S.addCustomer, locale });
    for (const inputs of STEPS) ({ replies } = await as({ value: { ...inputs, ...actionData(replies[0], S.wizardNext) }, locale }));
    const review = (await as({ value: actionData(replies[0], S.skip), locale })).replies[0];
    // Partner Center makes the customer, but its answer is lost (502): the same MS-RequestId again gets the answer, not a second customer.
    server.faults.push({ method: 'POST', path: /^\/v1\/customers$/, status: 502, after: true });
    const result = (await as({ value: actionData(review, S.create), locale })).replies[0];
    expect(cardText(result)).toContain(S.added);
    expect(server.passwords).toHaveLength(1);
    expect(JSON.stringify(result)).toContain(server.passwords[0]);
    const again = await as({ value: actionData(review, S.create), locale });
    expect(JSON.stringify(again.replies)).not.toContain(server.passwords[0]);
    const posts = server.apiCalls('POST');
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((c) => c.headers['ms-requestid'])).size).toBe(1);
    expect(server.customersOf(PARTNER).filter((c) => c.companyProfile?.domain === 'nordlichtpc.onmicrosoft.com')).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ companyProfile: { domain: 'nordlichtpc.onmicrosoft.com' }, billingProfile: { companyName: 'Nordlicht Software GmbH', culture: 'de-DE', defaultAddress: { country: 'DE', city: 'Berlin' } } });
    expect(JSON.stringify(await new AuditLog(bot.dataDir).entries(PARTNER))).toContain('createCustomer');
  });

  it.each(LOCALES)('%s: remove reseller relationship: the pre-check reads subscriptions and entitlements, the change is a PATCH; Partner Center not answering changes nothing, and the retry sends the same request id', async (locale) => {
    const S = L[locale];
    const check = (await as({ text: `${S.end} Cerámica`, locale })).replies[0];
    const confirm = (await as({ value: { reason: 'customerRequest', ...actionData(check, S.continue) }, locale })).replies[0];
    const id = server.customersOf(PARTNER).find((c) => c.companyProfile?.companyName?.startsWith('Cerámica'))!.id;
    expect(server.apiCalls('GET').map((c) => c.path)).toEqual(expect.arrayContaining([`/v1/customers/${id}/subscriptions`, `/v1/customers/${id}/entitlements`]));
    server.faults.push({ method: 'PATCH', status: 503, times: 4 });
    const refused = await as({ value: { confirmDomain: 'ceramicalevante.onmicrosoft.com', ...actionData(confirm, S.confirm) }, locale });
    expect(JSON.stringify(refused.replies)).toContain(S.unavailable);
    expect(server.customersOf(PARTNER).find((c) => c.id === id)!.relationshipToPartner).toBe('reseller');
    // The same card, pressed again: the answer is lost once more, and the retry still changes it once.
    server.faults.push({ method: 'PATCH', status: 504, after: true });
    const done = await as({ value: { confirmDomain: 'ceramicalevante.onmicrosoft.com', ...actionData(confirm, S.confirm) }, locale });
    expect(cardText(done.replies[0])).toContain(S.removed);
    const patches = server.apiCalls('PATCH');
    expect(patches).toHaveLength(6);
    expect(new Set(patches.map((c) => c.headers['ms-requestid'])).size).toBe(1);
    expect(patches[0]!.body).toEqual({ relationshipToPartner: 'none', attributes: { objectType: 'Customer' } });
    expect(server.customersOf(PARTNER).find((c) => c.id === id)!.relationshipToPartner).toBe('none');
    expect(await new AuditLog(bot.dataDir).entries(PARTNER)).toEqual([expect.objectContaining({ action: 'endRelationship', customerId: id, reason: 'customerRequest', actor: 'aad-anna' })]);
  });

  it.each(LOCALES)('%s: Partner Center refusing the address at Create sends the user back to the address step, values kept, with its suggestion', async (locale) => {
    const S = L[locale];
    let { replies } = await as({ text: S.addCustomer, locale });
    for (const inputs of STEPS) ({ replies } = await as({ value: { ...inputs, ...actionData(replies[0], S.wizardNext) }, locale }));
    const review = (await as({ value: actionData(replies[0], S.skip), locale })).replies[0];
    server.faults.push({ method: 'POST', path: /^\/v1\/customers$/, status: 400, body: { code: 2007, description: 'The address is invalid.', data: [{ suggestedAddress: { addressLine1: 'Friedrichstr. 123', postalCode: '10117', city: 'Berlin', country: 'DE' } }], source: 'PartnerFD' } });
    const back = await as({ value: actionData(review, S.create), locale });
    expect(back.replies.map((r) => r.text ?? JSON.stringify(r.attachments)).join('\n')).toContain(`${S.suggests}Friedrichstr. 123, 10117, Berlin, DE`);
    // The address step again, with what the user typed in its fields.
    const inputs = JSON.stringify(back.replies.at(-1)?.attachments);
    expect(inputs).toMatch(/"id":"addressLine1"[^}]*"value":"Friedrichstraße 123"|"value":"Friedrichstraße 123"[^}]*"id":"addressLine1"/);
    expect(server.customersOf(PARTNER).some((c) => c.companyProfile?.domain === 'nordlichtpc.onmicrosoft.com')).toBe(false);
  });

  it.each(LOCALES)('%s: Partner Center refusing for the user\'s role is said so, and nothing is kept half-done', async (locale) => {
    server.faults.push({ method: 'GET', path: /^\/v1\/customers$/, status: 403, body: { code: 900308, description: 'Insufficient privileges.', source: 'PartnerFD' }, times: 2 });
    const { replies } = await as({ text: L[locale].list, locale });
    expect(JSON.stringify(replies)).toContain(L[locale].forbidden);
  });
});
