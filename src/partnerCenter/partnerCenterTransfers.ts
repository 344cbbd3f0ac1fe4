import { transferPage } from '../transfers/transferPage.js';
import type { BackendContext } from '../customers/ports.js';
import { LRUCache } from 'lru-cache';
import { directionOf, isExpiringSoon, isTenantId, statusAt } from '../rules/transferRules.js';
import type { EligibilityLine, NewTransfer, ProductType, Transfer, TransferChange, TransferPage, TransferPartner, Transfers, TransferStatus } from '../transfers/transfer.js';
import type { CustomerReadModel } from './customerReadModel.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';

/** Partner Center's TransferEntity as it answers it (transfer-entity-resources.md); parsed defensively. */
interface PcTransfer {
  id?: string;
  status?: string;
  createdTime?: string;
  lastModifiedTime?: string;
  customerTenantId?: string;
  customerName?: string;
  customerEmailId?: string;
  sourcePartnerTenantId?: string;
  sourcePartnerName?: string;
  targetPartnerTenantId?: string;
  targetPartnerName?: string;
  targetProductTypes?: string[];
  lineItems?: Array<{ subscriptionId?: string; friendlyName?: string; quantity?: number }>;
}

const STATUS: Record<string, TransferStatus> = { active: 'pending', complete: 'completed', completed: 'completed', reject: 'rejected', rejected: 'rejected', cancel: 'cancelled', cancelled: 'cancelled', withdrawn: 'cancelled', expired: 'expired' };
/** Customers whose transfers are read at once while the list is gathered. */
const READS_AT_ONCE = 4;
/** How long a gathered list serves before Partner Center is asked again. */
const LIST_TTL_MS = 60_000;

export interface PartnerCenterTransfersOptions {
  client: PartnerCenterClient;
  /** With several instances: true for the one instance that reminds of a request (each gathers on its own). */
  remindOnce?: (transferId: string) => Promise<boolean>;
  readModel: CustomerReadModel;
  /** `transferType`: the docs disagree between 3 and 5 (NOTES.md §1.4), so it is a setting. */
  transferType: string;
  now?: () => Date;
}

/**
 * Transfers on Partner Center: `customers/{id}/transfers` (create, list,
 * get, PATCH to accept, reject or cancel) and `transferseligibility`.
 * Partner Center lists transfers per customer only, so the Sent and Received
 * tabs are gathered from every customer in the synced list (a few at a time,
 * kept for a minute per tenant); a received request found in its last days
 * is reminded of once.
 */
export class PartnerCenterTransfers implements Transfers {
  private readonly gathered = new Map<string, { at: number; items: Transfer[] }>();
  /** Received requests in their last days seen while gathering: each reminded of once (per process; across instances with `remindOnce`). */
  private readonly reminded = new LRUCache<string, true>({ max: 10_000 });
  private due: Transfer[] = [];
  private readonly now: () => Date;

  constructor(private readonly options: PartnerCenterTransfersOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async list(ctx: BackendContext, query: { direction: 'sent' | 'received'; size: number; cursor?: string }): Promise<TransferPage> {
    return transferPage(await this.gather(ctx), ctx.tenantId, query);
  }

  async get(ctx: BackendContext, customerId: string, transferId: string): Promise<Transfer | undefined> {
    const { status, body } = await this.options.client.send<PcTransfer>(ctx, { method: 'GET', path: `${this.pathOf(customerId)}/${encodeURIComponent(transferId)}`, expect: [404] });
    return status === 404 || !body ? undefined : this.transferOf(body, customerId);
  }

  /** Partner Center names partners by tenant id; a domain cannot be looked up through it. */
  async partner(_ctx: BackendContext, identifier: string): Promise<TransferPartner | undefined> {
    return isTenantId(identifier) ? { tenantId: identifier.toLowerCase(), name: '' } : undefined;
  }

  async eligibility(ctx: BackendContext, customerId: string): Promise<EligibilityLine[]> {
    const { body } = await this.options.client.send<Array<{ id?: string; isEligible?: boolean; reason?: string }> | { items?: Array<{ id?: string; isEligible?: boolean; reason?: string }> }>(ctx, {
      method: 'GET',
      path: `customers/${encodeURIComponent(customerId)}/transferseligibility?transferType=${encodeURIComponent(this.options.transferType)}`,
    });
    const items = Array.isArray(body) ? body : (body?.items ?? []);
    return items.flatMap((item) =>
      typeof item?.id === 'string' ? [item.isEligible === true ? { subscriptionId: item.id, offerName: '', eligible: true } : { subscriptionId: item.id, offerName: '', eligible: false, reason: 'other' as const, ...(item.reason ? { detail: String(item.reason).slice(0, 300) } : {}) }] : [],
    );
  }

  async create(ctx: BackendContext, customerId: string, request: NewTransfer, { requestId }: { requestId: string }): Promise<Transfer> {
    const body = {
      customerName: request.customerName,
      customerEmailId: request.customerEmail,
      sourcePartnerTenantId: request.source.tenantId,
      ...(request.source.name ? { sourcePartnerName: request.source.name } : {}),
      targetPartnerTenantId: ctx.tenantId,
      targetProductTypes: request.productTypes,
      transferType: this.options.transferType,
    };
    const { body: created } = await this.options.client.send<PcTransfer>(ctx, { method: 'POST', path: this.pathOf(customerId), body, requestId });
    this.gathered.delete(ctx.tenantId);
    return this.transferOf(created ?? {}, customerId);
  }

  accept(ctx: BackendContext, customerId: string, transferId: string, subscriptionIds: readonly string[]): Promise<TransferChange> {
    return this.update(ctx, customerId, transferId, 'received', (current) => ({ ...current, status: 'Complete', lineItems: subscriptionIds.map((subscriptionId) => ({ subscriptionId })) }));
  }

  reject(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange> {
    return this.update(ctx, customerId, transferId, 'received', (current) => ({ id: current.id, status: 'reject' }));
  }

  cancel(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange> {
    return this.update(ctx, customerId, transferId, 'sent', (current) => ({ ...current, status: 'Cancel' }));
  }

  /** Reads the transfer, checks it is this partner's side and pending, then PATCHes what `change` makes of it. */
  private async update(ctx: BackendContext, customerId: string, transferId: string, side: 'sent' | 'received', change: (current: PcTransfer & { id: string }) => Record<string, unknown>): Promise<TransferChange> {
    const path = `${this.pathOf(customerId)}/${encodeURIComponent(transferId)}`;
    const { status, body } = await this.options.client.send<PcTransfer>(ctx, { method: 'GET', path, expect: [404] });
    if (status === 404 || !body?.id) return { outcome: 'notFound' };
    const current = this.transferOf(body, customerId);
    if (directionOf(current, ctx.tenantId) !== side) return { outcome: 'notFound' };
    if (current.status !== 'pending') return { outcome: 'notPending', transfer: current };
    const { body: changed } = await this.options.client.send<PcTransfer>(ctx, { method: 'PATCH', path, body: change({ ...body, id: body.id }) });
    this.gathered.delete(ctx.tenantId);
    return { outcome: 'done', transfer: this.transferOf(changed ?? body, customerId) };
  }

  private async gather(ctx: BackendContext): Promise<Transfer[]> {
    const kept = this.gathered.get(ctx.tenantId);
    if (kept && Date.now() - kept.at < LIST_TTL_MS) return kept.items;
    const customers = (await this.options.readModel.complete(ctx)).query({ relationship: 'active', locale: 'en-US' }).items;
    const queue = customers.map((c) => c.id);
    const items: Transfer[] = [];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const { body } = await this.options.client.send<PcTransfer[] | { items?: PcTransfer[] }>(ctx, { method: 'GET', path: this.pathOf(id) });
        const list = Array.isArray(body) ? body : (body?.items ?? []);
        for (const raw of list) if (typeof raw?.id === 'string') items.push(this.transferOf(raw, id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, queue.length) }, worker));
    this.gathered.set(ctx.tenantId, { at: Date.now(), items });
    const now = this.now();
    for (const transfer of items) {
      if (directionOf(transfer, ctx.tenantId) !== 'received' || !isExpiringSoon(transfer, now) || this.reminded.has(transfer.id)) continue;
      this.reminded.set(transfer.id, true);
      this.due.push(transfer);
    }
    return items;
  }

  /** Partner Center has no partner-wide list of transfers: the reminders come from what the tabs last read. */
  async remindersDue(): Promise<Transfer[]> {
    const due = this.due;
    this.due = [];
    const { remindOnce } = this.options;
    if (!remindOnce) return due;
    const first = await Promise.all(due.map((transfer) => remindOnce(transfer.id)));
    return due.filter((_, i) => first[i]);
  }

  private pathOf(customerId: string): string {
    return `customers/${encodeURIComponent(customerId)}/transfers`;
  }

  private transferOf(raw: PcTransfer, customerId: string): Transfer {
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    const createdAt = str(raw.createdTime) || this.now().toISOString();
    const base = {
      id: str(raw.id),
      customerId: str(raw.customerTenantId) || customerId,
      customerName: str(raw.customerName),
      source: { tenantId: str(raw.sourcePartnerTenantId).toLowerCase(), name: str(raw.sourcePartnerName) },
      target: { tenantId: str(raw.targetPartnerTenantId).toLowerCase(), name: str(raw.targetPartnerName) },
      customerEmail: str(raw.customerEmailId),
      productTypes: (raw.targetProductTypes ?? []).filter((t): t is ProductType => ['AzureSubscription', 'AzureReservation', 'AzureSavingsPlan', 'OnlineServicesNCE'].includes(t)),
      lineItems: (raw.lineItems ?? []).flatMap((l) => (typeof l?.subscriptionId === 'string' ? [{ subscriptionId: l.subscriptionId, offerName: str(l.friendlyName), quantity: typeof l.quantity === 'number' ? l.quantity : 0 }] : [])),
      status: STATUS[str(raw.status).toLowerCase()] ?? 'pending',
      createdAt,
      lastModifiedAt: str(raw.lastModifiedTime) || createdAt,
    };
    return { ...base, status: statusAt(base, this.now()) };
  }
}
