/**
 * Benchmark of adding users on Partner Center: four files of 100 users for
 * one partner tenant, started at once, through the job runner and the
 * Partner Center client against the test Partner Center on loopback. The
 * target: the calls of all jobs together stay under Partner Center's rate
 * limit (about 500 a minute per partner tenant) in every sliding 60-second
 * window, paced by the client's budget of 300 a minute, and every user is
 * made once. Part of
 * `npm run bench`; it takes a little over a minute by design.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../src/audit/auditLog.js';
import { OneTimeFiles } from '../src/exports/oneTimeFiles.js';
import { createUsersSteps } from '../src/flows/addUsers/createUsersJob.js';
import type { RequestContext } from '../src/flows/requestContext.js';
import { createI18n, loadLocaleResources } from '../src/i18n/i18n.js';
import { Localizer } from '../src/i18n/localizer.js';
import { FileJobStore } from '../src/jobs/bulkJob.js';
import { LocalJobDispatch } from '../src/jobs/jobDispatch.js';
import { JobRunner, type JobSteps } from '../src/jobs/jobRunner.js';
import { createLogger } from '../src/logger.js';
import { PartnerCenterBackend } from '../src/partnerCenter/partnerCenterBackend.js';
import { projectRoot } from '../src/paths.js';
import { toPartnerCenter, fillerCustomers } from '../test/support/partnerCenterData.js';
import { PartnerCenterServer } from '../test/support/partnerCenterServer.js';

const PARTNER = 'bench-partner';
const JOBS = 4;
const ROWS = 100;
/** The client's budget per partner tenant: 300 a minute, counted as 150 per fixed half minute (so any sliding minute sees at most 450). */
const BUDGET_PER_MINUTE = 300;
/** Where Partner Center starts answering 429 (about; the client's note): the target for any sliding 60-second window. */
const PARTNER_CENTER_LIMIT = 500;

async function main(): Promise<void> {
  const server = await new PartnerCenterServer().start();
  const customer = toPartnerCenter(fillerCustomers(1)[0]!);
  server.customersOf(PARTNER).push(customer);
  const token = server.tokens.signIn('bench-user', PARTNER);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-bench-jobs-'));
  const logger = createLogger('silent');
  const backend = new PartnerCenterBackend({ baseUrl: server.url, dataDir, timeoutMs: 30_000, logger });
  const calls: number[] = [];
  const steps = createUsersSteps({ users: backend.users, audit: new AuditLog(dataDir), events: { publish: () => {} } });
  const counted: JobSteps = { ...steps, run: async (...args) => { const result = await steps.run(...args); calls.push(Date.now()); return result; } };
  const localizer = new Localizer(createI18n(loadLocaleResources(path.join(projectRoot(), 'locales'))));
  const runner = new JobRunner({
    store: new FileJobStore(dataDir),
    dispatch: new LocalJobDispatch(logger),
    steps: { createUsers: counted, assignLicences: counted },
    conversations: () => ({ capture: () => ({ channelId: 'bench', conversationId: 'c', serviceUrl: 'http://x', botId: 'b', shared: false }), answered: async () => {}, post: async () => {}, credentials: () => ({ accessToken: async () => token, invalidate: async () => {} }) }),
    files: new OneTimeFiles(15 * 60_000),
    publicBaseUrl: 'http://localhost',
    localizer,
    logger,
    progressEveryMs: 3_000,
    now: () => new Date(),
  });
  const ctx = { tenantId: PARTNER, user: { key: 'bench-user', name: 'Bench' }, locale: localizer.forLanguage('en', 'UTC') } as unknown as RequestContext;
  try {
    await runner.resume();
    const started = performance.now();
    for (let j = 0; j < JOBS; j++) {
      const items = Array.from({ length: ROWS }, (_, i) => ({ line: i + 2, requestId: randomUUID(), displayName: `User ${j}-${i}`, email: `u${j}x${i}@${customer.companyProfile!.domain}`, firstName: '', lastName: '' }));
      await runner.start(ctx, { kind: 'createUsers', customerId: customer.id, companyName: 'Bench', domain: customer.companyProfile!.domain!, usageLocation: 'DE', items });
    }
    await runner.idle();
    const seconds = (performance.now() - started) / 1000;
    const made = server.apiCalls('POST').filter((c) => c.path.endsWith('/users')).length;
    let worst = 0;
    for (let i = 0, j = 0; i < calls.length; i++) {
      while (calls[i]! - calls[j]! >= 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    console.log(`\n## Adding users on Partner Center (${JOBS} files × ${ROWS} users, one partner tenant, test Partner Center on loopback)\n`);
    console.log(`${made} user calls in ${seconds.toFixed(1)} s; at most **${worst}** in any sliding 60-second window (client budget ${BUDGET_PER_MINUTE} a minute, ${BUDGET_PER_MINUTE / 2} per half-minute window; Partner Center's limit about ${PARTNER_CENTER_LIMIT}).`);
    const ok = worst < PARTNER_CENTER_LIMIT && seconds >= 60 && made === JOBS * ROWS;
    console.log(ok ? `\n**RESULT: PASS ✅** — under Partner Center's limit, paced over more than a minute, every user made once.` : `\n**RESULT: FAIL ❌** — ${worst} calls in a minute, ${seconds.toFixed(1)} s, ${made} of ${JOBS * ROWS} users made.`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await backend.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
