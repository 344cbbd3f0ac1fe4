/** Typography the locale files must keep, checked on every string. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const strings = (language: string): Array<{ key: string; text: string }> => {
  const out: Array<{ key: string; text: string }> = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') out.push({ key, text: node });
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${key}.${i}`));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k);
  };
  const dir = path.join('locales', language);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), file.replace('.json', ''));
  return out;
};

describe('typography in the locale files', () => {
  it('German abbreviations of two parts ("z. B.", "d. h.", "u. a.") are held together by a non-breaking space', () => {
    const loose = strings('de').filter(({ text }) => /\b(z|d|u|o|s)\. (B|h|a|Ä|g)\./.test(text)).map(({ key }) => key);
    expect(loose).toEqual([]);
    expect(strings('de').some(({ text }) => text.includes('z.\u00A0B.'))).toBe(true);
  });

  it('Chinese brackets are full-width （）, also around Latin words ("（GDAP）", "（UTF-8）")', () => {
    const ascii = strings('zh').filter(({ key, text }) => !key.startsWith('commands.') && /[()]/.test(text)).map(({ key }) => key);
    expect(ascii).toEqual([]);
    expect(strings('zh').some(({ text }) => text.includes('（GDAP）'))).toBe(true);
  });
});

describe('one wording for one thing', () => {
  const read = (language: string, file: string) => JSON.parse(readFileSync(path.join('locales', language, `${file}.json`), 'utf8'));
  it.each(['en', 'de', 'zh', 'ru'])('%s: a required field left empty is named the same on the card (its errorMessage) as in the bot\'s answer', (language) => {
    expect(read(language, 'common').addCustomer.required).toBe(read(language, 'validation').required);
  });
});
