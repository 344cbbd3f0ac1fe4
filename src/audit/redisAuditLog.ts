import type { Redis } from 'ioredis';
import type { AuditEntry } from '../customers/customer.js';
import { stillPending, trailNameOf, type AuditTrail, type PendingOperation, type RemovalEntry } from './auditTrail.js';

/**
 * Records an entry once per request id, in one script so two instances
 * recording the same operation add it once. KEYS: entries (list), done
 * (hash of request ids), pending (hash), removals (hash: customer id → the
 * latest removal). ARGV: request id, entry JSON, the removed customer's id or ''.
 */
const RECORD = `
if redis.call('HSETNX', KEYS[2], ARGV[1], '1') == 0 then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[4], ARGV[3], ARGV[2]) end
return 1
`;

/** Marks an operation pending unless it is done or pending already. KEYS: done, pending. ARGV: request id, operation JSON. */
const BEGIN = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
return redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
`;

type AuditRedis = Redis & {
  auditRecord(entries: string, done: string, pending: string, removals: string, requestId: string, entry: string, removedCustomerId: string): Promise<number>;
  auditBegin(done: string, pending: string, requestId: string, operation: string): Promise<number>;
};

/**
 * The audit trail (AuditTrail) in Redis, one for every instance
 * (STATE_STORE=redis): a job finished or an operation retried on another
 * instance finds the same ledger, and a removal's reason shows whichever
 * instance draws the details card. Per partner tenant (by the hash of its
 * id, in a hash tag so the keys stay together on a cluster): the entries in
 * order, the request ids done, the operations pending, the latest removal of
 * each customer. Kept without expiry, like the files it replaces.
 */
export class RedisAuditLog implements AuditTrail {
  private readonly redis: AuditRedis;

  constructor(redis: Redis, private readonly now: () => number = Date.now) {
    const commands = redis as AuditRedis;
    if (typeof commands.auditRecord !== 'function') redis.defineCommand('auditRecord', { numberOfKeys: 4, lua: RECORD });
    if (typeof commands.auditBegin !== 'function') redis.defineCommand('auditBegin', { numberOfKeys: 2, lua: BEGIN });
    this.redis = commands;
  }

  private keys(partnerTenantId: string) {
    const base = `cab:audit:{${trailNameOf(partnerTenantId)}}`;
    return { entries: `${base}:entries`, done: `${base}:done`, pending: `${base}:pending`, removals: `${base}:removals` };
  }

  async begin(partnerTenantId: string, operation: PendingOperation): Promise<void> {
    const keys = this.keys(partnerTenantId);
    await this.redis.auditBegin(keys.done, keys.pending, operation.requestId, JSON.stringify(operation));
  }

  async status(partnerTenantId: string, requestId: string): Promise<'pending' | 'done' | undefined> {
    const keys = this.keys(partnerTenantId);
    // Both read at one point in time: an entry recorded in between cannot look like neither.
    const replies = (await this.redis.multi().hexists(keys.done, requestId).hget(keys.pending, requestId).exec()) ?? [];
    const [done, pending] = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    if (done === 1) return 'done';
    if (typeof pending !== 'string') return undefined;
    return stillPending(JSON.parse(pending) as PendingOperation, this.now()) ? 'pending' : undefined;
  }

  async record(partnerTenantId: string, entry: AuditEntry): Promise<boolean> {
    const keys = this.keys(partnerTenantId);
    const removed = entry.action === 'endRelationship' ? entry.customerId : '';
    return (await this.redis.auditRecord(keys.entries, keys.done, keys.pending, keys.removals, entry.requestId, JSON.stringify(entry), removed)) === 1;
  }

  async entries(partnerTenantId: string): Promise<AuditEntry[]> {
    return (await this.redis.lrange(this.keys(partnerTenantId).entries, 0, -1)).map((line) => JSON.parse(line) as AuditEntry);
  }

  async lastRemoval(partnerTenantId: string, customerId: string): Promise<RemovalEntry | undefined> {
    const line = await this.redis.hget(this.keys(partnerTenantId).removals, customerId);
    return line ? (JSON.parse(line) as RemovalEntry) : undefined;
  }

  /** Every change is in Redis when its call returns. */
  async flush(): Promise<void> {}
}
