import { startRedis, sharedStateEnv, type TestRedis } from '../../test/support/redisServer.js';
import { BenchConnector } from '../benchTurns/connector.js';
import { createClient, newRecorder, poster, stats, type Recorder, type Stats } from '../benchTurns/load.js';
import { LOCALES, runIteration, TURN_KINDS } from '../benchTurns/users.js';
import { FILLER, PARTNER, startBots, startPartnerCenter, type Instance } from './world.js';

/**
 * What Redis adds to a turn: one bot on the embedded store and one on Redis,
 * both running, each with one conversation and its own test Partner Center,
 * taking turns an iteration at a time (ABBA order). Measured side by side,
 * a busy moment of the machine slows both alike instead of one configuration
 * (measured one after the other, p50s of the same build differed by 2 ms).
 */

export interface RedisPerTurn {
  local: Stats;
  redis: Stats;
  /** The median of the paired differences: each Redis turn less the embedded turn of the same kind in the same iteration. */
  pairedExtraP50: number;
  failures: number;
  failureSamples: string[];
  /** Redis commands per turn of the Redis bot, by name (INFO commandstats; commands inside scripts included). */
  commandsPerTurn: Map<string, number>;
}

const WARMUP_ITERATIONS = 8;

/** Commands Redis has run, by name (INFO commandstats), the benchmark's own INFO calls left out. */
async function redisCommands(redis: TestRedis): Promise<Map<string, number>> {
  const info = await redis.client.info('commandstats');
  const counts = new Map<string, number>();
  for (const [, name, calls] of info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) if (name !== 'info') counts.set(name!, Number(calls));
  return counts;
}

export async function measureRedisPerTurn(iterations: number): Promise<RedisPerTurn> {
  const redis = await startRedis();
  const centers = await Promise.all([startPartnerCenter(PARTNER, 1, FILLER), startPartnerCenter(PARTNER, 1, FILLER)]);
  const connector = new BenchConnector();
  const bots: Instance[] = [];
  try {
    bots.push(...(await startBots(1, centers[0]!.url, { STATE_STORE: 'local' })), ...(await startBots(1, centers[1]!.url, sharedStateEnv(redis))));
    const serviceUrl = await connector.start();
    const clientOf = (bot: Instance, label: string, recorder?: Recorder) =>
      createClient({ post: poster(`http://127.0.0.1:${bot.port}`), connector, serviceUrl, strict: true, user: 0, locale: LOCALES[0], label, activity: { channelData: { tenant: { id: PARTNER } } }, ...(recorder ? { recorder } : {}) });
    const recorders = [newRecorder(TURN_KINDS), newRecorder(TURN_KINDS)];
    const labels = ['perturnlocal', 'perturnredis']; // also in domain prefixes: letters and digits only
    for (let w = 0; w < WARMUP_ITERATIONS; w++) for (const [b, bot] of bots.entries()) await runIteration(clientOf(bot, `${labels[b]}w${w}`), LOCALES[w % LOCALES.length]!, 0, 0, `warm${labels[b]}${w}`);

    const clients = bots.map((bot, b) => clientOf(bot, labels[b]!, recorders[b]));
    const before = await redisCommands(redis);
    for (let i = 0; i < iterations; i++) {
      const order = i % 4 === 0 || i % 4 === 3 ? [0, 1] : [1, 0];
      for (const b of order) await runIteration(clients[b]!, LOCALES[0], 0, i, `b${labels[b]}i${i}`);
    }
    const after = await redisCommands(redis);
    const [local, shared] = recorders.map((r) => [...r.latencies.values()].flat());
    const turns = shared!.length;
    const kinds = [...recorders[0]!.latencies.keys()];
    const differences = kinds.flatMap((kind) => {
      const [a, b] = recorders.map((r) => r.latencies.get(kind) ?? []);
      // Paired only while both ran every turn of the kind (a failed turn shifts the pairs).
      return a!.length === b!.length ? b!.map((latency, n) => latency - a![n]!) : [];
    });
    const commandsPerTurn = new Map([...after].map(([name, n]) => [name, turns ? (n - (before.get(name) ?? 0)) / turns : 0] as const).filter(([, n]) => n > 0));
    return {
      local: stats(local!),
      redis: stats(shared!),
      pairedExtraP50: stats(differences).p50,
      failures: recorders[0]!.failures + recorders[1]!.failures,
      failureSamples: [...recorders[0]!.failureSamples, ...recorders[1]!.failureSamples],
      commandsPerTurn,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.stop();
    await Promise.all(centers.map((c) => c.stop()));
    await redis.stop();
  }
}
