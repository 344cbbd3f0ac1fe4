import type { SubscribedSku } from '../customers/customer.js';

export interface LicenceShortfall {
  skuId: string;
  name: string;
  needed: number;
  free: number;
  missing: number;
}

/**
 * The products that have too few free licences for the chosen users, checked
 * before anything is assigned (Partner Center would refuse each user with
 * 60012). A user who already has a product needs no new licence of it.
 */
export function missingLicences(skus: readonly SubscribedSku[], users: ReadonlyArray<{ licences?: readonly string[] }>): LicenceShortfall[] {
  return skus.flatMap((sku) => {
    const needed = users.filter((u) => !(u.licences ?? []).includes(sku.skuId)).length;
    const free = Math.max(0, sku.totalUnits - sku.consumedUnits);
    return needed > free ? [{ skuId: sku.skuId, name: sku.name, needed, free, missing: needed - free }] : [];
  });
}
