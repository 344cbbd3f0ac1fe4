import type { Activity } from 'botbuilder';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { actionData, allActions, cardOf, cardText, inputsOf } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const THAMES = '382c2913-c95a-430f-8254-164576863323';
const AZURE_PLAN = '5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a01';
const LEGACY_AZURE = '5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a05';
const DAY = 86_400_000;
/** The second sandbox partner, Litware Cloud Services, as tests post for it. */
const LITWARE = { channelData: { tenant: { id: 'local-sandbox-2' } }, from: { id: 'lee', name: 'Lee' }, conversation: { id: 'litware-chat' } as Activity['conversation'] };

/** What each language says (literal: what users read). */
const L = {
  'en-US': {
    start: 'request transfer Thames', list: 'transfer requests', check: 'Check eligibility', send: 'Send transfer request', accept: 'Accept and transfer', reject: 'Reject', cancel: 'Cancel request', legacy: 'How to move it', sentTab: 'Sent requests', back: 'Back',
    movable: '2 of 5 subscriptions can move.', reservation: "Reservations don't move: the current partner cancels it, and you buy it again (Partner Center error 900145).", marketplace: "Marketplace products don't move", legacyReason: 'Legacy Azure subscription (MS-AZR-0145P)',
    legacyTitle: 'Moving a legacy Azure subscription: Thames Valley Analytics Ltd', ticket: 'Severity C', sent: 'Transfer request sent to Litware Cloud Services for Thames Valley Analytics Ltd. It has to be accepted by December 31, 2026.',
    pending: 'Pending', completed: 'Completed', cancelled: 'Cancelled', rejected: 'Rejected', expired: 'Expired',
    accepted: '1 subscription of Thames Valley Analytics Ltd transferred to Contoso Cloud Partner.', cancelledNotice: 'Transfer request for Thames Valley Analytics Ltd cancelled.', rejectedNotice: 'Transfer request for Thames Valley Analytics Ltd rejected.',
    feedRequested: 'Contoso Cloud Partner requested a transfer of Thames Valley Analytics Ltd\'s subscriptions (respond by December 31, 2026)', feedAccepted: 'Litware Cloud Services accepted your transfer request: Thames Valley Analytics Ltd', feedRejected: 'Litware Cloud Services rejected your transfer request: Thames Valley Analytics Ltd',
  },
  'de-DE': {
    start: 'Übertragung anfordern Thames', list: 'Übertragungsanforderungen', check: 'Berechtigung prüfen', send: 'Übertragungsanforderung senden', accept: 'Akzeptieren und übertragen', reject: 'Ablehnen', cancel: 'Anforderung abbrechen', legacy: 'So wird es übertragen', sentTab: 'Gesendete Anforderungen', back: 'Zurück',
    movable: '2 von 5 Abonnements können übertragen werden.', reservation: 'Reservierungen werden nicht übertragen: Der aktuelle Partner kündigt sie, und Sie kaufen sie neu (Partner Center-Fehler 900145).', marketplace: 'Marketplace-Produkte werden nicht übertragen', legacyReason: 'Legacy-Azure-Abonnement (MS-AZR-0145P)',
    legacyTitle: 'Legacy-Azure-Abonnement übertragen: Thames Valley Analytics Ltd', ticket: 'Schweregrad C', sent: 'Übertragungsanforderung an Litware Cloud Services für Thames Valley Analytics Ltd gesendet. Sie muss bis 31. Dezember 2026 akzeptiert werden.',
    pending: 'Ausstehend', completed: 'Abgeschlossen', cancelled: 'Abgebrochen', rejected: 'Abgelehnt', expired: 'Abgelaufen',
    accepted: '1 Abonnement von Thames Valley Analytics Ltd an Contoso Cloud Partner übertragen.', cancelledNotice: 'Übertragungsanforderung für Thames Valley Analytics Ltd abgebrochen.', rejectedNotice: 'Übertragungsanforderung für Thames Valley Analytics Ltd abgelehnt.',
    feedRequested: 'Contoso Cloud Partner fordert die Übertragung der Abonnements von Thames Valley Analytics Ltd an (Antwort bis 31. Dezember 2026)', feedAccepted: 'Litware Cloud Services hat Ihre Übertragungsanforderung akzeptiert: Thames Valley Analytics Ltd', feedRejected: 'Litware Cloud Services hat Ihre Übertragungsanforderung abgelehnt: Thames Valley Analytics Ltd',
  },
  'zh-CN': {
    start: '请求传输 Thames', list: '传输请求', check: '检查资格', send: '发送传输请求', accept: '接受并传输', reject: '拒绝', cancel: '取消请求', legacy: '如何转移', sentTab: '已发送的请求', back: '返回',
    movable: '5 个订阅中有 2 个可以转移。', reservation: '预留不会转移：由当前合作伙伴取消，再由您重新购买（合作伙伴中心错误 900145）。', marketplace: '市场产品不会转移', legacyReason: '旧版 Azure 订阅（MS-AZR-0145P）',
    legacyTitle: '转移旧版 Azure 订阅：Thames Valley Analytics Ltd', ticket: '严重级别 C', sent: '已向 Litware Cloud Services 发送 Thames Valley Analytics Ltd 的传输请求。必须在 2026年12月31日 前接受。',
    pending: '待处理', completed: '已完成', cancelled: '已取消', rejected: '已拒绝', expired: '已过期',
    accepted: '已将 Thames Valley Analytics Ltd 的 1 个订阅传输给 Contoso Cloud Partner。', cancelledNotice: '已取消 Thames Valley Analytics Ltd 的传输请求。', rejectedNotice: '已拒绝 Thames Valley Analytics Ltd 的传输请求。',
    feedRequested: 'Contoso Cloud Partner 请求转移 Thames Valley Analytics Ltd 的订阅（请在 2026年12月31日 前答复）', feedAccepted: 'Litware Cloud Services 已接受您的传输请求：Thames Valley Analytics Ltd', feedRejected: 'Litware Cloud Services 已拒绝您的传输请求：Thames Valley Analytics Ltd',
  },
  'ru-RU': {
    start: 'запросить перемещение Thames', list: 'запросы на перемещение', check: 'Проверить возможность', send: 'Отправить запрос на перемещение', accept: 'Принять и переместить', reject: 'Отклонить', cancel: 'Отменить запрос', legacy: 'Как ее переместить', sentTab: 'Отправленные запросы', back: 'Назад',
    movable: '5 подписок, переместить можно 2.', reservation: 'Резервирования не перемещаются: текущий партнер отменяет резервирование, а вы покупаете его заново (ошибка Центра партнеров 900145).', marketplace: 'Продукты Marketplace не перемещаются', legacyReason: 'Устаревшая подписка Azure (MS-AZR-0145P)',
    legacyTitle: 'Перемещение устаревшей подписки Azure: Thames Valley Analytics Ltd', ticket: 'Серьезность C', sent: 'Запрос на перемещение для клиента Thames Valley Analytics Ltd отправлен партнеру Litware Cloud Services. Его нужно принять до 31\u00a0декабря 2026\u00a0г.',
    pending: 'Ожидает ответа', completed: 'Выполнено', cancelled: 'Отменено', rejected: 'Отклонено', expired: 'Истек срок',
    accepted: '1 подписка клиента Thames Valley Analytics Ltd перемещена к партнеру Contoso Cloud Partner.', cancelledNotice: 'Запрос на перемещение для клиента Thames Valley Analytics Ltd отменен.', rejectedNotice: 'Запрос на перемещение для клиента Thames Valley Analytics Ltd отклонен.',
    feedRequested: 'Contoso Cloud Partner запрашивает перемещение подписок клиента Thames Valley Analytics Ltd (ответить до 31\u00a0декабря 2026\u00a0г.)', feedAccepted: 'Litware Cloud Services принял ваш запрос на перемещение: Thames Valley Analytics Ltd', feedRejected: 'Litware Cloud Services отклонил ваш запрос на перемещение: Thames Valley Analytics Ltd',
  },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];
const NOW = new Date('2026-12-01T09:00:00Z');

const FORM = { partner: 'litwarecloud.onmicrosoft.com', customerEmail: 'it@thamesvalley.example', productTypes: 'AzureSubscription,OnlineServicesNCE' };

describe('transfer requests over HTTP (the two sandbox partners)', () => {
  let bot: HttpBot;
  let clock: Date;
  afterEach(async () => bot.close(true));
  const start = async (env: Record<string, string> = {}) => {
    clock = NOW;
    bot = await startHttpBot({ env, overrides: { now: () => clock, transferReminderMs: 50 } });
  };
  const channel = (tenant?: string) => ({ conversation: { id: `channel-${tenant ?? 'demo'}`, isGroup: true, conversationType: 'channel' } as Activity['conversation'], ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}) });
  const feedOf = async (tenant?: string) => {
    await bot.app.events.idle();
    return bot.connector.received.filter((a) => a.conversationId === channel(tenant).conversation!.id && !a.replyToId?.startsWith('http-')).map(cardText).join('\n');
  };
  const subscriptionsOf = async (tenant: string) => {
    await bot.app.flush();
    const store = new LowdbCustomerDirectory({ dataDir: bot.dataDir });
    return (await store.get(tenant, THAMES))!.subscriptions.map((s) => s.id);
  };
  /** Requests the transfer of Thames Valley's subscriptions from Litware, up to the eligibility card. */
  const toEligibility = async (locale: Locale) => {
    const form = (await bot.post({ text: L[locale].start, locale })).replies[0];
    expect(inputsOf(cardOf(form)).map((i) => i.id)).toEqual(['partner', 'customerEmail', 'productTypes']);
    return (await bot.post({ value: { ...actionData(form, L[locale].check), ...FORM }, locale })).replies[0];
  };
  const openFirst = async (list: Partial<Activity> | undefined, who: Partial<Activity>, locale: Locale, company = 'Thames Valley') => {
    const row = allActions(cardOf(list)).find((a) => a.data?.verb === 'transfers.open' && cardText(list).includes(company))!;
    return (await bot.post({ ...who, value: row.data, locale })).replies[0];
  };

  it.each(LOCALES)('%s: the demo partner requests a transfer from Litware (eligibility with reasons, the legacy Azure checklist); Litware accepts the Azure plan only, and the subscription moves', async (locale) => {
    await start();
    const S = L[locale];
    await bot.post({ ...channel(), text: 'notifications on', locale });
    await bot.post({ ...channel('local-sandbox-2'), text: 'notifications on', locale });
    const eligibility = await toEligibility(locale);
    for (const text of [S.movable, S.reservation, S.marketplace, S.legacyReason]) expect(cardText(eligibility)).toContain(text);
    // The legacy Azure subscription gets the manual checklist with its ids filled in.
    const legacy = (await bot.post({ value: actionData(eligibility, S.legacy), locale })).replies[0];
    for (const text of [S.legacyTitle, THAMES, LEGACY_AZURE, S.ticket, 'Get-AzRoleAssignment']) expect(cardText(legacy)).toContain(text);
    const again = (await bot.post({ value: actionData(legacy, S.back), locale })).replies[0];
    const sent = (await bot.post({ value: actionData(again, S.send), locale })).replies;
    expect(cardText(sent[0])).toContain(S.sent);
    expect(cardText(sent[0])).toContain(S.pending);
    expect(await feedOf('local-sandbox-2')).toContain(S.feedRequested);

    // Litware sees it received and accepts only the Azure plan (the licence stays with it).
    const received = (await bot.post({ ...LITWARE, text: S.list, locale })).replies[0];
    const details = await openFirst(received, LITWARE, locale);
    const choice = inputsOf(cardOf(details)).find((i) => i.id === 'subscriptions')!;
    expect(choice.choices!.sort()).toEqual([AZURE_PLAN, '5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a02'].sort());
    const accepted = (await bot.post({ ...LITWARE, value: { ...actionData(details, S.accept), subscriptions: AZURE_PLAN }, locale })).replies;
    expect(cardText(accepted[0])).toContain(S.accepted);
    expect(await subscriptionsOf('local-sandbox')).toContain(AZURE_PLAN);
    expect(await subscriptionsOf('local-sandbox-2')).not.toContain(AZURE_PLAN);
    expect(await subscriptionsOf('local-sandbox-2')).toContain('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a02');
    expect(await feedOf()).toContain(S.feedAccepted);
    const audit = readdirSync(path.join(bot.dataDir, 'audit')).map((f) => readFileSync(path.join(bot.dataDir, 'audit', f), 'utf8')).join('');
    // Each side's audit trail: Litware's acceptance with what moved.
    expect(audit).toContain('"change":"accepted"');
    expect(audit).toContain(`"subscriptionIds":["${AZURE_PLAN}"]`);
    // The requester's own chat hears it too.
    expect(bot.connector.received.filter((a) => a.conversationId === 'http-conversation-1' && !a.replyToId?.startsWith('http-')).map(cardText).join('\n')).toContain(S.feedAccepted);
    // Done is done: the requester's sent tab says so, and an old card's accept changes nothing.
    const mine = (await bot.post({ text: S.list, locale })).replies[0];
    const sentTab = (await bot.post({ value: actionData(mine, S.sentTab), locale })).replies[0];
    expect(cardText(sentTab)).toContain(S.completed);
    const stale = (await bot.post({ ...LITWARE, value: { ...actionData(details, S.accept), subscriptions: AZURE_PLAN }, locale })).replies;
    expect(cardText(stale[0])).not.toContain(S.accepted);
  });

  it.each(LOCALES)('%s: a pending request is cancelled by its sender, and rejected by the current partner', async (locale) => {
    await start();
    const S = L[locale];
    await bot.post({ ...channel(), text: 'notifications on', locale });
    const send = async () => (await bot.post({ value: actionData(await toEligibility(locale), S.send), locale })).replies[0];
    const sentTab = await send();
    const mine = await openFirst(sentTab, {}, locale);
    // The sender may cancel; it has nothing to accept.
    expect(allActions(cardOf(mine)).map((a) => a.title)).not.toContain(S.accept);
    const cancelled = (await bot.post({ value: actionData(mine, S.cancel), locale })).replies;
    expect(cardText(cancelled[0])).toContain(S.cancelledNotice);
    expect(cardText(cancelled[0])).toContain(S.cancelled);
    // Litware sees it cancelled: no buttons to answer.
    const theirs = await openFirst((await bot.post({ ...LITWARE, text: S.list, locale })).replies[0], LITWARE, locale);
    expect(allActions(cardOf(theirs)).map((a) => a.title)).not.toContain(S.accept);
    // A second request, rejected by Litware: the sender's tab and feed say so.
    await send();
    const list = (await bot.post({ ...LITWARE, text: S.list, locale })).replies[0];
    const row = allActions(cardOf(list)).filter((a) => a.data?.verb === 'transfers.open')[0]!;
    const pending = (await bot.post({ ...LITWARE, value: row.data, locale })).replies[0];
    const rejected = (await bot.post({ ...LITWARE, value: actionData(pending, S.reject), locale })).replies;
    expect(cardText(rejected[0])).toContain(S.rejectedNotice);
    expect(await feedOf()).toContain(S.feedRejected);
    const tab = (await bot.post({ value: actionData((await bot.post({ text: S.list, locale })).replies[0], S.sentTab), locale })).replies[0];
    expect(cardText(tab)).toContain(S.rejected);
    expect(await subscriptionsOf('local-sandbox-2')).toContain(AZURE_PLAN);
  });

  it('a request expires after 30 days: 3 days before, the current partner\'s feed is reminded once; after, it shows as expired and cannot be accepted', async () => {
    await start();
    const S = L['en-US'];
    await bot.post({ ...channel('local-sandbox-2'), text: 'notifications on', locale: 'en-US' });
    await bot.post({ value: actionData(await toEligibility('en-US'), S.send), locale: 'en-US' });
    const details = await openFirst((await bot.post({ ...LITWARE, text: S.list, locale: 'en-US' })).replies[0], LITWARE, 'en-US');
    clock = new Date(NOW.getTime() + 28 * DAY);
    const reminder = 'The transfer request for Thames Valley Analytics Ltd from Contoso Cloud Partner expires on December 31, 2026';
    for (let i = 0; i < 100 && !(await feedOf('local-sandbox-2')).includes(reminder); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await feedOf('local-sandbox-2')).toContain(reminder);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await feedOf('local-sandbox-2')).split(reminder)).toHaveLength(2);
    clock = new Date(NOW.getTime() + 30 * DAY + 1);
    const late = (await bot.post({ ...LITWARE, value: { ...actionData(details, S.accept), subscriptions: AZURE_PLAN }, locale: 'en-US' })).replies;
    expect(cardText(late[0])).toContain('This request can no longer be changed. Its status: Expired.');
    expect(await subscriptionsOf('local-sandbox-2')).toContain(AZURE_PLAN);
    expect(cardText((await bot.post({ text: S.list, locale: 'en-US' })).replies[0])).toContain('Maple Leaf Robotics Inc.');
  });

  it('the form says what is wrong in the user\'s language; forged answers are refused and nothing is sent', async () => {
    await start();
    let form = (await bot.post({ text: 'запросить перемещение Thames', locale: 'ru-RU' })).replies[0];
    // Each check shows the form again, with what is wrong: the next answer comes from that card.
    const check = async (values: Record<string, string>) => cardText((form = (await bot.post({ value: { ...actionData(form, 'Проверить возможность'), ...FORM, ...values }, locale: 'ru-RU' })).replies[0]));
    expect(await check({ partner: 'not a partner' })).toContain('Это не идентификатор клиента Entra и не домен.');
    expect(await check({ partner: 'fabrikam.onmicrosoft.com' })).toContain('Партнер с таким идентификатором или доменом неизвестен.');
    expect(await check({ partner: 'contosocloudpartner.onmicrosoft.com' })).toContain('Это ваша собственная организация.');
    expect(await check({ customerEmail: 'no-at-sign' })).toContain('Это недопустимый адрес электронной почты.');
    expect(await check({ productTypes: 'Bitcoin' })).toContain('Выберите хотя бы один вид продуктов для перемещения.');
    expect(await check({ partner: 'x'.repeat(5_000) })).toContain('Это не идентификатор клиента Entra и не домен.');
    // A legacy checklist for a subscription the card did not list, an acceptance of one not offered: refused.
    const eligibility = (await bot.post({ value: { ...actionData(form, 'Проверить возможность'), ...FORM }, locale: 'ru-RU' })).replies[0];
    expect(cardText((await bot.post({ value: { verb: 'transfers.legacy', subscriptionId: AZURE_PLAN }, locale: 'ru-RU' })).replies[0])).toContain('Не удалось прочитать');
    await bot.post({ value: actionData(eligibility, 'Отправить запрос на перемещение'), locale: 'ru-RU' });
    const details = await openFirst((await bot.post({ ...LITWARE, text: 'запросы на перемещение', locale: 'ru-RU' })).replies[0], LITWARE, 'ru-RU');
    const forged = (await bot.post({ ...LITWARE, value: { ...actionData(details, 'Принять и переместить'), subscriptions: `${AZURE_PLAN},${LEGACY_AZURE}` }, locale: 'ru-RU' })).replies;
    expect(cardText(forged[0])).toContain('Не удалось прочитать');
    const none = (await bot.post({ ...LITWARE, value: { ...actionData(forged[1], 'Принять и переместить'), subscriptions: '' }, locale: 'ru-RU' })).replies[0];
    expect(cardText(none)).toContain('Выберите хотя бы одну подписку для перемещения.');
    expect(await subscriptionsOf('local-sandbox-2')).toContain(AZURE_PLAN);
    // While it is pending, a second request finds those subscriptions claimed: nothing to send.
    const second = (await bot.post({ value: { ...actionData((await bot.post({ text: 'запросить перемещение Thames', locale: 'ru-RU' })).replies[0], 'Проверить возможность'), ...FORM }, locale: 'ru-RU' })).replies[0];
    expect(cardText(second)).toContain('Уже входит в другой ожидающий запрос на перемещение.');
    expect(allActions(cardOf(second)).map((a) => a.title)).not.toContain('Отправить запрос на перемещение');
    // The audit trail has the request, by whom, without the contact's e-mail.
    const audit = readdirSync(path.join(bot.dataDir, 'audit')).map((f) => readFileSync(path.join(bot.dataDir, 'audit', f), 'utf8')).join('');
    expect(audit).toContain('"action":"transfer","customerId":"382c2913-c95a-430f-8254-164576863323"');
    expect(audit).toContain('"change":"requested"');
    expect(audit).not.toContain('it@thamesvalley.example');
    // The stored requests hold no user's name.
    expect(readFileSync(path.join(bot.dataDir, 'transfers.json'), 'utf8')).not.toContain('Test User');
  });

  it('the tabs page by ten, newest first, and the pages keep working', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-transfers-'));
    const at = (i: number) => new Date(NOW.getTime() - i * 3_600_000).toISOString();
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, requestId: `r-${i}`, customerId: THAMES, customerName: `Kunde ${String(i).padStart(2, '0')}`, customerEmail: 'a@b.example',
      source: { tenantId: 'local-sandbox-2', name: 'Litware Cloud Services' }, target: { tenantId: 'local-sandbox', name: 'Contoso Cloud Partner' }, productTypes: ['AzureSubscription'], lineItems: [], status: 'cancelled', createdAt: at(i), lastModifiedAt: at(i),
    }));
    writeFileSync(path.join(dataDir, 'transfers.json'), JSON.stringify({ transfers: many }));
    clock = NOW;
    bot = await startHttpBot({ dataDir, overrides: { now: () => clock } });
    const first = (await bot.post({ value: actionData((await bot.post({ text: 'Übertragungsanforderungen', locale: 'de-DE' })).replies[0], 'Gesendete Anforderungen'), locale: 'de-DE' })).replies[0];
    expect(cardText(first)).toContain('12 Anforderungen');
    expect(cardText(first)).toContain('Kunde 00');
    expect(cardText(first)).not.toContain('Kunde 10');
    const second = (await bot.post({ value: actionData(first, 'Weiter ›'), locale: 'de-DE' })).replies[0];
    expect(cardText(second)).toContain('Kunde 10');
    expect(cardText(second)).toContain('Kunde 11');
    expect(cardText(second)).not.toContain('Kunde 09');
    const back = (await bot.post({ value: actionData(second, '‹ Zurück'), locale: 'de-DE' })).replies[0];
    expect(cardText(back)).toContain('Kunde 09');
  });

  it('a second Emulator conversation at /api/sandbox-2/messages is Litware; an indirect reseller and a user without a role are told why not', async () => {
    await start();
    const received = (await bot.post({ text: 'transfer requests', locale: 'en-US', conversation: { id: 'emulator-2' } as Activity['conversation'] }, '/api/sandbox-2/messages')).replies[0];
    expect(cardText(received)).toContain('Requested by Contoso Cloud Partner');
    const sent = (await bot.post({ value: actionData(received, 'Sent requests'), locale: 'en-US', conversation: { id: 'emulator-2' } as Activity['conversation'] }, '/api/sandbox-2/messages')).replies[0];
    expect(cardText(sent)).toContain('Cascade Timberworks LLC');
    const teams = { channelData: { tenant: { id: 'tenant-without-roles' } }, from: { id: '29:x', name: 'X' } };
    expect(cardText((await bot.post({ ...teams, text: 'transfer requests', locale: 'de-DE' })).replies[0])).toContain('Für Übertragungsanforderungen ist eine dieser Rollen nötig: Administrator-Agent oder Globaler Administrator.');
    await bot.close(true);
    await start({ PARTNER_MODEL: 'indirectReseller' });
    expect(cardText((await bot.post({ text: 'transfer requests', locale: 'en-US' })).replies[0])).toContain("As an indirect reseller you can't do this (Transfer requests) in Partner Center");
  });
});
