import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText, inputsOf } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

const MUELLER = '9970ef0f-54ea-4397-a203-a6f1586668e7';
const OTHER_PARTNER = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('transfer requests on Partner Center, as the signed-in user', () => {
  let server: PartnerCenterServer;
  let bot: HttpBot;
  const start = async (env: Record<string, string> = {}, overrides: { transferReminderMs?: number } = {}) => {
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 0);
    server.tokens.signIn('user-a', PARTNER);
    server.transfers.eligibility.set(MUELLER, [
      { id: 'cebb73e0-e305-4659-9eab-5ef207010a3b', isEligible: true },
      { id: '19074be2-97ad-4930-a4f6-761f7e946f09', isEligible: false, reason: 'Subscription: 19074be2-97ad-4930-a4f6-761f7e946f09 is in state: Suspended' },
    ]);
    bot = await startHttpBot({ env: { ...partnerCenterEnv(server), ...env }, overrides });
  };
  afterEach(async () => {
    expect(server.violations).toEqual([]);
    await bot.close(true);
    await server.stop();
  });
  const as = async (activity: Partial<Activity>) => (await bot.post({ ...PARTNER_USER, locale: 'de-DE', ...activity })).replies[0];

  it('asks Partner Center for the eligibility and sends the request (transferType 5), lists it as sent and cancels it with a PATCH', async () => {
    await start();
    const form = await as({ text: 'Übertragung anfordern Müller' });
    // Partner Center takes tenant ids: a domain is not looked up.
    const byDomain = await as({ value: { ...actionData(form, 'Berechtigung prüfen'), partner: 'litwarecloud.onmicrosoft.com', customerEmail: 'it@mueller.example', productTypes: 'AzureSubscription' } });
    expect(cardText(byDomain)).toContain('mit Partner Center geben Sie die Mandanten-ID des Partners ein');
    const eligibility = await as({ value: { ...actionData(byDomain, 'Berechtigung prüfen'), partner: OTHER_PARTNER, customerEmail: 'it@mueller.example', productTypes: 'AzureSubscription,AzureReservation' } });
    expect(cardText(eligibility)).toContain('Partner Center meldet, dass es nicht übertragen werden kann: Subscription: 19074be2-97ad-4930-a4f6-761f7e946f09 is in state: Suspended');
    expect(cardText(eligibility)).toContain('1 von 2 Abonnements können übertragen werden.');
    const check = server.apiCalls('GET').find((c) => c.path === `/v1/customers/${MUELLER}/transferseligibility`)!;
    expect(check.query.get('transferType')).toBe('5');

    const sent = await as({ value: actionData(eligibility, 'Übertragungsanforderung senden') });
    const create = server.apiCalls('POST').find((c) => c.path === `/v1/customers/${MUELLER}/transfers`)!;
    expect(create.body).toEqual({
      customerName: 'Müller Maschinenbau GmbH',
      customerEmailId: 'it@mueller.example',
      sourcePartnerTenantId: OTHER_PARTNER,
      targetPartnerTenantId: PARTNER,
      targetProductTypes: ['AzureSubscription', 'AzureReservation'],
      transferType: '5',
    });
    expect(create.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(cardText(sent)).toContain('Gesendete Anforderungen');
    expect(cardText(sent)).toContain('Müller Maschinenbau GmbH');
    expect(cardText(sent)).toContain('Ausstehend');

    const details = await as({ value: allActions(cardOf(sent)).find((a) => a.data?.verb === 'transfers.open')!.data });
    const cancelled = await as({ value: actionData(details, 'Anforderung abbrechen') });
    const patch = server.apiCalls('PATCH').find((c) => c.path.startsWith(`/v1/customers/${MUELLER}/transfers/`))!;
    expect(patch.body).toMatchObject({ status: 'Cancel', sourcePartnerTenantId: OTHER_PARTNER, targetPartnerTenantId: PARTNER });
    expect(cardText(cancelled)).toContain('Abgebrochen');
    expect(server.transfers.transfers[0]!.status).toBe('Cancel');
  });

  it('a received request: the subscriptions Partner Center says can move are offered; accepting PATCHes status Complete with them; another is rejected', async () => {
    await start({ TRANSFER_TYPE: '3' });
    const received = (id: string) => ({
      id, status: 'Active', createdTime: new Date().toISOString(), lastModifiedTime: new Date().toISOString(), customerTenantId: MUELLER, customerName: 'Müller Maschinenbau GmbH', customerEmailId: 'it@mueller.example',
      sourcePartnerTenantId: PARTNER, sourcePartnerName: 'Contoso Partner', targetPartnerTenantId: OTHER_PARTNER, targetPartnerName: 'Fourth Coffee Cloud', targetProductTypes: ['AzureSubscription'], lineItems: [],
    });
    server.transfers.transfers.push(received('11111111-2222-4333-8444-555555555555'), received('66666666-7777-4888-8999-000000000000'));
    const list = await as({ text: 'Übertragungsanforderungen', locale: 'ru-RU' });
    expect(cardText(list)).toContain('Запросил: Fourth Coffee Cloud');
    const rows = allActions(cardOf(list)).filter((a) => a.data?.verb === 'transfers.open');
    expect(rows).toHaveLength(2);
    // By id: both were made "now", so which is listed first depends on whether the clock ticked between them.
    const first = rows.find((a) => a.data?.transferId === '11111111-2222-4333-8444-555555555555')!;
    const details = await as({ value: first.data, locale: 'ru-RU' });
    expect(server.apiCalls('GET').find((c) => c.path === `/v1/customers/${MUELLER}/transferseligibility`)!.query.get('transferType')).toBe('3');
    expect(inputsOf(cardOf(details)).find((i) => i.id === 'subscriptions')!.choices).toEqual(['cebb73e0-e305-4659-9eab-5ef207010a3b']);
    const accepted = await as({ value: { ...actionData(details, 'Принять и переместить'), subscriptions: 'cebb73e0-e305-4659-9eab-5ef207010a3b' }, locale: 'ru-RU' });
    const accept = server.apiCalls('PATCH')[0]!;
    expect(accept.body).toMatchObject({ status: 'Complete', lineItems: [{ subscriptionId: 'cebb73e0-e305-4659-9eab-5ef207010a3b' }] });
    expect(cardText(accepted)).toContain('1 подписка клиента Müller Maschinenbau GmbH перемещена к партнеру Fourth Coffee Cloud.');
    const other = allActions(cardOf(accepted)).filter((a) => a.data?.verb === 'transfers.open').find((a) => a.data?.transferId === '66666666-7777-4888-8999-000000000000')!;
    const second = await as({ value: other.data, locale: 'ru-RU' });
    await as({ value: actionData(second, 'Отклонить'), locale: 'ru-RU' });
    expect(server.apiCalls('PATCH')[1]!.body).toEqual({ id: '66666666-7777-4888-8999-000000000000', status: 'reject' });
    expect(server.transfers.transfers.map((t) => t.status)).toEqual(['Complete', 'Reject']);
  });

  it('a received request in its last three days, seen when the tabs are read, is reminded of once in the feed', async () => {
    await start({}, { transferReminderMs: 50 });
    const channel = { ...PARTNER_USER, conversation: { id: 'pc-channel', isGroup: true, conversationType: 'channel' } as Activity['conversation'] };
    await bot.post({ ...channel, text: 'notifications on', locale: 'en-US' });
    const created = new Date(Date.now() - 28 * 86_400_000).toISOString();
    server.transfers.transfers.push({
      id: '11111111-2222-4333-8444-555555555555', status: 'Active', createdTime: created, lastModifiedTime: created, customerTenantId: MUELLER, customerName: 'Müller Maschinenbau GmbH',
      sourcePartnerTenantId: PARTNER, targetPartnerTenantId: OTHER_PARTNER, targetPartnerName: 'Fourth Coffee Cloud', targetProductTypes: ['AzureSubscription'], lineItems: [],
    });
    await as({ text: 'transfer requests', locale: 'en-US' });
    const feed = async () => {
      await bot.app.events.idle();
      return bot.connector.received.filter((a) => a.conversationId === 'pc-channel' && !a.replyToId?.startsWith('http-')).map(cardText).join('\n');
    };
    const reminder = 'The transfer request for Müller Maschinenbau GmbH from Fourth Coffee Cloud expires on';
    for (let i = 0; i < 100 && !(await feed()).includes(reminder); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await feed()).toContain(reminder);
    // Read again after a request of ours (which makes the tabs be gathered anew): no second reminder.
    const form = await as({ text: 'request transfer Müller', locale: 'en-US' });
    const eligibility = await as({ value: { ...actionData(form, 'Check eligibility'), partner: OTHER_PARTNER, customerEmail: 'it@mueller.example', productTypes: 'AzureSubscription' }, locale: 'en-US' });
    await as({ value: actionData(eligibility, 'Send transfer request'), locale: 'en-US' });
    expect(server.apiCalls('GET').filter((c) => c.path === `/v1/customers/${MUELLER}/transfers`).length).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await feed()).split(reminder)).toHaveLength(2);
  });
});
