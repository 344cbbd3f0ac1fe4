import { OneTimeFiles } from '../../src/exports/oneTimeFiles.js';

const file = { body: Buffer.from('Display name,Email,Temporary password\nAnna,anna@contoso.de,Tmp!1234\n'), contentType: 'text/csv; charset=utf-8', filename: 'users.csv', language: 'de' as const };

describe('one-time files (the temporary passwords\' download)', () => {
  it('gives the file once; the second download is told it is gone, in the file\'s language', () => {
    const files = new OneTimeFiles(15 * 60_000);
    const { token } = files.put(file);
    expect(files.take(token)).toEqual({ ok: true, file });
    expect(files.take(token)).toEqual({ ok: false, reason: 'gone', language: 'de' });
  });

  it('stops working after its time, and an unknown or over-long token is unknown', () => {
    let now = 0;
    const files = new OneTimeFiles(15 * 60_000, () => now);
    const { token, expiresAt } = files.put(file);
    expect(expiresAt).toBe(15 * 60_000);
    now = 15 * 60_000;
    expect(files.take(token)).toEqual({ ok: false, reason: 'gone', language: 'de' });
    expect(files.take('x'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
    expect(files.take('x'.repeat(10_000))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('keeps at most 200 files, dropping the oldest, and tokens cannot be guessed from each other', () => {
    const files = new OneTimeFiles(60_000);
    const tokens = Array.from({ length: 201 }, () => files.put(file).token);
    expect(new Set(tokens).size).toBe(201);
    expect(files.take(tokens[0]!)).toEqual({ ok: false, reason: 'unknown' });
    expect(files.take(tokens[200]!)).toMatchObject({ ok: true });
  });
});
