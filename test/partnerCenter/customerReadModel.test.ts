import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendContext } from '../../src/customers/ports.js';
import { createLogger } from '../../src/logger.js';
import { PartnerCenterBackend } from '../../src/partnerCenter/partnerCenterBackend.js';
import { partnerCustomers, seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

const PARTNER = 'partner-1';
const FILLER = 1_200;

describe('the read model of Partner Center\'s customer list', () => {
  let server: PartnerCenterServer;
  let dataDir: string;
  let ctx: BackendContext;
  const backend = (refreshAfterMs?: number) =>
    new PartnerCenterBackend({ baseUrl: server.url, dataDir, timeoutMs: 2_000, logger: createLogger('silent'), sleep: async () => undefined, ...(refreshAfterMs !== undefined ? { refreshAfterMs } : {}) });
  beforeEach(async () => {
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, FILLER);
    const token = server.tokens.signIn('user-1', PARTNER);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-readmodel-'));
    ctx = { tenantId: PARTNER, user: { key: 'user-1', name: 'Anna' }, locale: { formatLocale: 'de-DE' }, correlationId: 'c-1', credentials: { accessToken: async () => token, invalidate: async () => undefined } };
  });
  afterEach(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const checkpoint = () => {
    const dir = path.join(dataDir, 'partnercenter');
    const file = readdirSync(dir).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!;
    return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { complete: boolean; next?: { headers: Record<string, string> }; customers: unknown[] };
  };

  it('reads 500 a page, one call at a time; stopped by a long 429 it keeps its checkpoint, and after a restart it goes on from there', async () => {
    const first = backend();
    // Page 2 meets a 429 longer than the client waits: the read stops there.
    server.faults.push({ method: 'GET', path: /^\/v1\/customers$/, when: (c) => c.headers['ms-continuationtoken'] !== undefined, status: 429, headers: { 'Retry-After': '600' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 600 seconds.' } });
    const page = await first.list.page(ctx, { relationship: 'active', locale: 'de-DE', size: 10 });
    expect(page.complete).toBe(false);
    await first.close();
    expect(server.faults).toEqual([]);
    const saved = checkpoint();
    expect(saved.complete).toBe(false);
    expect(saved.customers).toHaveLength(500);
    const token = saved.next!.headers['MS-ContinuationToken']!;
    expect(token).toBeTruthy();

    // A new process resumes at the saved continuation token: page 1 is not read again.
    const before = server.apiCalls('GET').length;
    const restarted = backend();
    await restarted.list.all(ctx, { relationship: 'active', locale: 'de-DE' });
    const after = server.apiCalls('GET').slice(before).filter((c) => c.path === '/v1/customers');
    expect(after[0]!.headers['ms-continuationtoken']).toBe(token);
    expect(after.every((c) => c.headers['ms-continuationtoken'])).toBe(true);
    expect(after).toHaveLength(2);
    expect(checkpoint()).toMatchObject({ complete: true });
    expect(await restarted.list.count(ctx, 'active')).toBe(partnerCustomers(FILLER).length);
  });

  it('is read again in the background when older than the refresh age, and serves the old list meanwhile', async () => {
    const model = backend(0);
    await model.list.all(ctx, { relationship: 'active', locale: 'de-DE' });
    server.customersOf(PARTNER).push({ ...server.customersOf(PARTNER)[0]!, id: '00000000-0000-4000-8000-0000000000aa', companyProfile: { domain: 'neu.onmicrosoft.com', companyName: 'Neukunde AG' } });
    const stale = await model.list.page(ctx, { relationship: 'active', search: 'neukunde', locale: 'de-DE', size: 10 });
    expect(stale).toMatchObject({ complete: true, items: [] });
    await model.readModel.idle();
    const fresh = await model.list.page(ctx, { relationship: 'active', search: 'neukunde', locale: 'de-DE', size: 10 });
    expect(fresh.items.map((c) => c.companyName)).toEqual(['Neukunde AG']);
  });

  it('close waits for a change the bot made that is still being written (nothing is written after it)', async () => {
    const pc = backend();
    await pc.list.all(ctx, { relationship: 'active', locale: 'de-DE' });
    const [summary] = (await pc.list.page(ctx, { relationship: 'active', locale: 'de-DE', size: 1 })).items;
    const customer = (await pc.accounts.get(ctx, summary!.id))!.value;
    // The turn does not wait for the copy to be updated; closing must.
    pc.list.changed(ctx, { ...customer, companyProfile: { ...customer.companyProfile, companyName: 'Umbenannt GmbH' } });
    await pc.close();
    expect(JSON.stringify(checkpoint().customers)).toContain('Umbenannt GmbH');
  });

  it('keeps company names and domains only: no contact data, no token', async () => {
    const model = backend();
    await model.list.all(ctx, { relationship: 'active', locale: 'de-DE' });
    const text = JSON.stringify(checkpoint());
    expect(text).toContain('Nordwind Handel 0000 GmbH');
    expect(text).not.toContain('contact@');
    expect(text).not.toContain('pc-token-');
  });

  it('before the copy is complete, searches Partner Center by prefix: a name with a dot by company name, a domain by domain', async () => {
    const filterOf = async (term: string) => {
      const before = server.apiCalls('GET').length;
      const fresh = backend();
      const page = await fresh.list.page(ctx, { relationship: 'active', search: term, locale: 'en-US', size: 10 });
      await fresh.close();
      rmSync(path.join(dataDir, 'partnercenter'), { recursive: true, force: true });
      const call = server.apiCalls('GET').slice(before).find((c) => c.query.get('filter'));
      return { names: page.items.map((c) => c.companyName), filter: JSON.parse(call!.query.get('filter')!) as Record<string, string> };
    };
    expect(await filterOf('Maple Leaf Robotics Inc.')).toEqual({ names: ['Maple Leaf Robotics Inc.'], filter: { Field: 'CompanyName', Value: 'Maple Leaf Robotics Inc.', Operator: 'starts_with' } });
    expect(await filterOf('thamesvalley.onmicrosoft')).toMatchObject({ filter: { Field: 'Domain', Value: 'thamesvalley.onmicrosoft' } });
  });

  it("filters by indirect reseller: before the copy is complete with Partner Center's IndirectReseller filter (a term narrowing that page), then from the copy", async () => {
    const RESELLER = '484e548c-f5f3-4528-93a9-c16c6373cb59';
    const [first, second, third] = server.customersOf(PARTNER);
    for (const c of [first!, second!]) c.associatedPartnerId = RESELLER;
    third!.associatedPartnerId = 'b01b1487-b36e-4e6d-9b5e-0b58974c4b28';
    const names = (items: Array<{ companyName: string }>) => items.map((c) => c.companyName).sort();
    const live = backend();
    const before = server.apiCalls('GET').length;
    const page = await live.list.page(ctx, { relationship: 'active', reseller: RESELLER, locale: 'en-US', size: 10 });
    expect(page.complete).toBe(false);
    expect(names(page.items)).toEqual(names([first!, second!].map((c) => ({ companyName: c.companyProfile!.companyName! }))));
    const call = server.apiCalls('GET').slice(before).find((c) => c.query.get('filter'))!;
    expect(JSON.parse(call.query.get('filter')!)).toEqual({ Field: 'IndirectReseller', Value: RESELLER, Operator: 'starts_with' });
    const narrowed = await live.list.page(ctx, { relationship: 'active', reseller: RESELLER, search: second!.companyProfile!.companyName!.slice(0, 6), locale: 'en-US', size: 10 });
    expect(narrowed.items.map((c) => c.id)).toContain(second!.id);
    expect(narrowed.items.map((c) => c.id)).not.toContain(first!.id);
    await live.readModel.idle();
    const copied = await live.list.page(ctx, { relationship: 'active', reseller: RESELLER, locale: 'en-US', size: 10 });
    expect(copied).toMatchObject({ complete: true, total: 2 });
    expect(copied.items.map((c) => c.id).sort()).toEqual([first!.id, second!.id].sort());
    await live.close();
  });
});
