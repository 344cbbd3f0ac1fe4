/**
 * Label/value pairs in one label column per card. A FactSet sizes its title
 * column per set and host to host (the web renderer gave 客户列表 so little
 * room that it broke as 客户列|表), and every FactSet on a card started its
 * values somewhere else. So after expansion each FactSet becomes rows of two
 * columns, and all rows of a card share one label width: the longest label's,
 * estimated, between LABEL_MIN_PX and LABEL_MAX_PX. Longer labels wrap at a
 * space; a word wider than the maximum is a wording problem the card rules
 * test (test/cards/cardRules.ts) reports.
 */

export const LABEL_MIN_PX = 72;
export const LABEL_MAX_PX = 168;
/** Ids of the label TextBlocks start with this, so the preview can find a label that wraps. */
export const LABEL_ID_PREFIX = 'label-';

/** East Asian wide characters: ideographs, kana, Hangul and full-width forms each take about one em. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Rough width of a bold 14 px label (Teams' default text) in pixels: about one em
 * for a wide character, a little over half an em for others. It only sizes the
 * column; the preview measures the real rendering.
 */
export function estimatedWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 15 : 8;
  return width;
}

/** Where a label may wrap: at spaces and after a hyphen. A run of Chinese is kept whole: a label must not split a word. */
export const labelWords = (label: string): string[] => label.split(/\s+|(?<=-)/u).filter(Boolean);

/** The label column width for these labels, in pixels. */
export function labelColumnWidth(labels: readonly string[]): number {
  const widest = Math.max(0, ...labels.map(estimatedWidth));
  return Math.min(LABEL_MAX_PX, Math.max(LABEL_MIN_PX, widest + 8));
}

type Element = Record<string, unknown>;
type Fact = { title?: unknown; value?: unknown };

const isRecord = (value: unknown): value is Element => typeof value === 'object' && value !== null && !Array.isArray(value);
const factsOf = (element: Element): Fact[] => (Array.isArray(element.facts) ? element.facts.filter(isRecord) : []);

function collectLabels(node: unknown, labels: string[]): void {
  if (Array.isArray(node)) return node.forEach((child) => collectLabels(child, labels));
  if (!isRecord(node)) return;
  if (node.type === 'FactSet') for (const fact of factsOf(node)) labels.push(String(fact.title ?? ''));
  for (const [key, child] of Object.entries(node)) if (key !== 'data' && key !== 'facts') collectLabels(child, labels);
}

/** Replaces, in place, every FactSet in the card by rows with a shared label column. */
export function layOutLabels(card: Element): void {
  const labels: string[] = [];
  collectLabels(card, labels);
  if (labels.length === 0) return;
  const width = `${labelColumnWidth(labels)}px`;
  let next = 0;
  const row = (fact: Fact, first: boolean): Element => ({
    type: 'ColumnSet',
    spacing: first ? 'None' : 'Small',
    columns: [
      { type: 'Column', width, items: [{ type: 'TextBlock', id: `${LABEL_ID_PREFIX}${next++}`, text: String(fact.title ?? ''), weight: 'Bolder', wrap: true }] },
      { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: String(fact.value ?? ''), wrap: true }] },
    ],
  });
  const container = (element: Element): Element[] => {
    const { type: _type, facts: _facts, ...kept } = element;
    const rows = factsOf(element).map((fact, index) => row(fact, index === 0));
    return rows.length === 0 ? [] : [{ ...kept, type: 'Container', items: rows }];
  };
  const rewrite = (node: unknown): void => {
    if (Array.isArray(node)) node.splice(0, node.length, ...node.flatMap((el) => (isRecord(el) && el.type === 'FactSet' ? container(el) : [el])));
    if (Array.isArray(node) || isRecord(node)) {
      for (const [key, child] of Object.entries(node)) if (key !== 'data') rewrite(child);
    }
  };
  rewrite(card);
}
