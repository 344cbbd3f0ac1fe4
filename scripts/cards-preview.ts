/**
 * Card previews: every card template in every language, as the bot sends it
 * (test/support/cardSamples.ts), rendered with the official Adaptive Cards SDK
 * in headless Chromium in a Teams-like light and dark theme.
 *
 *   npm run cards:preview        (tsx scripts/cards-preview.ts)
 *
 * Writes previews/<language>/<template>--<variant>--<theme>.png and
 * previews/index.html (offline), and reports text that is cut off (ellipsis,
 * clipped, wider than the card, input values/placeholders that do not fit).
 * Truncations are a report: exit code 0. Exit code 1 only when rendering
 * fails or Chromium is missing.
 *
 * Needs Chromium and fonts from Debian (never downloads a browser):
 *   apt-get update && apt-get install -y chromium fonts-noto-cjk fonts-liberation
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 *
 * The page only talks to a server on 127.0.0.1; every other request is
 * blocked and counted.
 */
import './preview/quietDeprecations.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages.js';
import { collectCardSamples, type CardSample } from '../test/support/cardSamples.js';
import { describePath, findings, findingsTable, indexHtml, leftovers, markdownFindings, type Issue, type MarkdownNote, type Rendered } from './preview/report.js';
import { startPreviewServer, type PreviewServer } from './preview/server.js';
import { CARD_WIDTH, FRAME_PADDING, THEMES, hostConfig, themeCss, type Theme } from './preview/theme.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'previews');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const APT = 'apt-get update && apt-get install -y chromium fonts-noto-cjk fonts-liberation';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageResult {
  warnings: string[];
  issues: Issue[];
  brokenWords: Issue[];
  markdown: MarkdownNote[];
  width: number;
  height: number;
}

interface PreviewWindow {
  previewSetup(setup: { hostConfigs: Record<Theme, unknown>; css: Record<Theme, string> }): boolean;
  previewRender(card: Record<string, unknown>, theme: Theme): Promise<PageResult>;
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** File-name-safe part of a PNG name. */
const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-');

/** Warns (does not fail) when the fonts for Chinese/Cyrillic are not installed. */
function checkFonts(): void {
  let families: string;
  try {
    families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    return;
  }
  const missing = [
    ['Noto Sans CJK', 'fonts-noto-cjk'],
    ['Liberation Sans', 'fonts-liberation'],
  ].filter(([family]) => !families.includes(family!));
  for (const [family, pkg] of missing) console.warn(`warning: font "${family}" is not installed (Debian package ${pkg}); text may render as boxes.`);
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it (and the fonts) from Debian:\n\n  ${APT}\n\n(or set CHROMIUM_PATH). No browser is downloaded by this script.`);
    return 1;
  }
  checkFonts();
  const started = Date.now();

  process.stdout.write('Collecting card samples… ');
  const samples: CardSample[] = await collectCardSamples();
  console.log(`${samples.length} cards.`);

  await rm(OUT_DIR, { recursive: true, force: true });
  for (const language of new Set(samples.map((s) => s.language))) await mkdir(path.join(OUT_DIR, language), { recursive: true });

  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const results: Rendered[] = [];
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startPreviewServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({
      viewport: { width: CARD_WIDTH + 2 * FRAME_PADDING, height: 900 },
      deviceScaleFactor: 1,
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    await page.goto(server.url, { waitUntil: 'load' });
    await page.evaluate(
      (setup) => (globalThis as unknown as PreviewWindow).previewSetup(setup),
      { hostConfigs: { light: hostConfig('light'), dark: hostConfig('dark') }, css: { light: themeCss('light'), dark: themeCss('dark') } },
    );
    const frame = page.locator('#frame');

    let done = 0;
    const total = samples.length * THEMES.length;
    for (const theme of THEMES) {
      if (!process.stdout.isTTY) console.log(`Rendering ${samples.length} cards, ${theme} theme…`);
      for (const sample of samples) {
        const file = `${sample.language}/${slug(sample.template)}--${slug(sample.variant)}--${theme}.png`;
        const base = { template: sample.template, variant: sample.variant, language: sample.language, theme, file };
        try {
          const result = await page.evaluate(
            ({ card, theme }) => (globalThis as unknown as PreviewWindow).previewRender(card, theme),
            { card: sample.card, theme },
          );
          await frame.screenshot({ path: path.join(OUT_DIR, file), animations: 'disabled', caret: 'hide' });
          results.push({ ...base, ...result, width: result.width + 2 * FRAME_PADDING, height: result.height + 2 * FRAME_PADDING });
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
          results.push({ ...base, width: 0, height: 0, issues: [], brokenWords: [], warnings: [], markdown: [], error: message });
          console.error(`\nRendering ${sample.template}/${sample.variant}/${sample.language}/${theme} failed: ${message}`);
        }
        done++;
        if (process.stdout.isTTY) process.stdout.write(`\rRendering ${done}/${total}`);
      }
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }

  const seconds = (Date.now() - started) / 1000;
  const languages = SUPPORTED_LANGUAGES.filter((l) => samples.some((s) => s.language === l));
  const unresolved = leftovers(samples).map((l) => {
    const sample = samples.find((s) => s.template === l.template && s.variant === l.variant && s.language === l.languages[0]);
    return { ...l, where: describePath(sample?.card, l.path) };
  });
  await writeFile(
    path.join(OUT_DIR, 'index.html'),
    indexHtml({ results, leftovers: unresolved, languages, themes: THEMES, blocked, generatedAt: new Date(), seconds }),
  );

  const failed = results.filter((r) => r.error);
  const pngs = results.length - failed.length;
  const found = findings(results);
  const broken = findings(results, 'brokenWords');
  const notes = markdownFindings(results);
  const cards = new Set(results.filter((r) => !r.error).map((r) => `${r.template}/${r.variant}/${r.language}`)).size;

  console.log('');
  if (found.length) {
    console.log(`TEXT CUT OFF (${found.length}; "both" = light and dark):\n`);
    console.log(findingsTable(found));
    console.log('');
  }
  if (broken.length) {
    console.log(`Words wrapped in the middle, or a Chinese line ending on one character ("orphan") (${broken.length}; not cut off):\n`);
    console.log(findingsTable(broken, true));
    console.log('');
  }
  if (unresolved.length) {
    console.log(`UNRESOLVED TEMPLATE EXPRESSIONS (${unresolved.length}; sent to Teams literally):`);
    for (const l of unresolved) console.log(`  ${l.template}/${l.variant} [${l.languages.join(',')}] ${l.where}: ${JSON.stringify(l.value)}`);
    console.log('');
  }
  if (notes.length) {
    console.log(`Text rendered as markdown (Teams does the same; check it is intended):`);
    for (const n of notes) console.log(`  ${n.template}/${n.variant}/${n.language}: ${n.note.kind}: ${JSON.stringify(n.note.text)}`);
    console.log('');
  }
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length) console.log(`Adaptive Cards SDK warnings:\n${warnings.map((w) => `  ${w}`).join('\n')}\n`);
  if (pageErrors.length) console.log(`Page errors:\n${[...new Set(pageErrors)].map((e) => `  ${e}`).join('\n')}\n`);
  if (blocked.length) console.log(`Blocked non-local requests:\n${[...new Set(blocked)].map((u) => `  ${u}`).join('\n')}\n`);

  console.log(`Cards rendered:              ${cards} (${samples.length} samples × ${THEMES.length} themes)`);
  console.log(`PNGs written:                ${pngs}`);
  console.log(`Output:                      ${path.join(OUT_DIR, 'index.html')}`);
  console.log(`Blocked non-local requests:  ${blocked.length}`);
  console.log(`Truncations:                 ${found.length}${found.length ? ' (see table above)' : ''}`);
  console.log(`Words wrapped mid-word:      ${broken.filter((b) => b.issue.problem !== 'orphan').length}`);
  console.log(`Chinese orphans:             ${broken.filter((b) => b.issue.problem === 'orphan').length}`);
  console.log(`Unresolved \${…} in cards:    ${unresolved.length}`);
  if (failed.length) console.log(`Rendering FAILED:            ${failed.length}`);
  console.log(`Time:                        ${seconds.toFixed(1)} s`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
