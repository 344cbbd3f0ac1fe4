import { normalizeInput } from '../text/normalizeInput.js';

export interface RecognizedCommand {
  /** A base command or a flow id (see FlowRegistry.commands). */
  command: string;
  /** What followed the command words, e.g. the search term in "Kundenliste contoso". */
  argument: string;
}

/** Phrases per command, per language: the content of locales/<lang>/commands.json. */
export type CommandPhrases = Record<string, Partial<Record<string, unknown>>>;

const HAN = /\p{Script=Han}/u;

/**
 * Recognises a typed command in any supported language, whatever language the
 * user has chosen (people type the words they know). The longest matching
 * phrase wins, so "add customer" is not read as "customers". A phrase must be
 * followed by a space or the end; after a Chinese phrase the argument may
 * follow directly ("客户列表contoso"), as Chinese does not separate words.
 */
export class CommandRecognizer {
  private readonly phrases: Array<{ phrase: string; command: string }>;

  constructor(phrasesByLanguage: CommandPhrases, commands: readonly string[]) {
    const all = new Map<string, string>();
    for (const byCommand of Object.values(phrasesByLanguage)) {
      for (const command of commands) {
        const phrases = byCommand[command];
        for (const phrase of Array.isArray(phrases) ? (phrases as string[]) : []) {
          const normalized = normalizeInput(phrase);
          const existing = all.get(normalized);
          if (existing && existing !== command) throw new Error(`Command phrase "${phrase}" means both ${existing} and ${command}`);
          all.set(normalized, command);
        }
      }
    }
    this.phrases = [...all].map(([phrase, command]) => ({ phrase, command })).sort((a, b) => b.phrase.length - a.phrase.length);
  }

  recognize(text: string | undefined): RecognizedCommand | undefined {
    if (!text) return undefined;
    const input = normalizeInput(text);
    for (const { phrase, command } of this.phrases) {
      if (!input.startsWith(phrase)) continue;
      const rest = input.slice(phrase.length);
      if (rest === '' || rest.startsWith(' ') || HAN.test(phrase.at(-1) ?? '')) {
        return { command, argument: argumentAsTyped(text, phrase, rest) };
      }
    }
    return undefined;
  }
}

/** The argument with the user's own case and accents (searches need them), when lower-casing kept the length. */
function argumentAsTyped(text: string, phrase: string, normalizedRest: string): string {
  const collapsed = text.normalize('NFC').replace(/[\s\u3000]+/g, ' ').trim();
  const asTyped = collapsed.slice(0, phrase.length).toLocaleLowerCase('und') === phrase ? collapsed.slice(phrase.length) : normalizedRest;
  return asTyped.replace(/[\s.!?。！？]+$/u, '').trim();
}
