import type { Subscription } from '../customers/customer.js';
import type { EligibilityLine, ProductType, Transfer, TransferDirection, TransferStatus } from '../transfers/transfer.js';
import { PRODUCT_TYPES } from '../transfers/transfer.js';
import { EMAIL_MAX, isValidEmail } from './customerRules.js';

/** The current partner has 30 days to accept a request; after that it expires (domain.md §10). */
export const TRANSFER_DAYS = 30;
/** The feed reminds the current partner this many days before a request expires. */
export const REMINDER_DAYS = 3;
const DAY_MS = 86_400_000;
/** Partner Center has no API for legacy Azure subscriptions: they move by a support ticket and a signed form. */
export const LEGACY_AZURE_OFFER = 'MS-AZR-0145P';
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const deadlineOf = (transfer: Pick<Transfer, 'createdAt'>): Date => new Date(Date.parse(transfer.createdAt) + TRANSFER_DAYS * DAY_MS);

/** The status as of `now`: a pending request past its deadline has expired, whatever the store still says. */
export function statusAt(transfer: Pick<Transfer, 'status' | 'createdAt'>, now: Date): TransferStatus {
  return transfer.status === 'pending' && now.getTime() >= deadlineOf(transfer).getTime() ? 'expired' : transfer.status;
}

/** Whether a pending request is within the reminder window of its deadline. */
export function isExpiringSoon(transfer: Pick<Transfer, 'status' | 'createdAt'>, now: Date): boolean {
  const left = deadlineOf(transfer).getTime() - now.getTime();
  return statusAt(transfer, now) === 'pending' && left <= REMINDER_DAYS * DAY_MS;
}

/** Which side of a transfer a partner tenant is on; undefined when it is on neither (another partner's transfer). */
export function directionOf(transfer: Pick<Transfer, 'source' | 'target'>, partnerTenantId: string): TransferDirection | undefined {
  const self = partnerTenantId.toLowerCase();
  if (transfer.target.tenantId.toLowerCase() === self) return 'sent';
  if (transfer.source.tenantId.toLowerCase() === self) return 'received';
  return undefined;
}

/** What kind of product a subscription is, for the product types a request names (undefined: none of them). */
function productTypeOf(subscription: Subscription): ProductType | undefined {
  if (subscription.kind === 'azurePlan') return 'AzureSubscription';
  if (subscription.kind === 'newCommerceLicense') return 'OnlineServicesNCE';
  return undefined;
}

/**
 * Whether each of the customer's subscriptions with the current partner can
 * move with a request for `productTypes`. Partner Center's rules (domain.md
 * §10): legacy Azure (MS-AZR-0145P) only by the manual process; reservations
 * do not move (cancel and buy again, error 900145); Marketplace software is
 * cancelled and bought again; only active subscriptions, and each in one
 * request at a time.
 */
export function eligibilityOf(subscriptions: readonly Subscription[], productTypes: readonly ProductType[], inOtherTransfer: ReadonlySet<string>): EligibilityLine[] {
  return subscriptions.map((subscription) => {
    const line = { subscriptionId: subscription.id, offerName: subscription.offerName };
    const reason = ineligibility(subscription, productTypes, inOtherTransfer);
    return reason ? { ...line, eligible: false, reason } : { ...line, eligible: true };
  });
}

function ineligibility(subscription: Subscription, productTypes: readonly ProductType[], inOtherTransfer: ReadonlySet<string>): EligibilityLine['reason'] {
  if (subscription.offerId.toUpperCase() === LEGACY_AZURE_OFFER) return 'legacyAzure';
  if (subscription.kind === 'azureReservation') return 'reservation';
  if (subscription.kind === 'software') return 'marketplace';
  if (subscription.kind === 'legacyLicense') return 'legacyLicence';
  if (subscription.status !== 'active') return 'notActive';
  if (inOtherTransfer.has(subscription.id)) return 'inOtherTransfer';
  const type = productTypeOf(subscription);
  return type && productTypes.includes(type) ? undefined : 'typeNotChosen';
}

export const TRANSFER_FORM_ERRORS = ['partnerRequired', 'partnerInvalid', 'partnerUnknown', 'partnerIsYou', 'emailRequired', 'emailInvalid', 'productTypesRequired'] as const;
export type TransferFormError = (typeof TRANSFER_FORM_ERRORS)[number];

export interface TransferForm {
  /** The current partner's tenant id or domain, as typed. */
  partner: string;
  customerEmail: string;
  productTypes: ProductType[];
}

const PARTNER_MAX = 253;

/** Reads the request form as a card sends it (product types as Teams' comma-separated multi-select). Unknown types are dropped. */
export function readTransferForm(data: Record<string, unknown>): { form: TransferForm; errors: Partial<Record<'partner' | 'customerEmail' | 'productTypes', TransferFormError>> } {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max + 1) : '');
  const partner = text(data.partner, PARTNER_MAX);
  const customerEmail = text(data.customerEmail, EMAIL_MAX);
  const chosen = typeof data.productTypes === 'string' ? data.productTypes.split(',') : [];
  const productTypes = PRODUCT_TYPES.filter((type) => chosen.includes(type));
  const errors: Partial<Record<'partner' | 'customerEmail' | 'productTypes', TransferFormError>> = {};
  if (!partner) errors.partner = 'partnerRequired';
  else if (partner.length > PARTNER_MAX || !isPartnerIdentifier(partner)) errors.partner = 'partnerInvalid';
  if (!customerEmail) errors.customerEmail = 'emailRequired';
  else if (customerEmail.length > EMAIL_MAX || !isValidEmail(customerEmail)) errors.customerEmail = 'emailInvalid';
  if (productTypes.length === 0) errors.productTypes = 'productTypesRequired';
  return { form: { partner, customerEmail, productTypes }, errors };
}

export const isTenantId = (text: string): boolean => TENANT_ID.test(text);
/** A partner is named by its tenant id or a domain of its tenant. */
export const isPartnerIdentifier = (text: string): boolean => isTenantId(text) || DOMAIN.test(text);
