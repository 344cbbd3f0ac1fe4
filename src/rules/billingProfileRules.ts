import type { BillingProfile } from '../customers/customer.js';
import { validateAddressStep, validateCompanyName, validateContactStep } from './customerRules.js';
import { valid, type FieldError, type Validated } from './validationResult.js';

/** The billing profile as its update card edits it: one string per field. */
export const PROFILE_FIELDS = ['companyName', 'firstName', 'lastName', 'email', 'phoneNumber', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'culture'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileForm = Record<ProfileField, string>;

/** The profile's fields as the card shows them (absent ones empty). */
export function formOf(profile: BillingProfile): ProfileForm {
  const a = profile.defaultAddress;
  return {
    companyName: profile.companyName,
    firstName: profile.firstName,
    lastName: profile.lastName,
    email: profile.email,
    phoneNumber: a.phoneNumber ?? '',
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2 ?? '',
    city: a.city ?? '',
    state: a.state ?? '',
    postalCode: a.postalCode ?? '',
    culture: profile.culture,
  };
}

/**
 * Validates an edited billing profile with the rules of adding a customer
 * (company name, address and phone for the country, contact, culture); the
 * country itself cannot change. Returns the profile to write: the original
 * with the edited fields in place (fields Partner Center has that the card
 * does not edit stay as they were).
 */
export function validateProfileUpdate(input: unknown, original: BillingProfile): Validated<{ profile: BillingProfile; form: ProfileForm }> {
  const country = original.defaultAddress.country;
  const name = validateCompanyName(input);
  const address = validateAddressStep(input, country, { registrationNumber: false });
  const contact = validateContactStep(input, country);
  const errors: FieldError[] = [name, address, contact].flatMap((r) => (r.ok ? [] : r.errors));
  if (!name.ok || !address.ok || !contact.ok) return { ok: false, errors };
  const { organizationRegistrationNumber: _none, ...postal } = address.value;
  const profile: BillingProfile = {
    ...original,
    companyName: name.value.companyName,
    firstName: contact.value.firstName,
    lastName: contact.value.lastName,
    email: contact.value.email,
    culture: contact.value.culture,
    language: contact.value.language,
    defaultAddress: { ...withoutEditable(original.defaultAddress), country, ...postal },
  };
  return valid({ profile, form: formOf(profile) });
}

/** The fields whose value differs between two forms, in the card's order. */
export const changedFields = (before: ProfileForm, after: ProfileForm): ProfileField[] => PROFILE_FIELDS.filter((f) => before[f] !== after[f]);

function withoutEditable(address: BillingProfile['defaultAddress']) {
  const { addressLine1: _1, addressLine2: _2, city: _c, state: _s, postalCode: _p, phoneNumber: _ph, ...rest } = address;
  return rest;
}
