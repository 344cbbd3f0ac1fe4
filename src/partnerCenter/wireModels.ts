import { RELATIONSHIPS, SUBSCRIPTION_STATUSES, type Address, type BillingProfile, type Customer, type RelationshipToPartner, type Subscription, type SubscriptionStatus } from '../customers/customer.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import type { NewCustomer } from '../customers/customerStore.js';

/**
 * Partner Center's wire shapes, as far as the bot reads them (Swagger
 * `Microsoft.Partner.Service.Customers.Contracts.V1.Customer` and the REST
 * pages for subscriptions and entitlements), and their mapping onto the
 * bot's model. Responses are read leniently: a missing field is empty, an
 * unknown enumeration value is "unknown".
 */
export interface PcAddress {
  country?: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
}

export interface PcBillingProfile {
  id?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  culture?: string;
  language?: string;
  companyName?: string;
  defaultAddress?: PcAddress;
  attributes?: { etag?: string; objectType?: string };
}

export interface PcCustomer {
  id: string;
  commerceId?: string;
  companyProfile?: { tenantId?: string; domain?: string; companyName?: string; organizationRegistrationNumber?: string };
  billingProfile?: PcBillingProfile;
  relationshipToPartner?: string;
  userCredentials?: { userName?: string; password?: string };
  /** The indirect reseller the customer buys through, on an indirect provider's customers. */
  associatedPartnerId?: string;
  attributes?: { etag?: string; objectType?: string };
}

export interface PcCollection<T> {
  totalCount?: number;
  items?: T[];
  continuationToken?: string;
  links?: { next?: { uri?: string; method?: string; headers?: Array<{ key?: string; value?: string }> } };
}

export interface PcSubscription {
  id: string;
  offerId?: string;
  offerName?: string;
  friendlyName?: string;
  quantity?: number;
  status?: string;
  creationDate?: string;
  billingType?: string;
  productType?: { id?: string; displayName?: string };
}

export interface PcEntitlement {
  productId?: string;
  skuId?: string;
  quantity?: number;
  entitlementType?: string;
  fulfillmentState?: string;
  referenceOrder?: { id?: string };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function relationshipOf(value: unknown): RelationshipToPartner {
  const lower = str(value).toLowerCase();
  return (RELATIONSHIPS as readonly string[]).includes(lower) ? (lower as RelationshipToPartner) : 'unknown';
}

export function summaryOf(customer: PcCustomer): CustomerSummary {
  const country = str(customer.billingProfile?.defaultAddress?.country).toUpperCase();
  return {
    id: customer.id,
    companyName: str(customer.companyProfile?.companyName) || str(customer.billingProfile?.companyName),
    domain: str(customer.companyProfile?.domain),
    relationshipToPartner: relationshipOf(customer.relationshipToPartner),
    ...(country ? { country } : {}),
    ...(str(customer.associatedPartnerId) ? { resellerId: str(customer.associatedPartnerId) } : {}),
  };
}

/** A billing profile in the bot's model; `fallbackName` when Partner Center sends no bill-to name. */
export function billingProfileOf(billing: PcBillingProfile = {}, fallbackName = ''): BillingProfile {
  const address = billing.defaultAddress ?? {};
  const opt = (key: keyof PcAddress) => (str(address[key]) ? { [key]: str(address[key]) } : {});
  return {
    companyName: str(billing.companyName) || fallbackName,
    firstName: str(billing.firstName),
    lastName: str(billing.lastName),
    email: str(billing.email),
    culture: str(billing.culture),
    language: str(billing.language),
    defaultAddress: {
      country: str(address.country).toUpperCase(),
      addressLine1: str(address.addressLine1),
      ...opt('addressLine2'),
      ...opt('city'),
      ...opt('state'),
      ...opt('region'),
      ...opt('postalCode'),
      ...opt('phoneNumber'),
    },
  };
}

/** An address as Partner Center takes it in a body (create, billing profile): empty optional parts left out, with the contact's name. */
function addressBodyOf(address: Address, name: { firstName: string; lastName: string }): PcAddress {
  return {
    country: address.country,
    addressLine1: address.addressLine1,
    ...(address.addressLine2 ? { addressLine2: address.addressLine2 } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.state ? { state: address.state } : {}),
    ...(address.postalCode ? { postalCode: address.postalCode } : {}),
    firstName: name.firstName,
    lastName: name.lastName,
    ...(address.phoneNumber ? { phoneNumber: address.phoneNumber } : {}),
  };
}

/** The full resource for `PUT customers/{id}/profiles/billing`, with the etag in the body too (as the .NET SDK sends it). */
export function billingBodyOf(profile: BillingProfile, etag: string): PcBillingProfile {
  const { defaultAddress: address } = profile;
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    email: profile.email,
    culture: profile.culture,
    language: profile.language,
    companyName: profile.companyName,
    defaultAddress: addressBodyOf(address, profile),
    attributes: { etag, objectType: 'CustomerBillingProfile' },
  };
}

/** A Partner Center customer (with its subscriptions and entitlements, when read) in the bot's model. */
export function customerOf(customer: PcCustomer, subscriptions: Subscription[] = []): Customer {
  const company = customer.companyProfile ?? {};
  const billingProfile = billingProfileOf(customer.billingProfile, str(company.companyName));
  return {
    id: customer.id,
    commerceId: str(customer.commerceId),
    companyProfile: {
      tenantId: str(company.tenantId) || customer.id,
      domain: str(company.domain),
      companyName: str(company.companyName) || billingProfile.companyName,
      ...(str(company.organizationRegistrationNumber) ? { organizationRegistrationNumber: str(company.organizationRegistrationNumber) } : {}),
    },
    billingProfile,
    relationshipToPartner: relationshipOf(customer.relationshipToPartner),
    ...(str(customer.associatedPartnerId) ? { associatedPartnerId: str(customer.associatedPartnerId) } : {}),
    // Partner Center's customer resource has no creation date.
    createdAt: '',
    subscriptions,
  };
}

/** The body of `POST customers` (create-a-customer.md): camelCase, only what Partner Center takes. */
export function createBodyOf(customer: NewCustomer): Record<string, unknown> {
  const { companyProfile, billingProfile } = customer;
  const address = billingProfile.defaultAddress;
  return {
    // A customer of one of the provider's indirect resellers (create-a-customer-for-an-indirect-reseller).
    ...(customer.associatedPartnerId ? { associatedPartnerId: customer.associatedPartnerId } : {}),
    companyProfile: {
      domain: companyProfile.domain,
      ...(companyProfile.organizationRegistrationNumber ? { organizationRegistrationNumber: companyProfile.organizationRegistrationNumber } : {}),
    },
    billingProfile: {
      culture: billingProfile.culture,
      email: billingProfile.email,
      language: billingProfile.language,
      companyName: billingProfile.companyName,
      defaultAddress: addressBodyOf(address, { firstName: address.firstName ?? billingProfile.firstName, lastName: address.lastName ?? billingProfile.lastName }),
    },
  };
}

/**
 * What a subscription is for the removal pre-check: Azure plans by their
 * offer (`MS-AZR-…` or product type Azure), new commerce by its
 * `product:sku` offer id, the rest licence-based.
 */
export function subscriptionOf(s: PcSubscription): Subscription {
  const offerId = str(s.offerId);
  const status = str(s.status).toLowerCase();
  const azure = /^MS-AZR-/i.test(offerId) || str(s.productType?.id).toLowerCase() === 'azure';
  return {
    id: s.id,
    offerId,
    offerName: str(s.offerName) || str(s.friendlyName) || offerId,
    kind: azure ? 'azurePlan' : offerId.includes(':') ? 'newCommerceLicense' : 'legacyLicense',
    quantity: typeof s.quantity === 'number' ? s.quantity : 0,
    status: (SUBSCRIPTION_STATUSES as readonly string[]).includes(status) ? (status as SubscriptionStatus) : 'pending',
    createdAt: str(s.creationDate),
  };
}

/** Reserved instances and software from the entitlements: each blocks a removal until cancelled. */
export function entitlementBlockers(entitlements: PcEntitlement[]): Subscription[] {
  return entitlements.flatMap((e, i): Subscription[] => {
    const type = str(e.entitlementType).toLowerCase();
    const kind = type === 'reservedinstance' ? 'azureReservation' : type === 'software' ? 'software' : undefined;
    if (!kind || str(e.fulfillmentState).toLowerCase() === 'cancelled') return [];
    const id = str(e.referenceOrder?.id) || `${str(e.productId)}:${str(e.skuId)}:${i}`;
    return [{ id, offerId: `${str(e.productId)}:${str(e.skuId)}`, offerName: str(e.productId) || id, kind, quantity: e.quantity ?? 0, status: 'active', createdAt: '' }];
  });
}
