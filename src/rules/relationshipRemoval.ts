import type { Customer, SubscriptionKind } from '../customers/customer.js';

/** What the partner must do about a subscription before Partner Center lets the relationship end (domain.md §7). */
export const BLOCKER_ACTIONS = ['cancelReservation', 'cancelSoftware', 'suspendLegacy', 'cancelNewCommerce', 'cancelAzurePlan'] as const;
export type BlockerAction = (typeof BLOCKER_ACTIONS)[number];

const ACTION_FOR: Record<SubscriptionKind, BlockerAction> = {
  azureReservation: 'cancelReservation',
  software: 'cancelSoftware',
  legacyLicense: 'suspendLegacy',
  newCommerceLicense: 'cancelNewCommerce',
  azurePlan: 'cancelAzurePlan',
};

export interface RemovalBlocker {
  subscriptionId: string;
  offerName: string;
  kind: SubscriptionKind;
  action: BlockerAction;
}

/**
 * Everything that keeps the reseller relationship from ending: every active
 * subscription, each with the step Partner Center requires first (reserved
 * instances and software cancelled, legacy subscriptions suspended, new-commerce
 * subscriptions cancelled, an Azure plan's subscriptions cancelled and the plan
 * suspended). Empty means the relationship can end.
 */
export function removalBlockers(customer: Customer): RemovalBlocker[] {
  return customer.subscriptions
    .filter((s) => s.status === 'active')
    .map((s) => ({ subscriptionId: s.id, offerName: s.offerName, kind: s.kind, action: ACTION_FOR[s.kind] }));
}
