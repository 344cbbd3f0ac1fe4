/**
 * The outcome of validating one wizard step. Rules never throw and never
 * produce text: each problem is a field name plus a message code, which the
 * bot turns into a sentence from locales/<lang>/validation.json.
 */

/**
 * Every message code a rule in src/rules can emit; each is a key in
 * locales/{en,de,zh,ru}/validation.json (test/rules/validationMessages.test.ts checks both ways).
 */
export const ERROR_CODES = [
  // Any field
  'required',
  'notText',
  'tooShort',
  'tooLong',
  'controlCharacters',
  'htmlNotAllowed',
  // Company step
  'countryUnknown',
  'countryUseGb',
  'countryNotOffered',
  'companyNameOnlyPunctuation',
  'companyNameLegalSuffixOnly',
  'companyNameDomain',
  'domainPrefixCharacters',
  'domainLength',
  // Emitted by the wizard, not by these rules: the directory says the domain is taken (params: domain).
  'domainTaken',
  // Address step
  'stateUnknown',
  'postalCodeFormat',
  'postalCodeCharacters',
  'phoneInvalid',
  'phoneFormat',
  'registrationNumberNotAllowed',
  'registrationNumberFormat',
  'innFormat',
  'innChecksum',
  'binFormat',
  'binChecksum',
  // Contact and agreement steps
  'nameNoLetters',
  'nameOneLetter',
  'emailInvalid',
  'emailMicrosoft',
  'emailPartnerDomain',
  'cultureNotOffered',
  'dateInvalid',
  'dateInFuture',
  'agreementDateTooEarly',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** The card input id / API field name, e.g. `companyName`, `postalCode`. */
  field: string;
  /** Key of the message in locales/<lang>/validation.json. */
  code: string;
  /** Interpolation values for the message, e.g. `{ max: 255 }` or `{ example: '10115' }`. */
  params?: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Builds a FieldError; the typed `code` keeps rules from emitting a code without a message. */
export function fieldError(field: string, code: ErrorCode, params?: Record<string, string | number>): FieldError {
  return params === undefined ? { field, code } : { field, code, params };
}

export const valid = <T>(value: T): Validated<T> => ({ ok: true, value });

/** `valid(value)` when there are no errors, otherwise all of them. */
export const validated = <T>(errors: FieldError[], value: () => T): Validated<T> =>
  errors.length === 0 ? { ok: true, value: value() } : { ok: false, errors };
