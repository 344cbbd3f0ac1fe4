/**
 * What `npm run cards:preview` found, as previews/index.html (works offline:
 * relative image paths, no scripts, no external resources) and as a table on
 * the console.
 */
import type { Theme } from './theme.js';

export interface Issue {
  /** What the text belongs to: TextBlock, button, fact value, input "Label", ... */
  kind: string;
  /** cut off, cut off (height), wider than card, value cut off, placeholder cut off */
  problem: string;
  text: string;
  detail: string;
}

export interface MarkdownNote {
  kind: string;
  text: string;
}

export interface Rendered {
  template: string;
  variant: string;
  language: string;
  theme: Theme;
  /** PNG path relative to the previews directory (forward slashes). */
  file: string;
  width: number;
  height: number;
  issues: Issue[];
  /** Words wrapped in the middle (not at a space or hyphen): readable, but looks broken. */
  brokenWords: Issue[];
  warnings: string[];
  markdown: MarkdownNote[];
  error?: string;
}

/** One finding, merged over the themes it appears in. */
export interface Finding {
  template: string;
  variant: string;
  language: string;
  themes: Theme[];
  issue: Issue;
  anchors: string[];
}

export function anchorOf(r: Pick<Rendered, 'template' | 'variant' | 'language' | 'theme'>): string {
  return `${r.language}--${r.template}--${r.variant}--${r.theme}`;
}

/** Issues merged across themes: the same cut-off text in light and dark is one row. */
export function findings(results: readonly Rendered[], which: 'issues' | 'brokenWords' = 'issues'): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const r of results) {
    for (const issue of r[which]) {
      const key = [r.template, r.variant, r.language, issue.kind, issue.problem, issue.text, which === 'brokenWords' ? issue.detail : ''].join('\u0000');
      const found = byKey.get(key);
      if (found) {
        found.themes.push(r.theme);
        found.anchors.push(anchorOf(r));
      } else {
        byKey.set(key, { template: r.template, variant: r.variant, language: r.language, themes: [r.theme], issue, anchors: [anchorOf(r)] });
      }
    }
  }
  return [...byKey.values()];
}

/** Distinct markdown constructs per card (same in both themes). */
export function markdownFindings(results: readonly Rendered[]): Array<{ template: string; variant: string; language: string; note: MarkdownNote }> {
  const seen = new Set<string>();
  const out: Array<{ template: string; variant: string; language: string; note: MarkdownNote }> = [];
  for (const r of results) {
    for (const note of r.markdown) {
      const key = [r.template, r.variant, r.language, note.kind, note.text].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ template: r.template, variant: r.variant, language: r.language, note });
    }
  }
  return out;
}

/** A `${...}` template expression left in the card the bot sends (the template data lacked it). */
export interface Leftover {
  template: string;
  variant: string;
  /** JSON path in the card, e.g. body[4].items[0].placeholder */
  path: string;
  value: string;
  languages: string[];
}

/** Every string in the card that still contains `${`, merged over languages. */
export function leftovers(samples: ReadonlyArray<{ template: string; variant: string; language: string; card: unknown }>): Leftover[] {
  const byKey = new Map<string, Leftover>();
  const walk = (node: unknown, at: string, sample: (typeof samples)[number]) => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return;
      const key = [sample.template, sample.variant, at, node].join('\u0000');
      const found = byKey.get(key);
      if (found) found.languages.push(sample.language);
      else byKey.set(key, { template: sample.template, variant: sample.variant, path: at, value: node, languages: [sample.language] });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}[${i}]`, sample));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== '$schema') walk(v, at ? `${at}.${k}` : k, sample);
    }
  };
  for (const sample of samples) walk(sample.card, '', sample);
  return [...byKey.values()];
}

/** "body[3].items[0]" → the element's id or type, for a readable location. */
export function describePath(card: unknown, at: string): string {
  const parts = at.match(/[^.[\]]+/g) ?? [];
  let node: unknown = card;
  let label = '';
  for (const part of parts.slice(0, -1)) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    const element = node as { id?: unknown; type?: unknown } | undefined;
    if (element && typeof element === 'object' && !Array.isArray(element) && typeof element.type === 'string') {
      label = typeof element.id === 'string' ? `${element.type} "${element.id}"` : element.type;
    }
  }
  return label ? `${label} · ${parts.at(-1) ?? ''}` : at;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
body { font-family: 'Segoe UI', 'Liberation Sans', 'Noto Sans CJK SC', sans-serif; margin: 24px; color: #242424; background: #fafafa; }
h1 { margin-top: 0; }
h2 { margin-top: 40px; border-bottom: 2px solid #5b5fc7; padding-bottom: 4px; }
h3 { margin: 24px 0 8px; font-weight: 600; }
table.report { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
table.report th, table.report td { border: 1px solid #d1d1d1; padding: 4px 8px; text-align: left; vertical-align: top; }
table.report th { background: #eee; }
.summary { font-size: 14px; }
.ok { color: #0e7a0b; } .bad { color: #c4314b; font-weight: 600; }
nav a { margin-right: 12px; }
.grid { display: grid; grid-template-columns: 90px repeat(var(--cols), minmax(0, 1fr)); gap: 12px; align-items: start; }
.grid .head { font-weight: 600; padding: 4px 0; }
figure { margin: 0; }
figure img { max-width: 100%; height: auto; display: block; border: 1px solid #d1d1d1; }
figure.issues img { border: 2px solid #c4314b; }
figcaption { font-size: 12px; color: #616161; margin-top: 4px; }
figcaption ul { margin: 4px 0 0; padding-left: 18px; color: #c4314b; }
`;

export interface IndexInput {
  results: readonly Rendered[];
  leftovers: ReadonlyArray<Leftover & { where: string }>;
  languages: readonly string[];
  themes: readonly Theme[];
  blocked: readonly string[];
  generatedAt: Date;
  seconds: number;
}

export function indexHtml(input: IndexInput): string {
  const { results, languages, themes, blocked } = input;
  const found = findings(results);
  const notes = markdownFindings(results);
  const failed = results.filter((r) => r.error);
  const templates = [...new Set(results.map((r) => r.template))];
  const byKey = new Map(results.map((r) => [anchorOf(r), r]));
  const warnings = [...new Set(results.flatMap((r) => r.warnings.map((w) => `${r.template}/${r.variant}: ${w}`)))];

  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card previews</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>Card previews</h1>`);
  out.push(
    `<p class="summary">${results.length - failed.length} of ${results.length} renderings (${new Set(results.map((r) => `${r.template}/${r.variant}/${r.language}`)).size} cards × ${themes.length} themes), ` +
      `Adaptive Cards SDK in headless Chromium, card width 450 px. Generated ${esc(input.generatedAt.toISOString())} in ${input.seconds.toFixed(0)} s. ` +
      `Blocked non-local requests: <span class="${blocked.length ? 'bad' : 'ok'}">${blocked.length}</span>. ` +
      `Truncations: <span class="${found.length ? 'bad' : 'ok'}">${found.length}</span>. ` +
      `Unresolved template expressions: <span class="${input.leftovers.length ? 'bad' : 'ok'}">${input.leftovers.length}</span>.</p>`,
  );
  out.push(`<nav>${templates.map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join('')}</nav>`);

  if (failed.length) {
    out.push(`<h2>Rendering failed</h2><table class="report"><tr><th>Template</th><th>Variant</th><th>Language</th><th>Theme</th><th>Error</th></tr>`);
    for (const r of failed) out.push(`<tr><td>${esc(r.template)}</td><td>${esc(r.variant)}</td><td>${esc(r.language)}</td><td>${r.theme}</td><td>${esc(r.error ?? '')}</td></tr>`);
    out.push(`</table>`);
  }

  out.push(`<h2>Text that is cut off</h2>`);
  if (found.length === 0) {
    out.push(`<p class="ok">Nothing is cut off.</p>`);
  } else {
    out.push(`<table class="report"><tr><th>Template</th><th>Variant</th><th>Language</th><th>Theme</th><th>Where</th><th>Problem</th><th>Text</th><th>Detail</th></tr>`);
    for (const f of found) {
      const links = f.anchors.map((a, i) => `<a href="#${esc(a)}">${f.themes[i]}</a>`).join(' ');
      out.push(
        `<tr><td>${esc(f.template)}</td><td>${esc(f.variant)}</td><td>${esc(f.language)}</td><td>${links}</td><td>${esc(f.issue.kind)}</td><td>${esc(f.issue.problem)}</td><td>${esc(f.issue.text)}</td><td>${esc(f.issue.detail)}</td></tr>`,
      );
    }
    out.push(`</table>`);
  }

  const broken = findings(results, 'brokenWords');
  if (broken.length) {
    out.push(`<h2>Words wrapped in the middle</h2><p>Not cut off, but split inside a word (| marks the line break) because the column is too narrow.</p>`);
    out.push(`<table class="report"><tr><th>Template</th><th>Variant</th><th>Language</th><th>Theme</th><th>Where</th><th>Word</th><th>Text</th></tr>`);
    for (const f of broken) {
      const links = f.anchors.map((a, i) => `<a href="#${esc(a)}">${f.themes[i]}</a>`).join(' ');
      out.push(`<tr><td>${esc(f.template)}</td><td>${esc(f.variant)}</td><td>${esc(f.language)}</td><td>${links}</td><td>${esc(f.issue.kind)}</td><td>${esc(f.issue.detail)}</td><td>${esc(f.issue.text)}</td></tr>`);
    }
    out.push(`</table>`);
  }

  if (input.leftovers.length) {
    out.push(`<h2>Unresolved template expressions</h2><p>These <code>\${…}</code> strings reach Teams literally (the template data has no such field).</p>`);
    out.push(`<table class="report"><tr><th>Template</th><th>Variant</th><th>Languages</th><th>Where</th><th>Value</th></tr>`);
    for (const l of input.leftovers) out.push(`<tr><td>${esc(l.template)}</td><td>${esc(l.variant)}</td><td>${esc(l.languages.join(', '))}</td><td>${esc(l.where)}</td><td><code>${esc(l.value)}</code></td></tr>`);
    out.push(`</table>`);
  }

  if (notes.length) {
    out.push(`<h2>Text that Teams reads as markdown</h2><p>Rendered as markdown here like in Teams; check that this is intended.</p>`);
    out.push(`<table class="report"><tr><th>Template</th><th>Variant</th><th>Language</th><th>Markdown</th><th>Text</th></tr>`);
    for (const n of notes) out.push(`<tr><td>${esc(n.template)}</td><td>${esc(n.variant)}</td><td>${esc(n.language)}</td><td>${esc(n.note.kind)}</td><td>${esc(n.note.text)}</td></tr>`);
    out.push(`</table>`);
  }

  if (warnings.length) {
    out.push(`<h2>Adaptive Cards SDK warnings</h2><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  }

  for (const template of templates) {
    out.push(`<h2 id="${esc(template)}">${esc(template)}</h2>`);
    const variants = [...new Set(results.filter((r) => r.template === template).map((r) => r.variant))];
    for (const variant of variants) {
      out.push(`<h3>${esc(template)} · ${esc(variant)}</h3>`);
      out.push(`<div class="grid" style="--cols:${languages.length}"><div></div>`);
      for (const language of languages) out.push(`<div class="head">${esc(language)}</div>`);
      for (const theme of themes) {
        out.push(`<div class="head">${theme}</div>`);
        for (const language of languages) {
          const r = byKey.get(anchorOf({ template, variant, language, theme }));
          if (!r) {
            out.push(`<div></div>`);
            continue;
          }
          const caption = `${esc(template)} · ${esc(variant)} · ${esc(language)} · ${theme}`;
          const issueList = r.issues.length + r.brokenWords.length
            ? `<ul>${r.issues.map((i) => `<li>${esc(i.kind)} ${esc(i.problem)}: “${esc(i.text)}”</li>`).join('')}${r.brokenWords
                .map((i) => `<li>${esc(i.kind)} word wrapped: “${esc(i.detail)}”</li>`)
                .join('')}</ul>`
            : '';
          if (r.error) {
            out.push(`<figure id="${esc(anchorOf(r))}" class="issues"><figcaption>${caption}<ul><li>Rendering failed: ${esc(r.error)}</li></ul></figcaption></figure>`);
          } else {
            out.push(
              `<figure id="${esc(anchorOf(r))}"${r.issues.length ? ' class="issues"' : ''}><a href="${esc(r.file)}"><img src="${esc(r.file)}" width="${r.width}" height="${r.height}" loading="lazy" alt="${caption}"></a><figcaption>${caption}${issueList}</figcaption></figure>`,
            );
          }
        }
      }
      out.push(`</div>`);
    }
  }
  out.push(`</body></html>\n`);
  return out.join('\n');
}

/** The console table: one line per finding, columns padded to fit. */
export function findingsTable(found: readonly Finding[], wordsOnly = false): string {
  const head = ['template', 'variant', 'lang', 'theme', 'where', wordsOnly ? 'word (| = line break)' : 'problem', 'text'];
  const rows = found.map((f) => [
    f.template,
    f.variant,
    f.language,
    f.themes.length > 1 ? 'both' : (f.themes[0] ?? ''),
    f.issue.kind,
    wordsOnly ? f.issue.detail : f.issue.problem,
    wordsOnly ? `“${f.issue.text}”` : `“${f.issue.text}” (${f.issue.detail})`,
  ]);
  const widths = head.map((h, i) => Math.min(i === head.length - 1 ? 200 : 40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
