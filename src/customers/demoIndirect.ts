import type { IndirectPartner, IndirectRelationships } from './ports.js';

/** The sandbox's two-tier partners: two indirect resellers (as a provider sees them) and one provider (as a reseller does). */
const RESELLERS: IndirectPartner[] = [
  { id: 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11', name: 'Fabrikam Solutions GmbH', mpnId: '5123456', location: 'DE', state: 'Active' },
  { id: 'b7d2f8a1-63c5-4d72-8e3f-7a2c1d0f5b22', name: 'ООО «Восток Софт»', mpnId: '5234567', location: 'RU', state: 'Active' },
];
const PROVIDERS: IndirectPartner[] = [{ id: 'c9e3a9b2-74d6-4e83-9f4a-8b3d2e1a6c33', name: 'Northwind Distribution AG', mpnId: '4812345', location: 'DE', state: 'Active' }];
/** Resellers that signed the Microsoft Partner Agreement, by MPN id. */
const SIGNED = new Set(['5123456']);

/** The embedded backend's two-tier relationships: demo partners for the sandbox tenant only; a customer's reseller from its record. */
export function demoIndirect(sandboxTenantId: string, resellerIdOf: (tenantId: string, customerId: string) => Promise<string | undefined>): IndirectRelationships {
  const mine = (tenantId: string, list: IndirectPartner[]) => (tenantId === sandboxTenantId ? structuredClone(list) : []);
  return {
    resellers: async (ctx) => mine(ctx.tenantId, RESELLERS),
    providers: async (ctx) => mine(ctx.tenantId, PROVIDERS),
    async resellerOf(ctx, customerId) {
      const id = ctx.tenantId === sandboxTenantId ? await resellerIdOf(ctx.tenantId, customerId) : undefined;
      const reseller = RESELLERS.find((r) => r.id === id);
      return reseller ? structuredClone(reseller) : undefined;
    },
    agreementSigned: async (ctx, mpnId) => (ctx.tenantId === sandboxTenantId && RESELLERS.some((r) => r.mpnId === mpnId) ? SIGNED.has(mpnId) : undefined),
  };
}

