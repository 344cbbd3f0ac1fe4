import type { CompanyProfile, Customer } from './customer.js';

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
 * of the embedded backend (and tests). Not one of the backend ports: a real
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

export type EndRelationshipResult =
  | { outcome: 'ended'; customer: Customer; replayed: boolean }
  | { outcome: 'alreadyEnded'; customer: Customer }
  | { outcome: 'notFound' };

export class DomainTakenError extends Error {
  constructor(readonly domain: string) {
    super(`The domain ${domain} is already in use.`);
    this.name = 'DomainTakenError';
  }
}
