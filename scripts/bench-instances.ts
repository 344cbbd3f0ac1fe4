/**
 * Instances benchmark: turns/s and latency of 1 and 2 bot processes on one
 * Redis (STATE_STORE=redis), against an echo floor of 1 and 2 processes,
 * at 50 and 200 conversations, all on this machine (load generator, Redis and
 * the test Partner Center included). The bots work on the test Partner Center
 * (its own process), since the embedded customer directory serves one
 * instance only. What Redis adds per turn is measured first, against a bot on
 * the embedded state store (STATE_STORE=local), side by side with one
 * conversation each (no queueing): benchInstances/redisPerTurn.ts.
 *
 * Every turn goes to the next instance in turn (round robin per turn, as a
 * load balancer without affinity does), so a conversation's consecutive turns
 * are usually served by different instances. The mix and the checks are the
 * turn benchmark's (scripts/benchTurns/users.ts). Each configuration starts
 * fresh processes, is warmed up (not counted), then measured.
 *
 *   npx tsx scripts/bench-instances.ts        (part of npm run bench)
 *   BENCH_INSTANCES_N=50,200 (0: only the per-turn figure)   BENCH_INSTANCES_ITERATIONS=6,2
 *   BENCH_INSTANCES_PER_TURN_ITERATIONS=100 (10 turns each)
 *
 * Always exits 0: it is a report.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startRedis, sharedStateEnv, type TestRedis } from '../test/support/redisServer.js';
import { BenchConnector } from './benchTurns/connector.js';
import { createClient, ms, newRecorder, poster, stats, type Stats } from './benchTurns/load.js';
import { LOCALES, runIteration, TURN_KINDS } from './benchTurns/users.js';
import { measureRedisPerTurn } from './benchInstances/redisPerTurn.js';
import { buildBot, cpuSeconds, FILLER, PARTNER, startBots, startEchoes, startPartnerCenter, type Instance } from './benchInstances/world.js';

type Store = 'echo' | 'local' | 'redis';
interface Config {
  store: Store;
  instances: number;
  users: number;
  iterations: number;
}
interface Result extends Config {
  turns: number;
  seconds: number;
  failures: number;
  failureSamples: string[];
  overall: Stats;
  /** CPU seconds during the measured run: the instances together, the load generator (with the connector), the test Partner Center, Redis. */
  cpu: { instances: number; load: number; partnerCenter: number; redis: number };
  partnerCenterCallsPerTurn: number;
}

const WARMUP_TURNS_PER_USER = 10;
const SCALING_TARGET = 1.4;
const REDIS_EXTRA_P50_TARGET_MS = 1;
const PER_TURN_ITERATIONS = Number(process.env.BENCH_INSTANCES_PER_TURN_ITERATIONS ?? 100);
const NAMES: Record<Store, string> = { echo: 'echo floor', local: 'bot, STATE_STORE=local', redis: 'bot, STATE_STORE=redis' };

/** CPU seconds this process (the load generator and its connector) has used. */
const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** CPU seconds Redis has used (INFO cpu). */
const redisCpu = async (redis: TestRedis): Promise<number> => {
  const info = await redis.client.info('cpu');
  const field = (name: string) => Number(new RegExp(`^used_cpu_${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('user') + field('sys');
};

async function run(config: Config): Promise<Result> {
  const { store, instances: count, users, iterations } = config;
  const redis = store === 'redis' ? await startRedis() : undefined;
  const partnerCenter = store === 'echo' ? undefined : await startPartnerCenter(PARTNER, users, FILLER);
  let instances: Instance[] = [];
  const connector = new BenchConnector();
  try {
    instances = store === 'echo' ? await startEchoes(count) : await startBots(count, partnerCenter!.url, redis ? sharedStateEnv(redis) : { STATE_STORE: 'local' });
    const serviceUrl = await connector.start();
    const posts = instances.map((instance) => poster(`http://127.0.0.1:${instance.port}`));
    let next = 0;
    const post = (body: string) => posts[next++ % posts.length]!(body);
    const label = `${store}${count}x${users}`;
    const localeOf = (user: number) => LOCALES[user % LOCALES.length] ?? 'en-US';
    const client = (user: number, extra: Pick<Parameters<typeof createClient>[0], 'recorder' | 'budget'> & { label?: string }) =>
      createClient({ post, connector, serviceUrl, strict: store !== 'echo', user, locale: localeOf(user), label: extra.label ?? label, activity: { channelData: { tenant: { id: PARTNER } } }, ...extra });

    // Warm-up as in the turn benchmark: whole iterations per locale, ten turns per user, then one turn per user at once.
    for (let w = 0; w < LOCALES.length * count; w++) await runIteration(client(1000 + (w % LOCALES.length), { label: `${label}w${w}` }), localeOf(w), 1000 + w, 0, `warm${label}${w}`);
    await Promise.all(Array.from({ length: users }, (_, user) => runIteration(client(user, { budget: WARMUP_TURNS_PER_USER }), localeOf(user), user, 0, `unused${user}`)));
    await Promise.all(Array.from({ length: users }, (_, user) => runIteration(client(user, { budget: 1 }), localeOf(user), user, 0, `unused${user}`)));

    const recorder = newRecorder(TURN_KINDS);
    const cpuOf = async () => ({
      instances: instances.reduce((sum, i) => sum + cpuSeconds(i.pid), 0),
      load: ownCpuSeconds(),
      partnerCenter: partnerCenter ? cpuSeconds(partnerCenter.pid) : 0,
      redis: redis ? await redisCpu(redis) : 0,
    });
    const callsBefore = (await partnerCenter?.calls()) ?? 0;
    const cpuBefore = await cpuOf();
    const start = (recorder.startedAt = performance.now());
    await Promise.all(
      Array.from({ length: users }, async (_, user) => {
        const c = client(user, { recorder });
        for (let i = 0; i < iterations; i++) await runIteration(c, localeOf(user), user, i, `b${label}u${user}i${i}`);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpuAfter = await cpuOf();
    const calls = ((await partnerCenter?.calls()) ?? 0) - callsBefore;
    const all = [...recorder.latencies.values()].flat();
    const cpu = { instances: cpuAfter.instances - cpuBefore.instances, load: cpuAfter.load - cpuBefore.load, partnerCenter: cpuAfter.partnerCenter - cpuBefore.partnerCenter, redis: cpuAfter.redis - cpuBefore.redis };
    return { ...config, turns: all.length, seconds, failures: recorder.failures, failureSamples: recorder.failureSamples, overall: stats(all), cpu, partnerCenterCallsPerTurn: all.length ? calls / all.length : 0 };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await connector.stop();
    await partnerCenter?.stop();
    await redis?.stop();
  }
}

const listOf = (name: string, fallback: string): number[] => (process.env[name] ?? fallback).split(',').map((s) => Number(s.trim())).filter((n) => n > 0);

async function main(): Promise<void> {
  const cpus = os.cpus();
  const userCounts = listOf('BENCH_INSTANCES_N', '50,200');
  const iterationList = listOf('BENCH_INSTANCES_ITERATIONS', userCounts.map((n) => (n >= 200 ? 2 : 6)).join(','));
  const configs: Config[] = [];
  for (const [index, users] of userCounts.entries()) {
    const iterations = iterationList[index] ?? iterationList[iterationList.length - 1] ?? 2;
    for (const [store, instances] of [['echo', 1], ['echo', 2], ['local', 1], ['redis', 1], ['redis', 2]] as const) configs.push({ store, instances, users, iterations });
  }

  console.log('\n# Instances benchmark (1 and 2 bot processes on one Redis)\n');
  console.log(`- machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}; the load generator, Redis and the test Partner Center run on it too`);
  console.log(`- backend: the test Partner Center in its own process (${FILLER} customers and the demo ones); each turn to the next instance in turn; the turn benchmark's mix and checks, locales ${LOCALES.join(', ')} by user\n`);

  buildBot();
  process.stderr.write(`  running the bots on the embedded store and on Redis side by side, 1 conversation each, ${PER_TURN_ITERATIONS} iterations… `);
  const perTurn = await measureRedisPerTurn(PER_TURN_ITERATIONS).catch((error: unknown) => void process.stderr.write(`error: ${(error as Error).message}\n`));
  if (perTurn) {
    process.stderr.write(`done\n`);
    const commands = [...perTurn.commandsPerTurn].sort((a, b) => b[1] - a[1]);
    console.log(`- Redis commands per turn (those inside scripts included): ${commands.reduce((sum, [, n]) => sum + n, 0).toFixed(1)} (${commands.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(', ')})\n`);
  }
  const results: Result[] = [];
  for (const config of configs) {
    process.stderr.write(`  running ${NAMES[config.store]} ×${config.instances}, N=${config.users}, ${config.iterations} iterations per user… `);
    try {
      const result = await run(config);
      results.push(result);
      process.stderr.write(`${result.turns} turns in ${result.seconds.toFixed(1)} s${result.failures ? `, ${result.failures} FAILED` : ''}\n`);
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
    }
  }

  console.log('| configuration | instances | N | turns | turns/s | p50 ms | p95 ms | p99 ms | failures | CPU s: instances / load / PC / Redis | PC calls per turn |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const r of results) {
    const o = r.overall;
    const c = r.cpu;
    console.log(`| ${NAMES[r.store]} | ${r.instances} | ${r.users} | ${r.turns} | ${(r.turns / r.seconds).toFixed(0)} | ${ms(o.p50)} | ${ms(o.p95)} | ${ms(o.p99)} | ${r.failures} | ${[c.instances, c.load, c.partnerCenter, c.redis].map((s) => s.toFixed(1)).join(' / ')} | ${r.partnerCenterCallsPerTurn.toFixed(2)} |`);
  }
  for (const r of results.filter((x) => x.failures)) {
    console.log(`\n⚠️ ${NAMES[r.store]} ×${r.instances} N=${r.users}: ${r.failures} failed turn(s), e.g.:`);
    for (const sample of r.failureSamples) console.log(`  - ${sample}`);
  }

  const find = (store: Store, instances: number, users: number) => results.find((r) => r.store === store && r.instances === instances && r.users === users);
  const tps = (r: Result) => r.turns / r.seconds;
  console.log('');
  for (const users of userCounts) {
    const one = find('redis', 1, users);
    const two = find('redis', 2, users);
    const echo1 = find('echo', 1, users);
    const echo2 = find('echo', 2, users);
    if (!one || !two) {
      console.log(`**RESULT N=${users}: n/a** — both Redis runs are needed.`);
      continue;
    }
    const ratio = tps(two) / tps(one);
    const pass = ratio >= SCALING_TARGET && two.overall.p95 <= one.overall.p95 && !one.failures && !two.failures;
    console.log(
      `**RESULT N=${users}: ${pass ? 'PASS ✅' : 'FAIL ❌'}** — 2 instances ${tps(two).toFixed(0)} turns/s (p95 ${ms(two.overall.p95)} ms) vs 1 instance ${tps(one).toFixed(0)} turns/s (p95 ${ms(one.overall.p95)} ms): ${ratio.toFixed(2)}× (target ≥ ${SCALING_TARGET}× at no higher p95)` +
        (echo1 && echo2 ? `; the echo floor on this machine: ${(tps(echo2) / tps(echo1)).toFixed(2)}× (${tps(echo1).toFixed(0)} → ${tps(echo2).toFixed(0)} turns/s, p95 ${ms(echo1.overall.p95)} → ${ms(echo2.overall.p95)} ms).` : '.'),
    );
  }
  if (perTurn) {
    const { local, redis } = perTurn;
    const extra = redis.p50 - local.p50;
    const pass = extra < REDIS_EXTRA_P50_TARGET_MS && !perTurn.failures;
    console.log(
      `**RESULT Redis per turn: ${pass ? 'PASS ✅' : 'FAIL ❌'}** — p50 of one conversation on one instance, both bots measured side by side (${redis.n} turns each): Redis ${ms(redis.p50)} ms vs embedded ${ms(local.p50)} ms, ${extra >= 0 ? '+' : ''}${ms(extra)} ms (target < ${REDIS_EXTRA_P50_TARGET_MS} ms); the median of each turn's extra over the same turn on the embedded store: ${ms(perTurn.pairedExtraP50)} ms; p95 ${ms(redis.p95)} vs ${ms(local.p95)} ms${perTurn.failures ? `; ${perTurn.failures} FAILED turn(s): ${perTurn.failureSamples.join('; ')}` : ''}.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error('Instances benchmark failed:', error);
  process.exitCode = 0;
});
