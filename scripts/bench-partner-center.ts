/**
 * Benchmark of the Partner Center backend against the test Partner Center
 * (test/support/partnerCenterServer.ts, on loopback) at 10,000 customers:
 * the first page (straight from Partner Center, before the bot has the list),
 * the time until the read model is complete (20 pages of 500, one call at a
 * time), and search after the sync, with the same p95 < 20 ms target as the
 * embedded backend. Part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendContext } from '../src/customers/ports.js';
import { createLogger } from '../src/logger.js';
import { PartnerCenterBackend } from '../src/partnerCenter/partnerCenterBackend.js';
import { fillerCustomers, toPartnerCenter } from '../test/support/partnerCenterData.js';
import { PartnerCenterServer } from '../test/support/partnerCenterServer.js';

const CUSTOMERS = 10_000;
const TARGET_P95_MS = 20;
const FIRST_PAGE_RUNS = 20;
const SEARCHES = 400;
const PARTNER = 'bench-partner';
const TERMS = ['handel 01', 'nordwind', 'ветер 02', 'северный', '贸易03', '北风', 'beifeng04', 'severveter', '0099', 'gmbh'];
const LOCALES = ['en-US', 'de-DE', 'zh-CN', 'ru-RU'];

const p95 = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1]!;
const p50 = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.5) - 1]!;
const ms = (value: number): string => value.toFixed(value >= 100 ? 0 : 2);

async function main(): Promise<void> {
  const server = await new PartnerCenterServer().start();
  server.customersOf(PARTNER).push(...fillerCustomers(CUSTOMERS).map(toPartnerCenter));
  const token = server.tokens.signIn('bench-user', PARTNER);
  const ctx: BackendContext = { tenantId: PARTNER, user: { key: 'bench-user', name: 'Bench' }, locale: { formatLocale: 'de-DE' }, correlationId: 'bench', credentials: { accessToken: async () => token, invalidate: async () => undefined } };
  const dirs: string[] = [];
  const fresh = () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-bench-pc-'));
    dirs.push(dataDir);
    return new PartnerCenterBackend({ baseUrl: server.url, dataDir, timeoutMs: 30_000, logger: createLogger('silent') });
  };
  try {
    // First page: a bot that has not read the list yet answers from Partner Center's own first page.
    const firstPage: number[] = [];
    for (let i = 0; i < FIRST_PAGE_RUNS; i++) {
      const backend = fresh();
      const started = performance.now();
      const page = await backend.list.page(ctx, { relationship: 'active', locale: 'de-DE', size: 10 });
      firstPage.push(performance.now() - started);
      if (page.items.length !== 10 || page.complete) throw new Error('the first page did not come from Partner Center');
      await backend.close();
    }

    // Until the read model is complete, from a cold start.
    const backend = fresh();
    const callsBefore = server.calls.length;
    const started = performance.now();
    await backend.list.page(ctx, { relationship: 'active', locale: 'de-DE', size: 10 });
    await backend.readModel.idle();
    const syncMs = performance.now() - started;
    const count = await backend.list.count(ctx, 'active');
    if (count !== CUSTOMERS) throw new Error(`the read model has ${count} customers, not ${CUSTOMERS}`);
    const pages = server.calls.slice(callsBefore).filter((c) => c.path === '/v1/customers' && (c.query.get('size') === '500' || c.headers['ms-continuationtoken'])).length;

    // Search after the sync: substring, any script, each language's collation.
    const search: number[] = [];
    for (let i = 0; i < SEARCHES + 40; i++) {
      const t0 = performance.now();
      await backend.list.page(ctx, { relationship: 'active', search: TERMS[i % TERMS.length], locale: LOCALES[i % LOCALES.length]!, size: 10 });
      if (i >= 40) search.push(performance.now() - t0);
    }
    const memory = process.memoryUsage();
    await backend.close();

    console.log(`\n## Partner Center backend (test Partner Center on loopback, ${CUSTOMERS.toLocaleString('en-US')} customers, Node ${process.version}, ${os.cpus().length} cores)\n`);
    console.log('| Measure | p50 ms | p95 ms | n |');
    console.log('|---|---:|---:|---:|');
    console.log(`| First page (from Partner Center, read model empty) | ${ms(p50(firstPage))} | ${ms(p95(firstPage))} | ${firstPage.length} |`);
    console.log(`| Search after sync (substring, 4 locales) | ${ms(p50(search))} | ${ms(p95(search))} | ${search.length} |`);
    console.log(`\nRead model complete after **${ms(syncMs)} ms** (${pages} pages of 500, one call at a time). Heap ${(memory.heapUsed / 1024 / 1024).toFixed(1)} MiB, RSS ${(memory.rss / 1024 / 1024).toFixed(1)} MiB.`);
    const ok = p95(search) < TARGET_P95_MS;
    console.log(ok ? `\n**RESULT: PASS ✅** — search p95 after sync < ${TARGET_P95_MS} ms.` : `\n**RESULT: FAIL ❌** — search p95 after sync ${ms(p95(search))} ms ≥ ${TARGET_P95_MS} ms.`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
