import type { EndReason, RelationshipToPartner, SubscriptionKind, SubscriptionStatus } from '../customers/customer.js';
import type { Translate } from './i18n.js';

/** Localized names of the model's enumerations: the one place their keys are built. */
export const relationshipLabel = (t: Translate, relationship: RelationshipToPartner): string => t(`relationship.${relationship}`);
export const subscriptionKindLabel = (t: Translate, kind: SubscriptionKind): string => t(`subscriptionKind.${kind}`);
export const subscriptionStatusLabel = (t: Translate, status: SubscriptionStatus): string => t(`subscriptionStatus.${status}`);
export const endReasonLabel = (t: Translate, reason: EndReason): string => t(`endReason.${reason}`);
