import type { Redis } from 'ioredis';
import { keepExtended, redisLeases, type Lease, type LeaseSettings, type Leases } from './leases.js';
import { KeyedQueue } from './keyedQueue.js';
import type { TurnFences } from './turnFences.js';

/** A turn as the turn guard hands it over: whether it is to run at all, what it reads first, and its work. */
export interface GuardedTurn {
  /** Whether it runs: its activity id was claimed. The serializer may ask for the conversation's turn meanwhile. */
  claimed: Promise<boolean>;
  /** Reads made before the work (the user's language); made again where they could have missed an earlier turn's writes. */
  prepare(): Promise<void>;
  work(): Promise<void>;
}

/** Runs the turns of one conversation one at a time. */
export interface TurnSerializer {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
  /** Runs a turn in its conversation's order if it was claimed; resolves whether it ran. */
  runTurn(conversationId: string, turn: GuardedTurn): Promise<boolean>;
}

/** In this process (STATE_STORE=local): turns wait in arrival order. */
export class LocalTurnSerializer implements TurnSerializer {
  private readonly queue = new KeyedQueue();

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(conversationId, work);
  }

  async runTurn(conversationId: string, turn: GuardedTurn): Promise<boolean> {
    if (!(await turn.claimed)) return false;
    await this.queue.run(conversationId, async () => {
      await turn.prepare();
      await turn.work();
    });
    return true;
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
    return this.local.run(conversationId, async () => this.underLease(conversationId, await this.acquire(conversationId), work));
  }

  runTurn(conversationId: string, turn: GuardedTurn): Promise<boolean> {
    let known: boolean | undefined;
    turn.claimed.then((value) => (known = value), () => (known = false));
    const handBack = (lease: Promise<Lease | undefined>) => void lease.then((held) => held?.release().catch(() => undefined));
    return this.local.run(conversationId, async () => {
      if (known === false) return false; // a repeat that waited here behind the turn it repeats
      // One try for the lease while the claim is made (usually nobody holds it), and the turn's first reads right behind
      // it. Both go out now on the one connection, so Redis runs them in this order: reads behind a lease won at this
      // first try see every earlier turn's writes. Where the try fails, they are made again once the lease is held.
      const first = this.redlock.acquire([RedisTurnSerializer.leaseKey(conversationId)], this.leaseMs, { retryCount: 0 }).catch(() => undefined);
      const early = turn.prepare();
      early.catch(() => undefined);
      const ok = await turn.claimed.catch((error: unknown) => {
        handBack(first);
        throw error;
      });
      if (!ok) {
        handBack(first);
        return false;
      }
      const won = await first;
      const lease = won ?? (await this.acquire(conversationId));
      await this.underLease(conversationId, lease, async () => {
        if (won) await early;
        else {
          await early.catch(() => undefined);
          await turn.prepare();
        }
        await turn.work();
      });
      return true;
    });
  }

  /** The conversation's lease, waiting for another instance's turn up to `waitMs`. */
  private async acquire(conversationId: string): Promise<Lease> {
    try {
      return await this.redlock.acquire([RedisTurnSerializer.leaseKey(conversationId)], this.leaseMs, this.waiting);
    } catch (error) {
      // Only a lease held elsewhere is a timeout; anything else (Redis gone) is what it is.
      if ((error as Error).name === 'ExecutionError') throw new LeaseTimeoutError(conversationId);
      throw error;
    }
  }

  private async underLease<T>(conversationId: string, lock: Lease, work: () => Promise<T>): Promise<T> {
    // Extended at a third of its time while the turn runs (a failed try has a second chance); a lost lease leaves the fence to refuse the writes.
    const held = keepExtended(lock, this.leaseMs, this.leaseMs / 3);
    try {
      return await this.fences.run(conversationId, { key: RedisTurnSerializer.leaseKey(conversationId), token: lock.value }, work);
    } finally {
      await held.stop();
    }
  }
}
