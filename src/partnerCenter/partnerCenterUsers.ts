import type { CustomerUser, SubscribedSku } from '../customers/customer.js';
import { BackendRefusal, type CustomerUsers, type Licences } from '../customers/ports.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';
import { nextOf, relative } from './customerReadModel.js';
import type { PcCollection } from './wireModels.js';

interface PcUser {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
}

interface PcSubscribedSku {
  totalUnits?: number;
  consumedUnits?: number;
  productSku?: { id?: string; name?: string; skuPartNumber?: string };
}

/** A customer's users are read whole; a tenant with more than this many pages is cut off there (user lists here are for checks). */
const MAX_USER_PAGES = 20;
const users = (customerId: string) => `customers/${encodeURIComponent(customerId)}/users`;

const userOf = (u: PcUser): CustomerUser => ({
  id: u.id,
  userPrincipalName: u.userPrincipalName ?? '',
  displayName: u.displayName ?? '',
  ...(u.firstName ? { firstName: u.firstName } : {}),
  ...(u.lastName ? { lastName: u.lastName } : {}),
  ...(u.usageLocation ? { usageLocation: u.usageLocation } : {}),
});

/** `customers/{id}/users`: read page by page, created one per call with its own request id (the password is sent, never kept). */
export function partnerCenterUsers(client: PartnerCenterClient): CustomerUsers {
  return {
    async list(ctx, customerId) {
      const all: CustomerUser[] = [];
      let request: Parameters<PartnerCenterClient['send']>[1] | undefined = { method: 'GET', path: `${users(customerId)}?size=500` };
      for (let page = 0; request && page < MAX_USER_PAGES; page++) {
        const { body } = await client.send<PcCollection<PcUser>>(ctx, request);
        all.push(...(body?.items ?? []).filter((u) => typeof u?.id === 'string').map(userOf));
        const next = nextOf(body);
        request = next ? { method: 'GET', path: relative(next.uri), headers: next.headers } : undefined;
      }
      return all;
    },
    async create(ctx, customerId, user, { requestId }) {
      const body = {
        usageLocation: user.usageLocation,
        userPrincipalName: user.userPrincipalName,
        firstName: user.firstName,
        lastName: user.lastName,
        displayName: user.displayName,
        passwordProfile: { password: user.password, forceChangePassword: true },
        attributes: { objectType: 'CustomerUser' },
      };
      try {
        const { body: made } = await client.send<PcUser>(ctx, { method: 'POST', path: users(customerId), body, requestId });
        if (!made?.id) throw new BackendRefusal('unavailable');
        return { outcome: 'created', user: userOf(made) };
      } catch (error) {
        if (error instanceof BackendRefusal && error.kind === 'conflict') return { outcome: 'exists' };
        throw error;
      }
    },
  };
}

/** `subscribedskus` (free = total − consumed) and `users/{id}/licenseupdates` (400 code 60012: not enough licences). */
export function partnerCenterLicences(client: PartnerCenterClient): Licences {
  return {
    async subscribedSkus(ctx, customerId) {
      const { body } = await client.send<PcCollection<PcSubscribedSku>>(ctx, { method: 'GET', path: `customers/${encodeURIComponent(customerId)}/subscribedskus` });
      return (body?.items ?? []).flatMap((s): SubscribedSku[] =>
        s.productSku?.id ? [{ skuId: s.productSku.id, name: s.productSku.name ?? s.productSku.id, skuPartNumber: s.productSku.skuPartNumber ?? '', totalUnits: s.totalUnits ?? 0, consumedUnits: s.consumedUnits ?? 0 }] : [],
      );
    },
    async assign(ctx, customerId, userId, skuIds, { requestId }) {
      const body = { licensesToAssign: skuIds.map((skuId) => ({ skuId, excludedPlans: null })), licensesToRemove: null, licenseWarnings: null, attributes: { objectType: 'LicenseUpdate' } };
      try {
        await client.send(ctx, { method: 'POST', path: `${users(customerId)}/${encodeURIComponent(userId)}/licenseupdates`, body, requestId });
        return { outcome: 'assigned' };
      } catch (error) {
        if (error instanceof BackendRefusal && error.code === '60012') return { outcome: 'notEnough', skuId: skuIds[0] ?? '', missing: 1 };
        throw error;
      }
    },
  };
}
