import { LRUCache } from 'lru-cache';
import type { IndirectRelationships } from '../customers/ports.js';
import type { PartnerModel, PartnerModels } from '../rules/partnerModel.js';

/** How long what Partner Center said of a partner is kept (a partner rarely changes its model). */
const KEEP_MS = 60 * 60_000;
const MAX_TENANTS = 10_000;

/**
 * The partner model as Partner Center tells it, when PARTNER_MODEL is not
 * set: a partner with indirect resellers (`relationships` of type
 * IsIndirectCloudSolutionProviderOf) is an indirect provider; one with
 * indirect providers (IsIndirectResellerOf) an indirect reseller; else
 * direct. Asked as the signed-in user once an hour per tenant; without a
 * sign-in (or when Partner Center does not answer) the turn goes as direct,
 * unremembered, and each flow's own Partner Center call decides.
 */
export function partnerCenterModels(indirect: IndirectRelationships): PartnerModels {
  const known = new LRUCache<string, PartnerModel>({ max: MAX_TENANTS, ttl: KEEP_MS });
  return {
    async of(ctx) {
      const kept = known.get(ctx.tenantId);
      if (kept) return kept;
      const signedIn = await ctx.credentials.accessToken().then(() => true, () => false);
      if (!signedIn) return 'direct';
      try {
        const model: PartnerModel = (await indirect.resellers(ctx)).length > 0 ? 'indirectProvider' : (await indirect.providers(ctx)).length > 0 ? 'indirectReseller' : 'direct';
        known.set(ctx.tenantId, model);
        return model;
      } catch {
        return 'direct';
      }
    },
  };
}
