/**
 * Turn benchmark: the real bot (createApp: restify + CloudAdapter, no
 * credentials, lowdb storage in a temp DATA_DIR, demo data) driven over HTTP
 * by N = 1, 10, 50 simulated users at once, each in its own conversation and
 * locale (en-US, de-DE, zh-CN, ru-RU in turn), each looping over a realistic
 * mix: main menu, customer list, Next page, a search, and the whole
 * add-customer wizard. A turn is one POST to /api/messages, from send until
 * the HTTP response (the bot has posted its replies to the connector by then);
 * every turn's first reply is checked, failures are counted and left out of
 * the latencies. The floor is a bare botbuilder echo bot (ActivityHandler →
 * tiny Adaptive Card, CloudAdapter behind restify) driven the same way.
 *
 * Every configuration runs in a fresh child process (harness, connector and
 * bot in that one process) so peak RSS and JIT state belong to it alone.
 *
 *   npm run bench                   (list benchmark, then this)
 *   npx tsx scripts/bench-turns.ts
 *
 * Environment (all optional):
 *   BENCH_TURNS_N=1,10,50           concurrent users per configuration
 *   BENCH_TURNS_ITERATIONS=60,15,4   mix iterations per user, one per N (10 turns each)
 *   BENCH_TURNS_TARGETS=bot,echo
 *   BENCH_TURNS_NODE_ARGS="…"      extra node flags for the children
 *   BENCH_TURNS_CPU_PROFILE=/tmp/prof   write a .cpuprofile of each measured run (not start-up or warm-up)
 *   BENCH_TURNS_PRELOAD=/abs/x.ts   import this module in each child before the bot starts (to try a fix without editing src/)
 *   BENCH_TURNS_SLOW_MS=500         list measured turns slower than this (kind, user, start offset) on stderr
 *   BENCH_TURNS_TRACE=1             time storage reads/writes, card expansion and directory calls (adds overhead)
 *
 * Always exits 0: it is a report.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchConnector } from './benchTurns/connector.js';
import { createClient, mib, ms, newRecorder, poster, stats, type Recorder, type Stats } from './benchTurns/load.js';
import { LOCALES, runIteration, TURN_KINDS, type TurnKind } from './benchTurns/users.js';

type Target = 'bot' | 'echo';
const TARGET_NAMES: Record<Target, string> = { bot: 'customer accounts bot', echo: 'echo floor' };
const DEFAULT_ITERATIONS: Record<number, number> = { 1: 60, 10: 15, 50: 4 };
const WARMUP_TURNS_PER_USER = 10;
const RSS_SAMPLE_MS = 50;

interface RunResult {
  target: Target;
  users: number;
  iterations: number;
  turns: number;
  failures: number;
  failureSamples: string[];
  seconds: number;
  overall: Stats;
  byKind: Partial<Record<TurnKind, Stats>>;
  peakRss: number;
  rssBefore: number;
  /** BENCH_TURNS_TRACE=1: time in the bot's parts during the measured run. */
  trace?: Record<string, { calls: number; ms: number }>;
  cpuProfile?: string;
}

async function runChild(target: Target, users: number, iterations: number): Promise<RunResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-turns-'));
  const connector = new BenchConnector();
  const serviceUrl = await connector.start();
  let server: { listen(port: number, host: string): Promise<number>; close(): Promise<void> };
  if (process.env.BENCH_TURNS_PRELOAD) await import(pathToFileURL(path.resolve(process.env.BENCH_TURNS_PRELOAD)).href);
  if (target === 'bot') {
    const [{ createApp }, { loadConfig }, { createLogger }] = await Promise.all([import('../src/appServer.js'), import('../src/config.js'), import('../src/logger.js')]);
    server = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true' }), createLogger('silent'));
  } else {
    // Loaded here, not at the top: restify warns (DEP0111) when loaded, and the parent needs none of it.
    const { createEchoBot } = await import('./benchTurns/echoBot.js');
    server = createEchoBot();
  }
  const trace = process.env.BENCH_TURNS_TRACE === '1' && target === 'bot' ? await (await import('./benchTurns/trace.js')).installTrace() : undefined;
  const port = await server.listen(0, '127.0.0.1');
  const post = poster(`http://127.0.0.1:${port}`);
  const label = `${target}${users}`;
  const localeOf = (user: number) => LOCALES[user % LOCALES.length] ?? 'en-US';
  const client = (user: number, extra: { recorder?: Recorder; budget?: number; label?: string }) =>
    createClient({ post, connector, serviceUrl, strict: target === 'bot', user, locale: localeOf(user), label: extra.label ?? label, ...extra });

  try {
    // Warm-up, not counted: one whole iteration per locale by separate users, then one for every user at once (pools and caches reach their working size).
    for (let w = 0; w < LOCALES.length; w++) await runIteration(client(1000 + w, { label: `${label}w` }), localeOf(w), 1000 + w, 0, `warm${users}x${w}`);
    await Promise.all(Array.from({ length: users }, (_, user) => runIteration(client(user, { budget: WARMUP_TURNS_PER_USER }), localeOf(user), user, 0, `unused${user}`)));
    // The measured run starts with every user's first turn at the same instant, so the bot has N replies in flight at once. Users
    // drift apart within the warm-up above, which leaves the bot's connection pool to the connector at about half of N; the rest
    // would be opened inside the measured run, and a new connection to a busy in-process server waits several event-loop rounds.
    // One more synchronized turn per user opens them here, as any bot that has been serving N users has them open.
    await Promise.all(Array.from({ length: users }, (_, user) => runIteration(client(user, { budget: 1 }), localeOf(user), user, 0, `unused${user}`)));

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const recorder: Recorder = newRecorder(TURN_KINDS, Number(process.env.BENCH_TURNS_SLOW_MS ?? Infinity));
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), RSS_SAMPLE_MS);

    const traceBefore = structuredClone(trace?.() ?? {});
    const profileDir = process.env.BENCH_TURNS_CPU_PROFILE;
    const stopProfile = profileDir ? await (await import('./benchTurns/trace.js')).startCpuProfile(profileDir, `${target}-N${users}-${process.pid}`) : undefined;
    const start = (recorder.startedAt = performance.now());
    await Promise.all(
      Array.from({ length: users }, async (_, user) => {
        const c = client(user, { recorder });
        for (let i = 0; i < iterations; i++) await runIteration(c, localeOf(user), user, i, `b${users}u${user}i${i}`);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const cpuProfile = await stopProfile?.();
    const traceTotals = trace ? Object.fromEntries(Object.entries(trace()).map(([k, v]) => [k, { calls: v.calls - (traceBefore[k]?.calls ?? 0), ms: v.ms - (traceBefore[k]?.ms ?? 0) }])) : undefined;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());

    const all = [...recorder.latencies.values()].flat();
    const byKind: Partial<Record<TurnKind, Stats>> = {};
    for (const [kind, samples] of recorder.latencies) if (samples.length) byKind[kind] = stats(samples);
    return { target, users, iterations, turns: all.length, failures: recorder.failures, failureSamples: recorder.failureSamples, seconds, overall: stats(all), byKind, peakRss, rssBefore, ...(traceTotals ? { trace: traceTotals } : {}), ...(cpuProfile ? { cpuProfile } : {}) };
  } finally {
    await server.close();
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ parent: all configurations, the report

function runInChild(target: Target, users: number, iterations: number): Promise<RunResult> {
  const script = fileURLToPath(import.meta.url);
  const extra = (process.env.BENCH_TURNS_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const args = [...process.execArgv, '--expose-gc', '--disable-warning=DEP0111', ...extra, script, '--child', target, String(users), String(iterations)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', env: { ...process.env, NODE_OPTIONS: '' } });
    let result: RunResult | undefined;
    child.on('message', (message) => (result = message as RunResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => (result ? resolve(result) : reject(new Error(`${target} N=${users}: child exited with ${signal ?? code} and no result`))));
  });
}

function listOf(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  const userCounts = listOf('BENCH_TURNS_N', '1,10,50').map(Number);
  const iterationList = listOf('BENCH_TURNS_ITERATIONS', userCounts.map((n) => DEFAULT_ITERATIONS[n] ?? 3).join(',')).map(Number);
  const targets = listOf('BENCH_TURNS_TARGETS', 'bot,echo').filter((t): t is Target => t === 'bot' || t === 'echo');

  console.log('\n# Turn benchmark (/api/messages over HTTP)\n');
  console.log(`- machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`);
  console.log(`- mix per iteration (10 turns): menu, customer list, Next page, search (${'müller, gmbh, север, 北京'}), add-customer wizard (start, company, address, contact, skip agreement, create); locales ${LOCALES.join(', ')} by user`);
  console.log(`- each configuration in a fresh process; warm-up (not counted): ${LOCALES.length} whole iterations, ${WARMUP_TURNS_PER_USER} turns per user, then one turn per user all at once; RSS sampled every ${RSS_SAMPLE_MS} ms during the measured run\n`);

  const results: RunResult[] = [];
  for (const [index, users] of userCounts.entries()) {
    const iterations = iterationList[index] ?? iterationList[iterationList.length - 1] ?? 3;
    for (const target of targets) {
      process.stderr.write(`  running ${TARGET_NAMES[target]}, N=${users}, ${iterations} iterations per user… `);
      try {
        const result = await runInChild(target, users, iterations);
        results.push(result);
        process.stderr.write(`${result.turns} turns in ${result.seconds.toFixed(1)} s${result.failures ? `, ${result.failures} FAILED` : ''}\n`);
      } catch (error) {
        process.stderr.write(`error: ${(error as Error).message}\n`);
      }
    }
  }

  console.log('| target | N | turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | peak RSS MiB | failures |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const target of targets) {
    for (const r of results.filter((x) => x.target === target)) {
      const o = r.overall;
      console.log(`| ${TARGET_NAMES[target]} | ${r.users} | ${r.turns} | ${(r.turns / r.seconds).toFixed(0)} | ${ms(o.p50)} | ${ms(o.p95)} | ${ms(o.p99)} | ${ms(o.max)} | ${mib(r.peakRss)} | ${r.failures} |`);
    }
  }

  const botRuns = results.filter((r) => r.target === 'bot');
  if (botRuns.length) {
    console.log(`\nCustomer accounts bot by turn kind (p50 / p95 ms):\n`);
    console.log(`| turn | ${botRuns.map((r) => `N=${r.users}`).join(' | ')} |`);
    console.log(`|---|${botRuns.map(() => '---:').join('|')}|`);
    for (const kind of TURN_KINDS) console.log(`| ${kind} | ${botRuns.map((r) => (r.byKind[kind] ? `${ms(r.byKind[kind].p50)} / ${ms(r.byKind[kind].p95)}` : '–')).join(' | ')} |`);
  }

  for (const r of results.filter((x) => x.trace)) {
    console.log(`\nTrace, ${TARGET_NAMES[r.target]} N=${r.users} (${r.turns} turns; wall ms, async calls include waiting):\n`);
    console.log('| call | calls | per turn | total ms | ms per call | ms per turn |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, v] of Object.entries(r.trace ?? {})) {
      if (v.calls) console.log(`| ${name} | ${v.calls} | ${(v.calls / r.turns).toFixed(2)} | ${v.ms.toFixed(0)} | ${ms(v.ms / v.calls)} | ${ms(v.ms / r.turns)} |`);
    }
  }
  for (const r of results.filter((x) => x.cpuProfile)) console.log(`\nCPU profile of ${TARGET_NAMES[r.target]} N=${r.users}: ${r.cpuProfile}`);

  const failed = results.filter((r) => r.failures > 0);
  for (const r of failed) {
    console.log(`\n⚠️ ${TARGET_NAMES[r.target]} N=${r.users}: ${r.failures} failed turn(s), e.g.:`);
    for (const sample of r.failureSamples) console.log(`  - ${sample}`);
  }

  const bot50 = results.find((r) => r.target === 'bot' && r.users === 50);
  const echo50 = results.find((r) => r.target === 'echo' && r.users === 50);
  console.log('');
  if (!bot50 || !echo50) {
    console.log('**RESULT: n/a** — the 50-conversation runs of both the bot and the echo floor are needed for the comparison.');
  } else {
    const limit = 2 * echo50.overall.p95;
    const pass = bot50.overall.p95 <= limit && bot50.failures === 0;
    console.log(
      `**RESULT: ${pass ? 'PASS ✅' : 'FAIL ❌'}** — p95 at 50 conversations: bot ${ms(bot50.overall.p95)} ms vs 2 × echo floor ${ms(echo50.overall.p95)} ms = ${ms(limit)} ms` +
        ` (${(bot50.overall.p95 / echo50.overall.p95).toFixed(1)}× the floor)${bot50.failures ? `; ${bot50.failures} failed turns` : ''}.`,
    );
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const [target, users, iterations] = process.argv.slice(childAt + 1);
  runChild(target as Target, Number(users), Number(iterations)).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error('bench child failed:', error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error('Turn benchmark failed:', error);
    process.exitCode = 0;
  });
}
