import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../customers/customer.js';

/** An operation sent to the backend and not yet confirmed (or confirmed, but the process stopped before its entry was written). */
export interface PendingOperation {
  requestId: string;
  action: AuditEntry['action'];
  customerId?: string;
  at: string;
  actor: string;
}

/** One line of a tenant's audit file. */
type Line = { pending: PendingOperation } | { entry: AuditEntry };

interface Trail {
  entries: AuditEntry[];
  /** Request ids of the entries. */
  done: Set<string>;
  pending: Map<string, PendingOperation>;
}

/** A pending mark older than this is forgotten on load (its flow state, and so its request id, is gone too). */
const PENDING_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * The audit trail and operation ledger, the bot's own store whichever backend
 * holds the customers (Partner Center keeps no reason for a removal): one
 * append-only file of JSON lines per partner tenant under `<dataDir>/audit`,
 * named by the hash of the tenant id. An operation is entered as pending
 * before the backend call (`begin`) and becomes an audit entry after the
 * backend confirmed it (`record`), once per request id: a retried operation
 * adds nothing, and a retry can tell "my own earlier attempt went through"
 * from "someone else did it". Each is one synchronous append of a line, on
 * disk before the caller goes on; a line cut short by a crash is ignored.
 */
export class AuditLog {
  private readonly dir: string;
  private readonly trails = new Map<string, Promise<Trail>>();

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.dir = path.join(path.resolve(dataDir), 'audit');
  }

  /** Enters an operation as under way, before its backend call (again for a retry: nothing changes). */
  async begin(partnerTenantId: string, operation: PendingOperation): Promise<void> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(operation.requestId) || trail.pending.has(operation.requestId)) return;
    this.append(partnerTenantId, { pending: operation });
    trail.pending.set(operation.requestId, structuredClone(operation));
  }

  /** What the ledger knows of a request: under way, done (its audit entry exists), or nothing. */
  async status(partnerTenantId: string, requestId: string): Promise<'pending' | 'done' | undefined> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(requestId)) return 'done';
    return trail.pending.has(requestId) ? 'pending' : undefined;
  }

  /** Appends the entry (the operation is confirmed) unless one with its request id exists; true when it was added. */
  async record(partnerTenantId: string, entry: AuditEntry): Promise<boolean> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(entry.requestId)) return false;
    this.append(partnerTenantId, { entry });
    trail.entries.push(structuredClone(entry));
    trail.done.add(entry.requestId);
    trail.pending.delete(entry.requestId);
    return true;
  }

  /** The tenant's trail, oldest first. */
  async entries(partnerTenantId: string): Promise<AuditEntry[]> {
    return structuredClone((await this.load(partnerTenantId)).entries);
  }

  /** The latest removal of this customer's relationship the bot made (its reason, for the details card). */
  async lastRemoval(partnerTenantId: string, customerId: string): Promise<Extract<AuditEntry, { action: 'endRelationship' }> | undefined> {
    const { entries } = await this.load(partnerTenantId);
    const found = entries.findLast((e): e is Extract<AuditEntry, { action: 'endRelationship' }> => e.action === 'endRelationship' && e.customerId === customerId);
    return found && structuredClone(found);
  }

  /** Every line is on disk when its call returns: nothing to wait for. */
  async flush(): Promise<void> {}

  /** Throws (and changes nothing in memory) when the line cannot be written. */
  private append(partnerTenantId: string, line: Line): void {
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.fileOf(partnerTenantId), `${JSON.stringify(line)}\n`, 'utf8');
  }

  private fileOf(partnerTenantId: string): string {
    if (typeof partnerTenantId !== 'string' || partnerTenantId === '') throw new Error('A partner tenant id is required.');
    return path.join(this.dir, `${createHash('sha256').update(partnerTenantId, 'utf8').digest('hex')}.jsonl`);
  }

  private load(partnerTenantId: string): Promise<Trail> {
    const file = this.fileOf(partnerTenantId);
    let loading = this.trails.get(file);
    if (!loading) {
      loading = readFile(file, 'utf8')
        .catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)))
        .then((text) => this.replay(text));
      this.trails.set(file, loading);
      loading.catch(() => this.trails.get(file) === loading && this.trails.delete(file));
    }
    return loading;
  }

  private replay(text: string): Trail {
    const trail: Trail = { entries: [], done: new Set(), pending: new Map() };
    const cutoff = this.now() - PENDING_TTL_MS;
    for (const raw of text.split('\n')) {
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        // Empty, or the last line cut short by a crash: that operation was never confirmed to anyone.
        continue;
      }
      if ('entry' in line && line.entry?.requestId) {
        trail.entries.push(line.entry);
        trail.done.add(line.entry.requestId);
        trail.pending.delete(line.entry.requestId);
      } else if ('pending' in line && line.pending?.requestId && !trail.done.has(line.pending.requestId) && Date.parse(line.pending.at) >= cutoff) {
        trail.pending.set(line.pending.requestId, line.pending);
      }
    }
    return trail;
  }
}
