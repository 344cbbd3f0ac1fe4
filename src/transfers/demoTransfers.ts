import type { Customer, Subscription } from '../customers/customer.js';
import type { CustomerSeeding } from '../customers/customerStore.js';
import { daysBefore, demoCustomers } from '../customers/demoData.js';
import { LEGACY_AZURE_OFFER } from '../rules/transferRules.js';
import type { StoredTransfer } from './localTransfers.js';
import { sandboxPartners, SECOND_SANDBOX_TENANT_ID } from './sandboxPartners.js';

const THAMES = '382c2913-c95a-430f-8254-164576863323';
const CASCADE = 'c22299f3-c0d8-41a8-808f-439b12fcc172';
const MAPLE = 'ee2a3bd1-d008-4479-a2a6-71613ad6db27';
const ZURICH = '9c5d1fea-b7fe-4bee-9444-a2885bf59d49';

const subscription = (id: string, offerId: string, offerName: string, kind: Subscription['kind'], daysAgo: number, now: Date): Subscription => ({
  id,
  offerId,
  offerName,
  kind,
  quantity: 1,
  status: 'active',
  createdAt: daysBefore(now, daysAgo),
});

/**
 * The second sandbox partner (Litware Cloud Services) shares four customers
 * with the demo partner. Thames Valley Analytics has its Azure with Litware:
 * an Azure plan and a new-commerce licence that can move, and a reservation,
 * Marketplace software and a legacy Azure subscription that cannot, so a
 * request from the demo partner shows every kind of eligibility answer.
 */
function litwareCustomers(now: Date): Customer[] {
  const shared = new Map(demoCustomers(now).map((c) => [c.id, c]));
  const copy = (id: string, subscriptions: Subscription[]): Customer => ({ ...structuredClone(shared.get(id)!), subscriptions, relationshipToPartner: 'reseller' });
  return [
    copy(THAMES, [
      subscription('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a01', 'DZH318Z0BPS6:0001', 'Azure plan', 'azurePlan', 700, now),
      subscription('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a02', 'CFQ7TTC0LDPB:0001', 'Microsoft 365 Business Standard', 'newCommerceLicense', 400, now),
      subscription('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a03', 'DZH318Z0BQ3Q:00H4', 'Azure Reserved VM Instance', 'azureReservation', 300, now),
      subscription('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a04', 'DG7GMGF0D65N:0003', 'Windows Server 2022 Standard', 'software', 500, now),
      subscription('5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a05', LEGACY_AZURE_OFFER, 'Microsoft Azure', 'azurePlan', 1400, now),
    ]),
    copy(CASCADE, []),
    copy(MAPLE, []),
    copy(ZURICH, []),
  ];
}

/** Requests between the two sandbox partners: one waiting for the demo partner's answer (two days left), one that expired unanswered, one it sent that completed. */
function demoTransfers(demoTenant: string, now: Date): StoredTransfer[] {
  const [demo, litware] = sandboxPartners(demoTenant).map((p) => ({ tenantId: p.tenantKey, name: p.name }));
  const at = (days: number) => daysBefore(now, days);
  const base = { productTypes: ['AzureSubscription' as const], lineItems: [] };
  return [
    { ...base, id: '7a1f4c2e-0b5d-4e8a-9c3f-1d2e3f4a5b01', requestId: 'demo-1', customerId: CASCADE, customerName: 'Cascade Timberworks LLC', customerEmail: 'it@cascadetimberworks.example', source: demo!, target: litware!, status: 'pending', createdAt: at(28), lastModifiedAt: at(28) },
    { ...base, id: '7a1f4c2e-0b5d-4e8a-9c3f-1d2e3f4a5b02', requestId: 'demo-2', customerId: MAPLE, customerName: 'Maple Leaf Robotics Inc.', customerEmail: 'admin@mapleleafrobotics.example', source: demo!, target: litware!, status: 'pending', createdAt: at(45), lastModifiedAt: at(45), reminded: true },
    {
      ...base,
      id: '7a1f4c2e-0b5d-4e8a-9c3f-1d2e3f4a5b03',
      requestId: 'demo-3',
      customerId: ZURICH,
      customerName: 'Zürcher Präzisionsoptik AG',
      customerEmail: 'it@zuercheroptik.example',
      source: litware!,
      target: demo!,
      lineItems: [{ subscriptionId: '433e1e36-f98a-45c8-846c-e755165a3805', offerName: 'Azure plan', quantity: 1 }],
      status: 'completed',
      createdAt: at(60),
      lastModifiedAt: at(57),
    },
  ];
}

/** Seeds the second sandbox partner's customers and the demo transfers once; returns whether it did. */
export async function seedDemoTransfers(directory: CustomerSeeding, transfers: { seed(transfers: StoredTransfer[]): Promise<boolean> }, demoTenant: string, now: Date): Promise<boolean> {
  if (await directory.exists(SECOND_SANDBOX_TENANT_ID)) return false;
  await directory.add(SECOND_SANDBOX_TENANT_ID, litwareCustomers(now));
  await transfers.seed(demoTransfers(demoTenant, now));
  return true;
}
