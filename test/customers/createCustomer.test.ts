import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainTakenError, type NewCustomer } from '../../src/customers/customerStore.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';

const request = (domain: string): NewCustomer => ({
  companyProfile: { domain, companyName: 'Nordlicht Software GmbH' },
  billingProfile: { companyName: 'Nordlicht Software GmbH', firstName: 'Greta', lastName: 'Lindqvist', email: 'g@n.example', culture: 'de-DE', language: 'de', defaultAddress: { country: 'DE', addressLine1: 'Friedrichstraße 123' } },
  relationshipToPartner: 'reseller',
  createdAt: '2026-12-01T10:00:00.000Z',
  subscriptions: [],
  adminUserName: `admin@${domain}`,
});

describe('creating a customer (the local backend, playing Partner Center)', () => {
  let dataDir: string;
  let directory: LowdbCustomerDirectory;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-create-'));
    directory = new LowdbCustomerDirectory({ dataDir });
  });
  afterEach(async () => {
    await directory.flush();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes the ids and the admin\'s temporary password itself, and stores no password', async () => {
    const created = await directory.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' });
    expect(created.replayed).toBe(false);
    expect(created.customer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.customer.companyProfile.tenantId).toBe(created.customer.id);
    expect(created.customer.commerceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.userCredentials).toEqual({ userName: 'admin@nordlicht.onmicrosoft.com', password: expect.stringMatching(/^\S{16}$/) });
    await directory.flush();
    const reread = await new LowdbCustomerDirectory({ dataDir }).get('partner-a', created.customer.id);
    expect(reread?.companyProfile.companyName).toBe('Nordlicht Software GmbH');
    expect(JSON.stringify(reread)).not.toContain(created.userCredentials!.password);
  });

  it('answers a repeated request (same request id) with the customer it made, without credentials, and makes no second one', async () => {
    const first = await directory.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' });
    const again = await directory.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' });
    expect(again).toEqual({ customer: first.customer, replayed: true });
    expect(await directory.count('partner-a')).toBe(1);
    // Also after a restart (the request id is kept with the customer).
    await directory.flush();
    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect((await restarted.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' })).replayed).toBe(true);
  });

  it('refuses a domain another request took, in any partner tenant; simultaneous requests for one domain make one customer', async () => {
    await directory.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' });
    await expect(directory.create('partner-b', request('nordlicht.onmicrosoft.com'), { requestId: 'r-2' })).rejects.toBeInstanceOf(DomainTakenError);
    const results = await Promise.allSettled(['r-3', 'r-4', 'r-5'].map((requestId) => directory.create('partner-c', request('race.onmicrosoft.com'), { requestId })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await directory.count('partner-c')).toBe(1);
  });

  it('tells which of several domains are free in one call, ignoring case', async () => {
    await directory.create('partner-a', request('nordlicht.onmicrosoft.com'), { requestId: 'r-1' });
    const free = await directory.availableDomains(['NordLicht.onmicrosoft.com', 'nordlicht2.onmicrosoft.com', 'nordlichtsoftware.onmicrosoft.com']);
    expect([...free]).toEqual(['nordlicht2.onmicrosoft.com', 'nordlichtsoftware.onmicrosoft.com']);
  });
});
