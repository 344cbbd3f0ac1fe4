import path from 'node:path';
import type { Redis } from 'ioredis';
import lockfile from 'proper-lockfile';
import { keepExtended, redisLeases } from '../concurrency/leases.js';

/** Raised at start when the embedded data is another running instance's: two would silently diverge. */
export class InstanceRefusedError extends Error {
  constructor(reason: string) {
    super(`${reason} The embedded store (lowdb) serves one instance; for several, set STATE_STORE=redis and CUSTOMER_BACKEND=partnercenter.`);
    this.name = 'InstanceRefusedError';
  }
}

export interface EmbeddedClaim {
  release(): Promise<void>;
}

export interface EmbeddedClaimOptions {
  dataDir: string;
  /** The files under DATA_DIR are authoritative (STATE_STORE=local or the embedded customer backend): one process on them. */
  files: boolean;
  /** With Redis and the embedded customer backend: one instance anywhere, since each would have its own customers. */
  redis?: Redis;
  /** Told when a claim is lost while the bot runs (a lock file removed, Redis unreachable for long). */
  onLost: (error: unknown) => void;
}

const REDIS_KEY = 'cab:embedded-customer-directory';
const HOLD_MS = 15_000;

/**
 * Makes sure this is the only instance on the embedded data: a lock file in
 * DATA_DIR (proper-lockfile: kept fresh while the process runs, taken over when
 * a crashed holder's goes stale), and with Redis a lease on the embedded
 * directory (Redlock), so an instance on another machine is refused too.
 */
export async function claimEmbeddedData(options: EmbeddedClaimOptions): Promise<EmbeddedClaim> {
  let releaseFile: (() => Promise<void>) | undefined;
  if (options.files) {
    try {
      releaseFile = await lockfile.lock(options.dataDir, { lockfilePath: path.join(options.dataDir, 'instance.lock'), stale: HOLD_MS, update: HOLD_MS / 3, realpath: false, onCompromised: options.onLost });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw error;
      throw new InstanceRefusedError(`DATA_DIR ${options.dataDir} is in use by another running instance of the bot.`);
    }
  }
  let lease: { stop(): Promise<void> } | undefined;
  if (options.redis) {
    try {
      lease = keepExtended(await redisLeases(options.redis, { retryCount: 0 }).acquire([REDIS_KEY], HOLD_MS), HOLD_MS, HOLD_MS / 3, options.onLost);
    } catch (error) {
      await releaseFile?.();
      if (error instanceof Error && error.name === 'ExecutionError') {
        throw new InstanceRefusedError('Another instance on this Redis already serves the embedded customer directory (CUSTOMER_BACKEND=local).');
      }
      throw error;
    }
  }
  return {
    async release() {
      await lease?.stop();
      await releaseFile?.().catch(() => undefined);
    },
  };
}
