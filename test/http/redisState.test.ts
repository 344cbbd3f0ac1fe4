/**
 * STATE_STORE=redis: bot state in a Redis every instance shares, so a
 * conversation can move between instances. Several instances need Partner
 * Center as the customer store (the embedded one serves one instance).
 */
import type { Activity } from 'botbuilder';
import { actionData, cardText } from '../support/cards.js';
import { TestConnector } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { sharedStateEnv, startRedis, until, type TestRedis } from '../support/redisServer.js';

describe('bot state on Redis', () => {
  let redis: TestRedis;
  let connector: TestConnector;
  let partnerCenter: PartnerCenterServer;
  const bots: HttpBot[] = [];
  beforeEach(async () => {
    redis = await startRedis();
    connector = new TestConnector();
    await connector.start();
    partnerCenter = await new PartnerCenterServer().start();
    seedPartnerCenter(partnerCenter, PARTNER, 0);
    partnerCenter.tokens.signIn('user-1', PARTNER);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close(true);
    await partnerCenter.stop();
    await connector.stop();
    await redis.stop();
  });
  const instance = async () => {
    const bot = await startHttpBot({ connector, env: { ...partnerCenterEnv(partnerCenter), ...sharedStateEnv(redis) } });
    bots.push(bot);
    return bot;
  };
  let sent = 0;
  /** The same conversation on every instance; ids unique across instances (each test bot counts its own). */
  const conversation = (): Partial<Activity> => ({
    id: `turn-${++sent}`,
    conversation: { id: 'shared-conversation' } as Activity['conversation'],
    channelData: { tenant: { id: PARTNER } },
    from: { id: 'user-1', aadObjectId: 'aad-anna', name: 'Anna Schmidt' },
  });

  it('continues a wizard started on one instance on another, and keeps a language chosen on either', async () => {
    const [a, b] = [await instance(), await instance()];
    // The language is chosen on A; B answers in it.
    const picker = (await a.post({ ...conversation(), text: 'language', locale: 'en-US' })).replies[0];
    await a.post({ ...conversation(), value: actionData(picker, 'Deutsch'), locale: 'en-US' });
    expect(cardText((await b.post({ ...conversation(), text: 'menu', locale: 'en-US' })).replies[0])).toContain('Kundenkonten');

    // Add customer starts on B; its first step is answered on A, which knows where the wizard stands.
    const step1 = (await b.post({ ...conversation(), text: 'Kunden hinzufügen', locale: 'en-US' })).replies[0];
    expect(cardText(step1)).toContain('Schritt 1 von 5');
    const step2 = (await a.post({ ...conversation(), value: { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtredis', ...actionData(step1, 'Weiter') }, locale: 'en-US' })).replies[0];
    expect(cardText(step2)).toContain('Schritt 2 von 5');

    // It is all in Redis, under the app's prefix, and the wizard's state expires by itself.
    const keys = await redis.client.keys('cab:*');
    expect(keys.some((key) => key.startsWith('cab:conversations:'))).toBe(true);
    expect(keys.some((key) => key.startsWith('cab:users:'))).toBe(true);
    const conversationKey = keys.find((key) => key.startsWith('cab:conversations:'))!;
    expect(await redis.client.pttl(conversationKey)).toBeGreaterThan(0);
    expect(JSON.stringify(await redis.client.hgetall(conversationKey))).toContain('nordlichtredis');
  });

  it('answers a retried activity once, though the retry reaches the other instance, and both at once too', async () => {
    const [a, b] = [await instance(), await instance()];
    const retried = { ...conversation(), id: 'teams-retry-1', text: 'menu', locale: 'en-US' };
    await a.post(retried);
    await b.post(retried);
    expect(connector.received.filter((reply) => reply.replyToId === 'teams-retry-1')).toHaveLength(1);
    const raced = { ...conversation(), id: 'teams-race-1', text: 'help', locale: 'en-US' };
    await Promise.all([a.post(raced), b.post(raced)]);
    expect(connector.received.filter((reply) => reply.replyToId === 'teams-race-1')).toHaveLength(1);
  });

  it('serves an export link made on one instance from another (the list kept in Redis, the link signed with the shared secret)', async () => {
    const [a, b] = [await instance(), await instance()];
    const list = (await a.post({ ...conversation(), text: 'customer list', locale: 'en-US' })).replies[0];
    const ready = (await a.post({ ...conversation(), value: actionData(list, 'Export customers'), locale: 'en-US' })).replies[0];
    const url = JSON.stringify(ready).match(/http:\/\/[^"]*\/exports\/customers\/[A-Za-z0-9._-]+/)![0];
    const download = await fetch(`${b.baseUrl}${new URL(url).pathname}`);
    expect(download.status).toBe(200);
    const csv = await download.text();
    expect(csv).toContain('Microsoft ID');
    expect(csv.split('\n').length).toBeGreaterThan(2);
    expect((await redis.client.keys('cab:export:*')).length).toBe(1);
  });

  it('reports the store in /healthz and readiness in /readyz, and answers 503 to both while Redis does not answer', async () => {
    const bot = await instance();
    const ok = await fetch(`${bot.baseUrl}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', store: { kind: 'redis', answers: true } });
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
    await redis.stop();
    const down = await fetch(`${bot.baseUrl}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'degraded', store: { kind: 'redis', answers: false } });
    // Without its store the instance should get no traffic.
    const notReady = await fetch(`${bot.baseUrl}/readyz`);
    expect([notReady.status, await notReady.json()]).toEqual([503, { ready: false }]);
    redis = await startRedis(); // for afterEach
  });

  it('while Redis does not answer, a message gets a notice in the user\'s language and the instance keeps running; once Redis is back, turns work again', async () => {
    const bot = await instance();
    const as = (text: string) => bot.post({ ...conversation(), text, locale: 'de-DE' });
    expect(cardText((await as('Menü')).replies[0])).toContain('Kundenliste');
    const port = Number(new URL(redis.url).port);
    await redis.stop();
    const down = await as('Kundenliste');
    expect(down.status).toBe(200);
    expect(down.replies).toHaveLength(1);
    expect(cardText(down.replies[0])).toContain('Der Speicher des Bots antwortet gerade nicht');
    redis = await startRedis({ port });
    await until(async () => (await fetch(`${bot.baseUrl}/readyz`)).status === 200);
    expect(cardText((await as('Kundenliste')).replies[0])).toContain('Cerámica Levante');
  }, 30_000);
});
