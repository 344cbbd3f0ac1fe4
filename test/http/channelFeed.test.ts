import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText, inputValues } from '../support/cards.js';
import type { ReceivedActivity } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const CHANNEL = { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true } as Activity['conversation'];
const ANNA = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Schmidt' };
const CERAMICA = { name: 'Cerámica Levante S.L.', domain: 'ceramicalevante.onmicrosoft.com' };

const L = {
  'en-US': { on: 'notifications on', off: 'notifications off', subscribed: 'Notifications are on', already: 'already on', stopped: 'Notifications are off', ended: `Reseller relationship removed: ${CERAMICA.name}`, by: 'By', details: 'View customer', personal: 'Notifications are for team channels and group chats' },
  'de-DE': { on: 'Benachrichtigungen ein', off: 'Benachrichtigungen aus', subscribed: 'Benachrichtigungen sind aktiviert', already: 'bereits aktiviert', stopped: 'Benachrichtigungen sind für diese Unterhaltung deaktiviert', ended: `Vertriebspartnerbeziehung entfernt: ${CERAMICA.name}`, by: 'Von', details: 'Kunden anzeigen', personal: 'Benachrichtigungen gibt es für Teamkanäle und Gruppenchats' },
  'zh-CN': { on: '开启通知', off: '关闭通知', subscribed: '已开启通知', already: '此对话已开启通知', stopped: '已关闭此对话的通知', ended: `已删除经销商关系：${CERAMICA.name}`, by: '操作人', details: '查看客户', personal: '通知适用于团队频道和群聊' },
  'ru-RU': { on: 'включить уведомления', off: 'выключить уведомления', subscribed: 'Уведомления включены', already: 'уже включены', stopped: 'Уведомления для этой беседы выключены', ended: `Отношения с торговым посредником прекращены: ${CERAMICA.name}`, by: 'Кто', details: 'Открыть клиента', personal: 'Уведомления доступны в каналах команд' },
} as const;
type Locale = keyof typeof L;

async function until<T>(what: string, find: () => T | undefined, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the channel feed of account changes', () => {
  let bot: HttpBot;
  beforeEach(async () => (bot = await startHttpBot()));
  afterEach(async () => bot.close(true));

  const inChannel = (locale: string, text: string) => bot.post({ channelId: 'msteams', from: ANNA, conversation: CHANNEL, locale, text });
  /** What reached the channel other than replies to the test's own posts (ids "http-…"): the feed's proactive notices. */
  const channelCards = () => bot.connector.received.filter((a) => a.conversationId === CHANNEL.id && !a.replyToId?.startsWith('http-'));
  /** Anna removes the relationship with Cerámica in her personal chat (Emulator, sandbox tenant). */
  async function endCeramica(conversationId = 'anna-personal', extra: Partial<Activity> = {}) {
    const where = { from: ANNA, conversation: { id: conversationId } as Activity['conversation'], locale: 'en-US', ...extra };
    const check = await bot.post({ ...where, text: 'end the relationship with Cerámica' });
    const confirm = await bot.post({ ...where, value: { ...actionData(check.replies[0], 'Continue'), reason: 'customerRequest' } });
    const started = Date.now();
    const done = await bot.post({ ...where, value: { ...actionData(confirm.replies[0], 'Remove reseller relationship'), confirmDomain: CERAMICA.domain } });
    return { done, tookMs: Date.now() - started };
  }

  const WHEN: Record<Locale, RegExp> = {
    'en-US': /\b[A-Z][a-z]+ \d{1,2}, \d{4} at \d{2}:\d{2}\b/,
    'de-DE': /\b\d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4} um \d{2}:\d{2}\b/,
    'zh-CN': /\d{4}年\d{1,2}月\d{1,2}日 .*\d{2}:\d{2}/,
    'ru-RU': /\b\d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2}\b/,
  };

  it.each(Object.keys(L) as Locale[])('%s: a channel subscribes, and a change made in another conversation arrives there in the subscriber\'s language', async (locale) => {
    const t = L[locale];
    expect(cardText((await inChannel(locale, t.on)).replies[0])).toContain(t.subscribed);
    expect(cardText((await inChannel(locale, t.on)).replies[0])).toContain(t.already);
    await endCeramica();
    const notice = await until('the feed notice', () => channelCards().find((a) => cardText(a).includes(CERAMICA.name)));
    const text = cardText(notice);
    for (const expected of [t.ended, CERAMICA.domain, t.by, 'Anna Schmidt', t.details]) expect(text).toContain(expected);
    // The time, with the date in the one date style of the language.
    expect(text).toMatch(WHEN[locale]);
    // In Teams its button is a Universal Action that opens the customer's details.
    const [details] = allActions(cardOf(notice));
    expect(details).toMatchObject({ type: 'Action.Execute', verb: 'customerList.details' });
    expect(cardText((await inChannel(locale, t.off)).replies[0])).toContain(t.stopped);
  });

  it('is for channels and group chats: in a personal chat it says so', async () => {
    const { replies } = await bot.post({ channelId: 'msteams', from: ANNA, conversation: { id: 'a:1', conversationType: 'personal' } as Activity['conversation'], locale: 'de-DE', text: 'Benachrichtigungen ein' });
    expect(cardText(replies[0])).toContain(L['de-DE'].personal);
  });

  it('a new customer is reported too; another partner tenant\'s changes never arrive', async () => {
    await inChannel('en-US', 'notifications on');
    // Partner B's user ends a relationship of partner B's own: nothing for this (sandbox tenant) channel.
    const b = { channelId: 'msteams', channelData: { tenant: { id: 'partner-b' } }, conversation: { id: 'conv-b', tenantId: 'partner-b' } as Activity['conversation'] };
    await bot.post({ ...b, from: ANNA, locale: 'en-US', text: 'notifications on' });
    const review = await (async () => {
      const where = { from: ANNA, conversation: { id: 'anna-personal' } as Activity['conversation'], locale: 'en-US' };
      let { replies } = await bot.post({ ...where, text: 'add customer' });
      for (const inputs of [
        { country: 'DE', companyName: 'Nordlicht Feed GmbH', domainPrefix: 'nordlichtfeed' },
        { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
        { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE' },
      ]) ({ replies } = await bot.post({ ...where, value: { ...inputs, ...actionData(replies[0], 'Next') } }));
      ({ replies } = await bot.post({ ...where, value: actionData(replies[0], 'Skip for now') }));
      await bot.post({ ...where, value: actionData(replies[0], 'Create customer') });
      return replies[0];
    })();
    expect(review).toBeDefined();
    const notice = await until('the new-customer notice', () => channelCards().find((a) => cardText(a).includes('New customer: Nordlicht Feed GmbH')));
    expect(JSON.stringify(notice)).not.toContain('admin@');
    expect(bot.connector.received.filter((a: ReceivedActivity) => a.conversationId === 'conv-b' && cardText(a).includes('Nordlicht'))).toEqual([]);
  });

  it('an update of account info is reported, naming no contact data', async () => {
    await inChannel('en-US', 'notifications on');
    const where = { from: ANNA, conversation: { id: 'anna-personal' } as Activity['conversation'], locale: 'en-US' };
    const form = (await bot.post({ ...where, text: 'update customer Cerámica' })).replies[0];
    const review = (await bot.post({ ...where, value: { ...inputValues(form), firstName: 'María', ...actionData(form, 'Review') } })).replies[0];
    await bot.post({ ...where, value: actionData(review, 'Save') });
    const notice = await until('the account-info notice', () => channelCards().find((a) => cardText(a).includes(`Account info updated: ${CERAMICA.name}`)));
    expect(cardText(notice)).toContain('Anna Schmidt');
    expect(JSON.stringify(notice)).not.toContain('María');
  });

  it('a 429 is waited out for as long as Retry-After says, then the notice arrives', async () => {
    await inChannel('en-US', 'notifications on');
    let throttled = 0;
    bot.connector.intercept = (_activity, conversationId) => (conversationId === CHANNEL.id && throttled++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined);
    await endCeramica();
    const refusedAt = Date.now();
    const notice = await until('the notice after the 429', () => channelCards().find((a) => cardText(a).includes(CERAMICA.name)));
    expect(bot.connector.refused.map((r) => r.status)).toEqual([429]);
    expect(notice.receivedAt - refusedAt).toBeGreaterThanOrEqual(900);
  });

  it('a 403 (the bot was removed from the channel) ends the subscription', async () => {
    await inChannel('en-US', 'notifications on');
    const isNotice = (activity: Partial<Activity>) => JSON.stringify(activity).includes('Reseller relationship removed:');
    bot.connector.intercept = (activity, conversationId) => (conversationId === CHANNEL.id && isNotice(activity) ? 403 : undefined);
    const { done } = await endCeramica();
    expect(cardText(done.replies[0])).toContain('Reseller relationship removed');
    await until('the 403', () => (bot.connector.refused.length > 0 ? true : undefined));
    expect(bot.connector.refused.map((r) => r.status)).toEqual([403]);
    // The subscription is gone (not tried again): the channel is no longer subscribed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const off = await inChannel('en-US', 'notifications off');
    expect(cardText(off.replies[0])).toContain('Notifications were not on in this conversation.');
  });

  it('a channel that never answers does not slow the change that triggers its notice', async () => {
    await bot.close(true);
    bot = await startHttpBot({ env: { CONNECTOR_TIMEOUT_SECONDS: '0.5' } });
    await inChannel('en-US', 'notifications on');
    bot.connector.intercept = (_activity, conversationId) => (conversationId === CHANNEL.id ? 'hang' : undefined);
    const { done, tookMs } = await endCeramica();
    expect(cardText(done.replies[0])).toContain('Reseller relationship removed');
    expect(tookMs).toBeLessThan(2_000);
    // Once the channel answers again, the notice gets through (it was retried, not lost).
    bot.connector.intercept = undefined;
    await until('the retried notice', () => channelCards().find((a) => cardText(a).includes(CERAMICA.name)));
  });

  it('30 changes published within a second arrive in order, never more than 7 in any second', async () => {
    await inChannel('en-US', 'notifications on');
    for (let n = 1; n <= 30; n++) {
      bot.app.events.publish({ kind: 'customerCreated', tenantId: 'local-sandbox', customerId: `c-${n}`, companyName: `Burst ${n} GmbH`, domain: `burst${n}.onmicrosoft.com`, actorName: 'Anna Schmidt', at: new Date().toISOString() });
    }
    const notices = await until('30 notices', () => {
      const burst = channelCards().filter((a) => cardText(a).includes('Burst '));
      return burst.length === 30 ? burst : undefined;
    }, 15_000);
    expect(notices.map((a) => /Burst (\d+) GmbH/.exec(cardText(a))![1])).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    for (const { receivedAt } of notices) {
      // A little slack for the connector's own clock: the queue paces by when it sends.
      expect(notices.filter((a) => a.receivedAt > receivedAt - 950 && a.receivedAt <= receivedAt).length).toBeLessThanOrEqual(7);
    }
    expect(notices.at(-1)!.receivedAt - notices[0]!.receivedAt).toBeGreaterThanOrEqual(3_900);
  }, 30_000);
});
