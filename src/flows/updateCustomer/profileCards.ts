import { cultureLabel } from '../../i18n/labels.js';
import type { TurnLocale } from '../../i18n/localizer.js';
import { countryName, countryRules, findState } from '../../rules/countries.js';
import { PROFILE_FIELDS, type ProfileField, type ProfileForm } from '../../rules/billingProfileRules.js';
import type { FieldError } from '../../rules/validationResult.js';
import { errorMessage, stateName } from '../addCustomer/forms.js';
import { familyNameFirst } from '../../text/personName.js';
import { phoneShown } from '../../text/phoneNumber.js';

/** The customer the update is for, as its cards show it (read-only: country, domain, Microsoft ID). */
export interface ProfileOwner {
  id: string;
  companyName: string;
  domain: string;
  country: string;
}

const MAX_LENGTH: Record<ProfileField, number> = {
  companyName: 255, firstName: 50, lastName: 50, email: 254, phoneNumber: 30, addressLine1: 200, addressLine2: 200, city: 100, state: 100, postalCode: 20, culture: 20,
};

/** A field's label: the same words as adding a customer. */
export function fieldLabel({ t }: TurnLocale, profileField: ProfileField, country: string): string {
  const field = profileField === 'phoneNumber' && !countryRules(country).phoneRequired ? 'phoneNumberOptional' : profileField;
  return t(`addCustomer.fields.${field}`);
}

/** How a value reads on a card: a culture by its name, a state by its name, nothing as a dash. */
function shown(locale: TurnLocale, field: ProfileField, value: string, country: string): string {
  if (!value) return '–';
  if (field === 'culture') return cultureLabel(locale.displayName, value);
  if (field === 'state') {
    // Stored as Partner Center wants it (the code for US/CA, the name for CN/MX); a card sends the code.
    const state = findState(country, value);
    return state ? stateName(state, locale) : value;
  }
  if (field === 'phoneNumber') return phoneShown(value, country);
  return value;
}

/** The profile's fields in the order the user's language asks for them (姓氏 before 名字 in Chinese). */
export function fieldsInOrder(locale: TurnLocale): ProfileField[] {
  if (!familyNameFirst(locale.language)) return [...PROFILE_FIELDS];
  return PROFILE_FIELDS.map((field) => (field === 'firstName' ? 'lastName' : field === 'lastName' ? 'firstName' : field));
}

/** Card data for cards/updateCustomerForm.json: the profile's fields, prefilled, with each error under its field. */
export function formCardData(locale: TurnLocale, owner: ProfileOwner, values: Record<string, string>, errors: FieldError[], notice: string): Record<string, unknown> {
  const { t } = locale;
  const rules = countryRules(owner.country);
  const required = new Set<ProfileField>(['companyName', 'firstName', 'lastName', 'email', 'addressLine1', 'culture']);
  if (rules.cityRequired) required.add('city');
  if (rules.stateRequired) required.add('state');
  if (rules.postalCodeRequired) required.add('postalCode');
  if (rules.phoneRequired) required.add('phoneNumber');
  const choices = (field: ProfileField) =>
    field === 'culture'
      ? rules.languages.map((c) => ({ title: shown(locale, 'culture', c, owner.country), value: c }))
      : field === 'state' && rules.states
        ? rules.states.map((s) => ({ title: stateName(s, locale), value: s.code }))
        : undefined;
  const fields = fieldsInOrder(locale).map((field) => {
    const list = choices(field);
    return {
      kind: list ? 'choice' : 'text',
      id: field,
      label: fieldLabel(locale, field, owner.country),
      // A state list's choice is the code; the profile may hold the name (CN, MX).
      value: (field === 'state' && list ? (findState(owner.country, values[field] ?? '')?.code ?? values[field] ?? '') : (values[field] ?? '')).slice(0, MAX_LENGTH[field]),
      required: required.has(field),
      maxLength: MAX_LENGTH[field],
      style: field === 'email' ? 'Email' : field === 'phoneNumber' ? 'Tel' : 'Text',
      choices: list ?? [],
      error: errors.filter((e) => e.field === field).map((e) => errorMessage(e, locale)).join(' '),
    };
  });
  const placed = new Set<string>(PROFILE_FIELDS);
  const unplaced = errors.filter((e) => !placed.has(e.field)).map((e) => errorMessage(e, locale));
  return {
    title: t('updateCustomer.title', { company: owner.companyName }),
    intro: t('updateCustomer.intro'),
    notice: [notice, ...unplaced].filter(Boolean).join(' '),
    facts: readOnlyFacts(locale, owner),
    fields,
    requiredMessage: t('addCustomer.required'),
  };
}

function readOnlyFacts(locale: TurnLocale, owner: ProfileOwner) {
  const { t } = locale;
  return [
    { title: t('addCustomer.fields.country'), value: countryName(owner.country, locale.language) },
    { title: t('customerDetails.domain'), value: owner.domain },
    { title: t('customerDetails.microsoftId'), value: owner.id },
  ];
}

/** "Field: old → new" for each field that differs, in the card's order. */
export function changeFacts(locale: TurnLocale, before: ProfileForm, after: ProfileForm, fields: readonly ProfileField[], country: string) {
  return fields.map((field) => ({ title: fieldLabel(locale, field, country), value: `${shown(locale, field, before[field], country)} → ${shown(locale, field, after[field], country)}` }));
}
