import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../customers/customer.js';
import { stillPending, trailNameOf, type AuditTrail, type PendingOperation, type RemovalEntry } from './auditTrail.js';

/** One line of a tenant's audit file. */
type Line = { pending: PendingOperation } | { entry: AuditEntry };

interface Trail {
  entries: AuditEntry[];
  /** Request ids of the entries. */
  done: Set<string>;
  pending: Map<string, PendingOperation>;
}

/**
 * The audit trail (AuditTrail) in files, for one instance: one append-only
 * file of JSON lines per partner tenant under `<dataDir>/audit`, named by the
 * hash of the tenant id. Each change is one synchronous append of a line, on
 * disk before the caller goes on; a line cut short by a crash is ignored.
 */
export class AuditLog implements AuditTrail {
  private readonly dir: string;
  private readonly trails = new Map<string, Promise<Trail>>();

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.dir = path.join(path.resolve(dataDir), 'audit');
  }

  async begin(partnerTenantId: string, operation: PendingOperation): Promise<void> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(operation.requestId) || trail.pending.has(operation.requestId)) return;
    this.append(partnerTenantId, { pending: operation });
    trail.pending.set(operation.requestId, structuredClone(operation));
  }

  async status(partnerTenantId: string, requestId: string): Promise<'pending' | 'done' | undefined> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(requestId)) return 'done';
    return trail.pending.has(requestId) ? 'pending' : undefined;
  }

  async record(partnerTenantId: string, entry: AuditEntry): Promise<boolean> {
    const trail = await this.load(partnerTenantId);
    if (trail.done.has(entry.requestId)) return false;
    this.append(partnerTenantId, { entry });
    trail.entries.push(structuredClone(entry));
    trail.done.add(entry.requestId);
    trail.pending.delete(entry.requestId);
    return true;
  }

  async entries(partnerTenantId: string): Promise<AuditEntry[]> {
    return structuredClone((await this.load(partnerTenantId)).entries);
  }

  async lastRemoval(partnerTenantId: string, customerId: string): Promise<RemovalEntry | undefined> {
    const { entries } = await this.load(partnerTenantId);
    const found = entries.findLast((e): e is RemovalEntry => e.action === 'endRelationship' && e.customerId === customerId);
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
    return path.join(this.dir, `${trailNameOf(partnerTenantId)}.jsonl`);
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
    const now = this.now();
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
      } else if ('pending' in line && line.pending?.requestId && !trail.done.has(line.pending.requestId) && stillPending(line.pending, now)) {
        trail.pending.set(line.pending.requestId, line.pending);
      }
    }
    return trail;
  }
}
