import { createHmac } from 'node:crypto';
import { ExportLinks, type ExportGrant } from '../../src/exports/exportLinks.js';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const OTHER_SECRET = Buffer.from('fedcba9876543210fedcba9876543210', 'utf8');
const TTL_MS = 15 * 60_000;
const START = Date.parse('2026-11-21T10:00:00Z');

const grant = { tenant: 'partner-tenant-1', relationship: 'active', search: 'müller', reseller: '', language: 'de' } as const;

/** A settable clock, so expiry is tested without waiting. */
function fakeClock(start = START): { now: () => number; set: (ms: number) => void } {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms) };
}

const encode = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
const mac = (payload: string, secret = SECRET): string => createHmac('sha256', secret).update(payload).digest('base64url');
const decode = (token: string): ExportGrant => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as ExportGrant;

describe('ExportLinks', () => {
  it('verifies what it signed and returns the grant with expiresAt = now + ttl', () => {
    const clock = fakeClock();
    const links = new ExportLinks(SECRET, TTL_MS, clock.now);
    const { token, expiresAt } = links.sign(grant);
    expect(expiresAt).toBe(START + TTL_MS);
    const verified = links.verify(token);
    expect(verified).toEqual({ ok: true, grant: { ...grant, expiresAt: START + TTL_MS, nonce: expect.any(String) } });
    if (!verified.ok) throw new Error('unreachable');
    expect(verified.grant.nonce.length).toBeGreaterThanOrEqual(16);
  });

  it('round-trips every language and both relationship filters, and Unicode searches', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    for (const language of ['en', 'de', 'zh', 'ru'] as const) {
      for (const relationship of ['active', 'ended'] as const) {
        const request = { tenant: 'tenant-Ω', relationship, search: language === 'zh' ? '北京' : 'Северный', reseller: 'a3c1e7f0-52b4-4c61-9d2e-6f1b0c9e4a11', language };
        const verified = links.verify(links.sign(request).token);
        expect(verified).toMatchObject({ ok: true, grant: request });
      }
    }
  });

  it('keeps working with a fresh instance that has the same secret (no server-side state)', () => {
    const clock = fakeClock();
    const { token } = new ExportLinks(SECRET, TTL_MS, clock.now).sign(grant);
    expect(new ExportLinks(Buffer.from(SECRET), TTL_MS, clock.now).verify(token)).toMatchObject({ ok: true, grant });
  });

  it('makes two links for the same grant at the same instant differ (nonce)', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const first = links.sign(grant);
    const second = links.sign(grant);
    expect(first.token).not.toBe(second.token);
    expect(first.expiresAt).toBe(second.expiresAt);
    expect(decode(first.token).nonce).not.toBe(decode(second.token).nonce);
  });

  it('stays valid until just before expiresAt and is expired at and after it', () => {
    const clock = fakeClock();
    const links = new ExportLinks(SECRET, TTL_MS, clock.now);
    const { token, expiresAt } = links.sign(grant);
    clock.set(expiresAt - 1);
    expect(links.verify(token).ok).toBe(true);
    const expectedGrant = { ...grant, expiresAt, nonce: decode(token).nonce };
    clock.set(expiresAt);
    expect(links.verify(token)).toEqual({ ok: false, reason: 'expired', grant: expectedGrant });
    clock.set(expiresAt + 24 * 3_600_000);
    expect(links.verify(token)).toEqual({ ok: false, reason: 'expired', grant: expectedGrant });
  });

  it('rejects a payload re-encoded for another tenant under the old MAC', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const { token } = links.sign(grant);
    const [, oldMac] = token.split('.');
    const forged = `${encode({ ...decode(token), tenant: 'victim-tenant' })}.${oldMac}`;
    expect(links.verify(forged)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a later expiry, another filter or another language under the old MAC', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const { token } = links.sign(grant);
    const [, oldMac] = token.split('.');
    const original = decode(token);
    for (const change of [{ expiresAt: original.expiresAt + 86_400_000 }, { relationship: 'ended' }, { search: '' }, { language: 'en' }]) {
      expect(links.verify(`${encode({ ...original, ...change })}.${oldMac}`)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('rejects a token whose MAC was altered', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const { token } = links.sign(grant);
    const [payload, validMac] = token.split('.') as [string, string];
    const flipped = Buffer.from(validMac, 'base64url');
    flipped[0] = flipped[0]! ^ 0x01;
    expect(links.verify(`${payload}.${flipped.toString('base64url')}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify(`${payload}.${validMac.slice(0, -4)}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify(`${payload}.${validMac}${validMac}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts exactly one spelling of a link: padding, other alphabets and stray characters in the MAC are refused', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const { token } = links.sign(grant);
    const [payload, validMac] = token.split('.') as [string, string];
    const standardAlphabet = Buffer.from(validMac, 'base64url').toString('base64');
    for (const variant of [`${validMac}=`, `${validMac.slice(0, 5)}*${validMac.slice(5)}`, standardAlphabet, `${validMac.slice(0, 10)}!${validMac.slice(10)}`]) {
      expect(links.verify(`${payload}.${variant}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(links.verify(token).ok).toBe(true);
  });

  it('rejects a token signed with another secret', () => {
    const clock = fakeClock();
    const { token } = new ExportLinks(OTHER_SECRET, TTL_MS, clock.now).sign(grant);
    expect(new ExportLinks(SECRET, TTL_MS, clock.now).verify(token)).toEqual({ ok: false, reason: 'invalid' });
    expect(new ExportLinks(OTHER_SECRET, TTL_MS, clock.now).verify(token).ok).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one character', 'a'],
    ['a single dot', '.'],
    ['two parts, no MAC', 'abc.'],
    ['two parts, no payload', '.abc'],
    ['three parts', 'a.b.c'],
    ['non-base64 characters', '!!!***.%%%$$$'],
    ['whitespace', ' \t\n '],
    ['a 5000-character string', 'x'.repeat(5000)],
    ['a 5000-character string with a dot', `${'x'.repeat(2500)}.${'y'.repeat(2499)}`],
  ])('rejects garbage: %s', (_label, token) => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    expect(links.verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects tokens longer than 2048 characters even when correctly MACed', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const base = { ...grant, expiresAt: START + TTL_MS, nonce: 'n'.repeat(22) };
    // Unknown keys are stripped by the schema, so only the length cap can refuse these.
    const tokenOfLength = (padding: number): string => {
      const payload = encode({ ...base, pad: 'p'.repeat(padding) });
      return `${payload}.${mac(payload)}`;
    };
    expect(links.verify(tokenOfLength(100))).toEqual({ ok: true, grant: base });
    const long = tokenOfLength(5000);
    expect(long.length).toBeGreaterThan(5000);
    expect(links.verify(long)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a valid token with a third part appended', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const { token } = links.sign(grant);
    expect(links.verify(`${token}.extra`)).toEqual({ ok: false, reason: 'invalid' });
  });

  describe('rejects a correctly MACed payload that is not a valid grant', () => {
    const links = new ExportLinks(SECRET, TTL_MS, fakeClock().now);
    const valid = { ...grant, expiresAt: START + TTL_MS, nonce: 'n'.repeat(22) };
    const signed = (payload: string): string => `${payload}.${mac(payload)}`;

    it('accepts the well-formed control payload built the same way', () => {
      // Proves the helpers below build tokens the verifier accepts, so the rejections are down to the payload.
      expect(links.verify(signed(encode(valid)))).toEqual({ ok: true, grant: valid });
    });

    it.each([
      ['not JSON', 'this is not json'],
      ['JSON null', 'null'],
      ['a JSON array', '[1,2,3]'],
      ['a JSON string', '"tenant"'],
      ['an empty object', {}],
      ['a missing tenant', { ...valid, tenant: undefined }],
      ['an empty tenant', { ...valid, tenant: '' }],
      ['an unknown relationship', { ...valid, relationship: 'all' }],
      ['an unsupported language', { ...valid, language: 'fr' }],
      ['a search over 100 characters', { ...valid, search: 's'.repeat(101) }],
      ['expiresAt as a string', { ...valid, expiresAt: String(valid.expiresAt) }],
      ['a fractional expiresAt', { ...valid, expiresAt: valid.expiresAt + 0.5 }],
      ['a missing nonce', { ...valid, nonce: undefined }],
      ['a short nonce', { ...valid, nonce: 'short' }],
    ])('%s', (_label, content) => {
      expect(links.verify(signed(encode(content)))).toEqual({ ok: false, reason: 'invalid' });
    });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new ExportLinks(Buffer.alloc(31, 1), TTL_MS)).toThrow(/32 bytes/);
    expect(() => new ExportLinks(Buffer.alloc(0), TTL_MS)).toThrow(/32 bytes/);
    expect(() => new ExportLinks(Buffer.alloc(32, 1), TTL_MS)).not.toThrow();
  });

  it('makes random secrets of 32 bytes that differ', () => {
    const a = ExportLinks.randomSecret();
    const b = ExportLinks.randomSecret();
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
  });
});
