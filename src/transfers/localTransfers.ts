import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedQueue } from '../concurrency/keyedQueue.js';
import type { LowdbCustomerDirectory } from '../customers/lowdbCustomerDirectory.js';
import type { BackendContext } from '../customers/ports.js';
import { directionOf, eligibilityOf, isExpiringSoon, statusAt } from '../rules/transferRules.js';
import { sandboxPartners, type SandboxPartner } from './sandboxPartners.js';
import { transferPage } from './transferPage.js';
import type { EligibilityLine, NewTransfer, ProductType, Transfer, TransferChange, TransferPage, TransferPartner, Transfers } from './transfer.js';

/** A transfer as the embedded store keeps it: the request id it was made with, and whether its expiry reminder went out. */
export interface StoredTransfer extends Transfer {
  requestId: string;
  reminded?: boolean;
}

interface TransferData {
  transfers: StoredTransfer[];
}

/** The store keeps at most this many (the oldest finished ones go first). */
const MAX_TRANSFERS = 5_000;
const QUEUE = 'transfers';

/**
 * Transfers in the embedded backend: one file (`<dataDir>/transfers.json`,
 * lowdb, written whole and atomically after each change) shared by the
 * sandbox partners, since a transfer has two sides. Accepting moves the
 * chosen subscriptions from the current partner's customer to the
 * requester's in the customer store: added there first, then removed here,
 * each step skipping what is already done, so a retry after a crash finishes
 * the move instead of doubling it.
 */
export class LocalTransfers implements Transfers {
  private readonly queue = new KeyedQueue();
  private db: Promise<Low<TransferData>> | undefined;
  private readonly partners: SandboxPartner[];

  constructor(
    private readonly store: LowdbCustomerDirectory,
    private readonly dataDir: string,
    demoTenant: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.partners = sandboxPartners(demoTenant);
  }

  async list(ctx: BackendContext, query: { direction: 'sent' | 'received'; size: number; cursor?: string }): Promise<TransferPage> {
    // Of two made at the same instant, the one stored later comes first.
    return transferPage([...(await this.all())].reverse(), ctx.tenantId, query, (t) => this.view(t));
  }

  async get(ctx: BackendContext, customerId: string, transferId: string): Promise<Transfer | undefined> {
    const found = (await this.all()).find((t) => t.id === transferId && t.customerId === customerId && directionOf(t, ctx.tenantId));
    return found && this.view(found);
  }

  async partner(_ctx: BackendContext, identifier: string): Promise<TransferPartner | undefined> {
    const wanted = identifier.trim().toLowerCase();
    const found = this.partners.find((p) => p.microsoftId === wanted || p.domain === wanted);
    return found && { tenantId: found.tenantKey, name: found.name };
  }

  /** The partner a sandbox tenant stands for (its name on requests it makes). */
  self(tenantId: string): TransferPartner {
    const found = this.partners.find((p) => p.tenantKey === tenantId);
    return { tenantId, name: found?.name ?? tenantId };
  }

  async eligibility(_ctx: BackendContext, customerId: string, source: TransferPartner, productTypes: readonly ProductType[], except?: string): Promise<EligibilityLine[]> {
    const customer = await this.store.get(source.tenantId, customerId);
    if (!customer || customer.relationshipToPartner === 'none') return [];
    const now = this.now();
    // A pending request claims the customer's subscriptions of the kinds it names, until it is answered.
    const others = (await this.all()).filter((t) => t.id !== except && t.customerId === customerId && t.source.tenantId === source.tenantId && statusAt(t, now) === 'pending');
    const claimed = new Set(others.flatMap((t) => eligibilityOf(customer.subscriptions, t.productTypes, new Set()).filter((l) => l.eligible).map((l) => l.subscriptionId)));
    return eligibilityOf(customer.subscriptions, productTypes, claimed);
  }

  async create(ctx: BackendContext, customerId: string, request: NewTransfer, { requestId }: { requestId: string }): Promise<Transfer> {
    return this.queue.run(QUEUE, async () => {
      const db = await this.load();
      const repeated = db.data.transfers.find((t) => t.requestId === requestId && t.target.tenantId === ctx.tenantId);
      if (repeated) return this.view(repeated);
      const at = this.now().toISOString();
      const transfer: StoredTransfer = { id: randomUUID(), requestId, customerId, ...request, target: this.self(ctx.tenantId), lineItems: [], status: 'pending', createdAt: at, lastModifiedAt: at };
      await this.save(db, [...db.data.transfers, transfer]);
      return this.view(transfer);
    });
  }

  async accept(ctx: BackendContext, customerId: string, transferId: string, subscriptionIds: readonly string[]): Promise<TransferChange> {
    return this.change(ctx, customerId, transferId, 'received', async (transfer) => {
      const source = await this.store.get(transfer.source.tenantId, customerId);
      const eligible = new Set((await this.eligibility(ctx, customerId, transfer.source, transfer.productTypes, transfer.id)).filter((l) => l.eligible).map((l) => l.subscriptionId));
      const moving = (source?.subscriptions ?? []).filter((s) => subscriptionIds.includes(s.id) && eligible.has(s.id));
      const ids = new Set(moving.map((s) => s.id));
      // The requester's copy of the customer gets them first; the current partner's loses them after.
      await this.store.change(transfer.target.tenantId, customerId, (current) => {
        const fresh = moving.filter((s) => !current.subscriptions.some((c) => c.id === s.id));
        return { result: undefined, ...(fresh.length ? { updated: { ...current, subscriptions: [...current.subscriptions, ...fresh] } } : {}) };
      });
      await this.store.change(transfer.source.tenantId, customerId, (current) => ({ result: undefined, updated: { ...current, subscriptions: current.subscriptions.filter((s) => !ids.has(s.id)) } }));
      return { ...transfer, status: 'completed', lineItems: moving.map((s) => ({ subscriptionId: s.id, offerName: s.offerName, quantity: s.quantity })) };
    });
  }

  reject(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange> {
    return this.change(ctx, customerId, transferId, 'received', async (transfer) => ({ ...transfer, status: 'rejected' }));
  }

  cancel(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange> {
    return this.change(ctx, customerId, transferId, 'sent', async (transfer) => ({ ...transfer, status: 'cancelled' }));
  }

  /** Pending requests within their last days that have not been reminded of yet: marked as reminded, returned once. */
  async remindersDue(): Promise<Transfer[]> {
    return this.queue.run(QUEUE, async () => {
      const db = await this.load();
      const now = this.now();
      const due = db.data.transfers.filter((t) => !t.reminded && isExpiringSoon(t, now));
      if (due.length === 0) return [];
      const ids = new Set(due.map((t) => t.id));
      await this.save(db, db.data.transfers.map((t) => (ids.has(t.id) ? { ...t, reminded: true } : t)));
      return due.map((t) => this.view(t));
    });
  }

  /** Demo transfers, added once when the store has none. */
  async seed(transfers: StoredTransfer[]): Promise<boolean> {
    return this.queue.run(QUEUE, async () => {
      const db = await this.load();
      if (db.data.transfers.length > 0) return false;
      await this.save(db, transfers);
      return true;
    });
  }

  private async change(ctx: BackendContext, customerId: string, transferId: string, side: 'sent' | 'received', apply: (transfer: StoredTransfer) => Promise<StoredTransfer>): Promise<TransferChange> {
    return this.queue.run(QUEUE, async () => {
      const db = await this.load();
      const found = db.data.transfers.find((t) => t.id === transferId && t.customerId === customerId);
      if (!found || directionOf(found, ctx.tenantId) !== side) return { outcome: 'notFound' };
      if (statusAt(found, this.now()) !== 'pending') return { outcome: 'notPending', transfer: this.view(found) };
      const changed = { ...(await apply(found)), lastModifiedAt: this.now().toISOString() };
      await this.save(db, db.data.transfers.map((t) => (t.id === found.id ? changed : t)));
      return { outcome: 'done', transfer: this.view(changed) };
    });
  }

  private view(stored: StoredTransfer): Transfer {
    const { requestId: _requestId, reminded: _reminded, ...transfer } = stored;
    return { ...structuredClone(transfer), status: statusAt(stored, this.now()) };
  }

  private async all(): Promise<StoredTransfer[]> {
    return (await this.load()).data.transfers;
  }

  private async save(db: Low<TransferData>, transfers: StoredTransfer[]): Promise<void> {
    // The newest are kept; finished ones make room before pending ones.
    const kept = transfers.length <= MAX_TRANSFERS ? transfers : [...transfers].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || b.createdAt.localeCompare(a.createdAt)).slice(0, MAX_TRANSFERS);
    db.data = { transfers: kept };
    await db.write();
  }

  private load(): Promise<Low<TransferData>> {
    this.db ??= (async () => {
      await mkdir(path.resolve(this.dataDir), { recursive: true });
      const db = new Low<TransferData>(new JSONFile(path.join(path.resolve(this.dataDir), 'transfers.json')), { transfers: [] });
      await db.read();
      if (!Array.isArray(db.data?.transfers)) db.data = { transfers: [] };
      return db;
    })();
    return this.db;
  }
}

