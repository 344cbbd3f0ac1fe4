import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './botProcess.js';

export interface TestRedis {
  url: string;
  /** A client of its own (closed by stop). */
  client: Redis;
  stop(): Promise<void>;
}

/**
 * Debian's redis-server on a free loopback port, in memory only (no RDB or AOF
 * files), for one test file. `.ci/run` installs redis-server; no Docker.
 */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  // A given port: the same Redis address again, as after a restart (it starts empty: nothing is kept on disk).
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (times) => (times > 50 ? null : 50) });
  // Refused while the server starts: the loop below retries (unlistened, ioredis would print each refusal).
  client.on('error', () => undefined);
  for (let attempt = 0; ; attempt++) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      if (attempt > 100 || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port} (is it installed? apt-get install redis-server): ${String(error)}`);
      }
      client.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    client,
    async stop() {
      client.disconnect();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The settings of a bot instance that shares its state with the others on `redis` (links verify on each). */
export const sharedStateEnv = (redis: TestRedis): Record<string, string> => ({ STATE_STORE: 'redis', REDIS_URL: redis.url, EXPORT_LINK_SECRET: 'the-same-secret-on-every-instance-0123456789' });

/** Waits until `done` is true, for at most `ms`. */
export async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !(await done()); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
