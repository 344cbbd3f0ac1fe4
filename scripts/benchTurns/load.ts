import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import type { BenchConnector, Reply } from './connector.js';
import { checkReplies, type Client, type Expectation, type TurnKind } from './users.js';

/** The turn benchmarks' shared load generation: posting, one simulated user, statistics. */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, mean: sorted.length ? sum / sorted.length : NaN };
}

export const ms = (value: number): string => (typeof value !== 'number' || Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/** POSTs activities over one keep-alive agent (lighter than fetch on a 2-core box shared with the bot). */
export function poster(baseUrl: string): (body: string) => Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL('/api/messages', baseUrl);
  return (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** What the measured run collects; one per run, passed to each of its clients. */
export interface Recorder {
  latencies: Map<TurnKind, number[]>;
  failures: number;
  failureSamples: string[];
  /** When the measured run started (performance.now()), for the slow-turn log. */
  startedAt: number;
  /** Turns slower than this are listed on stderr. */
  slowMs: number;
}

export const newRecorder = (kinds: readonly TurnKind[], slowMs = Infinity): Recorder => ({ latencies: new Map(kinds.map((kind) => [kind, []])), failures: 0, failureSamples: [], startedAt: performance.now(), slowMs });

/** Activity ids are unique per process: the bot's turn guard drops a repeated id in a conversation. */
let turnSeq = 0;

/** One simulated user in its own conversation: each turn posted, timed until the HTTP answer, and its first reply checked. */
export function createClient(options: {
  post: (body: string) => Promise<number>;
  connector: BenchConnector;
  serviceUrl: string;
  /** false for the echo floor: any card is an answer. */
  strict: boolean;
  user: number;
  locale: string;
  label: string;
  /** More fields of every activity (a tenant, say). */
  activity?: Partial<Activity>;
  recorder?: Recorder;
  /** Turns this client may take before it stops (warm-up); unlimited when absent. */
  budget?: number;
}): Client {
  let budget = options.budget ?? Infinity;
  const base = {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: options.serviceUrl,
    locale: options.locale,
    from: { id: `bench-user-${options.user}`, name: `Bench User ${options.user}` },
    recipient: { id: 'bot-1', name: 'Customer Accounts Bot' },
    conversation: { id: `bench-${options.label}-conversation-${options.user}` },
    ...options.activity,
  };
  const fail = (kind: TurnKind, message: string) => {
    const recorder = options.recorder;
    if (!recorder) return;
    recorder.failures++;
    if (recorder.failureSamples.length < 5) recorder.failureSamples.push(`user ${options.user} (${options.locale}) ${kind}: ${message}`);
  };
  return {
    async turn(kind: TurnKind, activity: Partial<Activity>, expect: Expectation): Promise<Reply[] | undefined> {
      if (budget-- <= 0) return undefined;
      const id = `${options.label}-u${options.user}-t${++turnSeq}`;
      const body = JSON.stringify({ ...base, id, timestamp: new Date().toISOString(), ...activity });
      const start = performance.now();
      let status: number;
      try {
        status = await options.post(body);
      } catch (error) {
        fail(kind, `request failed: ${(error as Error).message}`);
        return undefined;
      }
      const elapsed = performance.now() - start;
      const replies = options.connector.take(id);
      if (status !== 200) {
        fail(kind, `HTTP ${status}`);
        return undefined;
      }
      const problem = checkReplies(replies, expect, options.strict);
      if (problem) {
        fail(kind, problem);
        return undefined;
      }
      const recorder = options.recorder;
      recorder?.latencies.get(kind)?.push(elapsed);
      if (recorder && elapsed > recorder.slowMs) console.error(`    slow turn: ${kind} user ${options.user} started at +${(start - recorder.startedAt).toFixed(0)} ms took ${elapsed.toFixed(0)} ms`);
      return replies;
    },
  };
}
