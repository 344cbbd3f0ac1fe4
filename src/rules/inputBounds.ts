/**
 * The bounds every input meets at intake, before any flow sees it (flows
 * bound their own fields tighter): typed text, and each string and the whole
 * of a card's submitted data. Larger input is answered with "too long", and
 * nothing of it is kept.
 */
export const MAX_TYPED_LENGTH = 2_000;
/** The longest field a card sends (a multi-select of subscription ids, a continuation token) is well below this. */
export const MAX_FIELD_LENGTH = 20_000;
const MAX_DATA_CHARACTERS = 64_000;
const MAX_DEPTH = 8;

export const typedTooLong = (text: string): boolean => text.length > MAX_TYPED_LENGTH;

/** Whether a card's submitted data is beyond what any card sends: a string over MAX_FIELD_LENGTH, too much in all, or nested too deep. */
export function submittedTooLarge(value: unknown): boolean {
  let total = 0;
  const visit = (node: unknown, depth: number): boolean => {
    if (typeof node === 'string') {
      total += node.length;
      return node.length > MAX_FIELD_LENGTH || total > MAX_DATA_CHARACTERS;
    }
    if (typeof node !== 'object' || node === null) return false;
    if (depth > MAX_DEPTH) return true;
    const children = Array.isArray(node) ? node : Object.entries(node).flatMap(([key, child]) => [key, child]);
    return children.some((child) => visit(child, depth + 1));
  };
  return visit(value, 0);
}
