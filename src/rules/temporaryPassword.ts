import { randomInt } from 'node:crypto';

/** Characters that cannot be mistaken for each other when read off a card (no 0/O, 1/l/I). */
const GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&*+-=?@'];

/**
 * A strong temporary password for a new customer's admin (16 characters,
 * every group present, from the OS's CSPRNG). It is shown once and never stored.
 */
export function temporaryPassword(length = 16): string {
  const all = GROUPS.join('');
  const chars = GROUPS.map((group) => group[randomInt(group.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  // Fisher-Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  // A letter first: a password starting with = + - @ would be run as a formula when its CSV is opened in a spreadsheet.
  const letter = chars.findIndex((c) => /[A-Za-z]/.test(c));
  [chars[0], chars[letter]] = [chars[letter]!, chars[0]!];
  return chars.join('');
}
