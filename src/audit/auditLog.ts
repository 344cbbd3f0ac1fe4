import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedQueue } from '../concurrency/keyedQueue.js';
import type { AuditEntry } from '../customers/customer.js';

/** An operation sent to the backend and not yet confirmed (or confirmed, but the process stopped before its entry was written). */
export interface PendingOperation {
  requestId: string;
  action: AuditEntry['action'];
  customerId?: string;
  at: string;
  actor: string;
}

interface AuditFile {
  partnerTenantId: string;
  entries: AuditEntry[];
  /** The ledger of operations under way, by request id. */
  pending?: PendingOperation[];
}

/** Pending operations older than this are dropped (their flow state, and so their request id, is gone too). */
const PENDING_TTL_MS = 7 * 24 * 60 * 60_000;

/** A tenant's trail holds at most this many entries; the oldest go first (the file stays readable in one go). */
const MAX_ENTRIES = 50_000;

/**
 * The audit trail and operation ledger, the bot's own store whichever backend
 * holds the customers (Partner Center keeps no reason for a removal): one
 * lowdb file per partner tenant under `<dataDir>/audit`, named by the hash of
 * the tenant id. An operation is entered as pending before the backend call
 * (`begin`) and becomes an audit entry after the backend confirmed it
 * (`record`), once per request id: a retried operation adds nothing, and a
 * retry can tell "my own earlier attempt went through" from "someone else did it".
 */
export class AuditLog {
  private readonly dir: string;
  private readonly files = new Map<string, Promise<Low<AuditFile>>>();
  private readonly writes = new KeyedQueue();

  constructor(dataDir: string) {
    this.dir = path.join(path.resolve(dataDir), 'audit');
  }

  /** Enters an operation as under way, before its backend call (again for a retry: nothing changes). */
  async begin(partnerTenantId: string, operation: PendingOperation): Promise<void> {
    await this.change(partnerTenantId, (data) => {
      if (data.entries.some((e) => e.requestId === operation.requestId) || data.pending?.some((p) => p.requestId === operation.requestId)) return undefined;
      const cutoff = Date.parse(operation.at) - PENDING_TTL_MS;
      return { ...data, pending: [...(data.pending ?? []).filter((p) => Date.parse(p.at) >= cutoff), structuredClone(operation)] };
    });
  }

  /** What the ledger knows of a request: under way, done (its audit entry exists), or nothing. */
  async status(partnerTenantId: string, requestId: string): Promise<'pending' | 'done' | undefined> {
    await this.writes.run(this.fileOf(partnerTenantId), async () => undefined);
    const { data } = await this.load(partnerTenantId);
    if (data.entries.some((e) => e.requestId === requestId)) return 'done';
    return data.pending?.some((p) => p.requestId === requestId) ? 'pending' : undefined;
  }

  /** Appends the entry (the operation is confirmed) unless one with its request id exists; true when it was added. */
  record(partnerTenantId: string, entry: AuditEntry): Promise<boolean> {
    return this.change(partnerTenantId, (data) => {
      if (data.entries.some((e) => e.requestId === entry.requestId)) return undefined;
      const pending = (data.pending ?? []).filter((p) => p.requestId !== entry.requestId);
      return { ...data, entries: [...data.entries, structuredClone(entry)].slice(-MAX_ENTRIES), pending };
    });
  }

  /** Applies a change to the tenant's file and writes it; `undefined` from `apply` changes nothing. True when written. */
  private change(partnerTenantId: string, apply: (data: AuditFile) => AuditFile | undefined): Promise<boolean> {
    return this.writes.run(this.fileOf(partnerTenantId), async () => {
      const db = await this.load(partnerTenantId);
      const previous = db.data;
      const next = apply(previous);
      if (!next) return false;
      db.data = next;
      try {
        await mkdir(this.dir, { recursive: true });
        await db.write();
      } catch (error) {
        db.data = previous;
        throw error;
      }
      return true;
    });
  }

  /** The tenant's trail, oldest first. */
  async entries(partnerTenantId: string): Promise<AuditEntry[]> {
    await this.writes.run(this.fileOf(partnerTenantId), async () => undefined);
    return structuredClone((await this.load(partnerTenantId)).data.entries);
  }

  /** The latest removal of this customer's relationship the bot made (its reason, for the details card). */
  async lastRemoval(partnerTenantId: string, customerId: string): Promise<Extract<AuditEntry, { action: 'endRelationship' }> | undefined> {
    const entries = await this.entries(partnerTenantId);
    return entries.findLast((e): e is Extract<AuditEntry, { action: 'endRelationship' }> => e.action === 'endRelationship' && e.customerId === customerId);
  }

  async flush(): Promise<void> {
    await this.writes.idle();
  }

  private fileOf(partnerTenantId: string): string {
    if (typeof partnerTenantId !== 'string' || partnerTenantId === '') throw new Error('A partner tenant id is required.');
    return path.join(this.dir, `${createHash('sha256').update(partnerTenantId, 'utf8').digest('hex')}.json`);
  }

  private load(partnerTenantId: string): Promise<Low<AuditFile>> {
    const file = this.fileOf(partnerTenantId);
    let loading = this.files.get(file);
    if (!loading) {
      loading = (async () => {
        const db = new Low<AuditFile>(new JSONFile(file), { partnerTenantId, entries: [] });
        await db.read();
        if (db.data.partnerTenantId !== partnerTenantId || !Array.isArray(db.data.entries)) throw new Error(`Audit file ${file} is not this tenant's.`);
        return db;
      })();
      this.files.set(file, loading);
      loading.catch(() => this.files.get(file) === loading && this.files.delete(file));
    }
    return loading;
  }
}
