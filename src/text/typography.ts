import { createRequire } from 'node:module';
import type TypografModule from 'typograf';

/** typograf's type declarations serve its CommonJS and ESM builds alike, and TypeScript reads them as a namespace: its CommonJS build is loaded. */
type TypografClass = typeof TypografModule.default;
const Typograf = createRequire(import.meta.url)('typograf') as TypografClass;

/**
 * Russian typesetting of what the bot says, after interpolation: a company
 * name already in «» inside our «{{company}}» becomes «ООО „Ромашка“», not
 * «ООО «Ромашка»»; a sentence that ends on a date ("до {{date}}.") keeps one
 * full stop after "г."; "2026 г.", "31 декабря" and "т. е." do not break
 * across lines. Only these rules run: typograf's others (© for "(c)", ½ for
 * "1/2", spaces after short words…) would change names and addresses a
 * partner typed.
 */
const RUSSIAN_RULES = [
  'common/punctuation/quote',
  'common/punctuation/delDoublePunctuation',
  'ru/nbsp/year',
  'ru/nbsp/dayMonth',
  'ru/nbsp/abbr',
];

function russianTypograf(): InstanceType<TypografClass> {
  const typograf = new Typograf({ locale: ['ru', 'en-US'] });
  typograf.disableRule('*');
  typograf.enableRule(RUSSIAN_RULES);
  return typograf;
}

/**
 * English and German: only the full stop a sentence ends with after a name
 * that ends with one ("… with Contoso Inc.. Nothing …" → "Inc. Nothing"),
 * which is where the name's own full stop serves both.
 */
function fullStopTypograf(locale: string): InstanceType<TypografClass> {
  const typograf = new Typograf({ locale: [locale] });
  typograf.disableRule('*');
  typograf.enableRule('common/punctuation/delDoublePunctuation');
  return typograf;
}

/** What the full-stop rule acts on: a doubled , : . ; or ?. */
const DOUBLED_MARK = /([,:.;?])\1/;

/** A typesetter per language: text in, text out. Languages without rules (Chinese ends a sentence with 。) are left as they are. */
export type Typesetter = (language: string, text: string) => string;

export function createTypesetter(): Typesetter {
  const russian = russianTypograf();
  const fullStops = new Map([
    ['en', fullStopTypograf('en-US')],
    ['de', fullStopTypograf('de')],
  ]);
  return (language, text) => {
    if (!text) return text;
    if (language === 'ru') return russian.execute(text);
    // Most texts have no doubled mark: they skip typograf's pass (a few microseconds a text).
    const fullStop = DOUBLED_MARK.test(text) ? fullStops.get(language) : undefined;
    return fullStop ? fullStop.execute(text) : text;
  };
}
