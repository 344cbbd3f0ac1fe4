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
