import { cultureLabel } from '../../i18n/labels.js';
import type { TurnLocale } from '../../i18n/localizer.js';
import { countryChoices, countryName, countryRules, findState } from '../../rules/countries.js';
import { inNameOrder, personName } from '../../text/personName.js';
import { phoneShown } from '../../text/phoneNumber.js';
import type { FieldError } from '../../rules/validationResult.js';
import { WIZARD_STEPS, type FormStep, type WizardState, type WizardStep } from './wizardState.js';

/** The reseller choice's value for "none: the provider sells directly". */
export const NO_RESELLER = 'none';

/** The labels a wizard field can have (locales: addCustomer.fields.*). */
export const FIELD_LABELS = [
  'country', 'companyName', 'domainPrefix', 'indirectReseller',
  'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phoneNumber', 'phoneNumberOptional', 'organizationRegistrationNumber',
  'firstName', 'lastName', 'email', 'culture',
  'signerFirstName', 'signerLastName', 'signerEmail', 'dateAgreed',
] as const;
type FieldLabel = (typeof FIELD_LABELS)[number];

const label = ({ t }: TurnLocale, field: FieldLabel): string => t(`addCustomer.fields.${field}`);

/** One input on the generic form card (cards/form.json). */
interface FormField {
  kind: 'text' | 'choice' | 'date' | 'domain';
  id: string;
  label: string;
  value: string;
  required: boolean;
  maxLength?: number;
  placeholder?: string;
  style?: 'Text' | 'Email' | 'Tel';
  choices?: Array<{ title: string; value: string }>;
  max?: string;
  suffix?: string;
  error: string;
  suggestions: Array<{ title: string; value: string }>;
}

type FieldSpec = Omit<FormField, 'value' | 'error' | 'suggestions' | 'label'> & { labelKey: FieldLabel };

/** The input fields of each step; the address fields depend on the country's rules. */
function fieldSpecs(step: FormStep, state: WizardState, locale: TurnLocale, domainSuffix: string, today: string): FieldSpec[] {
  const country = state.company?.country ?? '';
  switch (step) {
    case 'company':
      return [
        { kind: 'choice', id: 'country', labelKey: 'country', required: true, choices: countryChoices(locale.language).map((c) => ({ title: c.name, value: c.code })) },
        { kind: 'text', id: 'companyName', labelKey: 'companyName', required: true, maxLength: 255 },
        { kind: 'domain', id: 'domainPrefix', labelKey: 'domainPrefix', required: true, maxLength: 27, suffix: domainSuffix },
        ...(state.resellers?.length
          ? [{ kind: 'choice', id: 'indirectResellerId', labelKey: 'indirectReseller', required: true, choices: [{ title: locale.t('addCustomer.noReseller'), value: NO_RESELLER }, ...state.resellers.map((r) => ({ title: r.name, value: r.id }))] } as FieldSpec]
          : []),
      ];
    case 'address': {
      const rules = countryRules(country);
      return [
        { kind: 'text', id: 'addressLine1', labelKey: 'addressLine1', required: true, maxLength: 200 },
        { kind: 'text', id: 'addressLine2', labelKey: 'addressLine2', required: false, maxLength: 200 },
        { kind: 'text', id: 'city', labelKey: 'city', required: rules.cityRequired, maxLength: 100 },
        rules.states
          ? { kind: 'choice', id: 'state', labelKey: 'state', required: rules.stateRequired, choices: rules.states.map((s) => ({ title: stateName(s, locale), value: s.code })) }
          : { kind: 'text', id: 'state', labelKey: 'state', required: rules.stateRequired, maxLength: 100 },
        { kind: 'text', id: 'postalCode', labelKey: 'postalCode', required: rules.postalCodeRequired, maxLength: 20, placeholder: rules.postalCode?.example },
        { kind: 'text', id: 'phoneNumber', labelKey: rules.phoneRequired ? 'phoneNumber' : 'phoneNumberOptional', required: rules.phoneRequired, maxLength: 30, style: 'Tel' },
        ...(rules.registrationNumberRequired
          ? [{ kind: 'text', id: 'organizationRegistrationNumber', labelKey: 'organizationRegistrationNumber', required: true, maxLength: 20 } as FieldSpec]
          : []),
      ];
    }
    case 'contact': {
      const { languages } = countryRules(country);
      return [
        ...inNameOrder<FieldSpec>(
          locale.language,
          { kind: 'text', id: 'firstName', labelKey: 'firstName', required: true, maxLength: 50 },
          { kind: 'text', id: 'lastName', labelKey: 'lastName', required: true, maxLength: 50 },
        ),
        { kind: 'text', id: 'email', labelKey: 'email', required: true, maxLength: 254, style: 'Email' },
        { kind: 'choice', id: 'culture', labelKey: 'culture', required: true, choices: languages.map((culture) => ({ title: cultureName(culture, locale), value: culture })) },
      ];
    }
    case 'agreement':
      return [
        ...inNameOrder<FieldSpec>(
          locale.language,
          { kind: 'text', id: 'firstName', labelKey: 'signerFirstName', required: true, maxLength: 50 },
          { kind: 'text', id: 'lastName', labelKey: 'signerLastName', required: true, maxLength: 50 },
        ),
        { kind: 'text', id: 'email', labelKey: 'signerEmail', required: true, maxLength: 254, style: 'Email' },
        { kind: 'date', id: 'dateAgreed', labelKey: 'dateAgreed', required: true, max: today },
      ];
  }
}

/** Values to show: what was just entered (with errors), else what was accepted before, else sensible defaults. */
function currentValues(step: FormStep, state: WizardState, today: string): Record<string, string | undefined> {
  if (state.draft) return state.draft;
  switch (step) {
    case 'company':
      return { ...state.company, indirectResellerId: state.indirectResellerId ?? NO_RESELLER };
    case 'address':
      return { ...state.address };
    case 'contact':
      return { culture: countryRules(state.company?.country ?? '').defaultCulture, ...state.contact };
    case 'agreement': {
      // Partner Center defaults the signer to the primary contact.
      const signer = { firstName: state.contact?.firstName, lastName: state.contact?.lastName, email: state.contact?.email, dateAgreed: today };
      if (!state.agreement || state.agreement.skipped) return signer;
      const { skipped: _skipped, ...accepted } = state.agreement;
      return { ...signer, ...accepted };
    }
  }
}

/** Card data for cards/form.json at a form step. */
export function formCardData(step: FormStep, state: WizardState, locale: TurnLocale, domainSuffix: string, today: string): Record<string, unknown> {
  const { t } = locale;
  const values = currentValues(step, state, today);
  const errors = state.errors ?? [];
  const fields: FormField[] = fieldSpecs(step, state, locale, domainSuffix, today).map(({ labelKey, ...spec }) => ({
    // Every property the template binds must exist: templating leaves `${x}` in place when x is missing.
    placeholder: '',
    style: 'Text',
    ...spec,
    label: label(locale, labelKey),
    // Echo at most what the field allows: a forged 100 KB value must not come back in the card.
    value: (values[spec.id] ?? '').slice(0, spec.maxLength ?? 64),
    error: errors.filter((e) => e.field === spec.id).map((e) => errorMessage(e, locale)).join(' '),
    suggestions: spec.id === 'domainPrefix' ? (state.domainSuggestions ?? []).map((prefix) => ({ title: prefix + domainSuffix, value: prefix })) : [],
  }));
  const fieldIds = new Set(fields.map((f) => f.id));
  const unplaced = errors.filter((e) => !fieldIds.has(e.field)).map((e) => errorMessage(e, locale));
  return {
    title: t('addCustomer.title'),
    progress: progress(step, locale),
    intro: t(`addCustomer.intro.${step}`),
    notice: unplaced.join(' '),
    fields,
    requiredMessage: t('addCustomer.required'),
    nextTitle: t('addCustomer.buttons.next'),
    skipTitle: step === 'agreement' ? t('addCustomer.buttons.skip') : '',
    canGoBack: step !== 'company',
  };
}

export function progress(step: WizardStep, { t }: TurnLocale): string {
  return t('addCustomer.progress', { step: WIZARD_STEPS.indexOf(step) + 1, steps: WIZARD_STEPS.length, name: t(`addCustomer.steps.${step}`) });
}

export function errorMessage(error: FieldError, { t }: TurnLocale): string {
  return t(`validation:${error.code}`, error.params ?? {});
}

/** Card data for cards/addCustomerReview.json. */
export function reviewCardData(state: WizardState, locale: TurnLocale, domainSuffix: string): Record<string, unknown> {
  const { t } = locale;
  const { company, address, contact, agreement } = state;
  const fact = (field: FieldLabel, value: string | undefined) => (value ? [{ title: label(locale, field), value }] : []);
  // A calendar date, not an instant: shown as the same day in every time zone.
  const date = (iso: string) => locale.formatDay(new Date(`${iso}T00:00:00Z`), 'UTC');
  const sections = [
    {
      step: 'company',
      title: t('addCustomer.steps.company'),
      facts: [
        ...fact('country', company && countryName(company.country, locale.language)),
        ...fact('companyName', company?.companyName),
        ...fact('domainPrefix', company && company.domainPrefix + domainSuffix),
        ...fact('indirectReseller', state.resellers?.length ? (state.resellers.find((r) => r.id === state.indirectResellerId)?.name ?? t('addCustomer.noReseller')) : undefined),
      ],
    },
    {
      step: 'address',
      title: t('addCustomer.steps.address'),
      facts: [
        ...fact('addressLine1', address?.addressLine1),
        ...fact('addressLine2', address?.addressLine2),
        ...fact('city', address?.city),
        ...fact('state', address?.state && stateShown(company?.country ?? '', address.state, locale)),
        ...fact('postalCode', address?.postalCode),
        ...fact('phoneNumber', address?.phoneNumber && phoneShown(address.phoneNumber, company?.country ?? '')),
        ...fact('organizationRegistrationNumber', address?.organizationRegistrationNumber),
      ],
    },
    {
      step: 'contact',
      title: t('addCustomer.steps.contact'),
      facts: [...inNameOrder(locale.language, fact('firstName', contact?.firstName), fact('lastName', contact?.lastName)).flat(), ...fact('email', contact?.email), ...fact('culture', contact && cultureName(contact.culture, locale))],
    },
    {
      step: 'agreement',
      title: t('addCustomer.steps.agreement'),
      facts: [
        {
          title: t('addCustomer.steps.agreement'),
          value:
            agreement && !agreement.skipped
              ? t('addCustomer.review.agreementAccepted', { name: personName(agreement.firstName, agreement.lastName), date: date(agreement.dateAgreed) })
              : t('addCustomer.review.agreementSkipped'),
        },
      ],
    },
  ];
  return { progress: progress('review', locale), sections };
}

/** "Deutsch (Deutschland)" style names for a culture, in the user's language. */
function cultureName(culture: string, { displayName }: TurnLocale): string {
  return cultureLabel(displayName, culture);
}

/** A state or province by its name in the user's language where the list has one (Chinese), else in English. */
export function stateName(state: { code: string; names: { en: string; zh?: string } }, { language }: TurnLocale): string {
  return language === 'zh' && state.names.zh ? state.names.zh : state.names.en;
}

/** A stored state by its listed name where the country has a list (WA → Washington), else as typed. */
function stateShown(country: string, value: string, locale: TurnLocale): string {
  const state = findState(country, value);
  return state ? stateName(state, locale) : value;
}
