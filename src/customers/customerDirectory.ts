import type { AuditEntry, Customer, RelationshipEnded, RelationshipFilter } from './customer.js';
import type { CustomerPage, CustomerQuery } from './customerQuery.js';

/**
 * The customer directory as the dialogs see it. Every call is scoped to one
 * partner tenant: an implementation must never return another tenant's data.
 * lowdb implements it today; a Partner Center REST client can replace it.
 */
export interface CustomerDirectory {
  /** A short name for health checks, e.g. `lowdb`. */
  readonly kind: string;
  /** All customers of a partner tenant, in storage order. */
  list(partnerTenantId: string): Promise<Customer[]>;
  get(partnerTenantId: string, customerId: string): Promise<Customer | undefined>;
  /** One page of the customer list: filtered by relationship and search, in the locale's collation order. */
  query(partnerTenantId: string, query: CustomerQuery): Promise<CustomerPage>;
  /** How many customers the tenant has, optionally only those with an active or ended relationship. */
  count(partnerTenantId: string, relationship?: RelationshipFilter): Promise<number>;
  /** Whether anything was ever stored for the tenant (used to seed only once). */
  exists(partnerTenantId: string): Promise<boolean>;
  /** Adds customers; rejects an id that the tenant already has. */
  add(partnerTenantId: string, customers: Customer[]): Promise<void>;
  /** Whether no customer of any partner uses this primary domain (domains are unique across the cloud). */
  isDomainAvailable(domain: string): Promise<boolean>;
  /**
   * Creates one new customer. Atomic across partners: throws DomainTakenError
   * when the domain is in use anywhere, DuplicateCustomerError when the id exists.
   */
  create(partnerTenantId: string, customer: Customer): Promise<void>;
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

export class DuplicateCustomerError extends Error {
  constructor(readonly customerId: string) {
    super(`A customer with id ${customerId} already exists.`);
    this.name = 'DuplicateCustomerError';
  }
}
