import { demoCustomers } from '../../src/customers/demoData.js';
import { changedFields, formOf, validateProfileUpdate } from '../../src/rules/billingProfileRules.js';

const CUSTOMERS = demoCustomers(new Date('2026-11-21T10:00:00Z'));

describe('updating a billing profile (the rules, without a bot)', () => {
  it.each(CUSTOMERS.map((c) => [c.companyProfile.companyName, c] as const))('%s: the profile as stored passes unchanged, with no change found', (_name, customer) => {
    const result = validateProfileUpdate(formOf(customer.billingProfile), customer.billingProfile);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(changedFields(formOf(customer.billingProfile), result.value.form)).toEqual([]);
  });

  it('applies the edited fields only, keeps the country, and finds exactly what changed', () => {
    const { billingProfile } = CUSTOMERS.find((c) => c.companyProfile.companyName.startsWith('Cerámica'))!;
    const result = validateProfileUpdate({ ...formOf(billingProfile), city: 'Alicante', companyName: 'Cerámica Levante Holding S.L.', country: 'DE' }, billingProfile);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.profile.defaultAddress).toMatchObject({ country: 'ES', city: 'Alicante', addressLine1: billingProfile.defaultAddress.addressLine1 });
    expect(changedFields(formOf(billingProfile), result.value.form)).toEqual(['companyName', 'city']);
  });

  it('refuses what adding a customer refuses, field by field', () => {
    const { billingProfile } = CUSTOMERS.find((c) => c.companyProfile.companyName.startsWith('Cerámica'))!;
    const result = validateProfileUpdate({ ...formOf(billingProfile), email: 'not-an-email', addressLine1: '', companyName: 'GmbH' }, billingProfile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(['addressLine1:required', 'companyName:companyNameLegalSuffixOnly', 'email:emailInvalid']);
  });
});
