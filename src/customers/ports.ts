import type { Actor } from '../flows/requestContext.js';
import type { Transfers } from '../transfers/transfer.js';
import type { Address, BillingProfile, Customer, CustomerUser, RelationshipFilter, SubscribedSku } from './customer.js';
import type { CreatedCustomer, NewCustomer } from './customerStore.js';
import type { CustomerSummary } from './customerQuery.js';

/**
 * What every backend call is given: who acts for which partner, in which
 * language, under which correlation id, and how to get their Partner Center
 * token. Built once per turn at the edge (a RequestContext is one).
 */
export interface BackendContext {
  tenantId: string;
  user: Actor;
  /** `formatLocale` is the culture sent as Partner Center's `X-Locale` (e.g. `de-DE`). */
  locale: { formatLocale: string };
  correlationId: string;
  credentials: UserCredentials;
}

/** The signed-in partner user's access token, opaque. The embedded backend never asks. */
export interface UserCredentials {
  /** Throws SignInRequiredError when the user has no (valid) token for the connection. */
  accessToken(): Promise<string>;
  /** Forgets the user's token (it was refused: expired or revoked), so the next call leads to sign-in. */
  invalidate(): Promise<void>;
}

/** The user must sign in to Partner Center before the turn can go on. */
export class SignInRequiredError extends Error {
  constructor() {
    super('The user is not signed in to Partner Center.');
    this.name = 'SignInRequiredError';
  }
}

/** A resource with the etag it was read at (Partner Center's `attributes.etag`). */
export interface Versioned<T> {
  value: T;
  etag?: string;
}

/** Removing a reseller relationship, as one logical request. */
export interface RemovalRequest {
  /** Partner Center's `MS-RequestId`: the same on every retry of this removal. */
  requestId: string;
  /** When and by whom (the embedded backend keeps them; Partner Center keeps neither). */
  at: string;
  by: string;
}

export type RemovalResult =
  | { outcome: 'removed'; customer: Customer; replayed: boolean }
  | { outcome: 'alreadyEnded'; customer: Customer }
  | { outcome: 'notFound' };

/**
 * Customer accounts (Partner Center's `customers/{id}` resource): read one with
 * its subscriptions, create one, end its reseller relationship. Writes are
 * idempotent by request id.
 */
export interface CustomerAccounts {
  get(ctx: BackendContext, customerId: string): Promise<Versioned<Customer> | undefined>;
  /** Throws DomainTakenError when the domain is someone else's (a repeated request returns its customer instead). */
  create(ctx: BackendContext, customer: NewCustomer, options: { requestId: string }): Promise<CreatedCustomer>;
  removeResellerRelationship(ctx: BackendContext, customerId: string, request: RemovalRequest): Promise<RemovalResult>;
}

/** Which primary domains are free (Partner Center: `HEAD domains/{domain}`, 404 = free), several in one call. */
export interface DomainAvailability {
  available(ctx: BackendContext, domains: readonly string[]): Promise<Set<string>>;
}

export interface ListQuery {
  relationship: RelationshipFilter;
  /** Matched against company name and primary domain. */
  search?: string;
  /** Only the customers of this indirect reseller (tenant id), for an indirect provider. */
  reseller?: string;
  /** The collation the list is sorted in, e.g. `de-DE`. */
  locale: string;
  size: number;
  /** Where the page starts: a `next`/`previous` of an earlier page; the first page without it. */
  cursor?: string;
}

export interface ListPage {
  items: CustomerSummary[];
  next?: string;
  previous?: string;
  /** How many match over all pages, when known. */
  total?: number;
  /** The page's number (1-based), when the source pages by position. */
  number?: number;
  /**
   * False while the full list is still being read from Partner Center: the
   * page then comes from Partner Center itself (prefix search only, its order).
   */
  complete: boolean;
}

/** The customer list: paged by cursor, searched, counted, and read whole for an export. */
export interface CustomerList {
  page(ctx: BackendContext, query: ListQuery): Promise<ListPage>;
  /** How many customers the tenant has, when known without asking Partner Center (undefined: not yet). */
  count(ctx: BackendContext, relationship: RelationshipFilter): Promise<number | undefined>;
  /** Every match, in the locale's order (an export). */
  all(ctx: BackendContext, query: Omit<ListQuery, 'size' | 'cursor'>): Promise<CustomerSummary[]>;
  /** Takes in a change the bot made itself (a new customer, an ended relationship) at once. */
  changed(ctx: BackendContext, customer: Customer): void;
}

export type ProfileUpdate =
  | { outcome: 'updated'; profile: Versioned<BillingProfile> }
  /** Someone changed the profile since it was read: nothing was written; here is what it is now. */
  | { outcome: 'stale'; current: Versioned<BillingProfile> }
  | { outcome: 'notFound' };

/**
 * A customer's billing profile (Partner Center's `customers/{id}/profiles/billing`):
 * read with its etag, written whole with it. A write with an etag that is no
 * longer current changes nothing (Partner Center: 412, or 400 with code 2055).
 */
export interface BillingProfiles {
  get(ctx: BackendContext, customerId: string): Promise<Versioned<BillingProfile> | undefined>;
  update(ctx: BackendContext, customerId: string, profile: BillingProfile, options: { etag: string; requestId: string }): Promise<ProfileUpdate>;
}

/** Partner Center's address check (`POST validations/address`): fine as it is, or a corrected address to offer. */
export type AddressCheck = { status: 'verified' } | { status: 'suggested'; suggestion: Address } | { status: 'unverified'; message?: string };

export interface AddressValidation {
  validate(ctx: BackendContext, address: Address): Promise<AddressCheck>;
}

/** A user to create: the password is the bot's (shown once, never stored) and must be changed at first sign-in. */
export interface NewCustomerUser {
  userPrincipalName: string;
  displayName: string;
  firstName: string;
  lastName: string;
  usageLocation: string;
  password: string;
}

export type UserCreation = { outcome: 'created'; user: CustomerUser } | { outcome: 'exists'; user?: CustomerUser };

/** The customer's user accounts (Partner Center: `customers/{id}/users`), one create per user, idempotent by request id. */
export interface CustomerUsers {
  list(ctx: BackendContext, customerId: string): Promise<CustomerUser[]>;
  create(ctx: BackendContext, customerId: string, user: NewCustomerUser, options: { requestId: string }): Promise<UserCreation>;
}

export type LicenceAssignment = { outcome: 'assigned' } | { outcome: 'notEnough'; skuId: string; missing: number };

/** Licences (Partner Center: `subscribedskus` and `users/{id}/licenseupdates`). */
export interface Licences {
  subscribedSkus(ctx: BackendContext, customerId: string): Promise<SubscribedSku[]>;
  assign(ctx: BackendContext, customerId: string, userId: string, skuIds: readonly string[], options: { requestId: string }): Promise<LicenceAssignment>;
}

/** Partner Center's "Request a reseller relationship": the partner's invitation link, the same for every customer. */
export interface RelationshipRequests {
  /** On behalf of one of an indirect provider's resellers (`indirectResellerId`), or, for an indirect reseller, authorizing its provider too (`indirectCloudSolutionProviderId`). */
  invitationLink(ctx: BackendContext, options: { delegatedAdmin: boolean; indirectResellerId?: string; indirectProviderId?: string }): Promise<string>;
}

/** A partner of the two-tier model, as Partner Center's `relationships` lists it (PartnerRelationship). */
export interface IndirectPartner {
  id: string;
  name: string;
  mpnId: string;
  /** ISO 3166-1 alpha-2. */
  location: string;
  state: string;
}

/** The two-tier model: an indirect provider's resellers, an indirect reseller's providers, and whether a reseller signed the Microsoft Partner Agreement. */
export interface IndirectRelationships {
  resellers(ctx: BackendContext): Promise<IndirectPartner[]>;
  providers(ctx: BackendContext): Promise<IndirectPartner[]>;
  /** The indirect reseller a customer buys through, if any. */
  resellerOf(ctx: BackendContext, customerId: string): Promise<IndirectPartner | undefined>;
  /** undefined: Partner Center could not tell (an MPN id it does not take). */
  agreementSigned(ctx: BackendContext, mpnId: string): Promise<boolean | undefined>;
}

/** One backend: the ports the flows use. Later capabilities (billing profiles, users, transfers) join here. */
export interface CustomerBackend {
  /** `local` (embedded, lowdb) or `partnercenter`, for health checks. */
  readonly kind: 'local' | 'partnercenter';
  readonly accounts: CustomerAccounts;
  readonly domains: DomainAvailability;
  readonly list: CustomerList;
  readonly billingProfiles: BillingProfiles;
  readonly addresses: AddressValidation;
  readonly users: CustomerUsers;
  readonly licences: Licences;
  readonly relationshipRequests: RelationshipRequests;
  readonly indirect: IndirectRelationships;
  readonly transfers: Transfers;
  /** Whether an export must be made during the turn (the backend needs the user's token to read the list). */
  readonly exportsNeedUser: boolean;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Why a backend refused or could not do a request, as users are told it
 * (`backend.<kind>` in locales). Partner Center's error codes map onto these.
 */
export const REFUSAL_KINDS = ['forbidden', 'noRelationship', 'address', 'registrationNumber', 'phoneNumber', 'invalidProperty', 'notFound', 'throttled', 'unavailable', 'conflict'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export class BackendRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    /** What the backend said about it, for the user (e.g. Partner Center's `description`, a suggested address). */
    readonly details: { description?: string; suggestedAddress?: string; retryAfterSeconds?: number } = {},
    /** The backend's own code (Partner Center: `2007`, `600050` …), for the logs. */
    readonly code?: string,
  ) {
    super(`The backend refused the request: ${kind}${code ? ` (${code})` : ''}.`);
    this.name = 'BackendRefusal';
  }
}
