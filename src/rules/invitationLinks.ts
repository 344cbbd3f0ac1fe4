import { createHash } from 'node:crypto';
import type { PartnerCloud } from './clouds.js';

/** Where the customer's Global admin accepts a reseller relationship (Partner Center's documented link). */
const ADMIN_CENTER = 'https://admin.microsoft.com/Adminportal/Home';

/** Clouds where an invitation always carries delegated admin privileges (domain.md §8). */
export const delegatedAdminRequired = (cloud: PartnerCloud): boolean => cloud === 'usgov' || cloud === 'germany';

/** The partner id a link names: the partner's tenant id, or for the local sandbox a stable id made from its name. */
export function partnerIdOf(tenantId: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)) return tenantId.toLowerCase();
  const hex = createHash('sha256').update(tenantId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The link as Partner Center's `customers/relationshiprequests` answers it, for a partner (the embedded
 * backend builds it). A two-tier link (a reseller and its provider, authorized together) names the reseller
 * as the partner and the provider as `indirectCSPId`, as the portal's links do (the docs show only the
 * direct shape).
 */
export function invitationLink(partnerId: string, delegatedAdmin: boolean, indirect?: { resellerId: string; providerId: string }): string {
  const enc = encodeURIComponent;
  if (!indirect) return `${ADMIN_CENTER}?invType=ResellerRelationship&partnerId=${enc(partnerId)}&msppId=0&DAP=${delegatedAdmin}#/BillingAccounts/partner-invitation`;
  return `${ADMIN_CENTER}?invType=IndirectResellerRelationship&partnerId=${enc(indirect.resellerId)}&msppId=0&indirectCSPId=${enc(indirect.providerId)}&DAP=${delegatedAdmin}#/BillingAccounts/partner-invitation`;
}

/** A link Partner Center gave, with delegated admin privileges asked for or not (its `DAP` parameter); undefined when it is no https link. */
export function withDelegatedAdmin(link: string, delegatedAdmin: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  url.searchParams.set('DAP', String(delegatedAdmin));
  return url.toString();
}
