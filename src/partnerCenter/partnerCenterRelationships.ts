import { BackendRefusal, type IndirectPartner, type IndirectRelationships, type RelationshipRequests } from '../customers/ports.js';
import { withDelegatedAdmin } from '../rules/invitationLinks.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';
import type { PcCollection } from './wireModels.js';

/**
 * `GET customers/relationshiprequests` (App+User): the partner's invitation
 * link. Partner Center answers one link; whether it asks for delegated admin
 * privileges is its `DAP` parameter, set here as the user chose.
 */
export function partnerCenterRelationshipRequests(client: PartnerCenterClient): RelationshipRequests {
  return {
    async invitationLink(ctx, { delegatedAdmin, indirectResellerId, indirectProviderId }) {
      const query = new URLSearchParams({ ...(indirectResellerId ? { indirectResellerId } : {}), ...(indirectProviderId ? { indirectCloudSolutionProviderId: indirectProviderId } : {}) }).toString();
      const { body } = await client.send<{ url?: unknown }>(ctx, { method: 'GET', path: `customers/relationshiprequests${query ? `?${query}` : ''}` });
      const link = typeof body?.url === 'string' ? withDelegatedAdmin(body.url, delegatedAdmin) : undefined;
      if (!link) throw new BackendRefusal('unavailable');
      return link;
    },
  };
}

interface PcPartnerRelationship {
  id?: string;
  name?: string;
  mpnId?: string;
  location?: string;
  state?: string;
}

const partnerOf = (r: PcPartnerRelationship): IndirectPartner[] => (typeof r?.id === 'string' ? [{ id: r.id, name: r.name ?? r.id, mpnId: r.mpnId ?? '', location: r.location ?? '', state: r.state ?? '' }] : []);

/** `relationships?relationship_type=…` (a provider's resellers, a reseller's providers) and `compliance/csp/agreementstatus` (the reseller's Microsoft Partner Agreement). */
export function partnerCenterIndirect(client: PartnerCenterClient): IndirectRelationships {
  const list = async (ctx: Parameters<IndirectRelationships['resellers']>[0], type: 'IsIndirectCloudSolutionProviderOf' | 'IsIndirectResellerOf') => {
    const { body } = await client.send<PcCollection<PcPartnerRelationship>>(ctx, { method: 'GET', path: `relationships?relationship_type=${type}` });
    return (body?.items ?? []).flatMap(partnerOf);
  };
  return {
    resellers: (ctx) => list(ctx, 'IsIndirectCloudSolutionProviderOf'),
    providers: (ctx) => list(ctx, 'IsIndirectResellerOf'),
    // `customers/{id}/relationships`: the indirect resellers of a customer (one, in practice).
    async resellerOf(ctx, customerId) {
      const { body } = await client.send<PcCollection<PcPartnerRelationship>>(ctx, { method: 'GET', path: `customers/${encodeURIComponent(customerId)}/relationships` });
      return (body?.items ?? []).flatMap(partnerOf)[0];
    },
    async agreementSigned(ctx, mpnId) {
      // Partner Center answers 400 (code 2000) for an MPN id it does not take: unknown, not "not signed".
      if (!/^\d{1,12}$/.test(mpnId)) return undefined;
      try {
        const { body } = await client.send<{ isAgreementSigned?: unknown }>(ctx, { method: 'GET', path: `compliance/csp/agreementstatus?mpnId=${mpnId}` });
        return typeof body?.isAgreementSigned === 'boolean' ? body.isAgreementSigned : undefined;
      } catch (error) {
        if (error instanceof BackendRefusal && error.kind === 'invalidProperty') return undefined;
        throw error;
      }
    },
  };
}
