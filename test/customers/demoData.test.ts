import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Customer } from '../../src/customers/customer.js';
import { SUBSCRIPTION_KINDS } from '../../src/customers/customer.js';
import { demoCustomers, seedDemoData } from '../../src/customers/demoData.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';

const NOW = new Date('2025-06-15T10:00:00.000Z');
const DAY_MS = 86_400_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REGISTRATION_COUNTRIES = ['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA'];
const REASONS = ['noLongerTransacting', 'movedToAnotherPartner', 'customerRequest', 'duplicateOrTest', 'other'];

/** Russian legal-entity INN: weights 2,4,10,3,5,9,4,6,8; sum mod 11 mod 10 = 10th digit. */
function isValidLegalEntityInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(inn[i]), 0);
  return (sum % 11) % 10 === Number(inn[9]);
}

const customers = demoCustomers(NOW);
const address = (c: Customer) => c.billingProfile.defaultAddress;

describe('isValidLegalEntityInn (test helper)', () => {
  it('accepts a known valid INN and rejects a wrong check digit', () => {
    expect(isValidLegalEntityInn('7707083893')).toBe(true); // Sberbank
    expect(isValidLegalEntityInn('7707083894')).toBe(false);
    expect(isValidLegalEntityInn('770708389')).toBe(false);
  });
});

describe('demoCustomers', () => {
  it('returns 20–30 customers, deterministically', () => {
    expect(customers.length).toBeGreaterThanOrEqual(20);
    expect(customers.length).toBeLessThanOrEqual(30);
    expect(demoCustomers(NOW)).toEqual(customers);
  });

  it('covers DE, CN, RU, US, GB and a few other countries', () => {
    const countries = new Set(customers.map((c) => address(c).country));
    for (const country of ['DE', 'CN', 'RU', 'US', 'GB']) expect(countries).toContain(country);
    expect(countries.size).toBeGreaterThanOrEqual(8);
    for (const country of countries) expect(country).toMatch(/^[A-Z]{2}$/);
    expect(countries).not.toContain('UK');
  });

  it('has names in Han, Cyrillic and Latin-with-umlaut scripts', () => {
    const names = customers.map((c) => c.companyProfile.companyName);
    expect(names.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Cyrillic}/u.test(n))).toBe(true);
    expect(names.some((n) => /[äöüÄÖÜ]/u.test(n) && /^[\p{Script=Latin}\p{P}\p{Zs}\d&.]+$/u.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith('Ö'))).toBe(true);
    for (const c of customers) {
      expect(c.billingProfile.companyName).toBe(c.companyProfile.companyName);
      expect(c.companyProfile.companyName.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses unique GUID ids, commerce ids and subscription ids', () => {
    const all = customers.flatMap((c) => [c.id, c.commerceId, ...c.subscriptions.map((s) => s.id)]);
    for (const id of all) expect(id).toMatch(GUID);
    expect(new Set(all).size).toBe(all.length);
    for (const c of customers) expect(c.companyProfile.tenantId).toBe(c.id);
  });

  it('uses unique, valid onmicrosoft.com domains', () => {
    const domains = customers.map((c) => c.companyProfile.domain);
    expect(new Set(domains).size).toBe(domains.length);
    for (const domain of domains) expect(domain).toMatch(/^[a-z0-9]{1,27}\.onmicrosoft\.com$/);
  });

  it('has plausible contacts, cultures and phone numbers', () => {
    for (const c of customers) {
      const { billingProfile: b } = c;
      const country = address(c).country;
      expect(b.culture).toBe(`${b.language}-${country}`);
      expect(b.language).toMatch(/^[a-z]{2}$/);
      expect(b.email).toMatch(/^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(b.email.toLowerCase()).not.toMatch(/@microsoft\.com$/);
      expect(b.firstName.length).toBeGreaterThanOrEqual(1);
      expect(b.lastName.length).toBeGreaterThanOrEqual(1);
      expect(address(c).phoneNumber).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(address(c).addressLine1.length).toBeGreaterThan(0);
    }
    const byCountry = (country: string) => customers.filter((c) => address(c).country === country);
    for (const c of byCountry('CN')) expect(c.billingProfile.lastName).toMatch(/^\p{Script=Han}+$/u);
    for (const c of byCountry('RU')) expect(c.billingProfile.lastName).toMatch(/^\p{Script=Cyrillic}+$/u);
    for (const c of byCountry('DE')) expect(address(c).phoneNumber).toMatch(/^\+49/);
    for (const c of byCountry('US')) expect(address(c).phoneNumber).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
    for (const c of byCountry('RU')) expect(address(c).phoneNumber).toMatch(/^\+7\d{10}$/);
    for (const c of byCountry('CN')) expect(address(c).phoneNumber).toMatch(/^\+86\d{10,11}$/);
    for (const c of byCountry('GB')) expect(address(c).phoneNumber).toMatch(/^\+44\d{10}$/);
  });

  it('has postal codes valid for the country and states where required', () => {
    const postal: Record<string, RegExp> = {
      DE: /^\d{5}$/,
      AT: /^\d{4}$/,
      CH: /^\d{4}$/,
      FR: /^\d{5}$/,
      US: /^\d{5}(-\d{4})?$/,
      GB: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/,
      CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/,
      CN: /^\d{6}$/,
      RU: /^\d{6}$/,
      KZ: /^\d{6}$/,
    };
    for (const c of customers) {
      const a = address(c);
      const pattern = postal[a.country];
      if (pattern) expect(a.postalCode).toMatch(pattern);
      if (['US', 'CN', 'CA'].includes(a.country)) expect(a.state).toBeTruthy();
      if (a.country === 'US') {
        expect(a.state).toMatch(/^[A-Z]{2}$/);
        expect(a.region).toBeUndefined();
      }
    }
  });

  it('has registration numbers only in the eleven countries; RU INNs pass the checksum', () => {
    for (const c of customers) {
      const country = address(c).country;
      const number = c.companyProfile.organizationRegistrationNumber;
      if (REGISTRATION_COUNTRIES.includes(country)) expect(number).toBeDefined();
      else expect(number).toBeUndefined();
      if (country === 'RU') expect(isValidLegalEntityInn(number ?? '')).toBe(true);
      if (country === 'KZ') expect(number).toMatch(/^\d{12}$/);
    }
    expect(customers.filter((c) => address(c).country === 'RU').length).toBeGreaterThanOrEqual(1);
  });

  it('has 3–4 ended relationships, each with a relationshipEnded record', () => {
    const ended = customers.filter((c) => c.relationshipToPartner === 'none');
    expect(ended.length).toBeGreaterThanOrEqual(3);
    expect(ended.length).toBeLessThanOrEqual(4);
    for (const c of customers) {
      if (c.relationshipToPartner === 'none') {
        expect(c.relationshipEnded).toBeDefined();
        expect(REASONS).toContain(c.relationshipEnded?.reason);
        expect(c.relationshipEnded?.by).toBeTruthy();
        const at = Date.parse(c.relationshipEnded?.at ?? '');
        expect(at).toBeGreaterThan(Date.parse(c.createdAt));
        expect(at).toBeLessThanOrEqual(NOW.getTime());
        // Ending the relationship required no active subscriptions.
        expect(c.subscriptions.filter((s) => s.status === 'active')).toEqual([]);
      } else {
        expect(c.relationshipToPartner).toBe('reseller');
        expect(c.relationshipEnded).toBeUndefined();
      }
    }
  });

  it('mixes every subscription kind and the main statuses', () => {
    const subscriptions = customers.flatMap((c) => c.subscriptions);
    const kinds = new Set(subscriptions.map((s) => s.kind));
    for (const kind of SUBSCRIPTION_KINDS) expect(kinds).toContain(kind);
    const statuses = new Set(subscriptions.map((s) => s.status));
    for (const status of ['active', 'suspended', 'deleted']) expect(statuses).toContain(status);
    for (const c of customers) expect(c.subscriptions.length).toBeLessThanOrEqual(4);
    for (const s of subscriptions) {
      expect(s.quantity).toBeGreaterThan(0);
      expect(s.offerName.length).toBeGreaterThan(0);
      expect(s.offerId.length).toBeGreaterThan(0);
    }
    expect(new Set(subscriptions.map((s) => s.offerName))).toContain('Azure plan');
  });

  it('includes a customer without subscriptions, a removable one and several with blockers', () => {
    const resellers = customers.filter((c) => c.relationshipToPartner === 'reseller');
    expect(resellers.some((c) => c.subscriptions.length === 0)).toBe(true);
    expect(
      resellers.some(
        (c) => c.subscriptions.length > 0 && c.subscriptions.every((s) => s.status === 'suspended' || s.status === 'deleted'),
      ),
    ).toBe(true);
    expect(resellers.filter((c) => c.subscriptions.some((s) => s.status === 'active')).length).toBeGreaterThanOrEqual(3);
  });

  it('dates creation over the past ~3 years, relative to now', () => {
    for (const c of customers) {
      const created = Date.parse(c.createdAt);
      expect(created).toBeLessThanOrEqual(NOW.getTime());
      expect(created).toBeGreaterThanOrEqual(NOW.getTime() - 3.1 * 365 * DAY_MS);
      for (const s of c.subscriptions) {
        expect(Date.parse(s.createdAt)).toBeGreaterThanOrEqual(created);
        expect(Date.parse(s.createdAt)).toBeLessThanOrEqual(NOW.getTime());
      }
    }
    const ages = customers.map((c) => NOW.getTime() - Date.parse(c.createdAt));
    expect(Math.max(...ages)).toBeGreaterThan(2.5 * 365 * DAY_MS);
    expect(Math.min(...ages)).toBeLessThan(30 * DAY_MS);

    const later = new Date(NOW.getTime() + 10 * DAY_MS);
    expect(Date.parse(demoCustomers(later)[0]!.createdAt) - Date.parse(customers[0]!.createdAt)).toBe(10 * DAY_MS);
  });
});

describe('seedDemoData', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-seed-test-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds once; a second call (also after a restart) does nothing', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    expect(await seedDemoData(directory, 'sandbox', NOW)).toBe(true);
    expect(await directory.count('sandbox')).toBe(customers.length);
    expect(await directory.list('sandbox')).toEqual(customers);

    expect(await seedDemoData(directory, 'sandbox', NOW)).toBe(false);
    expect(await directory.count('sandbox')).toBe(customers.length);

    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect(await seedDemoData(restarted, 'sandbox', NOW)).toBe(false);
    expect(await restarted.count('sandbox')).toBe(customers.length);
    expect(await restarted.count('other-tenant')).toBe(0);
  });

  it('never seeds a tenant that already exists', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const own = { ...customers[0]!, id: 'own-customer' };
    await directory.add('sandbox', [own]);
    expect(await seedDemoData(directory, 'sandbox', NOW)).toBe(false);
    expect((await directory.list('sandbox')).map((c) => c.id)).toEqual(['own-customer']);

    await directory.add('empty-sandbox', []);
    expect(await seedDemoData(directory, 'empty-sandbox', NOW)).toBe(false);
    expect(await directory.count('empty-sandbox')).toBe(0);
  });
});
