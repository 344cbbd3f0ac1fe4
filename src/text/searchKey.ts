/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ß: 'ss' };

/**
 * Folds text for case- and accent-insensitive matching in Latin, Cyrillic and
 * Chinese: compatibility forms unified (full-width letters), diacritics dropped
 * (ü → u, ё → е, й → и), case folded, ł → l, ß → ss and the like, control
 * characters removed and whitespace collapsed.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('und')
    .replace(/[łøđðæœıþß]/g, (letter) => UNDECOMPOSED[letter]!)
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}
