/**
 * STATE_STORE=redis: an add-users job waits on a queue in Redis and its steps
 * are stored there, so when the instance running it stops or dies, another
 * goes on from the first unfinished row with the same MS-RequestIds.
 */
import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText, inputValues } from '../support/cards.js';
import { TestConnector } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer, type ReceivedCall } from '../support/partnerCenterServer.js';
import { sharedStateEnv, startRedis, until, type TestRedis } from '../support/redisServer.js';
import { usersCsv } from '../support/userFiles.js';

const DOMAIN = 'muellermaschinenbau.onmicrosoft.com';
const ROWS = 40;
const isCreate = (c: ReceivedCall) => c.method === 'POST' && /^\/v1\/customers\/[^/]+\/users$/.test(c.path);

describe('an add-users job across instances (STATE_STORE=redis)', () => {
  let redis: TestRedis;
  let connector: TestConnector;
  let server: PartnerCenterServer;
  const bots: HttpBot[] = [];
  beforeEach(async () => {
    redis = await startRedis();
    connector = new TestConnector();
    await connector.start();
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 0);
    server.tokens.signIn('user-a', PARTNER);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.app.close();
    await server.stop();
    await connector.stop();
    await redis.stop();
  });
  const instance = async () => {
    const env = { ...partnerCenterEnv(server), ...sharedStateEnv(redis), JOB_LEASE_SECONDS: '2' };
    const bot = await startHttpBot({ connector, env, overrides: { jobProgressMs: 0 } });
    bots.push(bot);
    return bot;
  };
  const creates = () => server.calls.filter(isCreate);
  /** Starts the job on `bot` (the file, the confirmation); returns once the turn is answered. */
  const startJob = async (bot: HttpBot) => {
    const as = (activity: Partial<Activity>) => bot.post({ ...PARTNER_USER, locale: 'en-US', ...activity });
    await as({ text: 'add users Müller' });
    const url = connector.serveFile('users.csv', usersCsv(ROWS, DOMAIN));
    const confirm = (await as({ attachments: [{ contentType: 'text/csv', contentUrl: url, name: 'users.csv' }] })).replies[0];
    await as({ value: { ...inputValues(confirm), usageLocation: 'DE', ...actionData(confirm, 'Add users') } });
  };
  const resultCard = () => connector.received.find((a) => cardText(a).includes('Users added: Müller Maschinenbau GmbH'));
  const madeUsers = () => (server.customersOf(PARTNER).find((c) => c.companyProfile?.domain === DOMAIN)!.users ?? []).filter((u) => u.userPrincipalName.startsWith('user'));

  it('an instance that stops hands the job back after its current row; the other finishes it and no row is sent twice', async () => {
    server.latencyMs = 40;
    const a = await instance();
    await startJob(a);
    await until(() => creates().length >= 8);
    const b = await instance();
    await a.app.close();
    const byA = creates().length;
    await until(() => resultCard() !== undefined);

    expect(byA).toBeLessThan(ROWS);
    expect(creates()).toHaveLength(ROWS);
    expect(new Set(creates().map((c) => c.headers['ms-requestid'])).size).toBe(ROWS);
    expect(madeUsers()).toHaveLength(ROWS);
    // B could not know the passwords A's rows got: the result says so, and B's own rows have theirs.
    const result = resultCard()!;
    expect(cardText(result)).toContain('The bot restarted while adding these users, so the temporary passwords of some are not in the file.');
    const link = allActions(cardOf(result)).find((x) => x.title === 'Download passwords')!.url!.replace(/^http:\/\/localhost:\d+/, b.baseUrl);
    const rows = (await (await fetch(link)).text()).trim().split('\r\n').slice(1).map((line) => line.split(','));
    expect(rows.filter((r) => r[2] === '')).toHaveLength(byA);
    expect(rows.filter((r) => /^\S{16}$/.test(r[2]!))).toHaveLength(ROWS - byA);
  }, 40_000);

  it('an instance that dies with a row in flight: after the lease lapses the other sends that row again with its request id, and it is made once', async () => {
    let dead = false;
    // The 10th row's call reaches Partner Center but no answer comes while its instance is "alive" (it hangs, then is gone).
    server.faults.push({ method: 'POST', status: 0, times: 1_000, when: (call) => !dead && isCreate(call) && creates().length >= 10 });
    const a = await instance();
    await startJob(a);
    await until(() => creates().length >= 10);
    const stuck = creates()[9]!.headers['ms-requestid'];
    const b = await instance();
    // Gone without handing anything back: its hold on the job lapses.
    dead = true;
    await a.app.close();
    await until(() => resultCard() !== undefined, 30_000);

    const ids = creates().map((c) => c.headers['ms-requestid']);
    expect(ids.filter((id) => id === stuck).length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ROWS);
    expect(madeUsers()).toHaveLength(ROWS);
    expect(new Set(madeUsers().map((u) => u.userPrincipalName)).size).toBe(ROWS);
    expect(cardText(resultCard()!)).toContain('Users added: Müller Maschinenbau GmbH');
    void b;
  }, 45_000);
});
