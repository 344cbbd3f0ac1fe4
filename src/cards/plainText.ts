/**
 * Text on a card shown as typed. Teams reads a TextBlock's text and a fact's
 * title and value as markdown, so a company named "[Click here](tel:…) GmbH"
 * would become a link and "*Neu* AG" bold. No string of ours uses markdown,
 * so every such text is escaped once, here, after the template is expanded.
 */
const INLINE = /[\\`*_[\]~]/g;

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(INLINE, (c) => `\\${c}`)
      // Line starts markdown reads as a numbered list, a bullet, a heading or a quote: "1. ", "- ", "# ", "> ".
      .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2')
      .replace(/^(\s*)([-+*])(\s)/gm, '$1\\$2$3')
      .replace(/^(\s*)([#>])/gm, '$1\\$2')
  );
}

/** Escapes, in place, every text an expanded card shows through markdown: TextBlock text (facts are TextBlocks by now, see labelColumn.ts). */
export function escapeCardMarkdown(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(escapeCardMarkdown);
  if (!node || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (element.type === 'TextBlock' && typeof element.text === 'string') element.text = escapeMarkdown(element.text);
  for (const [key, child] of Object.entries(element)) if (key !== 'data') escapeCardMarkdown(child);
}
