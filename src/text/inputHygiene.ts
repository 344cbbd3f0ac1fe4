/**
 * What no one means to type, removed from every input at intake: control
 * characters (but tab and line breaks), zero-width characters, the soft
 * hyphen, and the bidi controls that make "evil.com" read as "moc.live"
 * (Trojan Source). A name or a search term is then stored, compared and
 * shown as what it looks like.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/gu;

export const withoutInvisibles = (text: string): string => text.replace(INVISIBLE, '');

/** A card's submitted data with every string value cleaned (keys are the card's own and stay as sent). */
export function cleanSubmitted(value: unknown): unknown {
  if (typeof value === 'string') return withoutInvisibles(value);
  if (Array.isArray(value)) return value.map(cleanSubmitted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cleanSubmitted(child)]));
  return value;
}
