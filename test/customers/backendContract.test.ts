import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainTakenError } from '../../src/customers/customerStore.js';
import { LocalCustomerBackend } from '../../src/customers/localBackend.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { newCustomer } from '../../src/customers/newCustomer.js';
import type { BackendContext, CustomerBackend, ListQuery } from '../../src/customers/ports.js';
import { createLogger } from '../../src/logger.js';
import { PartnerCenterBackend } from '../../src/partnerCenter/partnerCenterBackend.js';
import { partnerCustomers, toPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

/** Customers beyond the demo ones: enough for several pages of the list. */
const FILLER = 45;
const PARTNER = 'partner-tenant-1';

interface Harness {
  backend: CustomerBackend;
  ctx: (partner?: string) => BackendContext;
  /** Waits until the backend's list is whole (Partner Center: the read model's background read). */
  settle: () => Promise<void>;
  close: () => Promise<void>;
}

const context = (tenantId: string, token: () => Promise<string>): BackendContext => ({
  tenantId,
  user: { key: 'user-1', aadObjectId: 'aad-user-1', name: 'Anna' },
  locale: { formatLocale: 'de-DE' },
  correlationId: 'correlation-1',
  credentials: { accessToken: token, invalidate: async () => undefined },
});

const HARNESSES: Record<string, () => Promise<Harness>> = {
  async local() {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-contract-local-'));
    const store = new LowdbCustomerDirectory({ dataDir });
    await store.add(PARTNER, partnerCustomers(FILLER));
    await store.add('partner-tenant-2', []);
    const noToken = () => Promise.reject(new Error('the embedded backend asked for a token'));
    return { backend: new LocalCustomerBackend(store), ctx: (partner = PARTNER) => context(partner, noToken), settle: async () => undefined, close: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
  async partnercenter() {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-contract-pc-'));
    const server = await new PartnerCenterServer().start();
    server.customersOf(PARTNER).push(...partnerCustomers(FILLER).map(toPartnerCenter));
    const tokens = { [PARTNER]: server.tokens.signIn('user-1', PARTNER), 'partner-tenant-2': server.tokens.signIn('user-2', 'partner-tenant-2') };
    const backend = new PartnerCenterBackend({ baseUrl: server.url, dataDir, timeoutMs: 2_000, logger: createLogger('silent'), sleep: async () => undefined });
    const ctx = (partner = PARTNER) => context(partner, async () => tokens[partner as keyof typeof tokens]!);
    return {
      backend,
      ctx,
      settle: async () => void (await backend.list.all(ctx(), { relationship: 'active', locale: 'de-DE' })),
      close: async () => {
        await backend.close();
        // Every request the backend sent, and every answer, fits the official Swagger.
        expect(server.violations).toEqual([]);
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const request = (domainPrefix: string) =>
  newCustomer({
    country: 'DE',
    companyName: 'Nordlicht Software GmbH',
    domain: `${domainPrefix}.onmicrosoft.com`,
    address: { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
    contact: { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE', language: 'de' },
    agreement: undefined,
    createdBy: 'aad-user-1',
    now: new Date('2026-11-21T10:00:00Z'),
  });

/** Every page of a list, following `next` from the first page. */
async function allPages(backend: CustomerBackend, ctx: BackendContext, query: Omit<ListQuery, 'cursor'>) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await backend.list.page(ctx, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next;
  } while (cursor && pages.length < 100);
  return pages;
}

describe.each(Object.keys(HARNESSES))('the %s backend (one contract for both)', (name) => {
  let h: Harness;
  beforeEach(async () => (h = await HARNESSES[name]!()));
  afterEach(async () => h.close());

  it('reads a customer with what it has (subscriptions, reservations and software); an unknown or another partner\'s id is not found', async () => {
    const mueller = partnerCustomers(0).find((c) => c.companyProfile.companyName.startsWith('Müller'))!;
    const found = (await h.backend.accounts.get(h.ctx(), mueller.id))!.value;
    expect(found.companyProfile).toMatchObject({ domain: mueller.companyProfile.domain, companyName: mueller.companyProfile.companyName });
    expect(found.billingProfile.defaultAddress.country).toBe(mueller.billingProfile.defaultAddress.country);
    expect(new Set(found.subscriptions.filter((s) => s.status === 'active').map((s) => s.kind))).toEqual(new Set(mueller.subscriptions.filter((s) => s.status === 'active').map((s) => s.kind)));
    expect(await h.backend.accounts.get(h.ctx(), '00000000-0000-4000-8000-999999999999')).toBeUndefined();
    expect(await h.backend.accounts.get(h.ctx('partner-tenant-2'), mueller.id)).toBeUndefined();
  });

  it('creates once per request id: the backend makes the ids and the password; the same request again makes nothing', async () => {
    const first = await h.backend.accounts.create(h.ctx(), request('nordlichtcontract'), { requestId: 'create-1' });
    expect(first.customer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.customer.companyProfile.domain).toBe('nordlichtcontract.onmicrosoft.com');
    expect(first.userCredentials).toEqual({ userName: 'admin@nordlichtcontract.onmicrosoft.com', password: expect.stringMatching(/\S{12,}/) });
    const again = await h.backend.accounts.create(h.ctx(), request('nordlichtcontract'), { requestId: 'create-1' });
    expect(again.customer.id).toBe(first.customer.id);
    expect(await h.backend.domains.available(h.ctx(), ['nordlichtcontract.onmicrosoft.com'])).toEqual(new Set());
    await h.settle();
    const { items } = await h.backend.list.page(h.ctx(), { relationship: 'active', search: 'nordlicht software', locale: 'de-DE', size: 10 });
    expect(items.map((c) => c.id)).toEqual([first.customer.id]);
  });

  it('gives the partner\'s invitation link (reseller relationship request): one per partner, delegated admin privileges as asked', async () => {
    const withDap = await h.backend.relationshipRequests.invitationLink(h.ctx(), { delegatedAdmin: true });
    const without = await h.backend.relationshipRequests.invitationLink(h.ctx(), { delegatedAdmin: false });
    const other = await h.backend.relationshipRequests.invitationLink(h.ctx('partner-tenant-2'), { delegatedAdmin: true });
    for (const link of [withDap, without, other]) expect(link).toMatch(/^https:\/\/admin\.microsoft\.com\/Adminportal\/Home\?invType=ResellerRelationship&partnerId=[^&]+&msppId=0&DAP=(true|false)#\/BillingAccounts\/partner-invitation$/);
    expect(new URL(withDap).searchParams.get('DAP')).toBe('true');
    expect(new URL(without).searchParams.get('DAP')).toBe('false');
    expect(new URL(other).searchParams.get('partnerId')).not.toBe(new URL(withDap).searchParams.get('partnerId'));
  });

  it('refuses a domain that is taken, and tells which of several domains are free in one call', async () => {
    const taken = partnerCustomers(0)[0]!.companyProfile.domain;
    await expect(h.backend.accounts.create(h.ctx(), request(taken.split('.')[0]!), { requestId: 'create-taken' })).rejects.toBeInstanceOf(DomainTakenError);
    expect(await h.backend.domains.available(h.ctx(), [taken, 'free-one.onmicrosoft.com', 'free-two.onmicrosoft.com'])).toEqual(new Set(['free-one.onmicrosoft.com', 'free-two.onmicrosoft.com']));
  });

  it('removes a reseller relationship once per request id; the list then shows it among the ended ones', async () => {
    const customer = partnerCustomers(0).find((c) => c.subscriptions.every((s) => s.status !== 'active'))!;
    const removal = { requestId: 'removal-1', at: '2026-11-21T10:00:00.000Z', by: 'aad-user-1' };
    const first = await h.backend.accounts.removeResellerRelationship(h.ctx(), customer.id, removal);
    expect(first).toMatchObject({ outcome: 'removed', customer: { id: customer.id, relationshipToPartner: 'none' } });
    expect(await h.backend.accounts.removeResellerRelationship(h.ctx(), customer.id, removal)).toMatchObject({ outcome: 'removed' });
    expect((await h.backend.accounts.get(h.ctx(), customer.id))?.value.relationshipToPartner).toBe('none');
    expect(await h.backend.accounts.removeResellerRelationship(h.ctx(), '00000000-0000-4000-8000-999999999999', { ...removal, requestId: 'removal-2' })).toEqual({ outcome: 'notFound' });
    await h.settle();
    h.backend.list.changed(h.ctx(), first.outcome === 'removed' ? first.customer : customer);
    const ended = await h.backend.list.page(h.ctx(), { relationship: 'ended', locale: 'de-DE', size: 10 });
    expect(ended.items.map((c) => c.id)).toContain(customer.id);
  });

  it('pages the whole list by cursor, each customer once, then counts and searches it in any script', async () => {
    await h.settle();
    const expected = partnerCustomers(FILLER).length;
    const pages = await allPages(h.backend, h.ctx(), { relationship: 'active', locale: 'de-DE', size: 10 });
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    expect(pages.map((p) => p.number)).toEqual(pages.map((_, i) => i + 1));
    expect(pages.at(-1)!.previous).toBeDefined();
    expect(await h.backend.list.count(h.ctx(), 'active')).toBe(expected);
    const search = async (term: string) => (await h.backend.list.page(h.ctx(), { relationship: 'active', search: term, locale: 'ru-RU', size: 50 })).items.map((c) => c.companyName);
    // Substring, not only prefix; case- and accent-insensitive; Cyrillic and Chinese.
    expect(await search('ветер 0004')).toEqual(['ООО «Северный ветер 0004»']);
    expect(await search('贸易0005')).toEqual(['北风贸易0005有限公司']);
    expect((await search('muller')).some((n) => n.startsWith('Müller'))).toBe(true);
    expect(await h.backend.list.all(h.ctx(), { relationship: 'active', search: 'handel 000', locale: 'de-DE' })).toHaveLength(4);
  });

  it('reads a billing profile with its etag and writes it only with the current one: of two writers, exactly one wins', async () => {
    const id = partnerCustomers(0)[0]!.id;
    const read = (await h.backend.billingProfiles.get(h.ctx(), id))!;
    expect(read.value.companyName).toBe(partnerCustomers(0)[0]!.billingProfile.companyName);
    expect(read.etag).toBeTruthy();
    const edited = { ...read.value, firstName: 'Greta', defaultAddress: { ...read.value.defaultAddress, city: 'Hamburg' } };
    const other = { ...read.value, lastName: 'Berg' };
    const [a, b] = await Promise.all([
      h.backend.billingProfiles.update(h.ctx(), id, edited, { etag: read.etag!, requestId: 'profile-a' }),
      h.backend.billingProfiles.update(h.ctx(), id, other, { etag: read.etag!, requestId: 'profile-b' }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['stale', 'updated']);
    const winner = a.outcome === 'updated' ? edited : other;
    const loser = a.outcome === 'stale' ? a : b;
    // The one who lost gets the profile as it is now, with its new etag: nothing of theirs was written.
    expect(loser).toMatchObject({ outcome: 'stale', current: { value: { firstName: winner.firstName, lastName: winner.lastName } } });
    const now = (await h.backend.billingProfiles.get(h.ctx(), id))!;
    expect(now.value).toMatchObject({ firstName: winner.firstName, lastName: winner.lastName, defaultAddress: { city: winner.defaultAddress.city } });
    expect(now.etag).not.toBe(read.etag);
    expect(await h.backend.billingProfiles.get(h.ctx(), '00000000-0000-4000-8000-999999999999')).toBeUndefined();
    expect(await h.backend.billingProfiles.get(h.ctx('partner-tenant-2'), id)).toBeUndefined();
  });

  it('lists a customer\'s users, creates one per request id (a repeat makes nothing, a taken name is "exists"), and assigns licences while there are free ones', async () => {
    const customer = partnerCustomers(0).find((c) => (c.subscribedSkus ?? []).some((k) => k.totalUnits - k.consumedUnits >= 1))!;
    const domain = customer.companyProfile.domain;
    expect((await h.backend.users.list(h.ctx(), customer.id)).map((u) => u.userPrincipalName)).toEqual(expect.arrayContaining([`admin@${domain}`, `contact@${domain}`]));
    const user = { userPrincipalName: `greta@${domain}`, displayName: 'Greta Lindqvist', firstName: 'Greta', lastName: 'Lindqvist', usageLocation: 'DE', password: 'Tmp!Pass-1234' };
    const first = await h.backend.users.create(h.ctx(), customer.id, user, { requestId: 'user-1' });
    expect(first).toMatchObject({ outcome: 'created', user: { userPrincipalName: `greta@${domain}`, displayName: 'Greta Lindqvist' } });
    expect(await h.backend.users.create(h.ctx(), customer.id, user, { requestId: 'user-1' })).toMatchObject({ outcome: 'created' });
    expect(await h.backend.users.create(h.ctx(), customer.id, { ...user, userPrincipalName: `admin@${domain}` }, { requestId: 'user-2' })).toMatchObject({ outcome: 'exists' });
    const listed = await h.backend.users.list(h.ctx(), customer.id);
    expect(listed.filter((u) => u.userPrincipalName === `greta@${domain}`)).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('Tmp!Pass-1234');

    const sku = (await h.backend.licences.subscribedSkus(h.ctx(), customer.id)).find((k) => k.totalUnits - k.consumedUnits >= 1)!;
    const free = sku.totalUnits - sku.consumedUnits;
    const id = first.outcome === 'created' ? first.user.id : '';
    expect(await h.backend.licences.assign(h.ctx(), customer.id, id, [sku.skuId], { requestId: 'licence-1' })).toEqual({ outcome: 'assigned' });
    expect((await h.backend.licences.subscribedSkus(h.ctx(), customer.id)).find((k) => k.skuId === sku.skuId)!.consumedUnits).toBe(sku.consumedUnits + 1);
    // Use up what is left, then one more is refused.
    for (let i = 1; i < free; i++) {
      const extra = await h.backend.users.create(h.ctx(), customer.id, { ...user, userPrincipalName: `extra${i}@${domain}` }, { requestId: `extra-${i}` });
      expect(await h.backend.licences.assign(h.ctx(), customer.id, extra.outcome === 'created' ? extra.user.id : '', [sku.skuId], { requestId: `licence-extra-${i}` })).toEqual({ outcome: 'assigned' });
    }
    const last = await h.backend.users.create(h.ctx(), customer.id, { ...user, userPrincipalName: `last@${domain}` }, { requestId: 'last' });
    expect(await h.backend.licences.assign(h.ctx(), customer.id, last.outcome === 'created' ? last.user.id : '', [sku.skuId], { requestId: 'licence-last' })).toMatchObject({ outcome: 'notEnough', skuId: sku.skuId });
  });
});
