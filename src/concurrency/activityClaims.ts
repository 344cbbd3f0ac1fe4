import type { Redis } from 'ioredis';

/**
 * Claims an activity id once: Teams re-sends a turn that took longer than
 * ~15 s, often to another instance, and exactly one may process it.
 */
export interface ActivityClaims {
  /** True the first time `key` is claimed within the remembered time; false for a repeat. */
  claim(key: string): Promise<boolean>;
}

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

  async claim(key: string): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.delete(key);
    // Ids are kept in arrival order, so the oldest (and first to expire) come first.
    for (const [oldKey, oldExpiresAt] of this.seen) {
      if (oldExpiresAt > now && this.seen.size < this.maxRemembered) break;
      this.seen.delete(oldKey);
    }
    this.seen.set(key, now + this.rememberForMs);
    return true;
  }
}

/** Across instances: a create-only write (`SET NX` with expiry) that exactly one instance wins. */
export class RedisActivityClaims implements ActivityClaims {
  private readonly rememberForMs: number;
  private readonly namespace: string;

  /** `namespace`: what is claimed (`activity`; `reminded`: a transfer reminder sent once by whichever instance sees it first). */
  constructor(private readonly redis: Redis, options: Pick<ClaimOptions, 'rememberForMs'> & { namespace?: string } = {}) {
    this.rememberForMs = options.rememberForMs ?? 10 * 60_000;
    this.namespace = options.namespace ?? 'activity';
  }

  async claim(key: string): Promise<boolean> {
    return (await this.redis.set(`cab:${this.namespace}:${key}`, '1', 'PX', this.rememberForMs, 'NX')) === 'OK';
  }
}
