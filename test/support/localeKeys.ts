/**
 * Pure checks over locale bundles, used by test/locales.test.ts.
 *
 * Every check takes plain data (the bundles as loaded from locales/, card
 * template text, source text) and returns a list of human-readable problems;
 * an empty list means "fine". The tests assert `toEqual([])`, so a failure
 * prints exactly what is wrong, and the same functions can be run on a small
 * broken fixture to prove they do report problems.
 */

/** language -> namespace -> the parsed JSON of locales/<language>/<namespace>.json */
export type Locales = Record<string, Record<string, unknown>>;

/** i18next v4 plural suffixes (`_two` included for completeness; none of our languages uses it). */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;
/** `{{name}}` interpolation placeholders (i18next default delimiters). */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
/** `${t.some.key}` in a card template, as cards are bound in src/cards/cardRenderer.ts. */
export const CARD_STRING_REFERENCE = /\$\{t\.([A-Za-z0-9_.]+)\}/g;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** `welcome.customerCount_one` -> { base: 'welcome.customerCount', category: 'one' }. */
export function splitPlural(key: string): { base: string; category?: string } {
  const match = PLURAL_SUFFIX.exec(key);
  return match ? { base: match[1]!, category: match[2]! } : { base: key };
}

/**
 * The leaves of a bundle by dotted key. Objects are walked; an array is a
 * leaf (commands.json holds phrase lists whose length differs per language).
 */
export function flatten(bundle: unknown, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (!isRecord(bundle)) {
    leaves.set(prefix, bundle);
    return leaves;
  }
  for (const [key, value] of Object.entries(bundle)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) for (const [k, v] of flatten(value, path)) leaves.set(k, v);
    else leaves.set(path, value);
  }
  return leaves;
}

/** Leaf keys with plural suffixes folded into their base key. */
export function foldedKeys(bundle: unknown): Set<string> {
  return new Set([...flatten(bundle).keys()].map((key) => splitPlural(key).base));
}

/** Plural categories a language needs, from CLDR via Intl (ru: few/many/one/other, en/de: one/other, zh: other). */
export function requiredCategories(language: string): string[] {
  return sorted(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
}

/** The placeholder names in a string, sorted and de-duplicated. */
export function placeholders(text: string): string[] {
  return sorted([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

/** Replaces `{{name}}` with values[name]; an unknown name is left as it is. */
export function interpolate(text: string, values: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The value at a dotted key, walking objects and arrays (`customerList.0`), as i18next does. */
export function lookup(bundle: unknown, key: string): unknown {
  let node: unknown = bundle;
  for (const part of key.split('.')) {
    if (Array.isArray(node)) node = /^\d+$/.test(part) ? node[Number(part)] : undefined;
    else if (isRecord(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** Whether `t(key)` finds a string: the key itself, or (for a plural base key) its `_other` form. */
export function resolvesToString(bundle: unknown, key: string): boolean {
  return typeof lookup(bundle, key) === 'string' || typeof lookup(bundle, `${key}_other`) === 'string';
}

const languagesOf = (locales: Locales): string[] => Object.keys(locales);
const namespacesOf = (locales: Locales): string[] => sorted(Object.values(locales).flatMap((bundles) => Object.keys(bundles)));

// ---------------------------------------------------------------- 1. parity

/** Every language has the same namespace files as the others. */
export function checkNamespaceFiles(locales: Locales): string[] {
  const all = namespacesOf(locales);
  return languagesOf(locales).flatMap((language) =>
    all.filter((ns) => !(ns in locales[language]!)).map((ns) => `${language}: namespace file ${ns}.json is missing`),
  );
}

/** Per namespace, every (plural-folded) key exists in every language. */
export function checkKeyParity(locales: Locales): string[] {
  const problems: string[] = [];
  for (const ns of namespacesOf(locales)) {
    const keysByLanguage = new Map(languagesOf(locales).map((l) => [l, foldedKeys(locales[l]![ns] ?? {})] as const));
    const union = sorted([...keysByLanguage.values()].flatMap((keys) => [...keys]));
    for (const [language, keys] of keysByLanguage) {
      if (!(ns in locales[language]!)) continue; // reported by checkNamespaceFiles
      for (const key of union) if (!keys.has(key)) problems.push(`${language}/${ns}: key "${key}" is missing`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 2. plurals

/**
 * A key is plural if it has a suffixed form in any language. Then each
 * language must have exactly the categories its plural rules use (plus an
 * optional `_zero`, which must then exist in every language).
 */
export function checkPluralCategories(locales: Locales): string[] {
  const problems: string[] = [];
  for (const ns of namespacesOf(locales)) {
    const categories = new Map<string, Map<string, Set<string>>>(); // base -> language -> categories
    for (const language of languagesOf(locales)) {
      for (const key of flatten(locales[language]![ns] ?? {}).keys()) {
        const { base, category } = splitPlural(key);
        if (!category) continue;
        const byLanguage = categories.get(base) ?? new Map<string, Set<string>>();
        categories.set(base, byLanguage);
        byLanguage.set(language, (byLanguage.get(language) ?? new Set()).add(category));
      }
    }
    for (const [base, byLanguage] of categories) {
      const zeroSomewhere = [...byLanguage.values()].some((set) => set.has('zero'));
      for (const language of languagesOf(locales)) {
        if (!(ns in locales[language]!)) continue;
        const present = byLanguage.get(language) ?? new Set<string>();
        const required = requiredCategories(language);
        const missing = required.filter((c) => !present.has(c));
        const extra = sorted([...present].filter((c) => c !== 'zero' && !required.includes(c)));
        const where = `${language}/${ns}: plural "${base}"`;
        if (missing.length) problems.push(`${where} lacks ${missing.map((c) => `_${c}`).join(', ')} (${language} uses ${required.join('/')})`);
        if (extra.length) problems.push(`${where} has ${extra.map((c) => `_${c}`).join(', ')}, which ${language} does not use (${required.join('/')})`);
        if (zeroSomewhere && !present.has('zero')) problems.push(`${where} lacks _zero, which another language has`);
        if (typeof lookup(locales[language]![ns], base) !== 'undefined') problems.push(`${where} also exists as a plain key`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 3. strings

/**
 * Every string (and every phrase in a phrase list) is non-empty and trimmed;
 * every string's `{{placeholders}}` match the English string's. A plural form
 * English lacks (ru `_few`) is compared with English `_other`.
 */
export function checkStrings(locales: Locales, reference = 'en'): string[] {
  const problems: string[] = [];
  for (const language of languagesOf(locales)) {
    for (const [ns, bundle] of Object.entries(locales[language]!)) {
      const english = flatten(locales[reference]?.[ns] ?? {});
      for (const [key, value] of flatten(bundle)) {
        const where = `${language}/${ns}: "${key}"`;
        const items = Array.isArray(value) ? value : [value];
        if (Array.isArray(value) && value.length === 0) problems.push(`${where} is an empty list`);
        for (const item of items) {
          if (typeof item !== 'string') problems.push(`${where} holds a ${item === null ? 'null' : typeof item}, not a string`);
          else if (item.trim() === '') problems.push(`${where} is empty`);
          else if (item !== item.trim()) problems.push(`${where} has leading/trailing whitespace: ${JSON.stringify(item)}`);
        }
        if (typeof value !== 'string' || language === reference) continue;
        const { base, category } = splitPlural(key);
        const englishValue = english.get(key) ?? (category ? english.get(`${base}_other`) : undefined);
        if (typeof englishValue !== 'string') continue; // a missing key is checkKeyParity's business
        const mine = placeholders(value);
        const theirs = placeholders(englishValue);
        if (mine.join() !== theirs.join()) problems.push(`${where} has placeholders [${mine.join(', ')}], English has [${theirs.join(', ')}]`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 4. cards

/** Every `${t.x.y}` in a card template is a string in every language's `common` bundle. */
export function checkCardReferences(cards: Record<string, string>, locales: Locales): string[] {
  const problems: string[] = [];
  for (const [card, text] of Object.entries(cards)) {
    for (const [, key] of text.matchAll(CARD_STRING_REFERENCE)) {
      for (const language of languagesOf(locales)) {
        if (typeof lookup(locales[language]!.common, key!) !== 'string') {
          problems.push(`card ${card}: \${t.${key}} is not a string in ${language}/common`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 5. keys used in src

export interface UsedKey {
  ns: string;
  key: string;
  /** file:line, and the template pattern it was expanded from, if any. */
  where: string;
}

/**
 * Finds `t(...)` calls in source text with a regular expression; no parser.
 *
 * - Matches `t(` as a whole word: `t('…')`, `.t('…')`, `turnLocale(x).t("…")`.
 * - The first argument must be a string literal ('…', "…" or `…`). The
 *   namespace is `common` unless the same call passes `{ ns: '…' }` right
 *   after the key (or the key has an `ns:` prefix).
 * - A template literal with `${…}` is expanded only if its exact text (with
 *   the namespace, as `ns:pattern`) is in `expansions`, which maps it to the
 *   values of its one placeholder. Anything else — an unknown pattern, or a
 *   key that is not a literal at all (`t(key)`) — is reported as a problem,
 *   so a new dynamic key cannot slip past unchecked. So are `expansions`
 *   entries that no longer occur (the table stays honest).
 */
export function scanTranslationKeys(
  files: Record<string, string>,
  expansions: Record<string, readonly string[]>,
): { keys: UsedKey[]; problems: string[] } {
  const CALL = /\bt\(\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\]*)`|([^\s)]))(?:\s*,\s*\{[^{}()]*?\bns:\s*['"]([\w-]+)['"])?/g;
  const keys: UsedKey[] = [];
  const problems: string[] = [];
  const used = new Set<string>();
  for (const [file, text] of Object.entries(files)) {
    for (const match of text.matchAll(CALL)) {
      const line = text.slice(0, match.index).split('\n').length;
      const where = `${file}:${line}`;
      const [, single, double, template, other, nsOption] = match;
      if (other !== undefined) {
        problems.push(`${where}: t() with a non-literal key (${JSON.stringify(match[0])}); use a literal or a known template`);
        continue;
      }
      let raw = (single ?? double ?? template)!;
      let ns = nsOption ?? 'common';
      const prefixed = /^([\w-]+):(.+)$/.exec(raw);
      if (prefixed) [, ns, raw] = prefixed as unknown as [string, string, string];
      if (template === undefined || !raw.includes('${')) {
        keys.push({ ns, key: raw, where });
        continue;
      }
      const pattern = `${ns}:${raw}`;
      const values = expansions[pattern];
      if (!values) {
        problems.push(`${where}: unknown dynamic key t(\`${raw}\`) in namespace ${ns}; add "${pattern}" and its values to the expansions table`);
        continue;
      }
      used.add(pattern);
      if (values.length === 0) problems.push(`${where}: expansions for "${pattern}" are empty`);
      for (const value of values) keys.push({ ns, key: raw.replace(/\$\{[^}]*\}/, value), where: `${where} (${pattern})` });
    }
  }
  for (const pattern of Object.keys(expansions)) {
    if (!used.has(pattern)) problems.push(`expansions table: "${pattern}" no longer occurs in the scanned source`);
    if ((pattern.match(/\$\{/g) ?? []).length !== 1) problems.push(`expansions table: "${pattern}" must have exactly one \${…}`);
  }
  return { keys, problems };
}

/** Every key used in code resolves to a string (or a plural set) in every language. */
export function checkUsedKeys(keys: UsedKey[], locales: Locales): string[] {
  const problems: string[] = [];
  for (const { ns, key, where } of keys) {
    for (const language of languagesOf(locales)) {
      if (!resolvesToString(locales[language]![ns], key)) problems.push(`${where}: "${ns}:${key}" does not resolve to a string in ${language}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 6. untranslated

/**
 * A translated `common` string must differ from English unless it is on the
 * allow-list or consists only of brand terms (plus spaces/punctuation).
 */
export function checkUntranslated(
  locales: Locales,
  allowed: { identical: readonly string[]; brandTerms: readonly string[] },
  ns = 'common',
  reference = 'en',
): string[] {
  const english = flatten(locales[reference]?.[ns] ?? {});
  const onlyBrandTerms = (text: string): boolean => {
    let rest = text;
    for (const term of allowed.brandTerms) rest = rest.split(term).join(' ');
    return /^[\s\p{P}]*$/u.test(rest);
  };
  const problems: string[] = [];
  for (const language of languagesOf(locales)) {
    if (language === reference) continue;
    for (const [key, value] of flatten(locales[language]![ns] ?? {})) {
      if (typeof value !== 'string' || value !== english.get(key)) continue;
      if (allowed.identical.includes(value) || onlyBrandTerms(value)) continue;
      problems.push(`${language}/${ns}: "${key}" is the English text ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 7. plural selection

export type Translate = (language: string, key: string, options: Record<string, unknown>) => string;

/** The CLDR category each count must select, per the test plan (ru: one 1, 21; few 2, 22; many 5, 11, 25). */
export const EXPECTED_FORMS: Record<string, Record<number, string>> = {
  ru: { 1: 'one', 21: 'one', 2: 'few', 22: 'few', 5: 'many', 11: 'many', 25: 'many' },
  zh: { 1: 'other', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other' },
  en: { 1: 'one', 2: 'other', 5: 'other', 21: 'other' },
  de: { 1: 'one', 2: 'other', 5: 'other', 21: 'other' },
};

/**
 * For every plural base key in `ns`, `t(key, { count, formatted })` returns the
 * resource string of the expected category, interpolated. In Russian the
 * one/few/many strings must also differ from each other.
 */
export function checkPluralSelection(
  translate: Translate,
  locales: Locales,
  expected: Record<string, Record<number, string>> = EXPECTED_FORMS,
  ns = 'common',
): string[] {
  const problems: string[] = [];
  const bases = sorted(
    Object.values(locales).flatMap((bundles) =>
      [...flatten(bundles[ns] ?? {}).keys()].map(splitPlural).filter((k) => k.category).map((k) => k.base),
    ),
  );
  for (const [language, forms] of Object.entries(expected)) {
    const bundle = locales[language]?.[ns];
    for (const base of bases) {
      for (const [countText, category] of Object.entries(forms)) {
        const count = Number(countText);
        const cldr = new Intl.PluralRules(language).select(count);
        if (cldr !== category) problems.push(`${language}: test table says ${count} is "${category}", Intl says "${cldr}"`);
        const options = { count, formatted: String(count) };
        const resource = lookup(bundle, `${base}_${category}`);
        if (typeof resource !== 'string') {
          problems.push(`${language}/${ns}: "${base}_${category}" (needed for count ${count}) is missing`);
          continue;
        }
        const want = interpolate(resource, options);
        const got = translate(language, base, options);
        if (got !== want) problems.push(`${language}/${ns}: t("${base}", count ${count}) gave ${JSON.stringify(got)}, expected _${category} ${JSON.stringify(want)}`);
      }
      if (language === 'ru') {
        const texts = ['one', 'few', 'many'].map((c) => lookup(bundle, `${base}_${c}`));
        if (texts.every((t) => typeof t === 'string') && new Set(texts).size !== texts.length) {
          problems.push(`ru/${ns}: "${base}" _one/_few/_many are not all different: ${JSON.stringify(texts)}`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- 8. command phrases

/**
 * Every command has at least one non-empty phrase in every language, and no
 * normalized phrase means two different commands across all languages.
 */
export function checkCommandPhrases(
  locales: Locales,
  commands: readonly string[],
  normalize: (text: string) => string,
  ns = 'commands',
): string[] {
  const problems: string[] = [];
  const meaning = new Map<string, { command: string; where: string }>();
  for (const language of languagesOf(locales)) {
    const bundle = locales[language]![ns];
    for (const command of commands) {
      const phrases = lookup(bundle, command);
      const where = `${language}/${ns}: "${command}"`;
      if (!Array.isArray(phrases) || phrases.length === 0) {
        problems.push(`${where} has no phrases`);
        continue;
      }
      phrases.forEach((phrase: unknown, index) => {
        if (typeof phrase !== 'string' || normalize(phrase) === '') {
          problems.push(`${where}[${index}] is empty or not a string: ${JSON.stringify(phrase)}`);
          return;
        }
        const normalized = normalize(phrase);
        const seen = meaning.get(normalized);
        if (seen && seen.command !== command) {
          problems.push(`phrase "${normalized}" means ${seen.command} (${seen.where}) and ${command} (${where})`);
        }
        if (!seen) meaning.set(normalized, { command, where });
      });
    }
  }
  return problems;
}
