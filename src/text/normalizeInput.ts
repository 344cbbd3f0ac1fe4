/** Typed input made comparable: lower case, NFC, one space between words, no trailing punctuation. */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('und')
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/[\s.!?。！？]+$/u, '')
    .trim();
}

