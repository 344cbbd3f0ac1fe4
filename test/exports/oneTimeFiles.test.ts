import { OneTimeFiles, type OneTimeFileStore } from '../../src/exports/oneTimeFiles.js';
import { RedisOneTimeFiles } from '../../src/exports/redisOneTimeFiles.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

const file = { body: Buffer.from('Display name,Email,Temporary password\nАнна,anna@contoso.de,Tmp!1234\n'), contentType: 'text/csv; charset=utf-8', filename: 'users.csv', language: 'de' as const };

let redis: TestRedis;
beforeAll(async () => (redis = await startRedis()));
afterAll(async () => redis?.stop());

describe.each([
  ['in this process', (ttlMs: number): OneTimeFileStore => new OneTimeFiles(ttlMs)],
  ['in Redis, for every instance', (ttlMs: number): OneTimeFileStore => new RedisOneTimeFiles(redis.client, ttlMs)],
])('one-time files (the temporary passwords\' download) %s', (_where, make) => {
  it('gives the file once; the second download is told it is gone, in the file\'s language', async () => {
    const files = make(15 * 60_000);
    const { token } = await files.put(file);
    expect(await files.take(token)).toEqual({ ok: true, file });
    expect(await files.take(token)).toEqual({ ok: false, reason: 'gone', language: 'de' });
  });

  it('stops working after its time, and an unknown or over-long token is unknown', async () => {
    const files = make(300);
    const { token } = await files.put(file);
    await new Promise((r) => setTimeout(r, 400));
    expect(await files.take(token)).toMatchObject({ ok: false });
    expect(await files.take('x'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
    expect(await files.take('x'.repeat(10_000))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('makes tokens that cannot be guessed from each other', async () => {
    const files = make(60_000);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => files.put(file).then((t) => t.token)));
    expect(new Set(tokens).size).toBe(50);
    expect(await files.take(tokens[49]!)).toMatchObject({ ok: true });
  });
});

describe('one-time files in this process', () => {
  it('keep at most 200 files, dropping the oldest, and expire on the injected clock', async () => {
    const files = new OneTimeFiles(60_000);
    const tokens: string[] = [];
    for (let i = 0; i < 201; i++) tokens.push((await files.put(file)).token);
    expect(await files.take(tokens[0]!)).toEqual({ ok: false, reason: 'unknown' });
    let now = 0;
    const timed = new OneTimeFiles(15 * 60_000, () => now);
    const { token, expiresAt } = await timed.put(file);
    expect(expiresAt).toBe(15 * 60_000);
    now = 15 * 60_000;
    expect(await timed.take(token)).toEqual({ ok: false, reason: 'gone', language: 'de' });
  });
});

describe('one-time files in Redis', () => {
  it('are sealed there: Redis holds no readable password, and the key is only in the link', async () => {
    const files = new RedisOneTimeFiles(redis.client, 60_000);
    const { token } = await files.put(file);
    const [id, key] = token.split('.');
    const stored = JSON.stringify(await redis.client.hgetall(`cab:file:${id}`));
    expect(stored).not.toContain('Tmp!1234');
    expect(stored).not.toContain(Buffer.from('Tmp!1234').toString('base64'));
    expect(stored).not.toContain(key!);
    expect(await redis.client.pttl(`cab:file:${id}`)).toBeGreaterThan(0);
  });

  it('refuses a link with the right id and a wrong key', async () => {
    const files = new RedisOneTimeFiles(redis.client, 60_000);
    const { token } = await files.put(file);
    const forged = `${token.split('.')[0]}.${Buffer.alloc(32, 7).toString('base64url')}`;
    expect(await files.take(forged)).toEqual({ ok: false, reason: 'gone', language: 'de' });
  });
});
