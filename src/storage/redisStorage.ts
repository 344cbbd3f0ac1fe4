import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { TurnFences } from '../concurrency/turnFences.js';
import { ETagConflictError } from './lowdbStorage.js';
import type { WriteOptions } from './writeOptions.js';

/**
 * Writes one key only if its eTag is still the one the caller read (or the
 * caller says `*`, or the key does not exist): a compare-and-set in one Lua
 * script, so no other instance can write between the check and the set.
 * KEYS[1] key; ARGV: expected eTag ('' = unconditional), new eTag, value JSON, TTL ms ('0' = none).
 */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'eTag')
if ARGV[1] ~= '' and current and current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'eTag', ARGV[2], 'value', ARGV[3])
if ARGV[4] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1
`;

/**
 * The same, for a turn's own conversation state: only while the turn's lease
 * (KEYS[2]) still holds its token (ARGV[5]). -1: the lease is gone.
 */
const FENCED_COMPARE_AND_SET = `
if redis.call('GET', KEYS[2]) ~= ARGV[5] then return -1 end
${COMPARE_AND_SET}`;

type CasRedis = Redis & {
  compareAndSet(key: string, expected: string, eTag: string, value: string, ttlMs: string): Promise<number>;
  fencedCompareAndSet(key: string, lease: string, expected: string, eTag: string, value: string, ttlMs: string, token: string): Promise<number>;
};

/** Raised for a write by a turn whose lease expired and may be another instance's by now: the write is not made. */
export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`Storage: "${key}" was not written: the turn no longer holds its conversation's lease`);
    this.name = 'LeaseLostError';
  }
}

export interface RedisStorageOptions {
  redis: Redis;
  /** Keys are `<prefix>:<key>`: each store (conversations, users, feeds) has its own. */
  prefix: string;
  /** Entries not written for longer than this expire (Redis TTL, renewed by each write). */
  ttlMs?: number;
  /** For conversation state: a write of a conversation's state is made only while this instance's turn of it holds its lease. */
  fences?: TurnFences;
}

/**
 * botbuilder `Storage` on Redis, shared by every instance of the bot, with the
 * eTag semantics of botbuilder's MemoryStorage and LowdbStorage: a write with
 * a stale eTag is rejected, no eTag or `*` writes unconditionally. Each key is
 * a hash of its eTag and its value as JSON.
 */
export class RedisStorage implements Storage {
  private readonly redis: CasRedis;

  constructor(private readonly options: RedisStorageOptions) {
    const redis = options.redis as CasRedis;
    // ioredis sends the script by hash (EVALSHA) and loads it where a server does not have it yet.
    if (typeof redis.compareAndSet !== 'function') redis.defineCommand('compareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    if (typeof redis.fencedCompareAndSet !== 'function') redis.defineCommand('fencedCompareAndSet', { numberOfKeys: 2, lua: FENCED_COMPARE_AND_SET });
    this.redis = redis;
  }

  private keyOf(key: string): string {
    return `${this.options.prefix}:${key}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const keep = (key: string, [eTag, value]: Array<string | null>) => {
      if (eTag && value) items[key] = { ...(JSON.parse(value) as Record<string, unknown>), eTag };
    };
    // A turn reads one key at a time: one command, without a pipeline's bookkeeping.
    if (keys.length === 1) {
      keep(keys[0]!, await this.redis.hmget(this.keyOf(keys[0]!), 'eTag', 'value'));
      return items;
    }
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hmget(this.keyOf(key), 'eTag', 'value');
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([error, fields], i) => {
      if (error) throw error;
      keep(keys[i]!, fields as Array<string | null>);
    });
    return items;
  }

  async write(changes: StoreItems, options: WriteOptions = {}): Promise<void> {
    const ttl = String(this.options.ttlMs ?? 0);
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
        const expected = typeof eTag === 'string' && eTag !== '*' ? eTag : '';
        const fence = options.conversationId === undefined ? undefined : this.options.fences?.of(options.conversationId);
        const written = fence
          ? await this.redis.fencedCompareAndSet(this.keyOf(key), fence.key, expected, randomUUID(), JSON.stringify(value), ttl, fence.token)
          : await this.redis.compareAndSet(this.keyOf(key), expected, randomUUID(), JSON.stringify(value), ttl);
        if (written === -1) throw new LeaseLostError(key);
        if (written !== 1) throw new ETagConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.keyOf(key)));
  }

  /** Redis expires entries itself. */
  async sweepExpired(): Promise<number> {
    return 0;
  }

  /** Every write is in Redis when it returns. */
  async flush(): Promise<void> {}
}
