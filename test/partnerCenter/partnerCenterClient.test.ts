import { BackendRefusal, SignInRequiredError, type BackendContext, type RefusalKind } from '../../src/customers/ports.js';
import { createLogger } from '../../src/logger.js';
import { PartnerCenterClient } from '../../src/partnerCenter/partnerCenterClient.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { startRedis } from '../support/redisServer.js';
import { Redis } from 'ioredis';
import { localizer } from '../support/requestContext.js';
import { Writable } from 'node:stream';

describe('the Partner Center REST client', () => {
  let server: PartnerCenterServer;
  let token: string;
  let waits: number[];
  let invalidated: number;
  let logLines: string[];
  let client: PartnerCenterClient;
  const ctx = (): BackendContext => ({
    tenantId: 'partner-1',
    user: { key: 'user-1', name: 'Anna' },
    locale: { formatLocale: 'ru-RU' },
    correlationId: 'correlation-42',
    credentials: { accessToken: async () => token, invalidate: async () => void invalidated++ },
  });
  beforeEach(async () => {
    server = await new PartnerCenterServer().start();
    server.customersOf('partner-1');
    token = server.tokens.signIn('user-1', 'partner-1');
    waits = [];
    invalidated = 0;
    logLines = [];
    const logs = new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) });
    client = new PartnerCenterClient({ baseUrl: server.url, timeoutMs: 300, logger: createLogger('debug', logs), sleep: async (ms) => void waits.push(ms) });
  });
  afterEach(() => server.stop());

  it('sends the user\'s token, the request id, the correlation id, the user\'s culture and If-Match; logs the call without the token', async () => {
    await client.send(ctx(), { method: 'GET', path: 'customers?size=40', requestId: 'request-1', ifMatch: '"etag-1"' });
    expect(server.apiCalls()[0]!.headers).toMatchObject({ authorization: `Bearer ${token}`, 'ms-requestid': 'request-1', 'ms-correlationid': 'correlation-42', 'x-locale': 'ru-RU', 'if-match': '"etag-1"', accept: 'application/json' });
    const log = logLines.join('');
    expect(log).toContain('"requestId":"request-1"');
    expect(log).toContain('"resource":"customers"');
    expect(log).not.toContain(token);
  });

  it('tries a 503 and a timeout again with the same MS-RequestId, with growing waits; gives up as "unavailable" after four attempts', async () => {
    server.faults.push({ method: 'POST', status: 503, body: { code: 5000, description: 'busy' } });
    await client.send(ctx(), { method: 'POST', path: 'customers', body: { companyProfile: { domain: 'a.onmicrosoft.com' }, billingProfile: { companyName: 'A' } }, requestId: 'create-1' });
    const posts = server.apiCalls('POST');
    expect(posts.map((c) => c.headers['ms-requestid'])).toEqual(['create-1', 'create-1']);
    expect(server.customersOf('partner-1')).toHaveLength(1);
    server.faults.push({ method: 'PATCH', status: 0 });
    const id = server.customersOf('partner-1')[0]!.id;
    await client.send(ctx(), { method: 'PATCH', path: `customers/${id}`, body: { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } }, requestId: 'removal-1' });
    expect(server.apiCalls('PATCH').map((c) => c.headers['ms-requestid'])).toEqual(['removal-1', 'removal-1']);
    server.faults.push({ status: 502, times: 4 });
    await expect(client.send(ctx(), { method: 'GET', path: 'customers' })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(server.apiCalls('GET')).toHaveLength(4);
    const [, , ...giving] = waits;
    expect(giving).toHaveLength(3);
    expect(giving[2]!).toBeGreaterThan(giving[0]!);
  });

  it('waits as long as a 429\'s Retry-After says, then goes on; a wait longer than a minute is the user\'s to decide', async () => {
    server.faults.push({ status: 429, headers: { 'Retry-After': '7' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' } });
    expect((await client.send(ctx(), { method: 'GET', path: 'customers' })).status).toBe(200);
    expect(waits).toEqual([7_000]);
    server.faults.push({ status: 429, headers: { 'Retry-After': '300' }, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 300 seconds.' } });
    await expect(client.send(ctx(), { method: 'GET', path: 'customers' })).rejects.toMatchObject({ kind: 'throttled', details: { retryAfterSeconds: 300 } });
  });

  it('never tries another 4xx again', async () => {
    server.faults.push({ status: 400, body: { code: 3000, description: 'The property companyProfile.domain is invalid.' } });
    await expect(client.send(ctx(), { method: 'POST', path: 'customers', body: {} })).rejects.toMatchObject({ kind: 'invalidProperty', details: { description: 'The property companyProfile.domain is invalid.' } });
    expect(server.apiCalls('POST')).toHaveLength(1);
  });

  it('a refused token (expired, revoked) is forgotten and leads to sign-in, not to an error', async () => {
    server.tokens.revoke(token);
    await expect(client.send(ctx(), { method: 'GET', path: 'customers' })).rejects.toBeInstanceOf(SignInRequiredError);
    expect(invalidated).toBe(1);
  });

  it('keeps each partner tenant under its budget: a call over it waits instead of meeting Partner Center\'s 429; other tenants go on', async () => {
    // The wait is recorded, then the test stops it (a real one would last until the budget refills).
    const stop = new Error('stopped waiting');
    const limited = new PartnerCenterClient({ baseUrl: server.url, timeoutMs: 300, logger: createLogger('silent'), perTenantPerMinute: 1, sleep: async (ms) => { waits.push(ms); throw stop; } });
    await limited.send(ctx(), { method: 'GET', path: 'customers' });
    await expect(limited.send(ctx(), { method: 'GET', path: 'customers' })).rejects.toBe(stop);
    expect(waits).toEqual([expect.any(Number)]);
    // Budgets refill by the half minute.
    expect(waits[0]!).toBeGreaterThan(25_000);
    server.customersOf('partner-2');
    token = server.tokens.signIn('user-2', 'partner-2');
    expect((await limited.send({ ...ctx(), tenantId: 'partner-2' }, { method: 'GET', path: 'customers' })).status).toBe(200);
    expect(server.apiCalls('GET')).toHaveLength(2);
  });

  it('with several instances the budget is one per partner tenant for all of them, counted in Redis', async () => {
    const redis = await startRedis();
    const clients = [new Redis(redis.url), new Redis(redis.url)];
    try {
      const stop = new Error('stopped waiting');
      // Two instances' clients, 6 calls per minute between them: 3 per half minute.
      const [a, b] = clients.map((store) => new PartnerCenterClient({ baseUrl: server.url, timeoutMs: 300, logger: createLogger('silent'), perTenantPerMinute: 6, budgetStore: store, sleep: async (ms) => { waits.push(ms); throw stop; } }));
      const outcomes = await Promise.allSettled([a, b, a, b, a, b].map((client) => client!.send(ctx(), { method: 'GET', path: 'customers' })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      expect(outcomes.filter((o) => o.status === 'rejected' && o.reason === stop)).toHaveLength(3);
      expect(server.apiCalls('GET')).toHaveLength(3);
      // Another partner tenant has a budget of its own.
      server.customersOf('partner-2');
      token = server.tokens.signIn('user-2', 'partner-2');
      expect((await b!.send({ ...ctx(), tenantId: 'partner-2' }, { method: 'GET', path: 'customers' })).status).toBe(200);
    } finally {
      for (const client of clients) client.disconnect();
      await redis.stop();
    }
  });

  // Partner Center's error codes (developer/error-codes.md) → what the user reads, in each language.
  const CODES: Array<[number, number | string, RefusalKind, Record<string, string>]> = [
    [403, 1002, 'forbidden', { en: "Partner Center role doesn't allow this", de: 'Rolle in Partner Center erlaubt das nicht', zh: '角色不允许执行此操作', ru: 'роль в Центре партнеров не разрешает' }],
    [403, 900308, 'forbidden', { en: "Partner Center role doesn't allow this", de: 'Rolle in Partner Center erlaubt das nicht', zh: '角色不允许执行此操作', ru: 'роль в Центре партнеров не разрешает' }],
    [403, 20002, 'noRelationship', { en: 'no reseller relationship with this customer', de: 'keine Vertriebspartnerbeziehung zu diesem Kunden', zh: '没有经销商关系', ru: 'нет отношений торгового посредника' }],
    [400, 2007, 'address', { en: 'It suggests: Friedrichstraße 123, 10117, Berlin', de: 'schlägt vor: Friedrichstraße 123, 10117, Berlin', zh: '建议使用：Friedrichstraße 123, 10117, Berlin', ru: 'предлагает: Friedrichstraße 123, 10117, Berlin' }],
    [400, 600002, 'registrationNumber', { en: 'registration number', de: 'Registrierungsnummer', zh: '组织注册号', ru: 'регистрационный номер' }],
    [400, 600049, 'registrationNumber', { en: 'registration number', de: 'Registrierungsnummer', zh: '组织注册号', ru: 'регистрационный номер' }],
    [400, 600050, 'registrationNumber', { en: 'registration number', de: 'Registrierungsnummer', zh: '组织注册号', ru: 'регистрационный номер' }],
    [400, 600051, 'phoneNumber', { en: 'valid phone number', de: 'gültige Telefonnummer', zh: '有效的电话号码', ru: 'действительный номер телефона' }],
    [400, 3000, 'invalidProperty', { en: 'refused a value: Bad value', de: 'einen Wert abgelehnt: Bad value', zh: '拒绝了一个值：Bad value', ru: 'отклонил значение: Bad value' }],
  ];
  it.each(CODES)('%s with code %s is "%s", told in each language', async (status, code, kind, texts) => {
    const data = code === 2007 ? [{ suggestedAddress: { addressLine1: 'Friedrichstraße 123', postalCode: '10117', city: 'Berlin' } }] : [];
    server.faults.push({ status, body: { code, description: 'Bad value', data, source: 'PartnerFD' } });
    const refusal = (await client.send(ctx(), { method: 'POST', path: 'customers', body: {} }).catch((e: unknown) => e)) as BackendRefusal;
    expect(refusal).toBeInstanceOf(BackendRefusal);
    expect(refusal.kind).toBe(kind);
    for (const [language, text] of Object.entries(texts)) {
      const { t } = localizer.resolve({ activityLocale: language });
      const { description = '', suggestedAddress = '' } = refusal.details;
      const key = suggestedAddress ? 'backend.addressSuggested' : `backend.${refusal.kind}`;
      expect(t(key, { description, suggestedAddress, seconds: '60' })).toContain(text);
    }
  });
});
