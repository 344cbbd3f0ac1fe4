/**
 * STATE_STORE=redis: the audit trail and operation ledger is one for every
 * instance. A removal whose answer was lost on one instance and pressed again
 * on another is recognised as the same removal, recorded once, and its reason
 * shows on the details card whichever instance draws it.
 */
import type { Activity } from 'botbuilder';
import { RedisAuditLog } from '../../src/audit/redisAuditLog.js';
import { actionData, cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { sharedStateEnv, startRedis, type TestRedis } from '../support/redisServer.js';

describe('the audit trail across instances (STATE_STORE=redis)', () => {
  let redis: TestRedis;
  let server: PartnerCenterServer;
  const bots: HttpBot[] = [];
  let sent = 0;
  beforeAll(async () => {
    redis = await startRedis();
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 0);
    server.tokens.signIn(PARTNER_USER.from.id, PARTNER);
    for (let i = 0; i < 2; i++) bots.push(await startHttpBot({ env: { ...partnerCenterEnv(server), ...sharedStateEnv(redis) } }));
  });
  afterAll(async () => {
    for (const bot of bots) await bot.close(true);
    await server?.stop();
    await redis?.stop();
  });
  /** One user's turn in one chat, through instance `bot` (activity ids unique across instances). */
  const as = (bot: HttpBot, activity: Partial<Activity>) => bot.post({ id: `turn-${++sent}`, channelId: 'msteams', locale: 'en-US', ...PARTNER_USER, ...activity });

  it('a removal retried on another instance is the same removal: "removed", recorded once, its reason on the other instance\'s details card', async () => {
    const [a, b] = bots as [HttpBot, HttpBot];
    const check = (await as(a, { text: 'end relationship Cerámica' })).replies[0];
    const confirm = (await as(b, { value: { reason: 'customerRequest', ...actionData(check, 'Continue') } })).replies[0];
    const customer = server.customersOf(PARTNER).find((c) => c.companyProfile?.companyName?.startsWith('Cerámica'))!;
    // On A, Partner Center makes the change but its answer is lost, and it does not answer A's retries: A gives up.
    server.faults.push({ method: 'PATCH', status: 504, after: true }, { method: 'PATCH', status: 503, times: 3 });
    const lost = await as(a, { value: { confirmDomain: customer.companyProfile!.domain, ...actionData(confirm, 'Remove reseller relationship') } });
    expect(JSON.stringify(lost.replies)).toContain("Partner Center isn't answering");
    expect(customer.relationshipToPartner).toBe('none');
    // The same card pressed again reaches B: its request id is in the ledger A wrote, so this is its own removal, not another user's.
    const done = await as(b, { value: { confirmDomain: customer.companyProfile!.domain, ...actionData(confirm, 'Remove reseller relationship') } });
    expect(cardText(done.replies[0])).toContain('Reseller relationship removed');
    expect(cardText(done.replies[0])).not.toContain('Another user has already removed');
    expect(new Set(server.apiCalls('PATCH').map((c) => c.headers['ms-requestid'])).size).toBe(1);
    const entries = await new RedisAuditLog(redis.client).entries(PARTNER);
    expect(entries).toEqual([expect.objectContaining({ action: 'endRelationship', customerId: customer.id, reason: 'customerRequest', actor: PARTNER_USER.from.aadObjectId })]);
    // Partner Center keeps no reason: the details card on A has it from the shared trail.
    const details = cardText((await as(a, { text: `customer list ${customer.companyProfile!.domain}` })).replies[0]);
    expect(details).toContain('Customer request');
  }, 30_000);
});
