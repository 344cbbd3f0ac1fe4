import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/audit/auditLog.js';
import type { AuditEntry } from '../../src/customers/customer.js';

const removal = (requestId: string, customerId = 'c1'): Extract<AuditEntry, { action: 'endRelationship' }> => ({
  requestId,
  at: '2026-11-21T10:00:00.000Z',
  actor: 'aad-anna',
  action: 'endRelationship',
  customerId,
  companyName: 'Contoso',
  reason: 'customerRequest',
});

describe('AuditLog (the audit trail and operation ledger)', () => {
  let dataDir: string;
  const fileOf = (tenant: string) => path.join(dataDir, 'audit', `${createHash('sha256').update(tenant).digest('hex')}.jsonl`);
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-audit-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records an operation once per request id, on disk when record returns', async () => {
    const log = new AuditLog(dataDir);
    expect(await log.record('t', removal('r1'))).toBe(true);
    expect(await log.record('t', removal('r1'))).toBe(false);
    expect(await Promise.all([log.record('t', removal('r2')), log.record('t', removal('r2'))])).toEqual(expect.arrayContaining([true, false]));
    // A new process (no flush) reads both.
    expect((await new AuditLog(dataDir).entries('t')).map((e) => e.requestId)).toEqual(['r1', 'r2']);
  });

  it('knows an operation under way before it is confirmed, and forgets the pending mark once recorded', async () => {
    const log = new AuditLog(dataDir);
    expect(await log.status('t', 'r1')).toBeUndefined();
    const at = new Date().toISOString();
    await log.begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at, actor: 'aad-anna' });
    await log.begin('t', { requestId: 'r1', action: 'endRelationship', customerId: 'c1', at, actor: 'aad-anna' });
    expect(await new AuditLog(dataDir).status('t', 'r1')).toBe('pending');
    expect(await log.entries('t')).toEqual([]);
    await log.record('t', removal('r1'));
    expect(await log.status('t', 'r1')).toBe('done');
    expect(await new AuditLog(dataDir).status('t', 'r1')).toBe('done');
    // One line per change, appended: the pending mark, then the entry.
    expect(readFileSync(fileOf('t'), 'utf8').trim().split('\n').map((l) => Object.keys(JSON.parse(l) as object)[0])).toEqual(['pending', 'entry']);
  });

  it('ignores a last line cut short by a crash, and forgets pending marks older than a week', async () => {
    const log = new AuditLog(dataDir);
    await log.begin('t', { requestId: 'old', action: 'createCustomer', at: '2026-11-01T10:00:00.000Z', actor: 'aad-anna' });
    await log.record('t', removal('r1'));
    appendFileSync(fileOf('t'), '{"entry":{"requestId":"r2","at":"2026-11-21T1');
    const later = new AuditLog(dataDir, () => Date.parse('2026-11-21T10:00:00Z'));
    expect((await later.entries('t')).map((e) => e.requestId)).toEqual(['r1']);
    expect(await later.status('t', 'old')).toBeUndefined();
  });

  it('keeps tenants apart and finds the latest removal of a customer', async () => {
    const log = new AuditLog(dataDir);
    await log.record('t', removal('r1', 'c1'));
    await log.record('t', { ...removal('r2', 'c1'), at: '2026-11-22T10:00:00.000Z', reason: 'other', note: 'second' });
    await log.record('t', { requestId: 'r3', at: '2026-11-23T10:00:00.000Z', actor: 'aad-anna', action: 'createCustomer', customerId: 'c1', companyName: 'Contoso' });
    expect(await log.entries('other')).toEqual([]);
    expect(await log.lastRemoval('t', 'c1')).toMatchObject({ requestId: 'r2', note: 'second' });
    expect(await log.lastRemoval('other', 'c1')).toBeUndefined();
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
