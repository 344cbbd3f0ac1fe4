import { rmSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { actionData, cardOf, cardText, shownPassword } from '../support/cards.js';
import { TestConnector } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { startRedis } from '../support/redisServer.js';

const PERSONAL = { id: 'a:personal-greta', conversationType: 'personal' } as Activity['conversation'];
const STEPS: Array<Record<string, string>> = [
  { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtexpiry' },
  { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
  { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE' },
];
const asCard = (content: unknown) => ({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] }) as Partial<Activity>;
const until = async (what: string, found: () => boolean, ms = 5_000) => {
  for (const started = Date.now(); !found(); await new Promise((r) => setTimeout(r, 25))) if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
};

describe('a temporary password on screen', () => {
  let bot: HttpBot;
  afterEach(async () => bot?.close(true));

  /** Walks add customer in a Teams personal chat, each press an Action.Execute answered in place; returns the result card and its message id. */
  async function createInTeams(): Promise<{ result: Partial<Activity>; messageId: string }> {
    const teams = { channelId: 'msteams', conversation: PERSONAL, from: { id: 'greta', name: 'Greta', aadObjectId: 'aad-greta' }, locale: 'en-US' };
    let card: Partial<Activity> = (await bot.post({ ...teams, text: 'add customer' })).replies[0]!;
    const press = async (title: string, inputs: Record<string, string> = {}) => {
      const data = { ...inputs, ...actionData(card, title) };
      const answer = await bot.post({ ...teams, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb: data.verb, data } } });
      card = asCard((answer.body as { value: unknown }).value);
    };
    for (const inputs of STEPS) await press('Next', inputs);
    await press('Skip for now');
    await press('Create customer');
    return { result: card, messageId: 'card-1' };
  }

  it('is taken off its card in Teams after PASSWORD_CARD_SECONDS: the card is updated in place with the same facts and no password', async () => {
    bot = await startHttpBot({ env: { PASSWORD_CARD_SECONDS: '1' } });
    const { result, messageId } = await createInTeams();
    const password = shownPassword(result)!;
    expect(password).toMatch(/^\S{12,}$/);
    expect(bot.connector.received.filter((a) => a.operation === 'update')).toEqual([]);

    await until('the card to be updated', () => bot.connector.received.some((a) => a.operation === 'update' && a.id === messageId));
    const updated = bot.connector.received.find((a) => a.operation === 'update' && a.id === messageId)!;
    expect(updated.conversationId).toBe(PERSONAL.id);
    expect(JSON.stringify(updated)).not.toContain(password);
    expect(shownPassword(updated)).toBeUndefined();
    expect(cardText(updated)).toContain('admin@nordlichtexpiry.onmicrosoft.com');
    expect(cardText(updated)).toContain('Nordlicht Software GmbH');
    expect(JSON.stringify(cardOf(updated))).not.toContain("I've copied it");
  });

  it('is taken off by another instance when the one that showed it has stopped meanwhile (STATE_STORE=redis: a delayed job in Redis)', async () => {
    const redis = await startRedis();
    const connector = new TestConnector();
    await connector.start();
    try {
      const env = { PASSWORD_CARD_SECONDS: '2', STATE_STORE: 'redis', REDIS_URL: redis.url };
      bot = await startHttpBot({ connector, env });
      const { result, messageId } = await createInTeams();
      const password = shownPassword(result)!;
      // The instance stops (its connector, the channel, stays up).
      await bot.app.close();
      rmSync(bot.dataDir, { recursive: true, force: true });
      expect(connector.received.filter((a) => a.operation === 'update')).toEqual([]);
      // The hide waits in Redis, and holds no password.
      expect(JSON.stringify(await redis.client.keys('cab:bull:*'))).toContain('cab-secret-cards');
      for (const key of await redis.client.keys('cab:bull:cab-secret-cards:*')) {
        const type = await redis.client.type(key);
        if (type === 'hash') expect(JSON.stringify(await redis.client.hgetall(key))).not.toContain(password);
      }
      // Another instance (the embedded data is free again) takes the card's password off when it is due.
      bot = await startHttpBot({ connector, env });
      await until('the other instance to update the card', () => connector.received.some((a) => a.operation === 'update' && a.id === messageId), 10_000);
      const updated = connector.received.find((a) => a.operation === 'update' && a.id === messageId)!;
      expect(JSON.stringify(updated)).not.toContain(password);
      expect(cardText(updated)).toContain('admin@nordlichtexpiry.onmicrosoft.com');
    } finally {
      await bot?.close(true);
      bot = undefined as unknown as HttpBot;
      await connector.stop();
      await redis.stop();
    }
  });

  it('stays until "I\'ve copied it" where the host cannot update a card (the Emulator), and nothing is scheduled there', async () => {
    bot = await startHttpBot({ env: { PASSWORD_CARD_SECONDS: '1' } });
    let { replies } = await bot.post({ text: 'add customer', locale: 'en-US' });
    for (const inputs of STEPS) ({ replies } = await bot.post({ value: { ...inputs, ...actionData(replies[0], 'Next') }, locale: 'en-US' }));
    ({ replies } = await bot.post({ value: actionData(replies[0], 'Skip for now'), locale: 'en-US' }));
    ({ replies } = await bot.post({ value: actionData(replies[0], 'Create customer'), locale: 'en-US' }));
    expect(shownPassword(replies[0])).toMatch(/^\S{12,}$/);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bot.connector.received.filter((a) => a.operation === 'update')).toEqual([]);
  });
});
