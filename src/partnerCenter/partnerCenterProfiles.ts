import type { Address } from '../customers/customer.js';
import { BackendRefusal, type AddressValidation, type BillingProfiles } from '../customers/ports.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';
import { billingBodyOf, billingProfileOf, type PcAddress, type PcBillingProfile } from './wireModels.js';

const path = (customerId: string) => `customers/${encodeURIComponent(customerId)}/profiles/billing`;

/**
 * Billing profiles on Partner Center: read with `attributes.etag`, written
 * whole with `If-Match` and the etag in the body too (the docs ask for the
 * header, the .NET SDK sends only the body). A stale etag (400 code 2055, or
 * 412) is read again and handed back as the current profile.
 */
export function partnerCenterBillingProfiles(client: PartnerCenterClient): BillingProfiles {
  const get: BillingProfiles['get'] = async (ctx, customerId) => {
    const { status, body } = await client.send<PcBillingProfile>(ctx, { method: 'GET', path: path(customerId), expect: [404] });
    if (status === 404 || !body) return undefined;
    const etag = body.attributes?.etag;
    return { value: billingProfileOf(body), ...(etag ? { etag } : {}) };
  };
  return {
    get,
    async update(ctx, customerId, profile, { etag, requestId }) {
      try {
        const { status, body } = await client.send<PcBillingProfile>(ctx, { method: 'PUT', path: path(customerId), body: billingBodyOf(profile, etag), ifMatch: etag, requestId, expect: [404] });
        if (status === 404) return { outcome: 'notFound' };
        const written = body ? billingProfileOf(body) : profile;
        const next = body?.attributes?.etag;
        return { outcome: 'updated', profile: { value: written, ...(next ? { etag: next } : {}) } };
      } catch (error) {
        if (!(error instanceof BackendRefusal) || error.kind !== 'conflict') throw error;
        const current = await get(ctx, customerId);
        return current ? { outcome: 'stale', current } : { outcome: 'notFound' };
      }
    },
  };
}

interface PcAddressValidation {
  originalAddress?: PcAddress;
  suggestedAddresses?: PcAddress[];
  status?: string;
  validationMessage?: string;
}

/** `POST validations/address`: `Verified…` is fine; otherwise Partner Center's first suggestion, if it has one. */
export function partnerCenterAddressValidation(client: PartnerCenterClient): AddressValidation {
  return {
    async validate(ctx, address) {
      const request = { addressLine1: address.addressLine1, ...(address.addressLine2 ? { addressLine2: address.addressLine2 } : {}), city: address.city ?? '', state: address.state ?? '', postalCode: address.postalCode ?? '', country: address.country };
      const { body } = await client.send<PcAddressValidation>(ctx, { method: 'POST', path: 'validations/address', body: request });
      if (/^verified/i.test(body?.status ?? '')) return { status: 'verified' };
      const suggestion = body?.suggestedAddresses?.[0];
      if (suggestion?.addressLine1) {
        const suggested: Address = { ...address, ...definedOf(suggestion), country: (suggestion.country ?? address.country).toUpperCase() };
        return { status: 'suggested', suggestion: suggested };
      }
      return { status: 'unverified', ...(body?.validationMessage ? { message: body.validationMessage.slice(0, 300) } : {}) };
    },
  };
}

function definedOf(address: PcAddress): Partial<Address> {
  const keys = ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode'] as const;
  return Object.fromEntries(keys.filter((k) => typeof address[k] === 'string' && address[k] !== '').map((k) => [k, address[k]]));
}
