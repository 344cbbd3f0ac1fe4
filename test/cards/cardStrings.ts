/**
 * The text a user sees on a card, and checks that a translated card shows no
 * English UI text and no raw locale keys. Data (customer records, what the
 * user typed) never triggers: a string only counts as leaked English when it
 * is the text, or the interpolation pattern, of a string in locales/en.
 */
import type { Language } from '../../src/i18n/languages.js';
import { flatten, splitPlural } from '../support/localeKeys.js';
import { cardNodes, type Card } from './cardRules.js';

/** One visible string on a card, with its JSON path. */
export interface VisibleString {
  path: string;
  text: string;
}

/** Properties a user reads: TextBlock text, action/fact/choice titles, input labels, placeholders and error messages. */
const VISIBLE_KEYS = ['text', 'title', 'label', 'placeholder', 'errorMessage'] as const;

/** Every visible string on the card (fact values included; input values and action data are the user's or the bot's data). */
export function visibleStrings(card: Card): VisibleString[] {
  return cardNodes(card).flatMap(({ node, path, parentKey }) => {
    const keys: readonly string[] = parentKey === 'facts' ? [...VISIBLE_KEYS, 'value'] : VISIBLE_KEYS;
    return keys.filter((key) => typeof node[key] === 'string' && node[key] !== '').map((key) => ({ path: `${path}.${key}`, text: node[key] as string }));
  });
}

/** A string of locales/en, with a pattern matching it once interpolated. */
export interface UiText {
  key: string;
  text: string;
  pattern: RegExp;
}

const PLACEHOLDER = /\{\{[^{}]+\}\}/g;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Enough fixed text to recognise the string: "{{name}}" alone would match anything. */
const hasLetters = (text: string, min: number): boolean => (text.match(/\p{L}/gu) ?? []).length >= min;

/** Every string of the given namespaces of one language's bundles, by `ns:key`, with its match pattern. */
export function uiTexts(bundles: Record<string, unknown>, namespaces: readonly string[]): UiText[] {
  return namespaces.flatMap((ns) =>
    [...flatten(bundles[ns] ?? {})]
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .filter(([, text]) => hasLetters(text.replace(PLACEHOLDER, ''), 3))
      .map(([key, text]) => ({ key: `${ns}:${key}`, text, pattern: new RegExp(`^${text.split(PLACEHOLDER).map(escapeRegExp).join('.+')}$`, 'su') })),
  );
}

/** Every key a missing translation could show instead of text: `a.b`, `ns:a.b`, and plural base keys. */
export function localeKeyPaths(bundles: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  for (const [ns, bundle] of Object.entries(bundles)) {
    for (const key of flatten(bundle).keys()) {
      for (const k of new Set([key, splitPlural(key).base])) {
        // An undotted key ("help") is also a word a card may show (a command phrase); only namespaced it is a key.
        if (k.includes('.')) paths.add(k);
        paths.add(`${ns}:${k}`);
      }
    }
  }
  return paths;
}

/** What a translated card may share with English. */
export interface SameAsEnglish {
  /** Strings shown as-is in every language (the language endonyms). */
  everywhere: readonly string[];
  /** Words a language spells as English does. */
  perLanguage: Partial<Record<Language, readonly string[]>>;
  /** Product and brand names; a string made only of these (and punctuation) is fine. */
  brandTerms: readonly string[];
  /** Data: values from the customer records and what the test conversation typed. */
  data: ReadonlySet<string>;
}

/** GUIDs, emails, domains, phone numbers, postal codes, ISO dates and plain numbers look the same in every language. */
const DATA_SHAPES = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
  /^\+?[\d\s().-]{3,}$/,
  /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/,
  /^(?=.*\d)[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4}$/,
];

/** Whether a string may legitimately be identical to English in `language`. */
export function mayMatchEnglish(text: string, language: Language, allowed: SameAsEnglish): boolean {
  if (allowed.everywhere.includes(text) || allowed.perLanguage[language]?.includes(text) || allowed.data.has(text)) return true;
  if (DATA_SHAPES.some((shape) => shape.test(text))) return true;
  let rest = text;
  for (const term of allowed.brandTerms) rest = rest.split(term).join(' ');
  return /^[\s\p{P}\p{S}\d]*$/u.test(rest);
}

/** The pieces of a visible string to check: the whole, and each part of a " · "-joined line. */
const pieces = (text: string): string[] => [...new Set([text, ...text.split(' · ').map((p) => p.trim())])].filter(Boolean);

/** Visible strings of a translated card that are English UI text (exactly, or a locales/en pattern once interpolated). */
export function checkEnglishLeaks(card: Card, language: Language, english: readonly UiText[], allowed: SameAsEnglish): string[] {
  return visibleStrings(card).flatMap(({ path, text }) =>
    pieces(text)
      .filter((piece) => !mayMatchEnglish(piece, language, allowed))
      .flatMap((piece) => {
        const source = english.find((ui) => ui.pattern.test(piece));
        return source ? [`${path}: ${JSON.stringify(piece)} is English (${source.key}: ${JSON.stringify(source.text)})`] : [];
      }),
  );
}

/** Visible strings that are a locale key path, i.e. what i18next shows for a missing translation. */
export function checkRawKeys(card: Card, keyPaths: ReadonlySet<string>): string[] {
  return visibleStrings(card)
    .filter(({ text }) => keyPaths.has(text.trim()))
    .map(({ path, text }) => `${path}: shows the locale key ${JSON.stringify(text)} instead of text`);
}

/** Every string anywhere in a value (e.g. the demo customer records). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
