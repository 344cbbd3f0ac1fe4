/**
 * STATE_STORE=redis: the channel feed's subscriptions, its notices on their
 * way and their pace per conversation are in Redis, so they hold however
 * many instances publish and send.
 */
import type { Activity } from 'botbuilder';
import type { AccountEvent } from '../../src/feed/accountEvents.js';
import { cardText } from '../support/cards.js';
import { TestConnector, type ReceivedActivity } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { sharedStateEnv, startRedis, until, type TestRedis } from '../support/redisServer.js';

const ANNA = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Schmidt' };
const channel = (n: number) => ({ id: `19:channel-${n}@thread.tacv2`, conversationType: 'channel', isGroup: true }) as Activity['conversation'];

describe('the channel feed across instances (STATE_STORE=redis)', () => {
  let redis: TestRedis;
  let connector: TestConnector;
  let server: PartnerCenterServer;
  const bots: HttpBot[] = [];
  let sent = 0;
  beforeEach(async () => {
    redis = await startRedis();
    connector = new TestConnector();
    await connector.start();
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 0);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.app.close();
    await server.stop();
    await connector.stop();
    await redis.stop();
  });
  const instance = async () => {
    const env = { ...partnerCenterEnv(server), ...sharedStateEnv(redis) };
    const bot = await startHttpBot({ connector, env, overrides: { transferReminderMs: 50 } });
    bots.push(bot);
    return bot;
  };
  /** "notifications on" in channel n, through `bot` (activity ids unique across instances). */
  const subscribe = (bot: HttpBot, n: number) => bot.post({ id: `turn-${++sent}`, channelId: 'msteams', channelData: { tenant: { id: PARTNER } }, from: ANNA, conversation: channel(n), locale: 'en-US', text: 'notifications on' });
  const change = (company: string): AccountEvent => ({ kind: 'accountUpdated', tenantId: PARTNER, customerId: `id-${company}`, companyName: company, domain: `${company.toLowerCase()}.onmicrosoft.com`, actorName: 'Anna Schmidt', at: new Date().toISOString() });
  const notices = (n: number) => connector.received.filter((a) => a.conversationId === channel(n)!.id && !a.replyToId?.startsWith('turn-'));
  /** The most notices that arrived within any one second. */
  const busiestSecond = (arrived: ReceivedActivity[]) => {
    const at = arrived.map((a) => a.receivedAt).sort((x, y) => x - y);
    return Math.max(...at.map((start) => at.filter((t) => t >= start && t < start + 1000).length));
  };

  it('channels subscribing at the same time on two instances are all kept', async () => {
    const [a, b] = [await instance(), await instance()];
    await Promise.all(Array.from({ length: 12 }, (_, n) => subscribe(n % 2 ? a : b, n)));
    a.app.events.publish(change('Nordwind'));
    await until(() => Array.from({ length: 12 }, (_, n) => notices(n).length).every((count) => count === 1));
    for (let n = 0; n < 12; n++) expect(cardText(notices(n)[0])).toContain('Nordwind');
  }, 30_000);

  it('changes published on both instances reach the channel once each, never more than 7 in a second', async () => {
    const [a, b] = [await instance(), await instance()];
    await subscribe(a, 0);
    // Names none of which holds another.
    const companies = Array.from({ length: 15 }, (_, i) => `Nord${i}Wind`);
    companies.forEach((company, i) => (i % 2 ? a : b).app.events.publish(change(company)));
    await until(() => notices(0).length >= companies.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const texts = notices(0).map(cardText);
    for (const company of companies) expect(texts.filter((t) => t.includes(company))).toHaveLength(1);
    expect(texts).toHaveLength(companies.length);
    expect(busiestSecond(notices(0))).toBeLessThanOrEqual(7);
  }, 30_000);

  it('a received transfer request in its last days, seen by both instances, is reminded of once', async () => {
    const [a, b] = [await instance(), await instance()];
    await subscribe(a, 0);
    server.tokens.signIn('user-a', PARTNER);
    const created = new Date(Date.now() - 28 * 86_400_000).toISOString();
    server.transfers.transfers.push({
      id: '11111111-2222-4333-8444-555555555555', status: 'Active', createdTime: created, lastModifiedTime: created, customerTenantId: '9970ef0f-54ea-4397-a203-a6f1586668e7', customerName: 'Müller Maschinenbau GmbH',
      sourcePartnerTenantId: PARTNER, targetPartnerTenantId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', targetPartnerName: 'Fourth Coffee Cloud', targetProductTypes: ['AzureSubscription'], lineItems: [],
    });
    // Each instance reads the tabs itself (its own gathering).
    for (const bot of [a, b]) await bot.post({ ...PARTNER_USER, id: `turn-${++sent}`, conversation: { id: `personal-${sent}` } as Activity['conversation'], text: 'transfer requests', locale: 'en-US' });
    const reminder = 'The transfer request for Müller Maschinenbau GmbH from Fourth Coffee Cloud expires on';
    await until(() => notices(0).some((n) => cardText(n).includes(reminder)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(notices(0).filter((n) => cardText(n).includes(reminder))).toHaveLength(1);
  }, 30_000);

  it('a notice throttled on an instance that then stops is sent by the other when the channel allows', async () => {
    const a = await instance();
    await subscribe(a, 0);
    // Four 429s: the connector client waits out three itself (a second each); after the fourth the notice waits in Redis.
    let throttled = 0;
    connector.intercept = (_activity, conversationId) => (conversationId === channel(0)!.id && throttled < 4 ? { status: 429, headers: { 'retry-after': ++throttled < 4 ? '1' : '3' } } : undefined);
    a.app.events.publish(change('Polarstern'));
    await until(() => connector.refused.length === 4);
    const b = await instance();
    await a.app.close();
    const closedAt = Date.now();
    await until(() => notices(0).length > 0);
    expect(cardText(notices(0)[0])).toContain('Polarstern');
    // Not sent by A on its way out: B sends it once Retry-After has passed.
    expect(notices(0)[0]!.receivedAt).toBeGreaterThanOrEqual(closedAt);
    expect(connector.refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    void b;
  }, 30_000);
});
