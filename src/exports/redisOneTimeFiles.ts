import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { OneTimeFile, OneTimeFileStore, TakenFile } from './oneTimeFiles.js';

/**
 * Hands the file out once: returns the sealed file and leaves the key as
 * "gone" (its language only) until it expires. KEYS[1] the file's key.
 */
const TAKE = `
local sealed = redis.call('HGET', KEYS[1], 'sealed')
local language = redis.call('HGET', KEYS[1], 'language')
if not language then return nil end
if sealed then redis.call('HDEL', KEYS[1], 'sealed') end
return { language, sealed or '' }
`;

type TakingRedis = Redis & { takeOneTimeFile(key: string): Promise<[string, string] | null> };

const ID_BYTES = 16;
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * One-time files (the temporary passwords of "add users") in Redis, so the
 * link works whichever instance it reaches. Redis never holds them readable:
 * each file is sealed with AES-256-GCM under a key that exists only in the
 * link (`<id>.<key>`), and a download takes it out.
 */
export class RedisOneTimeFiles implements OneTimeFileStore {
  private readonly redis: TakingRedis;

  constructor(redis: Redis, private readonly ttlMs: number, private readonly now: () => number = Date.now) {
    const taking = redis as TakingRedis;
    if (typeof taking.takeOneTimeFile !== 'function') redis.defineCommand('takeOneTimeFile', { numberOfKeys: 1, lua: TAKE });
    this.redis = taking;
  }

  async put(file: OneTimeFile): Promise<{ token: string; expiresAt: number }> {
    const id = randomBytes(ID_BYTES).toString('base64url');
    const key = randomBytes(KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plain = Buffer.from(JSON.stringify({ body: file.body.toString('base64'), contentType: file.contentType, filename: file.filename }), 'utf8');
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString('base64');
    await this.redis.multi().hset(this.keyOf(id), { sealed, language: file.language }).pexpire(this.keyOf(id), this.ttlMs).exec();
    return { token: `${id}.${key.toString('base64url')}`, expiresAt: this.now() + this.ttlMs };
  }

  async take(token: string): Promise<TakenFile> {
    const [id, keyText] = token.length <= 128 ? token.split('.') : [];
    const key = keyText ? Buffer.from(keyText, 'base64url') : undefined;
    if (!id || !key || key.length !== KEY_BYTES) return { ok: false, reason: 'unknown' };
    const found = await this.redis.takeOneTimeFile(this.keyOf(id));
    if (!found) return { ok: false, reason: 'unknown' };
    const [languageText, sealed] = found;
    const language: Language = isLanguage(languageText) ? languageText : 'en';
    if (!sealed) return { ok: false, reason: 'gone', language };
    try {
      const data = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - 16)), decipher.final()]);
      const { body, contentType, filename } = JSON.parse(plain.toString('utf8')) as { body: string; contentType: string; filename: string };
      return { ok: true, file: { body: Buffer.from(body, 'base64'), contentType, filename, language } };
    } catch {
      // A wrong key (a forged link with a real id): the file is gone for it all the same.
      return { ok: false, reason: 'gone', language };
    }
  }

  private keyOf(id: string): string {
    return `cab:file:${id}`;
  }
}
