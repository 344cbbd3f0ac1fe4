import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

/** A held Redlock lease: a key with a random token (`value`) and an expiry. */
export interface Lease {
  readonly value: string;
  extend(durationMs: number): Promise<Lease>;
  release(): Promise<unknown>;
}

export interface LeaseSettings {
  retryCount?: number;
  retryDelay?: number;
  retryJitter?: number;
  driftFactor?: number;
}

export interface Leases {
  /** Takes the lease on `key` for `durationMs`; rejects (an ExecutionError) when it cannot within its retries. */
  acquire(keys: string[], durationMs: number, settings?: LeaseSettings): Promise<Lease>;
}

// redlock 5 names no types in its package "exports"; mapping them in through tsconfig `paths` made tsx load
// the declaration file as the module (a class without methods). Its CommonJS build, typed with what the bot uses.
const { default: Redlock } = createRequire(import.meta.url)('redlock') as { default: new (clients: Redis[], settings: LeaseSettings) => Leases };

/** Redlock on one Redis. */
export function redisLeases(redis: Redis, settings: LeaseSettings): Leases {
  return new Redlock([redis], settings);
}

/**
 * Keeps `lease` extended every `everyMs` (by `durationMs` each time) until
 * `stop`; `current` is the lease as last extended (its token is the same).
 * A failed extension is reported to `onFailed` and the lease left to lapse.
 */
export function keepExtended(lease: Lease, durationMs: number, everyMs: number, onFailed: (error: unknown) => void = () => undefined): { current(): Lease; stop(): Promise<void> } {
  let held = lease;
  const timer = setInterval(() => {
    held.extend(durationMs).then((extended) => (held = extended), onFailed);
  }, everyMs);
  timer.unref();
  return {
    current: () => held,
    async stop() {
      clearInterval(timer);
      await held.release().catch(() => undefined);
    },
  };
}
