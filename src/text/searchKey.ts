/**
 * Folds text for case- and accent-insensitive matching in Latin, Cyrillic and
 * Chinese: compatibility forms unified (full-width letters), diacritics dropped
 * (ü → u, й → и), case folded, ß → ss, ё → е, control characters removed and
 * whitespace collapsed.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('und')
    .replace(/ß/g, 'ss')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}
