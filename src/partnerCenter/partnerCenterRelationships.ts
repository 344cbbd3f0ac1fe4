import { BackendRefusal, type RelationshipRequests } from '../customers/ports.js';
import { withDelegatedAdmin } from '../rules/invitationLinks.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';

/**
 * `GET customers/relationshiprequests` (App+User): the partner's invitation
 * link. Partner Center answers one link; whether it asks for delegated admin
 * privileges is its `DAP` parameter, set here as the user chose.
 */
export function partnerCenterRelationshipRequests(client: PartnerCenterClient): RelationshipRequests {
  return {
    async invitationLink(ctx, { delegatedAdmin }) {
      const { body } = await client.send<{ url?: unknown }>(ctx, { method: 'GET', path: 'customers/relationshiprequests' });
      const link = typeof body?.url === 'string' ? withDelegatedAdmin(body.url, delegatedAdmin) : undefined;
      if (!link) throw new BackendRefusal('unavailable');
      return link;
    },
  };
}
