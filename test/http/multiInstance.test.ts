/**
 * Two bot processes on one Redis and the test Partner Center, behind a
 * round-robin proxy: 50 conversations doing mixed flows with every turn sent
 * to a random instance, duplicate activity ids sent to both, and one instance
 * killed with SIGKILL mid-run and started again. Afterwards every change a
 * user was told about exists exactly once, no turn ran twice and no
 * conversation saw another's card.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { RedisAuditLog } from '../../src/audit/redisAuditLog.js';
import type { AuditEntry } from '../../src/customers/customer.js';
import { actionData, cardText, inputValues } from '../support/cards.js';
import { freePort, startProcess, waitFor, waitUntilReady, type BotProcess } from '../support/botProcess.js';
import { TestConnector, type ReceivedActivity } from '../support/connector.js';
import { PARTNER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer, type ReceivedCall } from '../support/partnerCenterServer.js';
import { sharedStateEnv, startRedis, type TestRedis } from '../support/redisServer.js';
import { usersCsv } from '../support/userFiles.js';

const CONVERSATIONS = 50;
const USERS_PER_JOB = 25;
/** Conversation i: 0 adds a customer (English), 1 adds users to one (a job), 2 removes a reseller relationship (in German, chosen first). */
const kindOf = (i: number) => (['addCustomer', 'addUsers', 'endRelationship'] as const)[i % 3]!;
/** Filler customer 3i is "Nordwind Handel <3i> GmbH" (the German one of the three filler kinds). */
const filler = (i: number) => ({ name: `Nordwind Handel ${String(3 * i).padStart(4, '0')} GmbH`, domain: `nordwind${String(3 * i).padStart(4, '0')}.onmicrosoft.com` });
/** What only conversation i's cards may name. */
const markerOf = (i: number) => (kindOf(i) === 'addCustomer' ? `MI Kunde ${i} GmbH` : filler(i).name);
const isUserCreate = (c: ReceivedCall) => c.method === 'POST' && /^\/v1\/customers\/[^/]+\/users$/.test(c.path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The load balancer: each request to a random instance; one that does not take it is skipped, as a health-checked balancer would. */
async function startProxy(ports: () => number[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const order = [...ports()].sort(() => Math.random() - 0.5);
      for (const port of order) {
        try {
          const answer = await fetch(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' }, body });
          if (answer.status === 503) continue;
          res.statusCode = answer.status;
          res.end(Buffer.from(await answer.arrayBuffer()));
          return;
        } catch {
          // Refused or cut off (an instance that died): the next one.
        }
      }
      res.statusCode = 502;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('several bot processes behind a load balancer (STATE_STORE=redis)', () => {
  let redis: TestRedis;
  let connector: TestConnector;
  let server: PartnerCenterServer;
  const dirs: string[] = [];
  const running: Array<{ port: number; run: BotProcess }> = [];
  /** Set when the test ends: conversations still going stop (a failed run must not keep jest from exiting). */
  let over = false;
  let closeProxy = async () => {};
  afterAll(async () => {
    over = true;
    await closeProxy();
    for (const { run } of running) run.child.kill('SIGKILL');
    await Promise.all(running.map(({ run }) => run.exited));
    await server?.stop();
    await connector?.stop();
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('50 conversations, turns to random instances, duplicate ids to both, one instance killed and restarted: every change once, no turn twice, no card in the wrong conversation', async () => {
    redis = await startRedis();
    connector = new TestConnector();
    await connector.start();
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 3 * CONVERSATIONS + 3);
    for (let i = 0; i < CONVERSATIONS; i++) server.tokens.signIn(`user-${i}`, PARTNER);
    server.latencyMs = 15;

    const env = { ...partnerCenterEnv(server), ...sharedStateEnv(redis), JOB_LEASE_SECONDS: '3', LOG_LEVEL: 'warn', PARTNER_CENTER_REQUESTS_PER_MINUTE: '5000' };
    const start = async (port: number) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-multi-'));
      dirs.push(dataDir);
      const run = startProcess({ ...env, DATA_DIR: dataDir, PORT: String(port) });
      running.push({ port, run });
      await waitUntilReady(run, port);
      return run;
    };
    const ports = [await freePort(), await freePort()];
    await Promise.all(ports.map(start));
    let live = [...ports];
    const proxy = await startProxy(() => live);
    closeProxy = proxy.close;

    /** Activity id → conversation index: whose turn each reply answers. */
    const owner = new Map<string, number>();
    let duplicatesSent = 0;
    /** One turn: through the proxy (every fifth also straight to both instances at once, same id); sent again, as Teams does, until it is answered. */
    const turn = async (i: number, n: number, activity: Partial<Activity>, locale: string): Promise<ReceivedActivity[]> => {
      const id = `c${i}-t${n}`;
      owner.set(id, i);
      const body = JSON.stringify({
        type: 'message', id, channelId: 'emulator', serviceUrl: connector.url, locale, channelData: { tenant: { id: PARTNER } },
        from: { id: `user-${i}`, aadObjectId: `aad-${i}`, name: `User ${i}` }, recipient: { id: 'bot-1', name: 'Customer Accounts Bot' }, conversation: { id: `mi-conv-${i}` }, ...activity,
      });
      const post = (url: string) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status, () => 0);
      for (let attempt = 0; attempt < 60 && !over; attempt++) {
        if (n % 5 === 0 && attempt === 0) {
          duplicatesSent++;
          await Promise.all(ports.map((port) => post(`http://127.0.0.1:${port}`)));
        } else await post(proxy.url);
        const replies = connector.received.filter((a) => a.replyToId === id);
        if (replies.length > 0) return replies;
        await sleep(1_000);
      }
      throw new Error(`turn ${id} was never answered`);
    };

    const outcome: string[] = [];
    const conversation = async (i: number) => {
      let n = 0;
      const say = (activity: Partial<Activity>, locale = 'en-US') => turn(i, ++n, activity, locale);
      await sleep(i * 40);
      if (kindOf(i) === 'addCustomer') {
        let replies = await say({ text: 'add customer' });
        const steps = [
          { country: 'DE', companyName: markerOf(i), domainPrefix: `mikunde${i}` },
          { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
          { firstName: 'Greta', lastName: `Lindqvist${i}`, email: `greta${i}@mikunde.example`, culture: 'de-DE' },
        ];
        for (const inputs of steps) replies = await say({ value: { ...inputs, ...actionData(replies[0], 'Next') } });
        const review = (await say({ value: actionData(replies[0], 'Skip for now') }))[0];
        outcome[i] = cardText((await say({ value: actionData(review, 'Create customer') }))[0]);
      } else if (kindOf(i) === 'addUsers') {
        await say({ text: `add users ${filler(i).name.replace(' GmbH', '')}` });
        const url = connector.serveFile(`users-${i}.csv`, usersCsv(USERS_PER_JOB, filler(i).domain));
        const confirm = (await say({ attachments: [{ contentType: 'text/csv', contentUrl: url, name: 'users.csv' }] }))[0];
        await say({ value: { ...inputValues(confirm), usageLocation: 'DE', ...actionData(confirm, 'Add users') } });
        const result = `Users added: ${filler(i).name}`;
        await waitFor(() => connector.received.some((a) => a.conversationId === `mi-conv-${i}` && cardText(a).includes(result)), `the job of conversation ${i}`, 90_000);
        outcome[i] = result;
      } else {
        const picker = (await say({ text: 'language' }))[0];
        await say({ value: actionData(picker, 'Deutsch') });
        const check = (await say({ text: `Beziehung beenden ${filler(i).name.replace(' GmbH', '')}` }))[0];
        const confirm = (await say({ value: { reason: 'customerRequest', ...actionData(check, 'Weiter') } }))[0];
        outcome[i] = cardText((await say({ value: { confirmDomain: filler(i).domain, ...actionData(confirm, 'Vertriebspartnerbeziehung entfernen') } }))[0]);
      }
    };

    const done = Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => conversation(i)));
    // Mid-run: user rows are being made by both instances' jobs when the first one is killed.
    await waitFor(() => server.calls.filter(isUserCreate).length >= Math.min(60, CONVERSATIONS * 3), 'the jobs to be under way', 90_000);
    const jobsOpenAtKill = Array.from({ length: CONVERSATIONS }, (_, i) => i).filter((i) => kindOf(i) === 'addUsers' && (server.customersOf(PARTNER).find((c) => c.companyProfile?.domain === filler(i).domain)!.users ?? []).filter((u) => u.userPrincipalName.startsWith('user')).length < USERS_PER_JOB);
    const victim = running.find(({ port }) => port === ports[0])!;
    live = [ports[1]!];
    victim.run.child.kill('SIGKILL');
    await victim.run.exited;
    running.splice(running.indexOf(victim), 1);
    await sleep(1_000);
    await start(ports[0]!);
    live = [...ports];
    await done;
    await proxy.close();

    // Told, and so: each once, in Partner Center and in the audit trail the instances share.
    const customers = server.customersOf(PARTNER);
    const trail = await new RedisAuditLog(redis.client).entries(PARTNER);
    const audited = (action: AuditEntry['action'], customerId: string) => trail.filter((e) => e.action === action && e.customerId === customerId).length;
    for (let i = 0; i < CONVERSATIONS; i++) {
      if (kindOf(i) === 'addCustomer') {
        // Added, or (its answer lost with the killed instance, the press sent again) said to be done already: either way once.
        expect(outcome[i]).toMatch(/Customer added|The bot had already received this answer and acted on it once/);
        const added = customers.filter((c) => c.companyProfile?.domain === `mikunde${i}.onmicrosoft.com`);
        expect(added).toHaveLength(1);
        expect(audited('createCustomer', added[0]!.id)).toBe(1);
      } else if (kindOf(i) === 'addUsers') {
        const customer = customers.find((c) => c.companyProfile?.domain === filler(i).domain)!;
        const users = (customer.users ?? []).filter((u) => u.userPrincipalName.startsWith('user'));
        expect(new Set(users.map((u) => u.userPrincipalName)).size).toBe(USERS_PER_JOB);
        expect(users).toHaveLength(USERS_PER_JOB);
        expect(audited('addUsers', customer.id)).toBe(1);
      } else {
        // Removed; or, its answer lost with the killed instance and the press sent again: said to be done already (the
        // instance had kept its answer), or removed (the shared ledger knows its request id). Either way once, and never
        // taken for another user's removal.
        expect(outcome[i]).toMatch(/Vertriebspartnerbeziehung entfernt|Diese Antwort hatte der Bot bereits erhalten und einmal ausgeführt/);
        const customer = customers.find((c) => c.companyProfile?.domain === filler(i).domain)!;
        expect(customer.relationshipToPartner).toBe('none');
        expect(new Set(server.apiCalls('PATCH').filter((c) => c.path === `/v1/customers/${customer.id}`).map((c) => c.headers['ms-requestid'])).size).toBe(1);
        expect(audited('endRelationship', customer.id)).toBe(1);
      }
    }
    // The kill came mid-run, and the jobs it left open finished.
    expect(jobsOpenAtKill.length).toBeGreaterThan(0);
    expect(duplicatesSent).toBeGreaterThanOrEqual(CONVERSATIONS / 2);

    // No turn ran twice: each of these turns answers with one card (choosing the language: two), so a repeated one
    // would have more (one cut off by the kill may have fewer).
    const byTurn = new Map<string, number>();
    for (const reply of connector.received) if (reply.replyToId && owner.has(reply.replyToId)) byTurn.set(reply.replyToId, (byTurn.get(reply.replyToId) ?? 0) + 1);
    expect(byTurn.size).toBe(owner.size);
    const expected = (id: string) => (kindOf(owner.get(id)!) === 'endRelationship' && id.endsWith('-t2') ? 2 : 1);
    for (const [id, replies] of byTurn) expect([id, Math.min(replies, expected(id))]).toEqual([id, replies]);
    // No card in the wrong conversation: each names only its own conversation's customer, and is where its turn was.
    for (const reply of connector.received) {
      const i = Number(/^mi-conv-(\d+)$/.exec(reply.conversationId)?.[1]);
      if (Number.isNaN(i)) continue;
      if (reply.replyToId && owner.has(reply.replyToId)) expect(owner.get(reply.replyToId)).toBe(i);
      const text = cardText(reply);
      for (let j = 0; j < CONVERSATIONS; j++) if (j !== i && text.includes(markerOf(j))) throw new Error(`conversation ${i} was shown conversation ${j}'s ${markerOf(j)}`);
    }
  }, 240_000);
});
