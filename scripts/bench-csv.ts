/**
 * Benchmark of the "Upload users" check: a 100-row file (the most Partner
 * Center takes) read and every row validated, target p95 < 50 ms. Part of
 * `npm run bench`.
 */
import os from 'node:os';
import path from 'node:path';
import { loadLocaleResources } from '../src/i18n/i18n.js';
import { projectRoot } from '../src/paths.js';
import { columnNamesFrom, parseUserCsv, validateUserRows } from '../src/rules/userCsv.js';

const TARGET_P95_MS = 50;
const RUNS = 500;
const people = [['Anna', 'Schmidt'], ['Иван', 'Петров'], ['伟', '王'], ['Jörg', 'Müller']];
const lines = ['Vorname;Nachname;Anzeigename;E-Mail'];
for (let i = 0; i < 100; i++) {
  const [first, last] = people[i % people.length]!;
  lines.push(`${first};${last} ${i};"${first} ${last} ${i}";user.${i}@contoso.de`);
}
const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
const names = columnNamesFrom(Object.values(loadLocaleResources(path.join(projectRoot(), 'locales'))).map((bundle) => bundle.common as never));
const existing = new Set(Array.from({ length: 500 }, (_, i) => `existing.${i}@contoso.de`));

const samples: number[] = [];
for (let i = 0; i < RUNS + 50; i++) {
  const started = performance.now();
  const parsed = parseUserCsv(file, names);
  if (!parsed.ok) throw new Error(`the benchmark's file was refused: ${parsed.problem}`);
  const problems = validateUserRows(parsed.rows, { customerDomains: ['contoso.onmicrosoft.com', 'contoso.de'], existingUsers: existing });
  if (problems.length > 0) throw new Error('the benchmark\'s file has problems');
  if (i >= 50) samples.push(performance.now() - started);
}
samples.sort((a, b) => a - b);
const p = (q: number) => samples[Math.ceil(samples.length * q) - 1]!;
console.log(`\n## "Upload users" check (100 rows, ${file.length} bytes, Node ${process.version}, ${os.cpus().length} cores)\n`);
console.log('| Measure | p50 ms | p95 ms | max ms | n |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| read and validate a 100-row file | ${p(0.5).toFixed(2)} | ${p(0.95).toFixed(2)} | ${samples.at(-1)!.toFixed(2)} | ${samples.length} |`);
const ok = p(0.95) < TARGET_P95_MS;
console.log(ok ? `\n**RESULT: PASS ✅** — p95 < ${TARGET_P95_MS} ms.` : `\n**RESULT: FAIL ❌** — p95 ${p(0.95).toFixed(2)} ms ≥ ${TARGET_P95_MS} ms.`);
process.exitCode = ok ? 0 : 1;
