import type { Redis } from 'ioredis';

/**
 * Claims an activity id once: Teams re-sends a turn that took longer than
 * ~15 s, often to another instance, and exactly one may process it.
 */
export interface ActivityClaims {
  /** A claim the first time `key` is claimed within the remembered time; undefined for a repeat. */
  claim(key: string): Promise<ActivityClaim | undefined>;
}

export interface ActivityClaim {
  /** The turn is over (answered, or failed in the open): its id stays claimed for the remembered time. */
  settle(): Promise<void>;
}

const SETTLED: ActivityClaim = { settle: async () => {} };

export interface ClaimOptions {
  /** How long an activity id is remembered; Teams retries after about 15 s. */
  rememberForMs?: number;
  /** Upper bound on remembered ids in one process, so memory stays flat under load. */
  maxRemembered?: number;
  now?: () => number;
}

/** In this process only (STATE_STORE=local). */
export class LocalActivityClaims implements ActivityClaims {
  private readonly seen = new Map<string, number>();
  private readonly rememberForMs: number;
  private readonly maxRemembered: number;
  private readonly now: () => number;

  constructor(options: ClaimOptions = {}) {
    this.rememberForMs = options.rememberForMs ?? 10 * 60_000;
    this.maxRemembered = options.maxRemembered ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  async claim(key: string): Promise<ActivityClaim | undefined> {
    const now = this.now();
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return undefined;
    this.seen.delete(key);
    // Ids are kept in arrival order, so the oldest (and first to expire) come first.
    for (const [oldKey, oldExpiresAt] of this.seen) {
      if (oldExpiresAt > now && this.seen.size < this.maxRemembered) break;
      this.seen.delete(oldKey);
    }
    this.seen.set(key, now + this.rememberForMs);
    return SETTLED;
  }
}

/**
 * Across instances: a create-only write (`SET NX`) that exactly one instance
 * wins. While its turn runs the claim is short and renewed: an instance that
 * dies mid-turn lets it lapse, so Teams' retry of that turn is processed by
 * another instance instead of being dropped as a repeat. A settled turn's id
 * is remembered for the full time.
 */
export class RedisActivityClaims implements ActivityClaims {
  private readonly rememberForMs: number;
  private readonly runningMs: number;

  constructor(private readonly redis: Redis, options: Pick<ClaimOptions, 'rememberForMs'> & { runningMs?: number } = {}) {
    this.rememberForMs = options.rememberForMs ?? 10 * 60_000;
    this.runningMs = options.runningMs ?? 10_000;
  }

  async claim(key: string): Promise<ActivityClaim | undefined> {
    const redisKey = `cab:activity:${key}`;
    if ((await this.redis.set(redisKey, 'running', 'PX', this.runningMs, 'NX')) !== 'OK') return undefined;
    const renew = setInterval(() => void this.redis.pexpire(redisKey, this.runningMs).catch(() => undefined), this.runningMs / 3);
    renew.unref();
    return {
      settle: async () => {
        clearInterval(renew);
        await this.redis.set(redisKey, 'settled', 'PX', this.rememberForMs);
      },
    };
  }
}

/** Something done once across instances (a transfer reminder): whoever writes the key first. */
export class RedisOnceClaims {
  constructor(private readonly redis: Redis, private readonly namespace: string, private readonly rememberForMs: number) {}

  async first(key: string): Promise<boolean> {
    return (await this.redis.set(`cab:${this.namespace}:${key}`, '1', 'PX', this.rememberForMs, 'NX')) === 'OK';
  }
}
