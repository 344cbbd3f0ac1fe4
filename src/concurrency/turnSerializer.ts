import type { Redis } from 'ioredis';
import { keepExtended, redisLeases, type Lease, type LeaseSettings, type Leases } from './leases.js';
import { KeyedQueue } from './keyedQueue.js';
import type { TurnFences } from './turnFences.js';

/** Runs the turns of one conversation one at a time. */
export interface TurnSerializer {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
}

/** In this process (STATE_STORE=local): turns wait in arrival order. */
export class LocalTurnSerializer implements TurnSerializer {
  private readonly queue = new KeyedQueue();

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(conversationId, work);
  }
}

export interface LeaseOptions {
  /** How long a lease lasts unless its holder extends it (it does, while the turn runs). */
  leaseMs?: number;
  /** How long a turn waits for another instance's turn of its conversation before it fails. */
  waitMs?: number;
}

/** Raised when a turn waited `waitMs` for its conversation's lease in vain. */
export class LeaseTimeoutError extends Error {
  constructor(conversationId: string) {
    super(`Another instance held conversation ${conversationId} for too long`);
    this.name = 'LeaseTimeoutError';
  }
}

/**
 * Across instances (STATE_STORE=redis): a turn runs under its conversation's
 * lease, taken with Redlock (a key with an expiry and a random token). The
 * lease is extended while the turn runs and released after; a holder that
 * dies lets it lapse after `leaseMs`. The token is the turn's fence: the
 * state store writes the conversation only while Redis still holds it. Turns
 * of one conversation in the same instance queue here first, so they do not
 * compete for Redis.
 */
export class RedisTurnSerializer implements TurnSerializer {
  private readonly local = new KeyedQueue();
  private readonly redlock: Leases;
  private readonly leaseMs: number;
  /** How acquiring waits for another instance's turn: a try every 25 ms or so, for up to `waitMs`. */
  private readonly waiting: LeaseSettings;

  constructor(redis: Redis, private readonly fences: TurnFences, options: LeaseOptions = {}) {
    this.leaseMs = options.leaseMs ?? 10_000;
    const retryDelay = 25;
    this.waiting = { retryCount: Math.ceil((options.waitMs ?? 30_000) / retryDelay), retryDelay, retryJitter: 25 };
    // Releases and extensions are tried once: one that fails (the lease lapsed and is another's) must not hold its turn for `waitMs`.
    this.redlock = redisLeases(redis, { retryCount: 0, driftFactor: 0.01 });
  }

  static leaseKey(conversationId: string): string {
    return `cab:lease:${conversationId}`;
  }

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, async () => {
      const key = RedisTurnSerializer.leaseKey(conversationId);
      let lock: Lease;
      try {
        lock = await this.redlock.acquire([key], this.leaseMs, this.waiting);
      } catch (error) {
        // Only a lease held elsewhere is a timeout; anything else (Redis gone) is what it is.
        if ((error as Error).name === 'ExecutionError') throw new LeaseTimeoutError(conversationId);
        throw error;
      }
      // Extended at a third of its time while the turn runs (a failed try has a second chance); a lost lease leaves the fence to refuse the writes.
      const held = keepExtended(lock, this.leaseMs, this.leaseMs / 3);
      try {
        return await this.fences.run(conversationId, { key, token: lock.value }, work);
      } finally {
        await held.stop();
      }
    });
  }
}
