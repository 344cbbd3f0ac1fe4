import { randomUUID } from 'node:crypto';

type Answer = { status: number; body?: unknown };
interface Call {
  method: string;
  body?: unknown;
}

/** One TransferEntity as the stand-in keeps it (transfer-entity-resources.md, new commerce). */
export interface StoredTransfer {
  id: string;
  status: string;
  createdTime: string;
  lastModifiedTime: string;
  customerTenantId: string;
  customerName?: string;
  customerEmailId?: string;
  sourcePartnerTenantId: string;
  sourcePartnerName?: string;
  targetPartnerTenantId: string;
  targetPartnerName?: string;
  targetProductTypes?: string[];
  transferType?: string;
  lineItems: Array<{ subscriptionId: string; friendlyName?: string; quantity?: number }>;
}

const PRODUCT_TYPES = ['AzureSubscription', 'AzureReservation', 'AzureSavingsPlan', 'OnlineServicesNCE'];
const badInput = (description: string): Answer => ({ status: 400, body: { code: 800002, description, source: 'PartnerFD' } });

/**
 * The transfer endpoints of the local Partner Center (`customers/{id}/transfers`,
 * `…/transferseligibility`): creation by the target partner, the list and one
 * transfer for either side, PATCH to accept (source), reject (source) or
 * cancel (target) while Active. Eligibility answers what a test put in
 * `eligibility`; `transferType` must be 3 or 5.
 */
export class PartnerCenterTransferStore {
  readonly transfers: StoredTransfer[] = [];
  /** Customer id → the eligibility Partner Center answers for it. */
  readonly eligibility = new Map<string, Array<{ id: string; isEligible: boolean; reason?: string }>>();

  route(partner: string, customerId: string, call: Call, url: URL, parts: string[]): Answer {
    if (parts[2] === 'transferseligibility' && call.method === 'GET') {
      if (!['3', '5'].includes(url.searchParams.get('transferType') ?? '')) return badInput('transferType is not valid.');
      return { status: 200, body: this.eligibility.get(customerId) ?? [] };
    }
    const mine = (t: StoredTransfer) => t.customerTenantId === customerId && (t.sourcePartnerTenantId === partner || t.targetPartnerTenantId === partner);
    if (parts.length === 3 && call.method === 'GET') return { status: 200, body: this.transfers.filter(mine).map(wire) };
    if (parts.length === 3 && call.method === 'POST') return this.create(partner, customerId, call.body as Partial<StoredTransfer> | undefined);
    const transfer = this.transfers.find((t) => t.id === parts[3] && mine(t));
    if (!transfer) return { status: 404, body: { code: 900100, description: 'Transfer request not found.', source: 'PartnerFD' } };
    if (parts.length === 4 && call.method === 'GET') return { status: 200, body: wire(transfer) };
    if (parts.length === 4 && call.method === 'PATCH') return this.update(partner, transfer, call.body as Partial<StoredTransfer> | undefined);
    return { status: 404 };
  }

  private create(partner: string, customerId: string, body: Partial<StoredTransfer> | undefined): Answer {
    if (!body?.sourcePartnerTenantId || !body.customerEmailId) return badInput('sourcePartnerTenantId and customerEmailId are required.');
    if (body.targetPartnerTenantId && body.targetPartnerTenantId !== partner) return badInput('The target partner must be the caller.');
    if (!Array.isArray(body.targetProductTypes) || body.targetProductTypes.some((t) => !PRODUCT_TYPES.includes(t))) return badInput('targetProductTypes is not valid.');
    if (!['3', '5'].includes(String(body.transferType))) return badInput('transferType is not valid.');
    const now = new Date().toISOString();
    const transfer: StoredTransfer = {
      id: randomUUID(),
      status: 'Active',
      createdTime: now,
      lastModifiedTime: now,
      customerTenantId: customerId,
      customerName: body.customerName,
      customerEmailId: body.customerEmailId,
      sourcePartnerTenantId: body.sourcePartnerTenantId,
      sourcePartnerName: body.sourcePartnerName,
      targetPartnerTenantId: partner,
      targetPartnerName: 'Contoso Partner',
      targetProductTypes: body.targetProductTypes,
      transferType: String(body.transferType),
      lineItems: [],
    };
    this.transfers.push(transfer);
    return { status: 201, body: wire(transfer) };
  }

  private update(partner: string, transfer: StoredTransfer, body: Partial<StoredTransfer> | undefined): Answer {
    if (transfer.status !== 'Active') return { status: 400, body: { code: 900102, description: 'The transfer request is already complete.', source: 'PartnerFD' } };
    const status = String(body?.status ?? '').toLowerCase();
    const source = transfer.sourcePartnerTenantId === partner;
    if (status === 'complete' && source) {
      if (!Array.isArray(body?.lineItems) || body.lineItems.length === 0) return badInput('lineItems are required to accept.');
      transfer.lineItems = body.lineItems.map((l) => ({ subscriptionId: l.subscriptionId, quantity: 1 }));
      transfer.status = 'Complete';
    } else if (status === 'reject' && source) transfer.status = 'Reject';
    else if (status === 'cancel' && !source) transfer.status = 'Cancel';
    else return badInput(`${body?.status} is not allowed for this partner.`);
    transfer.lastModifiedTime = new Date().toISOString();
    return { status: 200, body: wire(transfer) };
  }
}

const wire = (transfer: StoredTransfer) => ({ ...transfer, attributes: { objectType: 'TransferEntity' } });
