import type { EndReason, RelationshipToPartner, SubscriptionKind, SubscriptionStatus } from '../customers/customer.js';
import type { PartnerRole } from '../rules/permissions.js';
import type { BlockerAction } from '../rules/relationshipRemoval.js';
import type { IneligibleReason, ProductType, TransferStatus } from '../transfers/transfer.js';
import type { TransferFormError } from '../rules/transferRules.js';
import type { Translate } from './i18n.js';

/** Localized names of the model's enumerations: the one place their keys are built. */
export const relationshipLabel = (t: Translate, relationship: RelationshipToPartner): string => t(`relationship.${relationship}`);
export const subscriptionKindLabel = (t: Translate, kind: SubscriptionKind): string => t(`subscriptionKind.${kind}`);
export const subscriptionStatusLabel = (t: Translate, status: SubscriptionStatus): string => t(`subscriptionStatus.${status}`);
export const endReasonLabel = (t: Translate, reason: EndReason): string => t(`endReason.${reason}`);
export const roleLabel = (t: Translate, role: PartnerRole): string => t(`roles.${role}`);
export const blockerActionLabel = (t: Translate, action: BlockerAction): string => t(`endRelationship.actions.${action}`);
export const transferStatusLabel = (t: Translate, status: TransferStatus): string => t(`transfers.status.${status}`);
export const productTypeLabel = (t: Translate, type: ProductType): string => t(`transfers.productTypes.${type}`);
export const ineligibleReasonLabel = (t: Translate, reason: IneligibleReason): string => t(`transfers.reasons.${reason}`);
export const transferFormErrorLabel = (t: Translate, error: TransferFormError): string => t(`transfers.errors.${error}`);

/**
 * A culture by its name in the user's language, region included: "Deutsch (Deutschland)", "德语（德国）".
 * The name already brackets the region, so the code is not added in another bracket.
 */
export const cultureLabel = (displayName: (code: string, type: 'language') => string, culture: string): string => displayName(culture, 'language') || culture;
