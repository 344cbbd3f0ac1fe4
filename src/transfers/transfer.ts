import type { BackendContext } from '../customers/ports.js';

/**
 * Moving a customer's Azure subscriptions (and new-commerce licences) from
 * one partner to another, modelled on Partner Center's TransferEntity
 * (`customers/{id}/transfers`). The partner who will receive the
 * subscriptions (the target) requests it; the partner who has them now (the
 * source) accepts or rejects it within 30 days.
 */
export const TRANSFER_STATUSES = ['pending', 'completed', 'expired', 'cancelled', 'rejected'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Partner Center's `targetProductTypes`. */
export const PRODUCT_TYPES = ['AzureSubscription', 'AzureReservation', 'AzureSavingsPlan', 'OnlineServicesNCE'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const TRANSFER_DIRECTIONS = ['received', 'sent'] as const;
/** Seen from the partner asking: `sent` = it requested the transfer, `received` = it is asked to give subscriptions up. */
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export interface TransferPartner {
  /** The partner's Microsoft Entra tenant id. */
  tenantId: string;
  name: string;
}

/** A partner as cards name it: its name, or its tenant id where Partner Center gave none. */
export const partnerLabel = (partner: TransferPartner): string => partner.name || partner.tenantId;

/** One subscription in a transfer: what is asked for, or (once accepted) what moved. */
export interface TransferLine {
  subscriptionId: string;
  offerName: string;
  quantity: number;
}

export interface Transfer {
  id: string;
  customerId: string;
  customerName: string;
  /** The current partner: it has the subscriptions and answers the request. */
  source: TransferPartner;
  /** The future partner: it requested the transfer. */
  target: TransferPartner;
  /** The customer's contact, whom the request names. */
  customerEmail: string;
  productTypes: ProductType[];
  /** Accepted: the subscriptions that moved. Pending: empty (the source chooses when it accepts). */
  lineItems: TransferLine[];
  status: TransferStatus;
  /** ISO 8601. */
  createdAt: string;
  lastModifiedAt: string;
}

/** A transfer's customer as cards name it: its name, or its id where Partner Center gave none. */
export const customerLabel = (transfer: Pick<Transfer, 'customerName' | 'customerId'>): string => transfer.customerName || transfer.customerId;

/** Why a subscription cannot move with this transfer (domain.md §10). */
export const INELIGIBLE_REASONS = ['reservation', 'marketplace', 'legacyAzure', 'legacyLicence', 'notActive', 'inOtherTransfer', 'typeNotChosen', 'other'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

/** One of the customer's subscriptions with the current partner, and whether it can move. */
export interface EligibilityLine {
  subscriptionId: string;
  /** Empty where Partner Center names only the id. */
  offerName: string;
  eligible: boolean;
  reason?: IneligibleReason;
  /** Partner Center's own reason text, where it gave one (not translated). */
  detail?: string;
}

export interface NewTransfer {
  customerName: string;
  source: TransferPartner;
  customerEmail: string;
  productTypes: ProductType[];
}

export interface TransferPage {
  items: Transfer[];
  next?: string;
  previous?: string;
  total?: number;
  number?: number;
}

export type TransferChange = { outcome: 'done'; transfer: Transfer } | { outcome: 'notPending'; transfer: Transfer } | { outcome: 'notFound' };

/** The transfers port: Partner Center's `customers/{id}/transfers` and `transferseligibility`, or the embedded store. */
export interface Transfers {
  /** Newest first, paged by cursor; statuses as of now (a pending request past its 30 days is expired). */
  list(ctx: BackendContext, query: { direction: TransferDirection; size: number; cursor?: string }): Promise<TransferPage>;
  get(ctx: BackendContext, customerId: string, transferId: string): Promise<Transfer | undefined>;
  /** The current partner, named by tenant id (or, where the backend can tell, its domain); undefined: not known. */
  partner(ctx: BackendContext, identifier: string): Promise<TransferPartner | undefined>;
  /** The customer's subscriptions with that partner, and which of them can move with these product types (for an open request: besides it, `except`). */
  eligibility(ctx: BackendContext, customerId: string, source: TransferPartner, productTypes: readonly ProductType[], except?: string): Promise<EligibilityLine[]>;
  /** Sends the request; a repeat of the same request id returns the transfer it made. */
  create(ctx: BackendContext, customerId: string, request: NewTransfer, options: { requestId: string }): Promise<Transfer>;
  /** The current partner accepts, moving these of the customer's subscriptions. */
  accept(ctx: BackendContext, customerId: string, transferId: string, subscriptionIds: readonly string[]): Promise<TransferChange>;
  reject(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange>;
  /** The requester withdraws its request while it is pending. */
  cancel(ctx: BackendContext, customerId: string, transferId: string): Promise<TransferChange>;
  /** Pending requests entering their last days, each returned once; only a backend that sees every partner's transfers has it. */
  remindersDue?(): Promise<Transfer[]>;
}
