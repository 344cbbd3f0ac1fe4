import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../i18n/languages.js';

/** What an export link grants: one partner tenant's list, filtered as it was on the card. */
const grantSchema = z.object({
  tenant: z.string().min(1).max(256),
  relationship: z.enum(['active', 'ended']),
  search: z.string().max(100),
  /** An indirect reseller's tenant id: only its customers ('' for all). */
  reseller: z.string().max(128).default(''),
  language: z.enum(SUPPORTED_LANGUAGES),
  /** Epoch milliseconds. */
  expiresAt: z.number().int().positive(),
  /** Makes every link unique, so links cannot be guessed from their content. */
  nonce: z.string().min(16).max(64),
});

export type ExportGrant = z.infer<typeof grantSchema>;

export type VerifiedLink = { ok: true; grant: ExportGrant } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'expired'; grant: ExportGrant };

const MAX_TOKEN_LENGTH = 2048;

/**
 * Signed, expiring export links. The token carries its grant (tenant, filter,
 * language, expiry) in base64url JSON plus an HMAC-SHA256 over it, so the
 * server keeps no link state, a link cannot be altered to reach another
 * tenant, and it stops working at `expiresAt`.
 */
export class ExportLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('The export link secret needs at least 32 bytes');
  }

  /** A secret for one process lifetime: links then stop working at restart. */
  static randomSecret(): Buffer {
    return randomBytes(32);
  }

  sign(grant: Omit<z.input<typeof grantSchema>, 'expiresAt' | 'nonce'>): { token: string; expiresAt: number; nonce: string } {
    const full: ExportGrant = { ...grant, reseller: grant.reseller ?? '', expiresAt: this.now() + this.ttlMs, nonce: randomBytes(16).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(full), 'utf8').toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: full.expiresAt, nonce: full.nonce };
  }

  verify(token: string): VerifiedLink {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) return { ok: false, reason: 'invalid' };
    // Compare the MAC as text: base64url decoding is lenient, and one link must have exactly one spelling.
    const expected = Buffer.from(this.mac(payload), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let parsed;
    try {
      parsed = grantSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    if (this.now() >= parsed.data.expiresAt) return { ok: false, reason: 'expired', grant: parsed.data };
    return { ok: true, grant: parsed.data };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
