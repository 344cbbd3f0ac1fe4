/**
 * One contract for both audit trails: the files of one instance (AuditLog)
 * and Redis, shared by every instance (RedisAuditLog). Then what only files
 * do (a line cut short, a refused append) and what only the shared one must
 * (two instances recording the same operation at once).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { AuditLog } from '../../src/audit/auditLog.js';
import type { AuditTrail } from '../../src/audit/auditTrail.js';
import { RedisAuditLog } from '../../src/audit/redisAuditLog.js';
import type { AuditEntry } from '../../src/customers/customer.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

const removal = (requestId: string, customerId = 'c1'): Extract<AuditEntry, { action: 'endRelationship' }> => ({
  requestId,
  at: '2026-11-21T10:00:00.000Z',
  actor: 'aad-anna',
  action: 'endRelationship',
  customerId,
  companyName: 'Contoso',
  reason: 'customerRequest',
});

let redis: TestRedis;
beforeAll(async () => (redis = await startRedis()));
afterAll(async () => redis?.stop());

let dataDir: string;
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-audit-'));
  await redis.client.flushall();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A trail as one instance opens it; opened again, as a restarted (or another) instance finds it. */
const TRAILS: Array<[string, (now?: () => number) => AuditTrail]> = [
  ['AuditLog (files)', (now) => new AuditLog(dataDir, now)],
  ['RedisAuditLog', (now) => new RedisAuditLog(redis.client, now)],
];

describe.each(TRAILS)('%s: the audit trail and operation ledger', (_name, open) => {
  it('records an operation once per request id, kept when record returns', async () => {
    const log = open();
    expect(await log.record('t', removal('r1'))).toBe(true);
    expect(await log.record('t', removal('r1'))).toBe(false);
    expect(await Promise.all([log.record('t', removal('r2')), log.record('t', removal('r2'))])).toEqual(expect.arrayContaining([true, false]));
    // Opened again (no flush), it has both, in order.
    expect((await open().entries('t')).map((e) => e.requestId)).toEqual(['r1', 'r2']);
    expect(await open().entries('t')).toEqual([removal('r1'), removal('r2')]);
  });

  it('knows an operation under way before it is confirmed, and forgets the pending mark once recorded', async () => {
    const log = open();
    expect(await log.status('t', 'r1')).toBeUndefined();
    const at = new Date().toISOString();
    await log.begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at, actor: 'aad-anna' });
    await log.begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at, actor: 'aad-anna' });
    expect(await open().status('t', 'r1')).toBe('pending');
    expect(await log.entries('t')).toEqual([]);
    await log.record('t', removal('r1'));
    expect(await log.status('t', 'r1')).toBe('done');
    expect(await open().status('t', 'r1')).toBe('done');
    // Begun again after it was done (a retry that comes late): still done, not pending.
    await open().begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at, actor: 'aad-anna' });
    expect(await open().status('t', 'r1')).toBe('done');
  });

  it('forgets pending marks older than a week', async () => {
    const log = open();
    await log.begin('t', { requestId: 'old', action: 'createCustomer', at: '2026-11-01T10:00:00.000Z', actor: 'aad-anna' });
    await log.begin('t', { requestId: 'recent', action: 'createCustomer', at: '2026-11-20T10:00:00.000Z', actor: 'aad-anna' });
    const later = open(() => Date.parse('2026-11-21T10:00:00Z'));
    expect(await later.status('t', 'old')).toBeUndefined();
    expect(await later.status('t', 'recent')).toBe('pending');
  });

  it('keeps tenants apart and finds the latest removal of a customer', async () => {
    const log = open();
    await log.record('t', removal('r1', 'c1'));
    await log.record('t', { ...removal('r2', 'c1'), at: '2026-11-22T10:00:00.000Z', reason: 'other', note: 'second' });
    await log.record('t', { requestId: 'r3', at: '2026-11-23T10:00:00.000Z', actor: 'aad-anna', action: 'createCustomer', customerId: 'c1', companyName: 'Contoso' });
    await log.record('t', removal('r4', 'c2'));
    expect(await log.entries('other')).toEqual([]);
    expect(await log.status('other', 'r1')).toBeUndefined();
    expect(await open().lastRemoval('t', 'c1')).toMatchObject({ requestId: 'r2', note: 'second' });
    expect(await log.lastRemoval('t', 'c2')).toMatchObject({ requestId: 'r4' });
    expect(await log.lastRemoval('other', 'c1')).toBeUndefined();
    await expect(log.record('', removal('r5'))).rejects.toThrow('A partner tenant id is required.');
  });
});

describe('AuditLog (files)', () => {
  const fileOf = (tenant: string) => path.join(dataDir, 'audit', `${createHash('sha256').update(tenant).digest('hex')}.jsonl`);

  it('appends one line per change: the pending mark, then the entry', async () => {
    const log = new AuditLog(dataDir);
    await log.begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at: new Date().toISOString(), actor: 'aad-anna' });
    await log.record('t', removal('r1'));
    expect(readFileSync(fileOf('t'), 'utf8').trim().split('\n').map((l) => Object.keys(JSON.parse(l) as object)[0])).toEqual(['pending', 'entry']);
  });

  it('ignores a last line cut short by a crash', async () => {
    await new AuditLog(dataDir).record('t', removal('r1'));
    appendFileSync(fileOf('t'), '{"entry":{"requestId":"r2","at":"2026-11-21T1');
    expect((await new AuditLog(dataDir).entries('t')).map((e) => e.requestId)).toEqual(['r1']);
  });

  it('a refused write changes nothing, in memory or on disk; the next attempt works', async () => {
    const log = new AuditLog(dataDir);
    await log.record('t', removal('r1'));
    const file = fileOf('t');
    // A directory where the file should be refuses the append.
    renameSync(file, `${file}.aside`);
    mkdirSync(file);
    await expect(log.record('t', removal('r2'))).rejects.toThrow();
    expect((await log.entries('t')).map((e) => e.requestId)).toEqual(['r1']);
    rmSync(file, { recursive: true });
    renameSync(`${file}.aside`, file);
    expect(await log.record('t', removal('r2'))).toBe(true);
    expect((await new AuditLog(dataDir).entries('t')).map((e) => e.requestId)).toEqual(['r1', 'r2']);
  });
});

describe('RedisAuditLog', () => {
  it('two instances recording the same operation at once add it once, and each sees the other\'s entries', async () => {
    const other = new Redis(redis.url);
    try {
      const [a, b] = [new RedisAuditLog(redis.client), new RedisAuditLog(other)];
      const added = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record('t', removal(`r${i % 5}`))));
      expect(added.filter(Boolean)).toHaveLength(5);
      expect((await b.entries('t')).map((e) => e.requestId).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
      await a.begin('t', { requestId: 'p1', action: 'createCustomer', at: new Date().toISOString(), actor: 'aad-anna' });
      expect(await b.status('t', 'p1')).toBe('pending');
    } finally {
      other.disconnect();
    }
  });

  it('keeps no personal data in its keys: a tenant is named by the hash of its id', async () => {
    await new RedisAuditLog(redis.client).record('tenant-contoso', removal('r1'));
    const keys = await redis.client.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toContain('contoso');
  });
});
