/**
 * The customer record, modelled on Partner Center's Customer resource
 * (GET /v1/customers/{id}) so a Partner Center REST backend can later stand
 * behind the same CustomerDirectory interface. Field names follow the API.
 */

/** Partner Center `relationshipToPartner` values. `none` = the reseller relationship has ended. */
export const RELATIONSHIPS = ['none', 'reseller', 'advisor', 'syndication', 'microsoft_support', 'unknown'] as const;
export type RelationshipToPartner = (typeof RELATIONSHIPS)[number];

export interface Address {
  /** ISO 3166-1 alpha-2, upper case (`GB`, never `UK`). */
  country: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1: string;
  addressLine2?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
}

export interface CompanyProfile {
  /** The customer's Microsoft Entra tenant id: the same value as Customer.id. */
  tenantId: string;
  /** Primary domain, e.g. `contoso.onmicrosoft.com`. Never renamable. */
  domain: string;
  companyName: string;
  organizationRegistrationNumber?: string;
}

export interface BillingProfile {
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  /** e.g. `de-DE`. */
  culture: string;
  /** Two-letter language code, e.g. `de`. */
  language: string;
  defaultAddress: Address;
}

/**
 * What a subscription is, as far as ending a reseller relationship cares:
 * each kind has its own precondition in Partner Center (domain.md §7).
 */
export const SUBSCRIPTION_KINDS = ['legacyLicense', 'newCommerceLicense', 'azurePlan', 'azureReservation', 'software'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** Partner Center subscription `status` values. */
export const SUBSCRIPTION_STATUSES = ['active', 'pending', 'suspended', 'deleted', 'expired'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface Subscription {
  id: string;
  offerId: string;
  /** The product name as Partner Center shows it (product names are not translated). */
  offerName: string;
  kind: SubscriptionKind;
  quantity: number;
  status: SubscriptionStatus;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** Why a reseller relationship ended. Partner Center keeps no reason; the bot records one for the audit trail. */
export const END_REASONS = ['noLongerTransacting', 'movedToAnotherPartner', 'customerRequest', 'duplicateOrTest', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** When and by whom a reseller relationship ended, as the embedded backend keeps it (the reason is in the audit trail). */
export interface RelationshipEnded {
  at: string;
  by: string;
  /** The removal request (`MS-RequestId`): a repeat of it is answered as done, not as "already ended". */
  requestId?: string;
  /** Only in demo data and files of earlier versions: the audit trail has the reasons now. */
  reason?: EndReason;
  note?: string;
}

/** The customer's confirmation of the Microsoft Customer Agreement, as the partner attests it (domain.md §4). */
export interface CustomerAgreement {
  type: 'MicrosoftCustomerAgreement';
  primaryContact: { firstName: string; lastName: string; email: string };
  /** YYYY-MM-DD. */
  dateAgreed: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Customer {
  /** Microsoft ID (= the customer's tenant id). */
  id: string;
  commerceId: string;
  companyProfile: CompanyProfile;
  billingProfile: BillingProfile;
  relationshipToPartner: RelationshipToPartner;
  /** The indirect reseller the customer buys through (Partner Center's `associatedPartnerId` on create), when the partner is its indirect provider. */
  associatedPartnerId?: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
  createdBy?: string;
  relationshipEnded?: RelationshipEnded;
  subscriptions: Subscription[];
  /** The first admin account (`admin@<domain>`); its temporary password is shown once and never stored. */
  adminUserName?: string;
  agreement?: CustomerAgreement;
  /** The request (`MS-RequestId`) that created it: the local backend answers a repeated create with it, as Partner Center does. */
  requestId?: string;
  /** The embedded backend's model of the customer's user accounts and licences (Partner Center keeps them in the customer's tenant). */
  users?: CustomerUser[];
  subscribedSkus?: SubscribedSku[];
}

/** A user account in the customer's tenant (Partner Center's CustomerUser). */
export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  /** ISO 3166-1 alpha-2: where the user's licences are used. */
  usageLocation?: string;
  /** The SKUs assigned to the user (skuId). */
  licences?: string[];
  /** The request (`MS-RequestId`) that created it: a repeat of that request is answered with it. */
  requestId?: string;
}

/** A product the customer has licences of (Partner Center's SubscribedSku), with how many are free. */
export interface SubscribedSku {
  skuId: string;
  name: string;
  skuPartNumber: string;
  totalUnits: number;
  consumedUnits: number;
}

/** The customer list shows active relationships by default; ended ones stay visible under their own filter. */
export type RelationshipFilter = 'active' | 'ended';

export const matchesRelationship = (customer: Pick<Customer, 'relationshipToPartner'>, filter: RelationshipFilter): boolean =>
  (customer.relationshipToPartner === 'none') === (filter === 'ended');

/**
 * One line of a partner tenant's append-only audit trail, which is also the
 * ledger of the operations the bot made: one entry per request id, written
 * after the backend confirmed it.
 */
export type AuditEntry = {
  /** The operation's `MS-RequestId`. */
  requestId: string;
  at: string;
  /** The partner user (Entra object id, else channel user id). */
  actor: string;
  customerId: string;
  companyName: string;
} & (
  | { action: 'createCustomer' }
  | { action: 'endRelationship'; reason: EndReason; note?: string }
  /** Which fields of the billing profile changed; never their values (contact data). */
  | { action: 'updateAccount'; fields: string[] }
  /** Users added from a file: how many, never who. */
  | { action: 'addUsers'; count: number }
  | { action: 'assignLicences'; count: number; skuIds: string[] }
  /** A transfer request this partner sent, answered or withdrew; with the other partner's tenant id and what moved. */
  | { action: 'transfer'; change: 'requested' | 'accepted' | 'rejected' | 'cancelled'; transferId: string; partnerTenantId: string; subscriptionIds?: string[] }
);
