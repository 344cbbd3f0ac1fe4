/** The add-customer wizard's step validators: each rule passes a good value and fails a bad one; forged input never throws. */
import { demoCustomers } from '../../src/customers/demoData.js';
import {
  isCalendarDate,
  isValidBin,
  isValidEmail,
  isValidInn,
  validateAddressStep,
  validateAgreementStep,
  validateCompanyStep,
  validateContactStep,
} from '../../src/rules/customerRules.js';
import { ERROR_CODES, type FieldError, type Validated } from '../../src/rules/validationResult.js';

const SUFFIX = { domainSuffix: '.onmicrosoft.com' };
const TODAY = { today: new Date('2025-06-01T12:00:00Z') };

const COMPANY = { country: 'DE', companyName: 'Contoso Maschinenbau GmbH', domainPrefix: 'contosomb' };
const US_ADDRESS = { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', phoneNumber: '+1 425 882 8080' };
const RU_ADDRESS = {
  addressLine1: 'ул. Тверская, д. 7',
  city: 'Москва',
  postalCode: '125009',
  phoneNumber: '+7 495 629-31-50',
  organizationRegistrationNumber: '7707083893',
};
const CONTACT = { firstName: 'Jürgen', lastName: 'Weiß', email: 'j.weiss@contoso.de', culture: 'de-DE' };
const AGREEMENT = { firstName: 'Anna', lastName: 'Schmidt', email: 'anna@contoso.de', dateAgreed: '2024-05-17' };

/** The errors of a failed result (fails the test if it passed). */
function errorsOf<T>(result: Validated<T>): FieldError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}
const codesOf = <T>(result: Validated<T>) => errorsOf(result).map((e) => `${e.field}:${e.code}`);
function valueOf<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('validateCompanyStep', () => {
  it('returns trimmed, normalized values', () => {
    expect(valueOf(validateCompanyStep({ country: ' de ', companyName: '  Contoso  GmbH ', domainPrefix: ' ContosoMB ' }, SUFFIX))).toEqual({
      country: 'DE',
      companyName: 'Contoso  GmbH',
      domainPrefix: 'contosomb',
    });
  });

  it('reports every field at once', () => {
    expect(codesOf(validateCompanyStep({}, SUFFIX))).toEqual(['country:required', 'companyName:required', 'domainPrefix:required']);
  });

  it.each([
    ['country', 'gb'],
    ['country', 'KZ'],
    ['companyName', 'HP'],
    ['companyName', 'Müller & Söhne GmbH & Co. KG'],
    ['companyName', 'Fabrikam Co.,Ltd.'],
    ['companyName', '3M Deutschland GmbH'],
    ['companyName', 'ООО «Ромашка»'],
    ['companyName', '北京星辰科技有限公司'],
    ['companyName', 'x'.repeat(255)],
    ['domainPrefix', 'a'],
    ['domainPrefix', 'A1b2C3'],
    ['domainPrefix', 'x'.repeat(27)],
    ['domainPrefix', 'contoso.onmicrosoft.com'],
  ])('accepts %s %j', (field, value) => {
    expect(validateCompanyStep({ ...COMPANY, [field]: value }, SUFFIX).ok).toBe(true);
  });

  it.each([
    ['country', 'UK', 'countryUseGb', { suggestion: 'GB' }],
    ['country', 'ZZ', 'countryUnknown', undefined],
    ['country', 'Germany', 'countryUnknown', undefined],
    ['country', 'KP', 'countryNotOffered', undefined],
    ['country', '', 'required', undefined],
    ['companyName', 'A', 'tooShort', { min: 2 }],
    ['companyName', 'x'.repeat(256), 'tooLong', { max: 255 }],
    ['companyName', '999', 'companyNameOnlyPunctuation', undefined],
    ['companyName', '1 2 3', 'companyNameOnlyPunctuation', undefined],
    ['companyName', '-- !! --', 'companyNameOnlyPunctuation', undefined],
    ['companyName', 'LLC', 'companyNameLegalSuffixOnly', { suffix: 'LLC' }],
    ['companyName', 'inc.', 'companyNameLegalSuffixOnly', { suffix: 'inc.' }],
    ['companyName', 'G.m.b.H.', 'companyNameLegalSuffixOnly', { suffix: 'G.m.b.H.' }],
    ['companyName', 'S.à r.l.', 'companyNameLegalSuffixOnly', { suffix: 'S.à r.l.' }],
    ['companyName', 'ООО', 'companyNameLegalSuffixOnly', { suffix: 'ООО' }],
    ['companyName', '有限公司', 'companyNameLegalSuffixOnly', { suffix: '有限公司' }],
    ['companyName', 'Contoso.com', 'companyNameDomain', undefined],
    ['companyName', 'Contoso.de GmbH', 'companyNameDomain', undefined],
    ['companyName', 'www.contoso', 'companyNameDomain', undefined],
    ['companyName', 'Contoso\nGmbH', 'controlCharacters', undefined],
    ['companyName', 'Contoso\u202EHbmG', 'controlCharacters', undefined],
    ['companyName', '<b>Contoso</b>', 'htmlNotAllowed', undefined],
    ['domainPrefix', 'contoso-gmbh', 'domainPrefixCharacters', undefined],
    ['domainPrefix', 'contoso gmbh', 'domainPrefixCharacters', undefined],
    ['domainPrefix', 'müller', 'domainPrefixCharacters', undefined],
    ['domainPrefix', 'contoso.de', 'domainPrefixCharacters', undefined],
    ['domainPrefix', 'x'.repeat(28), 'tooLong', { max: 27 }],
  ])('refuses %s %j with %s', (field, value, code, params) => {
    expect(errorsOf(validateCompanyStep({ ...COMPANY, [field]: value }, SUFFIX))).toEqual([
      params === undefined ? { field, code } : { field, code, params },
    ]);
  });

  it('checks the full domain length for longer suffixes too', () => {
    const china = { domainSuffix: '.partner.onmschina.cn' };
    expect(validateCompanyStep({ ...COMPANY, domainPrefix: 'x'.repeat(22) }, china).ok).toBe(true);
    expect(errorsOf(validateCompanyStep({ ...COMPANY, domainPrefix: 'x'.repeat(23) }, china))).toEqual([
      { field: 'domainPrefix', code: 'domainLength', params: { min: 17, max: 43, domain: `${'x'.repeat(23)}.partner.onmschina.cn` } },
    ]);
  });
});

describe('validateAddressStep', () => {
  it('normalizes state, postal code and phone', () => {
    expect(valueOf(validateAddressStep({ ...US_ADDRESS, state: 'washington', postalCode: '98052-6399', phoneNumber: '(425) 882-8080' }, 'US'))).toEqual({
      addressLine1: '1 Microsoft Way',
      city: 'Redmond',
      state: 'WA',
      postalCode: '98052-6399',
      phoneNumber: '+14258828080',
    });
    expect(
      valueOf(validateAddressStep({ addressLine1: '200 Bay St', city: 'Toronto', state: 'ontario', postalCode: 'm5j2n1' }, 'CA')),
    ).toMatchObject({ state: 'ON', postalCode: 'M5J 2N1' });
    expect(valueOf(validateAddressStep({ addressLine1: '1 Finsbury Ave', city: 'London', postalCode: 'ec2a2dw' }, 'GB')).postalCode).toBe('EC2A 2DW');
    expect(valueOf(validateAddressStep({ addressLine1: '中关村大街 1 号', city: '北京市', state: '北京', postalCode: '100080' }, 'CN')).state).toBe('Beijing');
    expect(valueOf(validateAddressStep({ ...RU_ADDRESS, phoneNumber: '8 (495) 629-31-50', organizationRegistrationNumber: ' 7707 0838 93 ' }, 'RU'))).toMatchObject({
      phoneNumber: '+74956293150',
      organizationRegistrationNumber: '7707083893',
    });
  });

  it('leaves out optional fields that are empty', () => {
    expect(valueOf(validateAddressStep({ addressLine1: 'Unter den Linden 1', addressLine2: ' ', city: 'Berlin', postalCode: '10117', phoneNumber: '' }, 'DE'))).toEqual({
      addressLine1: 'Unter den Linden 1',
      city: 'Berlin',
      postalCode: '10117',
    });
  });

  it('reports every field at once', () => {
    expect(codesOf(validateAddressStep({}, 'RU'))).toEqual([
      'addressLine1:required',
      'city:required',
      'postalCode:required',
      'phoneNumber:required',
      'organizationRegistrationNumber:required',
    ]);
    expect(codesOf(validateAddressStep({}, 'US'))).toEqual(['addressLine1:required', 'city:required', 'state:required', 'postalCode:required']);
  });

  it.each([
    ['DE', 'addressLine2', 'Hinterhaus, 3. OG'],
    ['DE', 'addressLine1', 'x'.repeat(200)],
    ['DE', 'city', 'Freiburg im Breisgau'],
    ['DE', 'state', 'Baden-Württemberg'],
    ['DE', 'phoneNumber', '+49 30 1234567'],
    ['DE', 'phoneNumber', '030 1234567'],
    ['SG', 'city', ''],
    ['HK', 'postalCode', ''],
    ['AE', 'postalCode', 'PO Box 123'],
    ['RU', 'organizationRegistrationNumber', '500100732259'],
    ['KZ', 'organizationRegistrationNumber', '180840027617'],
    ['UA', 'organizationRegistrationNumber', '00032129'],
    ['HU', 'organizationRegistrationNumber', '01-09-123456'],
  ])('%s accepts %s %j', (country, field, value) => {
    const base = country === 'RU' ? RU_ADDRESS : { addressLine1: 'Street 1', city: 'City', postalCode: countryExample(country) };
    const extra = ['KZ', 'UA', 'HU'].includes(country) ? { phoneNumber: phoneFor(country), organizationRegistrationNumber: 'X' } : {};
    expect(valueOf(validateAddressStep({ ...base, ...extra, [field]: value }, country))).toBeDefined();
  });

  it.each([
    ['US', 'addressLine1', '', 'required', undefined],
    ['US', 'addressLine1', 'x'.repeat(201), 'tooLong', { max: 200 }],
    ['US', 'addressLine2', 'x'.repeat(201), 'tooLong', { max: 200 }],
    ['US', 'city', '', 'required', undefined],
    ['US', 'city', 'x'.repeat(101), 'tooLong', { max: 100 }],
    ['US', 'state', '', 'required', undefined],
    ['US', 'state', 'Bavaria', 'stateUnknown', undefined],
    ['US', 'postalCode', '9805', 'postalCodeFormat', { example: '98052' }],
    ['US', 'postalCode', '<script>', 'postalCodeFormat', { example: '98052' }],
    ['US', 'phoneNumber', '+49 30 1234567', 'phoneInvalid', { example: '+1 201 555 0123' }],
    ['US', 'phoneNumber', '123', 'phoneInvalid', { example: '+1 201 555 0123' }],
    ['US', 'phoneNumber', 'call me', 'phoneInvalid', { example: '+1 201 555 0123' }],
    ['US', 'organizationRegistrationNumber', '123456789', 'registrationNumberNotAllowed', undefined],
    ['AE', 'postalCode', 'x'.repeat(21), 'tooLong', { max: 20 }],
    ['AE', 'postalCode', '<script>', 'postalCodeCharacters', undefined],
    ['RU', 'phoneNumber', '', 'required', undefined],
    ['RU', 'phoneNumber', '+7 727 258 5140', 'phoneInvalid', { example: '+7 912 345 67 89' }],
    ['RU', 'organizationRegistrationNumber', '', 'required', undefined],
    ['RU', 'organizationRegistrationNumber', '77070838', 'innFormat', undefined],
    ['RU', 'organizationRegistrationNumber', '770708389X', 'innFormat', undefined],
    ['RU', 'organizationRegistrationNumber', '7707083894', 'innChecksum', undefined],
    ['RU', 'organizationRegistrationNumber', '500100732258', 'innChecksum', undefined],
    ['KZ', 'organizationRegistrationNumber', '18084002761', 'binFormat', undefined],
    ['KZ', 'organizationRegistrationNumber', '180840027618', 'binChecksum', undefined],
    ['UA', 'organizationRegistrationNumber', '123', 'registrationNumberFormat', { min: 4, max: 20 }],
    ['UA', 'organizationRegistrationNumber', '1234/5678', 'registrationNumberFormat', { min: 4, max: 20 }],
  ])('%s refuses %s %j with %s', (country, field, value, code, params) => {
    const base =
      country === 'US' ? US_ADDRESS : country === 'RU' ? RU_ADDRESS : { addressLine1: 'Street 1', city: 'City', postalCode: countryExample(country) };
    const extra = ['KZ', 'UA'].includes(country) ? { phoneNumber: phoneFor(country), organizationRegistrationNumber: validRegistration(country) } : {};
    expect(errorsOf(validateAddressStep({ ...base, ...extra, [field]: value }, country))).toEqual([
      params === undefined ? { field, code } : { field, code, params },
    ]);
  });
});

function countryExample(country: string): string {
  return { DE: '10117', SG: '018956', HK: '', AE: '', KZ: '050051', UA: '01001', HU: '1051' }[country] ?? '';
}
function phoneFor(country: string): string {
  return { KZ: '+7 727 258 5140', UA: '+380 44 123 4567', HU: '+36 1 234 5678' }[country] ?? '';
}
function validRegistration(country: string): string {
  return { KZ: '180840027617', UA: '00032129' }[country] ?? '';
}

describe('registration number checksums', () => {
  it.each([
    ['7707083893', true],
    ['7707413527', true],
    ['500100732259', true],
    ['7707083894', false],
    ['500100732250', false],
    ['123', false],
  ])('INN %s valid = %s', (inn, valid) => {
    expect(isValidInn(inn)).toBe(valid);
  });

  it.each([
    ['180840027617', true],
    ['000740001307', true],
    ['180840027610', false],
    ['18084002761', false],
  ])('BIN %s valid = %s', (bin, valid) => {
    expect(isValidBin(bin)).toBe(valid);
  });
});

describe('validateContactStep', () => {
  it('returns the values with culture and language', () => {
    expect(valueOf(validateContactStep({ ...CONTACT, email: 'J.Weiss@Contoso.DE' }, 'DE'))).toEqual({
      firstName: 'Jürgen',
      lastName: 'Weiß',
      email: 'J.Weiss@contoso.de',
      culture: 'de-DE',
      language: 'de',
    });
  });

  it.each([
    ['AT', undefined, 'de-AT', 'de'],
    ['AT', '', 'de-AT', 'de'],
    ['AT', 'en-us', 'en-US', 'en'],
    ['CH', 'fr_CH', 'fr-CH', 'fr'],
    ['CN', 'zh-CN', 'zh-CN', 'zh'],
    ['RU', undefined, 'ru-RU', 'ru'],
  ])('%s with culture %j → %s / %s', (country, culture, expectedCulture, language) => {
    expect(valueOf(validateContactStep({ ...CONTACT, culture }, country))).toMatchObject({ culture: expectedCulture, language });
  });

  it('reports every field at once', () => {
    expect(codesOf(validateContactStep({ culture: 'xx-XX' }, 'DE'))).toEqual([
      'firstName:required',
      'lastName:required',
      'email:required',
      'culture:cultureNotOffered',
    ]);
  });

  it.each([
    ['firstName', '李'],
    ['lastName', '王'],
    ['firstName', 'さくら'],
    ['firstName', 'Ян'],
    ['firstName', 'Jo'],
    ['lastName', "O'Brien-Smith"],
    ['lastName', 'x'.repeat(50)],
    ['email', 'first.last+tag@sub.contoso.co.uk'],
    ['email', 'someone@notmicrosoft.com'],
    ['email', 'someone@xn--mller-kva.de'],
  ])('accepts %s %j', (field, value) => {
    expect(validateContactStep({ ...CONTACT, [field]: value }, 'DE').ok).toBe(true);
  });

  it.each([
    ['firstName', '', 'required', undefined],
    ['firstName', 'J', 'nameOneLetter', undefined],
    ['firstName', 'J.', 'nameOneLetter', undefined],
    ['lastName', 'Я', 'nameOneLetter', undefined],
    ['lastName', '...', 'nameNoLetters', undefined],
    ['lastName', '42', 'nameNoLetters', undefined],
    ['lastName', 'x'.repeat(51), 'tooLong', { max: 50 }],
    ['firstName', 'Anna\tMaria', 'controlCharacters', undefined],
    ['firstName', '<img src=x>', 'htmlNotAllowed', undefined],
    ['email', 'not-an-email', 'emailInvalid', undefined],
    ['email', 'a@b', 'emailInvalid', undefined],
    ['email', 'a@@contoso.com', 'emailInvalid', undefined],
    ['email', 'a..b@contoso.com', 'emailInvalid', undefined],
    ['email', 'a b@contoso.com', 'emailInvalid', undefined],
    ['email', 'a@contoso.c', 'emailInvalid', undefined],
    ['email', 'a@-contoso.com', 'emailInvalid', undefined],
    ['email', '"<script>"@contoso.com', 'emailInvalid', undefined],
    ['email', `${'a'.repeat(65)}@contoso.com`, 'emailInvalid', undefined],
    ['email', `a@${'b'.repeat(250)}.com`, 'tooLong', { max: 254 }],
    ['email', 'someone@microsoft.com', 'emailMicrosoft', undefined],
    ['email', 'someone@Support.Microsoft.com', 'emailMicrosoft', undefined],
    ['culture', 'fr-FR', 'cultureNotOffered', undefined],
    ['culture', 42, 'notText', undefined],
  ])('refuses %s %j with %s', (field, value, code, params) => {
    expect(errorsOf(validateContactStep({ ...CONTACT, [field]: value }, 'DE'))).toEqual([
      params === undefined ? { field, code } : { field, code, params },
    ]);
  });

  it("refuses the partner's own domain when given", () => {
    const options = { partnerDomains: ['northwind-it.de'] };
    expect(validateContactStep({ ...CONTACT, email: 'lena@contoso.de' }, 'DE', options).ok).toBe(true);
    expect(codesOf(validateContactStep({ ...CONTACT, email: 'lena@mail.northwind-it.de' }, 'DE', options))).toEqual(['email:emailPartnerDomain']);
  });

  it.each([
    ['user@example.com', true],
    ['user.name@example.co.uk', true],
    ['user@example', false],
    ['@example.com', false],
    ['user@exa_mple.com', false],
  ])('isValidEmail(%j) = %s', (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });
});

describe('validateAgreementStep', () => {
  it.each([{ skip: true }, { skip: 'true' }, { skip: 'true', dateAgreed: 'garbage' }])('skips with %j', (input) => {
    expect(valueOf(validateAgreementStep(input, TODAY))).toEqual({ skipped: true });
  });

  it('returns the attestation', () => {
    expect(valueOf(validateAgreementStep({ ...AGREEMENT, skip: 'false', email: 'Anna@CONTOSO.de' }, TODAY))).toEqual({
      skipped: false,
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: 'Anna@contoso.de',
      dateAgreed: '2024-05-17',
    });
  });

  it('reports every field at once', () => {
    expect(codesOf(validateAgreementStep({}, TODAY))).toEqual(['firstName:required', 'lastName:required', 'email:required', 'dateAgreed:required']);
  });

  it.each(['2019-10-01', '2024-02-29', '2025-06-01'])('accepts the date %s', (dateAgreed) => {
    expect(validateAgreementStep({ ...AGREEMENT, dateAgreed }, TODAY).ok).toBe(true);
  });

  it('compares with today in UTC', () => {
    // 23:30 in New York on 1 June is already 2 June in UTC.
    const lateEvening = { today: new Date('2025-06-01T23:30:00-04:00') };
    expect(validateAgreementStep({ ...AGREEMENT, dateAgreed: '2025-06-02' }, lateEvening).ok).toBe(true);
    expect(codesOf(validateAgreementStep({ ...AGREEMENT, dateAgreed: '2025-06-03' }, lateEvening))).toEqual(['dateAgreed:dateInFuture']);
  });

  it.each([
    ['dateAgreed', '2025-06-02', 'dateInFuture', undefined],
    ['dateAgreed', '2019-09-30', 'agreementDateTooEarly', { earliest: '2019-10-01' }],
    ['dateAgreed', '2023-02-29', 'dateInvalid', undefined],
    ['dateAgreed', '2024-13-01', 'dateInvalid', undefined],
    ['dateAgreed', '17.05.2024', 'dateInvalid', undefined],
    ['dateAgreed', '2024-05-17T00:00:00Z', 'dateInvalid', undefined],
    ['dateAgreed', 'x'.repeat(5000), 'tooLong', { max: 10 }],
    ['dateAgreed', 20240517, 'notText', undefined],
    ['firstName', 'A', 'nameOneLetter', undefined],
    ['email', 'anna@microsoft.com', 'emailMicrosoft', undefined],
  ])('refuses %s %j with %s', (field, value, code, params) => {
    const errors = errorsOf(validateAgreementStep({ ...AGREEMENT, [field]: value }, TODAY));
    expect(errors).toEqual([params === undefined ? { field, code } : { field, code, params }]);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-4-1', false],
  ])('isCalendarDate(%s) = %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });
});

describe('forged card input', () => {
  const huge = 'A'.repeat(100 * 1024);
  const script = '<script>alert(document.cookie)</script>';
  const forged: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'country=DE'],
    ['an array', ['DE', 'Contoso']],
    ['wrong types', { country: 49, companyName: { name: 'x' }, domainPrefix: ['a'], addressLine1: true, city: 7, firstName: [], email: {}, dateAgreed: 1, culture: {} }],
    ['100 KB strings', Object.fromEntries(['country', 'companyName', 'domainPrefix', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phoneNumber', 'organizationRegistrationNumber', 'firstName', 'lastName', 'email', 'culture', 'dateAgreed'].map((k) => [k, huge]))],
    ['script tags', Object.fromEntries(['country', 'companyName', 'domainPrefix', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phoneNumber', 'organizationRegistrationNumber', 'firstName', 'lastName', 'email', 'culture', 'dateAgreed'].map((k) => [k, script]))],
    ['prototype keys', JSON.parse('{"__proto__": {"country": "DE"}, "constructor": "x", "toString": 1}')],
  ];

  const validators: Array<[string, (input: unknown) => Validated<unknown>]> = [
    ['company', (input) => validateCompanyStep(input, SUFFIX)],
    ['address (US)', (input) => validateAddressStep(input, 'US')],
    ['address (RU)', (input) => validateAddressStep(input, 'RU')],
    ['address (unknown country)', (input) => validateAddressStep(input, 'XX')],
    ['contact', (input) => validateContactStep(input, 'DE')],
    ['agreement', (input) => validateAgreementStep(input, TODAY)],
  ];

  const known: readonly string[] = ERROR_CODES;

  it.each(validators.flatMap(([name, validate]) => forged.map(([label, input]) => [name, label, validate, input] as const)))(
    '%s step: %s → field errors, no exception',
    (_name, _label, validate, input) => {
      let result: Validated<unknown> | undefined;
      expect(() => {
        result = validate(input);
      }).not.toThrow();
      const errors = errorsOf(result!);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(known).toContain(error.code);
        // Nothing the user sent comes back in the error params.
        expect(JSON.stringify(error.params ?? {})).not.toContain('<script');
        expect(JSON.stringify(error.params ?? {}).length).toBeLessThan(200);
      }
    },
  );

  it('answers a 100 KB value with tooLong at once', () => {
    expect(errorsOf(validateCompanyStep({ ...COMPANY, companyName: huge }, SUFFIX))).toEqual([{ field: 'companyName', code: 'tooLong', params: { max: 255 } }]);
  });

  it('refuses script tags in every free-text field', () => {
    const fields = ['addressLine1', 'addressLine2', 'city'];
    const errors = errorsOf(validateAddressStep({ ...US_ADDRESS, ...Object.fromEntries(fields.map((f) => [f, script])) }, 'US'));
    expect(errors).toEqual(fields.map((field) => ({ field, code: 'htmlNotAllowed' })));
  });
});

describe('the demo customers', () => {
  it.each(demoCustomers(new Date('2025-01-01T00:00:00Z')).map((c) => [c.companyProfile.companyName, c] as const))('%s passes every step', (_name, customer) => {
    const { billingProfile: billing, companyProfile: company } = customer;
    const address = billing.defaultAddress;
    expect(
      valueOf(validateCompanyStep({ country: address.country, companyName: company.companyName, domainPrefix: company.domain.replace(/\..*$/, '') }, SUFFIX)),
    ).toEqual({ country: address.country, companyName: company.companyName, domainPrefix: company.domain.replace(/\..*$/, '') });
    expect(valueOf(validateAddressStep({ ...address, organizationRegistrationNumber: company.organizationRegistrationNumber }, address.country))).toMatchObject({
      addressLine1: address.addressLine1,
      postalCode: address.postalCode,
      phoneNumber: address.phoneNumber,
    });
    expect(valueOf(validateContactStep({ ...billing }, address.country))).toEqual({
      firstName: billing.firstName,
      lastName: billing.lastName,
      email: billing.email,
      culture: billing.culture,
      language: billing.language,
    });
  });
});
