import type { AuditEntry, CompanyProfile, Customer, RelationshipEnded, RelationshipFilter } from './customer.js';
import type { CustomerPage, CustomerQuery } from './customerQuery.js';

/**
 * The customer directory as the dialogs see it. Every call is scoped to one
 * partner tenant: an implementation must never return another tenant's data.
 * lowdb implements it today; a Partner Center REST client can replace it.
 */
export interface CustomerDirectory {
  /** A short name for health checks, e.g. `lowdb`. */
  readonly kind: string;
  get(partnerTenantId: string, customerId: string): Promise<Customer | undefined>;
  /** One page of the customer list: filtered by relationship and search, in the locale's collation order. */
  query(partnerTenantId: string, query: CustomerQuery): Promise<CustomerPage>;
  /** How many customers the tenant has, optionally only those with an active or ended relationship. */
  count(partnerTenantId: string, relationship?: RelationshipFilter): Promise<number>;
  /** Whether no customer of any partner uses this primary domain (domains are unique across the cloud). */
  isDomainAvailable(domain: string): Promise<boolean>;
  /** Which of these domains are free, in one call (the suggestions for a taken domain check a dozen at once). */
  availableDomains(domains: readonly string[]): Promise<Set<string>>;
  /**
   * Creates one new customer; the backend makes its ids and its admin's
   * temporary password (Partner Center's `userCredentials`). Idempotent by
   * `requestId` (Partner Center's `MS-RequestId`): a repeated request returns
   * the customer it made, without credentials, and creates nothing. Atomic
   * across partners: throws DomainTakenError when another request took the domain.
   */
  create(partnerTenantId: string, customer: NewCustomer, options: { requestId: string }): Promise<CreatedCustomer>;
  /**
   * Ends a reseller relationship and appends its audit entry, atomically: of
   * several simultaneous calls for one customer exactly one returns `ended`.
   */
  endRelationship(partnerTenantId: string, customerId: string, ended: RelationshipEnded): Promise<EndRelationshipResult>;
  /** The tenant's audit trail, oldest first. */
  auditTrail(partnerTenantId: string): Promise<AuditEntry[]>;
  /** Waits for pending writes. */
  flush(): Promise<void>;
}

/** A customer to create, as the add-customer flow collects it: without the ids the backend makes. */
export type NewCustomer = Omit<Customer, 'id' | 'commerceId' | 'companyProfile' | 'requestId'> & { companyProfile: Omit<CompanyProfile, 'tenantId'> };

export interface CreatedCustomer {
  customer: Customer;
  /** The admin's sign-in and temporary password: only on the call that created the customer (shown once, never stored). */
  userCredentials?: { userName: string; password: string };
  /** True when the request had been made before: nothing new was created. */
  replayed: boolean;
}

/**
 * Filling a directory with customers directly, outside any flow: the demo data
 * of the embedded backend (and tests). Not part of CustomerDirectory: a real
 * backend (Partner Center) has no such thing.
 */
export interface CustomerSeeding {
  /** Whether anything was ever stored for the tenant (demo data is seeded only once). */
  exists(partnerTenantId: string): Promise<boolean>;
  /** Adds customers as they are; rejects an id that the tenant already has. */
  add(partnerTenantId: string, customers: Customer[]): Promise<void>;
  /** All customers of a partner tenant, in storage order. */
  list(partnerTenantId: string): Promise<Customer[]>;
}

export const canSeed = (directory: CustomerDirectory): directory is CustomerDirectory & CustomerSeeding =>
  typeof (directory as Partial<CustomerSeeding>).add === 'function' && typeof (directory as Partial<CustomerSeeding>).exists === 'function';

export type EndRelationshipResult =
  | { outcome: 'ended'; customer: Customer }
  | { outcome: 'alreadyEnded'; customer: Customer }
  | { outcome: 'notFound' };

export class DomainTakenError extends Error {
  constructor(readonly domain: string) {
    super(`The domain ${domain} is already in use.`);
    this.name = 'DomainTakenError';
  }
}
