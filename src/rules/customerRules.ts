/**
 * Validation of the add-customer wizard's steps (domain.md §4), one function
 * per step. Each takes whatever a card submit delivered (`unknown`: wrong
 * types, missing fields, huge strings and markup all arrive here), trims and
 * normalizes it, and returns either the clean values or every field error at
 * once. Nothing here throws, talks to Partner Center or produces text.
 */
import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, phoneExamples, type CountryCode } from '../text/phoneLibrary.js';
import { countryRules, findState, isIsoCountry, isMarketCountry, languageOfCulture, normalizePostalCode, POSTAL_CODE_MAX_LENGTH } from './countries.js';
import { fieldError, validated, type ErrorCode, type FieldError, type Validated } from './validationResult.js';

// ------------------------------------------------------------------ limits

export const COMPANY_NAME = { min: 2, max: 255 } as const;
/** Prefix ≤27 and full domain 17–43 characters (Partner Center PowerShell module). */
export const DOMAIN = { prefixMax: 27, min: 17, max: 43 } as const;
export const ADDRESS_LINE_MAX = 200;
export const CITY_MAX = 100;
export const STATE_MAX = 100;
export const PHONE_MAX = 30;
export const NAME_MAX = 50;
export const EMAIL_MAX = 254;
/** The Microsoft Customer Agreement replaced the Cloud Agreement on this day. */
export const MCA_START = '2019-10-01';
/** Strings beyond this are rejected before any normalization or regex runs on them. */
const HUGE = 4096;

// ------------------------------------------------------------------ reading card input

type Fields = Record<string, unknown>;

const asFields = (input: unknown): Fields =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Fields) : {};

/** C0/C1 controls (incl. newline and tab: every field is one line) and bidi overrides that can disguise text. */
const CONTROL = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Markup has no place in a name or address, and would be echoed into cards and the portal. */
const MARKUP = /[<>]/;

const codePoints = (text: string): number => [...text].length;

/** Collects the errors of one step while reading its fields. */
class StepReader {
  readonly errors: FieldError[] = [];

  constructor(private readonly fields: Fields) {}

  fail(field: string, code: ErrorCode, params?: Record<string, string | number>): undefined {
    this.errors.push(fieldError(field, code, params));
    return undefined;
  }

  /** Own properties only: a field named like an Object.prototype member must not read the prototype. */
  raw(field: string): unknown {
    return Object.hasOwn(this.fields, field) ? this.fields[field] : undefined;
  }

  /**
   * A trimmed, NFC-normalized string; undefined when absent/empty (then
   * `required` is reported if needed) or of the wrong type or size.
   */
  string(field: string, required: boolean, max: number): string | undefined {
    const raw = this.raw(field);
    if (raw === undefined || raw === null) return required ? this.fail(field, 'required') : undefined;
    if (typeof raw !== 'string') return this.fail(field, 'notText');
    if (raw.length > HUGE) return this.fail(field, 'tooLong', { max });
    const value = raw.normalize('NFC').trim();
    if (value === '') return required ? this.fail(field, 'required') : undefined;
    return value;
  }

  /** Free text: length in characters (code points), no control characters, no markup. */
  text(field: string, { required, max, min = 1 }: { required: boolean; max: number; min?: number }): string | undefined {
    const value = this.string(field, required, max);
    if (value === undefined) return undefined;
    if (CONTROL.test(value)) return this.fail(field, 'controlCharacters');
    const length = codePoints(value);
    if (length > max) return this.fail(field, 'tooLong', { max });
    if (length < min) return this.fail(field, 'tooShort', { min });
    if (MARKUP.test(value)) return this.fail(field, 'htmlNotAllowed');
    return value;
  }
}

// ------------------------------------------------------------------ company step

export interface CompanyStep {
  country: string;
  companyName: string;
  domainPrefix: string;
}

/**
 * Legal forms that are not a company name on their own, compared without
 * case, dots, spaces and punctuation (`S.A.R.L.` → `sarl`, `GmbH & Co. KG` → `gmbhcokg`).
 */
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English-speaking markets
  'llc', 'inc', 'incorporated', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'coltd', 'coinc', 'plc', 'lp', 'llp',
  'pllc', 'pc', 'pty', 'ptyltd', 'pvtltd', 'pte', 'pteltd',
  // German-speaking markets
  'gmbh', 'ag', 'kg', 'ohg', 'gbr', 'ug', 'ughaftungsbeschrankt', 'ev', 'eg', 'kgaa', 'gmbhcokg', 'agcokg', 'se',
  // Romance languages, Benelux, Nordics, Central Europe
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'srl', 'spa', 'sl', 'slu', 'ltda', 'sac', 'bv', 'nv', 'vof', 'ab', 'as', 'asa',
  'aps', 'oy', 'oyj', 'spzoo', 'sro', 'kft', 'zrt', 'nyrt', 'kk', 'bhd', 'sdnbhd',
  // Russian-speaking markets (Cyrillic, and as typed in Latin)
  'ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'тоо', 'тов', 'одо', 'чп', 'ooo', 'oao', 'zao', 'pao', 'ao', 'ip', 'too', 'tov',
  // Chinese, Japanese, Korean
  '有限公司', '有限责任公司', '股份有限公司', '公司', '集团', '株式会社', '合同会社', '有限会社', '주식회사', '유한회사',
]);

/** Lower case, accents and compatibility forms folded, everything but letters and digits removed. */
const legalKey = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A web address inside a company name: `Contoso.com`, `www.contoso`, `https://…`. Not `Co.KG` or `Co.Ltd`. */
const DOMAIN_IN_NAME =
  /(?:https?:\/\/|\bwww\.|[\p{L}\p{N}]\.(?:com|net|org|info|biz|io|app|dev|online|shop|store|tech|site|cloud|xyz|de|at|ch|ru|рф|cn|中国|uk|fr|it|es|nl|pl|eu|us|jp|kz|by|ua|br|in|ca|au)(?![\p{L}\p{N}]))/iu;

function readCountry(reader: StepReader): string | undefined {
  const value = reader.string('country', true, 2);
  if (value === undefined) return undefined;
  const code = value.toUpperCase();
  if (code === 'UK') return reader.fail('country', 'countryUseGb', { suggestion: 'GB' });
  if (!/^[A-Z]{2}$/.test(code) || !isIsoCountry(code)) return reader.fail('country', 'countryUnknown');
  if (!isMarketCountry(code)) return reader.fail('country', 'countryNotOffered');
  return code;
}

function readCompanyName(reader: StepReader): string | undefined {
  const name = reader.text('companyName', { required: true, ...COMPANY_NAME });
  if (name === undefined) return undefined;
  // "999", "1 2 3", "---": a legal name has letters.
  if (!/\p{L}/u.test(name)) return reader.fail('companyName', 'companyNameOnlyPunctuation');
  if (LEGAL_FORMS.has(legalKey(name))) return reader.fail('companyName', 'companyNameLegalSuffixOnly', { suffix: name });
  if (DOMAIN_IN_NAME.test(name)) return reader.fail('companyName', 'companyNameDomain');
  return name;
}

function readDomainPrefix(reader: StepReader, domainSuffix: string): string | undefined {
  const value = reader.string('domainPrefix', true, DOMAIN.prefixMax);
  if (value === undefined) return undefined;
  // People paste the whole domain; the suffix is fixed by the cloud anyway.
  const suffix = domainSuffix.toLowerCase();
  const prefix = suffix && value.toLowerCase().endsWith(suffix) ? value.slice(0, -suffix.length) : value;
  if (!/^[a-zA-Z0-9]+$/.test(prefix)) return reader.fail('domainPrefix', 'domainPrefixCharacters');
  if (prefix.length > DOMAIN.prefixMax) return reader.fail('domainPrefix', 'tooLong', { max: DOMAIN.prefixMax });
  const domain = prefix.toLowerCase() + suffix;
  // Only bites for other suffixes: with `.onmicrosoft.com` a 1–27 character prefix always gives 17–43.
  if (domain.length < DOMAIN.min || domain.length > DOMAIN.max) {
    return reader.fail('domainPrefix', 'domainLength', { min: DOMAIN.min, max: DOMAIN.max, domain });
  }
  return prefix.toLowerCase();
}

/** Step 1: country, company name, domain prefix. Availability of the domain is the directory's business. */
export function validateCompanyStep(input: unknown, context: { domainSuffix: string }): Validated<CompanyStep> {
  const reader = new StepReader(asFields(input));
  const country = readCountry(reader);
  const companyName = readCompanyName(reader);
  const domainPrefix = readDomainPrefix(reader, context.domainSuffix);
  return validated(reader.errors, () => ({ country: country!, companyName: companyName!, domainPrefix: domainPrefix! }));
}

// ------------------------------------------------------------------ address step

export interface AddressStep {
  addressLine1: string;
  addressLine2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  /** E.164, e.g. `+74956293150`. */
  phoneNumber?: string;
  organizationRegistrationNumber?: string;
}

function readState(reader: StepReader, country: string): string | undefined {
  const rules = countryRules(country);
  if (!rules.states) return reader.text('state', { required: rules.stateRequired, max: STATE_MAX });
  const value = reader.string('state', rules.stateRequired, STATE_MAX);
  if (value === undefined) return undefined;
  // Card choices send the code; typed input may be the code or the English (or Chinese) name.
  return findState(country, value)?.value ?? reader.fail('state', 'stateUnknown');
}

function readPostalCode(reader: StepReader, country: string): string | undefined {
  const rules = countryRules(country);
  const value = reader.string('postalCode', rules.postalCodeRequired, POSTAL_CODE_MAX_LENGTH);
  if (value === undefined) return undefined;
  const code = normalizePostalCode(country, value);
  if (rules.postalCode) {
    return rules.postalCode.pattern.test(code) ? code : reader.fail('postalCode', 'postalCodeFormat', { example: rules.postalCode.example });
  }
  if (code.length > POSTAL_CODE_MAX_LENGTH) return reader.fail('postalCode', 'tooLong', { max: POSTAL_CODE_MAX_LENGTH });
  return /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(code) ? code : reader.fail('postalCode', 'postalCodeCharacters');
}

/** A phone number valid in the customer's country, as E.164. */
function readPhone(reader: StepReader, country: string): string | undefined {
  const rules = countryRules(country);
  const value = reader.string('phoneNumber', rules.phoneRequired, PHONE_MAX);
  if (value === undefined) return undefined;
  const digitsOnly = /^\+?[\d\s().\-/]+$/.test(value.normalize('NFKC')) && value.length <= PHONE_MAX;
  if (!isSupportedCountry(country)) {
    // A few territories lack phone metadata: accept a valid international number.
    const phone = digitsOnly ? parsePhoneNumberFromString(value.normalize('NFKC')) : undefined;
    return phone?.isValid() ? phone.number : reader.fail('phoneNumber', 'phoneFormat');
  }
  const region = country as CountryCode;
  const phone = digitsOnly ? parsePhoneNumberFromString(value.normalize('NFKC'), region) : undefined;
  if (phone?.isValid() && phone.country === region) return phone.number;
  const example = getExampleNumber(region, phoneExamples)?.formatInternational() ?? `+${phone?.countryCallingCode ?? ''}`;
  return reader.fail('phoneNumber', 'phoneInvalid', { example });
}

const digitsOf = (text: string): number[] => [...text].map(Number);
const weighted = (digits: number[], weights: readonly number[]): number => weights.reduce((sum, w, i) => sum + w * digits[i]!, 0);

/** Russian INN checksum: 10 digits (organization) or 12 digits (individual entrepreneur). */
export function isValidInn(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false;
  const d = digitsOf(inn);
  const check = (weights: readonly number[]) => (weighted(d, weights) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

/** Kazakh BIN/IIN checksum (12 digits): weights 1–11, or 3–11,1,2 when the first sum gives 10. */
export function isValidBin(bin: string): boolean {
  if (!/^\d{12}$/.test(bin)) return false;
  const d = digitsOf(bin);
  let check = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (check === 10) check = weighted(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return check !== 10 && check === d[11];
}

const FIELD_REGISTRATION = 'organizationRegistrationNumber';

function readRegistrationNumber(reader: StepReader, country: string): string | undefined {
  const rules = countryRules(country);
  const value = reader.string(FIELD_REGISTRATION, rules.registrationNumberRequired, 20);
  if (value === undefined) return undefined;
  // Partner Center rejects the field outside the eleven countries (600002).
  if (!rules.registrationNumberRequired) return reader.fail(FIELD_REGISTRATION, 'registrationNumberNotAllowed');
  const number = value.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  switch (country) {
    case 'RU':
      if (!/^(\d{10}|\d{12})$/.test(number)) return reader.fail(FIELD_REGISTRATION, 'innFormat');
      return isValidInn(number) ? number : reader.fail(FIELD_REGISTRATION, 'innChecksum');
    case 'KZ':
      if (!/^\d{12}$/.test(number)) return reader.fail(FIELD_REGISTRATION, 'binFormat');
      return isValidBin(number) ? number : reader.fail(FIELD_REGISTRATION, 'binChecksum');
    default:
      return /^[A-Z0-9-]{4,20}$/.test(number) ? number : reader.fail(FIELD_REGISTRATION, 'registrationNumberFormat', { min: 4, max: 20 });
  }
}

/** The company (bill-to) name alone, by the rules of step 1 (an update of the billing profile). */
export function validateCompanyName(input: unknown): Validated<{ companyName: string }> {
  const reader = new StepReader(asFields(input));
  const companyName = readCompanyName(reader);
  return validated(reader.errors, () => ({ companyName: companyName! }));
}

/**
 * Step 2: the company's address, phone and (in eleven countries) registration number. `country` is step 1's value.
 * Without `registrationNumber` (a billing profile, which has none) that number is not asked for.
 */
export function validateAddressStep(input: unknown, country: string, options: { registrationNumber?: boolean } = {}): Validated<AddressStep> {
  const reader = new StepReader(asFields(input));
  const code = typeof country === 'string' ? country.trim().toUpperCase() : '';
  const rules = countryRules(code);
  const value: AddressStep = { addressLine1: '' };
  const addressLine1 = reader.text('addressLine1', { required: true, max: ADDRESS_LINE_MAX });
  const optional: Array<[keyof AddressStep, string | undefined]> = [
    ['addressLine2', reader.text('addressLine2', { required: false, max: ADDRESS_LINE_MAX })],
    ['city', reader.text('city', { required: rules.cityRequired, max: CITY_MAX })],
    ['state', readState(reader, code)],
    ['postalCode', readPostalCode(reader, code)],
    ['phoneNumber', readPhone(reader, code)],
    ['organizationRegistrationNumber', options.registrationNumber === false ? undefined : readRegistrationNumber(reader, code)],
  ];
  return validated(reader.errors, () => {
    value.addressLine1 = addressLine1!;
    for (const [key, v] of optional) if (v !== undefined) value[key] = v;
    return value;
  });
}

// ------------------------------------------------------------------ contact step

export interface ContactStep {
  firstName: string;
  lastName: string;
  email: string;
  /** e.g. `de-AT`. */
  culture: string;
  /** e.g. `de`. */
  language: string;
}

/** Scripts where one character is a whole given or family name (李, 王). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function readName(reader: StepReader, field: string): string | undefined {
  const name = reader.text(field, { required: true, max: NAME_MAX });
  if (name === undefined) return undefined;
  const letters = name.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return reader.fail(field, 'nameNoLetters');
  // "J." or "X" is an initial, not a name; Partner Center flags those.
  if (letters.length === 1 && !CJK.test(letters[0]!)) return reader.fail(field, 'nameOneLetter');
  return name;
}

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** An ASCII address with a dotted domain: `local@example.com` (no quoted local parts, no IP literals). */
export function isValidEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1 || email.length > EMAIL_MAX) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).toLowerCase().split('.');
  return (
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1]!)
  );
}

const isDomainOrSubdomain = (domain: string, parent: string): boolean => domain === parent || domain.endsWith(`.${parent}`);

function readEmail(reader: StepReader, partnerDomains: readonly string[] = []): string | undefined {
  const value = reader.string('email', true, EMAIL_MAX);
  if (value === undefined) return undefined;
  if (value.length > EMAIL_MAX) return reader.fail('email', 'tooLong', { max: EMAIL_MAX });
  if (!isValidEmail(value)) return reader.fail('email', 'emailInvalid');
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1).toLowerCase();
  if (isDomainOrSubdomain(domain, 'microsoft.com')) return reader.fail('email', 'emailMicrosoft');
  if (partnerDomains.some((own) => isDomainOrSubdomain(domain, own.toLowerCase()))) return reader.fail('email', 'emailPartnerDomain');
  return `${value.slice(0, at)}@${domain}`;
}

function readCulture(reader: StepReader, country: string): string | undefined {
  const rules = countryRules(country);
  const value = reader.string('culture', false, 20);
  if (value === undefined) return reader.errors.some((e) => e.field === 'culture') ? undefined : rules.defaultCulture;
  const wanted = value.replace(/_/g, '-').toLowerCase();
  return rules.languages.find((culture) => culture.toLowerCase() === wanted) ?? reader.fail('culture', 'cultureNotOffered');
}

export interface ContactOptions {
  /** The partner's own domains: the customer's contact must not be someone at the partner. */
  partnerDomains?: readonly string[];
}

/** Step 3: the primary contact and the billing culture (defaults to the country's). */
export function validateContactStep(input: unknown, country: string, options: ContactOptions = {}): Validated<ContactStep> {
  const reader = new StepReader(asFields(input));
  const code = typeof country === 'string' ? country.trim().toUpperCase() : '';
  const firstName = readName(reader, 'firstName');
  const lastName = readName(reader, 'lastName');
  const email = readEmail(reader, options.partnerDomains);
  const culture = readCulture(reader, code);
  return validated(reader.errors, () => ({
    firstName: firstName!,
    lastName: lastName!,
    email: email!,
    culture: culture!,
    language: languageOfCulture(culture!),
  }));
}

// ------------------------------------------------------------------ agreement step

export type AgreementStep =
  | { skipped: true }
  | { skipped: false; firstName: string; lastName: string; email: string; /** YYYY-MM-DD */ dateAgreed: string };

/** `YYYY-MM-DD` of a Date in UTC. */
export const isoDateUtc = (date: Date): string => date.toISOString().slice(0, 10);

/** Whether `YYYY-MM-DD` names a real calendar day (no 2023-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readDateAgreed(reader: StepReader, today: Date): string | undefined {
  const value = reader.string('dateAgreed', true, 10);
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) return reader.fail('dateAgreed', 'dateInvalid');
  if (!Number.isNaN(today.getTime()) && value > isoDateUtc(today)) return reader.fail('dateAgreed', 'dateInFuture');
  if (value < MCA_START) return reader.fail('dateAgreed', 'agreementDateTooEarly', { earliest: MCA_START });
  return value;
}

/** Input.Toggle sends "true"/"false" strings; a forged submit may send a boolean. */
const isSkip = (value: unknown): boolean => value === true || value === 'true';

/** Step 4: the partner's attestation that the customer accepted the Microsoft Customer Agreement, or skip. */
export function validateAgreementStep(input: unknown, context: { today: Date }): Validated<AgreementStep> {
  const reader = new StepReader(asFields(input));
  if (isSkip(reader.raw('skip'))) return { ok: true, value: { skipped: true } };
  const firstName = readName(reader, 'firstName');
  const lastName = readName(reader, 'lastName');
  const email = readEmail(reader);
  const dateAgreed = readDateAgreed(reader, context.today);
  return validated(reader.errors, () => ({ skipped: false as const, firstName: firstName!, lastName: lastName!, email: email!, dateAgreed: dateAgreed! }));
}

// ------------------------------------------------------------------ domain suggestions

/** Cyrillic → Latin, GOST 7.79-B-like but simplified for domain names (х → kh, ц → ts, щ → shch); incl. uk/be/kk letters. */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};
/** German umlauts as Germans write them in domains; other letters that do not decompose. */
const SPECIAL: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case ASCII words of a name: umlauts spelled out, accents dropped, Cyrillic romanized, anything else removed. */
export function transliterate(text: string): string {
  return [...text.normalize('NFC').toLowerCase()]
    .map((ch) => SPECIAL[ch] ?? CYRILLIC[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Drops legal forms at either end: `ooo romashka` → `romashka`, `schaefer soehne kg` → `schaefer soehne`, `acme co ltd` → `acme`. */
function withoutLegalForms(words: string[]): string[] {
  const rest = [...words];
  let changed = true;
  while (changed && rest.length > 1) {
    changed = false;
    for (let n = Math.min(4, rest.length - 1); n >= 1 && !changed; n--) {
      if (LEGAL_FORMS.has(rest.slice(-n).join(''))) {
        rest.splice(-n, n);
        changed = true;
      } else if (LEGAL_FORMS.has(rest.slice(0, n).join(''))) {
        rest.splice(0, n);
        changed = true;
      }
    }
  }
  return rest;
}

/** Whole words while they fit, else a hard cut. */
function fit(words: readonly string[], max: number): string {
  let joined = '';
  for (const word of words) {
    if ((joined + word).length > max) break;
    joined += word;
  }
  return joined || (words[0] ?? '').slice(0, max);
}

/** A stable 4-digit number per name, so two Chinese companies do not get the same generic suggestions. */
function nameNumber(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return 1000 + (hash % 9000);
}

export interface SuggestionOptions {
  /** Adds a variant with the country code (`contosode`). */
  country?: string;
  /** Longest prefix to suggest; 27 by default (use 22 for `.partner.onmschina.cn`). */
  maxLength?: number;
}

/** The most candidates tried, so an `isTaken` that always says yes cannot loop forever. */
const MAX_TRIES = 2000;

/**
 * Up to `count` free domain prefixes derived from the company name, best
 * first: the joined words, shorter word combinations, then with the country
 * code and with digits. Names without Latin or Cyrillic letters (Chinese,
 * Japanese) cannot be romanized reliably: they get `company` plus digits.
 */
export function suggestDomainPrefixes(
  companyName: string,
  isTaken: (prefix: string) => boolean,
  count = 3,
  options: SuggestionOptions = {},
): string[] {
  const max = Math.max(1, Math.min(options.maxLength ?? DOMAIN.prefixMax, DOMAIN.prefixMax));
  const name = typeof companyName === 'string' ? companyName.slice(0, COMPANY_NAME.max) : '';
  const words = withoutLegalForms(transliterate(name).split(' ').filter(Boolean));
  const country = /^[A-Za-z]{2}$/.test(options.country ?? '') ? options.country!.toLowerCase() : '';

  const candidates = function* (): Generator<string> {
    if (words.length === 0 || words.join('').length < 2) {
      const start = nameNumber(name);
      for (let n = 0; ; n++) yield fit(['company'], max - 4) + String(start + n).slice(-4);
    }
    const base = fit(words, max);
    yield base;
    if (words.length > 2) yield fit(words.slice(0, 2), max);
    if (words.length > 1 && words[0]!.length >= 4) yield fit(words.slice(0, 1), max);
    if (country) yield fit(words, max - 2) + country;
    for (let n = 1; ; n++) yield fit(words, max - String(n).length) + String(n);
  };

  const found: string[] = [];
  const seen = new Set<string>();
  let tries = 0;
  for (const candidate of candidates()) {
    if (found.length >= count || tries++ >= MAX_TRIES) break;
    if (seen.has(candidate) || !/^[a-z0-9]+$/.test(candidate) || candidate.length > max) continue;
    seen.add(candidate);
    if (!isTaken(candidate)) found.push(candidate);
  }
  return found;
}
