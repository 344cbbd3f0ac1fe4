import { randomUUID } from 'node:crypto';
import type { CustomerUser } from './customer.js';
import type { LowdbCustomerDirectory } from './lowdbCustomerDirectory.js';
import type { CustomerUsers, Licences, LicenceAssignment, UserCreation } from './ports.js';

/**
 * The embedded backend's users and licences, kept on the customer record:
 * it plays Partner Center (ids made here, a user name taken once, a repeated
 * request answered with what it made, licences counted). The password is
 * never kept.
 */
export function localUsers(store: LowdbCustomerDirectory): CustomerUsers {
  return {
    list: async (ctx, customerId) => structuredClone((await store.get(ctx.tenantId, customerId))?.users ?? []),
    async create(ctx, customerId, { password: _password, ...user }, { requestId }) {
      const result = await store.change<UserCreation>(ctx.tenantId, customerId, (customer) => {
        const users = customer.users ?? [];
        const made = users.find((u) => u.requestId === requestId);
        if (made) return { result: { outcome: 'created', user: made } };
        const taken = users.find((u) => u.userPrincipalName.toLowerCase() === user.userPrincipalName.toLowerCase());
        if (taken) return { result: { outcome: 'exists', user: taken } };
        const created: CustomerUser = { id: randomUUID(), ...user, licences: [], requestId };
        return { result: { outcome: 'created', user: created }, updated: { ...customer, users: [...users, created] } };
      });
      if (!result) throw new Error(`Customer ${customerId} is not in the partner's list.`);
      return result;
    },
  };
}

export function localLicences(store: LowdbCustomerDirectory): Licences {
  return {
    subscribedSkus: async (ctx, customerId) => structuredClone((await store.get(ctx.tenantId, customerId))?.subscribedSkus ?? []),
    async assign(ctx, customerId, userId, skuIds, _options) {
      const result = await store.change<LicenceAssignment>(ctx.tenantId, customerId, (customer) => {
        const user = customer.users?.find((u) => u.id === userId);
        if (!user) throw new Error(`User ${userId} is not the customer's.`);
        const wanted = skuIds.filter((id) => !(user.licences ?? []).includes(id));
        const skus = customer.subscribedSkus ?? [];
        for (const skuId of wanted) {
          const sku = skus.find((s) => s.skuId === skuId);
          // Partner Center answers 400 code 60012 here; the embedded backend says the same in its own words.
          if (!sku || sku.totalUnits - sku.consumedUnits < 1) return { result: { outcome: 'notEnough', skuId, missing: 1 } };
        }
        if (wanted.length === 0) return { result: { outcome: 'assigned' } };
        const updatedSkus = skus.map((s) => (wanted.includes(s.skuId) ? { ...s, consumedUnits: s.consumedUnits + 1 } : s));
        const users = (customer.users ?? []).map((u) => (u.id === userId ? { ...u, licences: [...(u.licences ?? []), ...wanted] } : u));
        return { result: { outcome: 'assigned' }, updated: { ...customer, users, subscribedSkus: updatedSkus } };
      });
      if (!result) throw new Error(`Customer ${customerId} is not in the partner's list.`);
      return result;
    },
  };
}
