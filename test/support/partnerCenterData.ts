import type { Customer, Subscription } from '../../src/customers/customer.js';
import { demoCustomers } from '../../src/customers/demoData.js';
import type { PcEntitlement, PcSubscription } from '../../src/partnerCenter/wireModels.js';
import type { PartnerCenterServer } from './partnerCenterServer.js';

/** Filler customers in the three scripts the list must sort and search: Latin, Cyrillic, Chinese. */
const FILLER = [
  (n: string) => ({ name: `Nordwind Handel ${n} GmbH`, domain: `nordwind${n}`, country: 'DE' }),
  (n: string) => ({ name: `ООО «Северный ветер ${n}»`, domain: `severveter${n}`, country: 'RU' }),
  (n: string) => ({ name: `北风贸易${n}有限公司`, domain: `beifeng${n}`, country: 'CN' }),
];

/** A customer of the bot's model as Partner Center stores it, with its subscriptions and entitlements on their own endpoints. */
export function toPartnerCenter(customer: Customer) {
  const subscriptions: PcSubscription[] = [];
  const entitlements: PcEntitlement[] = [];
  for (const s of customer.subscriptions) {
    if (s.kind === 'azureReservation' || s.kind === 'software') {
      entitlements.push({ productId: s.offerName, skuId: '0001', quantity: s.quantity, entitlementType: s.kind === 'software' ? 'software' : 'reservedInstance', fulfillmentState: s.status === 'active' ? 'fulfilled' : 'cancelled', referenceOrder: { id: s.id } });
    } else {
      subscriptions.push({ id: s.id, offerId: offerIdOf(s), offerName: s.offerName, quantity: s.quantity, status: s.status, creationDate: s.createdAt, billingType: s.kind === 'azurePlan' ? 'usage' : 'license' });
    }
  }
  const { billingProfile: billing, companyProfile: company } = customer;
  return {
    id: customer.id,
    commerceId: customer.commerceId,
    companyProfile: { tenantId: customer.id, domain: company.domain, companyName: company.companyName },
    billingProfile: { firstName: billing.firstName, lastName: billing.lastName, email: billing.email, culture: billing.culture, language: billing.language, companyName: billing.companyName, defaultAddress: { ...billing.defaultAddress } },
    relationshipToPartner: customer.relationshipToPartner,
    attributes: { objectType: 'Customer', etag: `etag-${customer.id}` },
    subscriptions,
    entitlements,
    users: (customer.users ?? []).map(({ requestId: _r, licences, ...u }) => ({ ...u, licences: licences ?? [] })),
    skus: structuredClone(customer.subscribedSkus ?? []),
  };
}

const offerIdOf = (s: Subscription): string => (s.kind === 'azurePlan' ? 'MS-AZR-0017G' : s.kind === 'newCommerceLicense' ? `${s.offerId.split(':')[0] || 'CFQ7TTC0LH18'}:0001` : s.offerId.replace(/:/g, '-'));

/** `count` customers in the bot's model, spread over Latin, Cyrillic and Chinese names. */
export function fillerCustomers(count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const { name, domain, country } = FILLER[i % FILLER.length]!(String(i).padStart(4, '0'));
    const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    return {
      id,
      commerceId: `commerce-${i}`,
      companyProfile: { tenantId: id, domain: `${domain}.onmicrosoft.com`, companyName: name },
      billingProfile: { firstName: 'Test', lastName: 'Contact', email: `contact@${domain}.example`, culture: 'en-US', language: 'en', companyName: name, defaultAddress: { country, addressLine1: '1 Main Street', city: 'City', postalCode: '10000' } },
      relationshipToPartner: 'reseller',
      createdAt: '2025-01-01T00:00:00.000Z',
      subscriptions: [],
    };
  });
}

/** The customers a partner has in both backends' tests: the active demo customers (every kind of subscription) and `filler` more. */
export function partnerCustomers(filler: number, now = new Date('2026-11-21T10:00:00Z')): Customer[] {
  // Partner Center lists customers it has a relationship with; ended ones are not in its list.
  return [...demoCustomers(now).filter((c) => c.relationshipToPartner !== 'none'), ...fillerCustomers(filler)];
}

/** Fills the test Partner Center for one partner (with `filler` more than the demo customers, so the list has pages of 500). */
export function seedPartnerCenter(server: PartnerCenterServer, partner: string, filler: number, now?: Date): void {
  server.customersOf(partner).push(...partnerCustomers(filler, now).map(toPartnerCenter));
}
