import { createHash } from 'node:crypto';
import type { AuditEntry } from '../customers/customer.js';

/** An operation sent to the backend and not yet confirmed (or confirmed, but the process stopped before its entry was written). */
export interface PendingOperation {
  requestId: string;
  action: AuditEntry['action'];
  customerId?: string;
  at: string;
  actor: string;
}

export type RemovalEntry = Extract<AuditEntry, { action: 'endRelationship' }>;

/**
 * The audit trail and operation ledger, the bot's own record whichever
 * backend holds the customers (Partner Center keeps no reason for a removal).
 * An operation is entered as pending before its backend call (`begin`) and
 * becomes an audit entry once the backend confirmed it (`record`), once per
 * request id: a retried operation adds nothing, and a retry can tell "my own
 * earlier attempt went through" from "someone else did it". Every call has
 * made its change durable when it returns.
 */
export interface AuditTrail {
  /** Enters an operation as under way, before its backend call (again for a retry: nothing changes). */
  begin(partnerTenantId: string, operation: PendingOperation): Promise<void>;
  /** What the ledger knows of a request: under way, done (its audit entry exists), or nothing. */
  status(partnerTenantId: string, requestId: string): Promise<'pending' | 'done' | undefined>;
  /** Appends the entry (the operation is confirmed) unless one with its request id exists; true when it was added. */
  record(partnerTenantId: string, entry: AuditEntry): Promise<boolean>;
  /** The tenant's trail, oldest first. */
  entries(partnerTenantId: string): Promise<AuditEntry[]>;
  /** The latest removal of this customer's relationship the bot made (its reason, for the details card). */
  lastRemoval(partnerTenantId: string, customerId: string): Promise<RemovalEntry | undefined>;
  flush(): Promise<void>;
}

/** A pending mark older than this is forgotten (its flow state, and so its request id, is gone too). */
const PENDING_TTL_MS = 7 * 24 * 60 * 60_000;

/** Whether a pending mark still counts at `now` (ms). */
export const stillPending = (operation: PendingOperation, now: number): boolean => Date.parse(operation.at) >= now - PENDING_TTL_MS;

/** The name a partner tenant's trail is kept under (a file, Redis keys): the hash of its id, which is checked, so no tenant id shows. */
export function trailNameOf(partnerTenantId: string): string {
  if (typeof partnerTenantId !== 'string' || partnerTenantId === '') throw new Error('A partner tenant id is required.');
  return createHash('sha256').update(partnerTenantId, 'utf8').digest('hex');
}
