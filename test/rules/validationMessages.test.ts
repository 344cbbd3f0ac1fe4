/**
 * Every message code the rules can emit has a message in
 * locales/{en,de,zh,ru}/validation.json, with the placeholders the rule's
 * params fill, and nothing else is in those files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { projectRoot } from '../../src/paths.js';
import {
  validateAddressStep,
  validateAgreementStep,
  validateCompanyStep,
  validateContactStep,
} from '../../src/rules/customerRules.js';
import { ERROR_CODES, type FieldError, type Validated } from '../../src/rules/validationResult.js';
import { checkKeyParity, checkStrings, checkUntranslated, placeholders, type Locales } from '../support/localeKeys.js';

const ROOT = projectRoot();
const LANGUAGES = ['en', 'de', 'zh', 'ru'] as const;
const bundles = Object.fromEntries(
  LANGUAGES.map((language) => [language, JSON.parse(readFileSync(path.join(ROOT, 'locales', language, 'validation.json'), 'utf8')) as Record<string, unknown>]),
) as Record<(typeof LANGUAGES)[number], Record<string, unknown>>;
const locales: Locales = Object.fromEntries(LANGUAGES.map((language) => [language, { validation: bundles[language] }]));

/** Codes the wizard emits itself (after asking the directory), not the rules in src/rules. */
const EMITTED_ELSEWHERE = ['domainTaken'];

/** Problems with one language's bundle against the code list. */
function bundleProblems(language: string, bundle: Record<string, unknown>, codes: readonly string[]): string[] {
  const missing = codes.filter((code) => typeof bundle[code] !== 'string').map((code) => `${language}: no message for "${code}"`);
  const extra = Object.keys(bundle).filter((key) => !codes.includes(key)).map((key) => `${language}: "${key}" is not an error code`);
  return [...missing, ...extra];
}

/** The codes passed to fail()/fieldError() or written as `code: '…'` in src/rules/*.ts. */
function scanCodes(): Set<string> {
  const dir = path.join(ROOT, 'src', 'rules');
  const found = new Set<string>();
  const pattern = /\b(?:fail|fieldError)\([^,()]+,\s*'(\w+)'|\bcode:\s*'(\w+)'/g;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(pattern)) found.add((match[1] ?? match[2])!);
  }
  return found;
}

/** Errors from a battery of bad input covering every rule. */
function emittedErrors(): FieldError[] {
  const today = { today: new Date('2025-06-01T00:00:00Z') };
  const suffix = { domainSuffix: '.onmicrosoft.com' };
  const results: Array<Validated<unknown>> = [
    validateCompanyStep({ country: 'UK', companyName: 'A', domainPrefix: 'a-b' }, suffix),
    validateCompanyStep({ country: 'ZZ', companyName: 'x'.repeat(300), domainPrefix: 'x'.repeat(28) }, suffix),
    validateCompanyStep({ country: 'KP', companyName: '999', domainPrefix: 'x'.repeat(23) }, { domainSuffix: '.partner.onmschina.cn' }),
    validateCompanyStep({ country: 42, companyName: 'GmbH' }, suffix),
    validateCompanyStep({ companyName: 'Contoso.com' }, suffix),
    validateCompanyStep({ companyName: 'Contoso\u0007' }, suffix),
    validateCompanyStep({ companyName: '<Contoso>' }, suffix),
    validateAddressStep({ state: 'Atlantis', postalCode: '1', phoneNumber: '1', organizationRegistrationNumber: '1' }, 'US'),
    validateAddressStep({ postalCode: '<x>', phoneNumber: 'x' }, 'GS'),
    validateAddressStep({ organizationRegistrationNumber: '1' }, 'RU'),
    validateAddressStep({ organizationRegistrationNumber: '7707083894' }, 'RU'),
    validateAddressStep({ organizationRegistrationNumber: '1' }, 'KZ'),
    validateAddressStep({ organizationRegistrationNumber: '180840027618' }, 'KZ'),
    validateAddressStep({ organizationRegistrationNumber: '1' }, 'UA'),
    validateContactStep({ firstName: '.', lastName: 'J', email: 'x', culture: 'xx' }, 'DE'),
    validateContactStep({ email: 'a@microsoft.com' }, 'DE'),
    validateContactStep({ email: 'a@northwind.de' }, 'DE', { partnerDomains: ['northwind.de'] }),
    validateAgreementStep({ dateAgreed: '2024-02-30' }, today),
    validateAgreementStep({ dateAgreed: '2030-01-01' }, today),
    validateAgreementStep({ dateAgreed: '2019-01-01' }, today),
  ];
  return results.flatMap((result) => (result.ok ? [] : result.errors));
}

describe('validation messages', () => {
  it('has a message for every error code in every language, and no other keys', () => {
    for (const language of LANGUAGES) expect(bundleProblems(language, bundles[language], ERROR_CODES)).toEqual([]);
  });

  it('has flat, non-empty, trimmed strings with the same placeholders as English', () => {
    expect(checkKeyParity(locales)).toEqual([]);
    expect(checkStrings(locales)).toEqual([]);
    for (const language of LANGUAGES) expect(Object.values(bundles[language]).every((v) => typeof v === 'string')).toBe(true);
  });

  it('is translated (no English left in de/zh/ru)', () => {
    expect(checkUntranslated(locales, { identical: [], brandTerms: [] }, 'validation')).toEqual([]);
  });

  it('knows every code written in src/rules, and every code is written there', () => {
    const scanned = scanCodes();
    expect(scanned.size).toBeGreaterThan(20); // the scan sees the rules at all
    expect([...scanned].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(ERROR_CODES.filter((code) => !scanned.has(code) && !EMITTED_ELSEWHERE.includes(code))).toEqual([]);
  });

  it('gets from each emitted error exactly the params its message interpolates', () => {
    const errors = emittedErrors();
    const emitted = new Set(errors.map((e) => e.code));
    expect(ERROR_CODES.filter((code) => !emitted.has(code) && !EMITTED_ELSEWHERE.includes(code))).toEqual([]);
    for (const error of errors) {
      const message = bundles.en[error.code];
      expect(typeof message).toBe('string');
      expect({ code: error.code, params: Object.keys(error.params ?? {}).sort() }).toEqual({ code: error.code, params: placeholders(message as string) });
    }
  });

  it('renders every emitted error in every language without leftover placeholders', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: Object.fromEntries(LANGUAGES.map((language) => [language, { validation: bundles[language] }])),
      ns: ['validation'],
      defaultNS: 'validation',
      interpolation: { escapeValue: false },
    });
    for (const language of LANGUAGES) {
      const t = i18n.getFixedT(language);
      for (const error of emittedErrors()) {
        const text = t(`validation:${error.code}`, error.params ?? {}) as string;
        expect(text).not.toContain('{{');
        expect(text).not.toBe(error.code);
      }
    }
  });

  it('reports a missing or unknown key (the check can fail)', () => {
    expect(bundleProblems('de', { required: 'Pflichtfeld', typo: 'x' }, ['required', 'tooLong'])).toEqual([
      'de: no message for "tooLong"',
      'de: "typo" is not an error code',
    ]);
  });
});
