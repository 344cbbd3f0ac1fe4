import type { Customer, Subscription } from '../../src/customers/customer.js';

/** A minimal valid customer for storage and rule tests: domain `<id>.onmicrosoft.com`, name "Company <id>" unless given. */
export function testCustomer(id: string, options: { companyName?: string; subscriptions?: Subscription[] } = {}): Customer {
  const companyName = options.companyName ?? `Company ${id}`;
  return {
    id,
    commerceId: `c-${id}`,
    companyProfile: { tenantId: id, domain: `${id}.onmicrosoft.com`, companyName },
    billingProfile: { companyName, firstName: 'A', lastName: 'B', email: 'a@b.example', culture: 'en-US', language: 'en', defaultAddress: { country: 'US', addressLine1: '1 Main St' } },
    relationshipToPartner: 'reseller',
    createdAt: '2025-01-01T00:00:00.000Z',
    subscriptions: options.subscriptions ?? [],
  };
}
