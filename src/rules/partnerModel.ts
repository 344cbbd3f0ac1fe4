import type { BackendContext } from '../customers/ports.js';

/** How the partner sells (domain.md §11): on its own, as an indirect provider with resellers, or as an indirect reseller through a provider. */
export const PARTNER_MODELS = ['direct', 'indirectProvider', 'indirectReseller'] as const;
export type PartnerModel = (typeof PARTNER_MODELS)[number];

/**
 * What Partner Center does not let an indirect reseller do; its provider does
 * it (domain.md §11: no relationship removal, no Azure transfers, no Microsoft
 * Customer Agreement attestation). Flow ids.
 */
export const NOT_FOR_INDIRECT_RESELLERS: readonly string[] = ['endRelationship', 'transfers'];

export const resellerMayNot = (model: PartnerModel, flowId: string): boolean => model === 'indirectReseller' && NOT_FOR_INDIRECT_RESELLERS.includes(flowId);

/** Only an indirect provider has indirect resellers to list. */
const FOR_INDIRECT_PROVIDERS: readonly string[] = ['indirectResellers'];

/** Whether a flow is offered (menu, details card) to a partner of this model. */
export const offeredTo = (model: PartnerModel, flowId: string): boolean => !resellerMayNot(model, flowId) && (model === 'indirectProvider' || !FOR_INDIRECT_PROVIDERS.includes(flowId));

/** The model of the turn's partner: a setting, or what Partner Center says of the partner. */
export interface PartnerModels {
  of(ctx: BackendContext): Promise<PartnerModel>;
}

export const fixedModel = (model: PartnerModel): PartnerModels => ({ of: async () => model });
