/**
 * Conversation transcripts: the bot's main flows as scripted conversations, replayed through the real
 * HTTP endpoint (restify + CloudAdapter, Bot Framework protocol, the activity's serviceUrl pointing at a
 * test connector) in every language. One script per flow: `scripts/<flow>.transcript.ts`, default-exporting
 * `transcript({ name, steps })`. Scripts name UI text by locale key, so one script runs in every language.
 *
 * ## Vocabulary
 *
 * Text (what a card shows or a button is titled), resolved in the language the runner currently speaks:
 *   'customerList.title'                              a key of locales/<lang>/common.json (typed: a typo fails tsc)
 *   { key: 'customerList.count', params: { count: 21 } }
 *                                                     numbers are formatted with Intl.NumberFormat of the language
 *                                                     (`count` also picks the plural and fills `formatted`); a
 *                                                     param can itself be a key: { reason: { key: 'endReason.other' } }
 *   { key: 'validation:domainTaken', params: … }      another namespace
 *   { text: 'Müller Maschinenbau GmbH' }              literal text (data, not UI)
 *
 * Steps (played in order; "the card" = the last card the bot sent, or updated in place, in the last turn):
 *   { user: 'joins' }                                 conversationUpdate: the user joins the conversation
 *   { user: { command: 'customerList', argument: 'müller' } }
 *                                                     types the first phrase of commands.json[command] in the
 *                                                     current language, then the argument
 *   { user: { text: 'hello there' } }                 types literal text
 *   { press: Text, inputs?: {…}, within?: Text, on?: label }
 *                                                     presses the button titled Text (in the card's own language)
 *                                                     on the card (on: a card named
 *                                                     earlier with `as`). `within` picks among equal titles: the
 *                                                     button nearest to a text block equal to that Text (a list row,
 *                                                     a review section). The submit carries the card's current input
 *                                                     values, overridden by `inputs` (each must be an input of the
 *                                                     card; a choice must be one the card offers; a required input
 *                                                     may not end up empty), unless the button sends no inputs.
 *                                                     An Action.OpenUrl is fetched from the test server instead:
 *                                                     that is the download `file` checks.
 *   { press: { language: 'next' } }                   presses the language-picker button of the next language
 *                                                     (en → de → zh → ru → en) or a named one ('de'); from then on
 *                                                     the runner expects and speaks that language. (To press a
 *                                                     language button without switching, e.g. on a stale card,
 *                                                     press its key: 'language.names.en'.)
 *   as: 'label'                                       on a user or press step: names the card it got, for `on`
 *   { expect: { … } }                                 checks, all optional:
 *       card:     Text[]     the card's visible text contains each
 *       absent:   Text[]     … and none of these
 *       reply:    n          check the n-th card (0-based) of the last turn instead of its last one
 *       replies:  n          the last turn produced exactly n activities
 *       inputs:   {id: v}    the card's inputs hold these values
 *       replaced: true       the last turn updated the pressed card in place (Teams) instead of sending one
 *       file:     { header: Text[], rows?: n, contains?: string[] }
 *                            the last download: HTTP 200, text/csv, UTF-8 BOM, this localized header row
 *       list:     { relationship?: 'active' | 'ended', search?: string, total: n, includes?: string[], excludes?: string[] }
 *                            the stored customer list of the sandbox tenant, read from disk by a fresh directory
 *       stored:   async ({ directory, dataDir, tenant, language }) => { … }   any other check of stored data
 *
 * Every script is played twice: as the Bot Framework Emulator (cards carry Action.Submit; a press is a
 * message) and as Teams (cards carry Action.Execute with the Submit as fallback; a press is an
 * `adaptiveCard/action` invoke whose answer may replace the pressed card; no tenant id is sent, so the
 * sandbox tenant's demo data serves). `replaced: true` holds in Teams only: elsewhere every answer is a
 * new message, and the expectation is checked as `replaced: false`.
 *
 * Checked after every turn, whatever the script says: HTTP 200, at least one answer, and every card's
 * `lang` is the language the runner speaks. A failure names the transcript, the language, the step, what
 * was expected and the card text actually received.
 */
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { projectRoot } from '../../src/paths.js';
import { SANDBOX_TENANT_ID } from '../../src/bot/tenancy.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import type { RelationshipFilter } from '../../src/customers/customer.js';
import { inputsOf } from '../support/cards.js';
import type { ReceivedActivity } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { resolvesToString } from '../support/localeKeys.js';

// ------------------------------------------------------------------ the script format

export const LANGUAGES = ['en', 'de', 'zh', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The client locale each run sends (the user's device); the bot may switch away from it on request. */
export const CLIENT_LOCALE: Record<Language, string> = { en: 'en-US', de: 'de-DE', zh: 'zh-CN', ru: 'ru-RU' };

type CommonBundle = typeof import('../../locales/en/common.json', { with: { type: 'json' } });
type ValidationBundle = typeof import('../../locales/en/validation.json', { with: { type: 'json' } });
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : T[K] extends readonly unknown[] ? never : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type FoldPlural<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

/** A key of common.json (plural forms folded: `customerList.count`), or `validation:<key>`. */
export type LocaleKey = FoldPlural<Leaves<CommonBundle>> | `validation:${FoldPlural<Leaves<ValidationBundle>>}`;
export type Param = string | number | { key: LocaleKey; params?: Record<string, Param> };
export type Text = LocaleKey | { key: LocaleKey; params?: Record<string, Param> } | { text: string };

export type UserAction = 'joins' | { command: string; argument?: string } | { text: string };

export interface StoredData {
  /** A fresh directory on the run's data dir: it reads what is on disk. */
  directory: LowdbCustomerDirectory;
  dataDir: string;
  tenant: string;
  language: Language;
}

export interface Expectation {
  card?: Text[];
  absent?: Text[];
  reply?: number;
  replies?: number;
  inputs?: Record<string, string>;
  replaced?: boolean;
  file?: { header: Text[]; rows?: number; contains?: string[] };
  list?: { relationship?: RelationshipFilter; search?: string; total: number; includes?: string[]; excludes?: string[] };
  stored?: (data: StoredData) => void | Promise<void>;
}

export type Step =
  | { user: UserAction; as?: string }
  | { press: Text | { language: Language | 'next' }; inputs?: Record<string, string>; within?: Text; on?: string; as?: string }
  | { expect: Expectation };

export interface Transcript {
  name: string;
  /** Where the script is played (both by default); a script that presses a card the bot replaced in place can only be played where nothing is replaced. */
  channels?: Channel[];
  steps: Step[];
}

/** Types a script (its keys are checked by tsc). */
export const transcript = (script: Transcript): Transcript => script;

// ------------------------------------------------------------------ translation

const ROOT = projectRoot();
const RESOURCES = loadLocaleResources(path.join(ROOT, 'locales'));
const I18N = createI18n(RESOURCES);
const NEXT_LANGUAGE: Record<Language, Language> = { en: 'de', de: 'zh', zh: 'ru', ru: 'en' };

function splitKey(key: string): { ns: string; path: string } {
  const [ns, rest] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  return { ns, path: rest };
}

function translate(language: Language, key: string, params: Record<string, Param> = {}): string {
  const { ns, path: keyPath } = splitKey(key);
  if (!resolvesToString(RESOURCES[language]?.[ns], keyPath)) throw new TranscriptFailure(`unknown locale key "${key}" in locales/${language}/${ns}.json`);
  const number = new Intl.NumberFormat(CLIENT_LOCALE[language]);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') values[name] = name === 'count' ? value : number.format(value);
    else if (typeof value === 'object') values[name] = translate(language, value.key, value.params);
    else values[name] = value;
  }
  if (typeof params.count === 'number' && values.formatted === undefined) values.formatted = number.format(params.count);
  return I18N.getFixedT(language, ns)(keyPath, values);
}

function resolveText(language: Language, text: Text): string {
  if (typeof text === 'string') return translate(language, text);
  if ('text' in text) return text.text;
  return translate(language, text.key, text.params);
}

const describeText = (text: Text): string => (typeof text === 'string' ? text : 'text' in text ? JSON.stringify(text.text) : `${text.key} ${JSON.stringify(text.params ?? {})}`);

function firstPhrase(language: Language, command: string): string {
  const phrases = (RESOURCES[language]?.commands as Record<string, unknown> | undefined)?.[command];
  if (!Array.isArray(phrases) || typeof phrases[0] !== 'string') throw new TranscriptFailure(`locales/${language}/commands.json has no phrase for "${command}"`);
  return phrases[0];
}

// ------------------------------------------------------------------ cards

type Card = Record<string, unknown>;
interface CardAction { type: string; verb?: string; title?: string; url?: string; data?: Record<string, unknown>; associatedInputs?: string }
function cardOf(activity: Partial<Activity>): Card | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Card | undefined;
}

/** Visible text of a card (text blocks, labels, placeholders, facts, button titles), in document order. */
function visibleTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(visibleTexts);
  if (!node || typeof node !== 'object') return [];
  const { text, title, value, type, label, placeholder, data: _data, fallback: _fallback, ...rest } = node as Record<string, unknown>;
  const own = [text, title, label, placeholder, type === undefined ? value : undefined].filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(rest).flatMap(visibleTexts)];
}

const cardText = (card: Card): string => visibleTexts(card).join('\n');

/** Every action on the card with the chain of elements that contain it (nearest first). */
/** An Action.Execute invoke's answer as the channel applies it: a card replaces the pressed one; a message is shown to the presser. */
function invokeAnswer(body: unknown, pressedId: string): ReceivedActivity | undefined {
  const answer = body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  if (answer?.statusCode !== 200) throw new TranscriptFailure(`the invoke was answered ${JSON.stringify(body)}`);
  if (answer.type === 'application/vnd.microsoft.card.adaptive') {
    return { id: pressedId, conversationId: '', operation: 'update', receivedAt: Date.now(), type: 'message', attachments: [{ contentType: answer.type, content: answer.value }] };
  }
  if (answer.type === 'application/vnd.microsoft.activity.message') return { id: `${pressedId}-message`, conversationId: '', operation: 'send', receivedAt: Date.now(), type: 'message', text: String(answer.value) };
  throw new TranscriptFailure(`the invoke was answered with an unknown type: ${JSON.stringify(body)}`);
}

function actionsWithAncestors(node: unknown, ancestors: unknown[] = []): Array<{ action: CardAction; ancestors: unknown[] }> {
  if (Array.isArray(node)) return node.flatMap((child) => actionsWithAncestors(child, ancestors));
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own = typeof element.type === 'string' && element.type.startsWith('Action.') ? [{ action: element as unknown as CardAction, ancestors }] : [];
  const inner = [element, ...ancestors];
  // An Action.Execute's Action.Submit fallback is the same button.
  return [...own, ...Object.entries(element).filter(([key]) => key !== 'data' && key !== 'fallback').flatMap(([, child]) => actionsWithAncestors(child, inner))];
}

// ------------------------------------------------------------------ the runner

class TranscriptFailure extends Error {}

interface Download { url: string; status: number; contentType: string; bytes: Buffer }

const showStep = (step: Step): string =>
  JSON.stringify(step, (_key, value: unknown) => (typeof value === 'function' ? '[function]' : value));

const indent = (text: string): string => text.split('\n').map((line) => `      ${line}`).join('\n');

/** Plays one transcript in one language against a fresh server and data directory. */
export type Channel = 'emulator' | 'msteams';

/** Plays a script in a language on a channel; returns the verbs it pressed. */
export async function runTranscript(script: Transcript, startLanguage: Language, channel: Channel): Promise<Set<string>> {
  const bot = await startHttpBot();
  const run = new Run(bot, startLanguage, channel);
  try {
    for (const [index, step] of script.steps.entries()) {
      try {
        await run.play(step);
      } catch (error) {
        const reason = error instanceof TranscriptFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
        const failure = new Error(
          `Transcript "${script.name}" in ${CLIENT_LOCALE[startLanguage]} on ${channel}, step ${index + 1} of ${script.steps.length}: ${showStep(step)}\n` +
            (run.language !== startLanguage ? `  (the bot speaks ${run.language} by now)\n` : '') +
            `  ${reason.split('\n').join('\n  ')}`,
        );
        // The message says it all; the runner's own stack frames would only add noise.
        if (error instanceof TranscriptFailure) failure.stack = `${failure.name}: ${failure.message}`;
        throw failure;
      }
    }
    return run.pressedVerbs;
  } finally {
    await bot.close(true);
  }
}

class Run {
  language: Language;
  /** Every message the bot sent, by id, with its current content (an update replaces it). */
  private readonly messages = new Map<string, ReceivedActivity>();
  private readonly labels = new Map<string, string>();
  /** Ids of the card messages of the last turn, in order; and what the last turn did. */
  private lastCards: string[] = [];
  private lastTurn: { activities: ReceivedActivity[]; pressedId?: string } = { activities: [] };
  private download?: Download;
  readonly pressedVerbs = new Set<string>();

  constructor(private readonly bot: HttpBot, private readonly clientLanguage: Language, private readonly channel: Channel) {
    this.language = clientLanguage;
  }

  async play(step: Step): Promise<void> {
    if ('user' in step) return this.user(step.user, step.as);
    if ('press' in step) return this.press(step);
    return this.check(step.expect);
  }

  // -------------------------------------------------------------- turns

  private async user(action: UserAction, label?: string): Promise<void> {
    if (action === 'joins') {
      return this.turn({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Test User' }, { id: 'bot-1', name: 'Customer Accounts Bot' }] }, label);
    }
    const text = 'text' in action ? action.text : [firstPhrase(this.language, action.command), action.argument].filter(Boolean).join(' ');
    return this.turn({ type: 'message', text }, label);
  }

  private async press(step: Extract<Step, { press: unknown }>): Promise<void> {
    const cardId = step.on === undefined ? this.latestCardId() : this.labels.get(step.on);
    if (!cardId) throw new TranscriptFailure(step.on === undefined ? 'there is no card to press a button on' : `no card was named "${step.on}" (use as: "${step.on}" on an earlier step)`);
    const message = this.messages.get(cardId)!;
    const card = cardOf(message)!;
    const switchTo = typeof step.press === 'object' && 'language' in step.press ? (step.press.language === 'next' ? NEXT_LANGUAGE[this.language] : step.press.language) : undefined;
    // A button's title is in the language of its card (an older card may be in an earlier language).
    const cardLanguage = LANGUAGES.find((l) => l === card.lang) ?? this.language;
    const title = switchTo ? translate(cardLanguage, `language.names.${switchTo}` as LocaleKey) : resolveText(cardLanguage, step.press as Text);
    const action = this.findAction(card, cardLanguage, title, step.within);

    if (action.type === 'Action.OpenUrl') {
      if (step.inputs) throw new TranscriptFailure(`"${title}" opens a link; it sends no inputs`);
      return this.open(action.url ?? '');
    }
    if (action.type !== 'Action.Submit' && action.type !== 'Action.Execute') throw new TranscriptFailure(`"${title}" is an ${action.type}, which the runner cannot press`);
    const value = { ...this.submittedInputs(card, action, step.inputs ?? {}), ...(action.data ?? {}) };
    if (typeof value.verb === 'string') this.pressedVerbs.add(value.verb);
    if (this.channel === 'msteams' && action.type === 'Action.Submit') throw new TranscriptFailure(`"${title}" is an Action.Submit; in Teams every card action must be an Action.Execute (with the Submit as its fallback)`);
    if (action.type === 'Action.Execute') {
      // As Teams does: an adaptiveCard/action invoke, whose answer replaces the pressed card.
      const invoke = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: action.verb, data: value } }, replyToId: cardId };
      return this.turn(invoke as Partial<Activity>, step.as, cardId, switchTo);
    }
    // The answer to a language choice already speaks the new language.
    await this.turn({ type: 'message', value, replyToId: cardId }, step.as, cardId, switchTo);
  }

  private findAction(card: Card, cardLanguage: Language, title: string, within: Text | undefined): CardAction {
    const all = actionsWithAncestors(card);
    const titled = all.filter(({ action }) => action.title === title);
    if (titled.length === 0) {
      throw new TranscriptFailure(`no button "${title}" on the card; its buttons: ${all.map(({ action }) => JSON.stringify(action.title)).join(', ')}\n  card text:\n${indent(cardText(card))}`);
    }
    if (within === undefined) {
      if (titled.length > 1) throw new TranscriptFailure(`${titled.length} buttons are titled "${title}"; say which with within: <a text next to it>`);
      return titled[0]!.action;
    }
    const anchor = resolveText(cardLanguage, within);
    // The distance from the button up to the nearest element that holds a text block equal to the anchor.
    const distance = ({ ancestors }: { ancestors: unknown[] }) => ancestors.findIndex((element) => visibleTexts(element).includes(anchor));
    const ranked = titled.map((entry) => ({ entry, d: distance(entry) })).filter(({ d }) => d >= 0).sort((a, b) => a.d - b.d);
    if (ranked.length === 0) throw new TranscriptFailure(`no button "${title}" near the text "${anchor}"\n  card text:\n${indent(cardText(card))}`);
    if (ranked.length > 1 && ranked[0]!.d === ranked[1]!.d) throw new TranscriptFailure(`several buttons "${title}" are equally near "${anchor}"`);
    return ranked[0]!.entry.action;
  }

  /** What a client submits with the button: every input's current value, changed by what the user entered. */
  private submittedInputs(card: Card, action: CardAction, entered: Record<string, string>): Record<string, string> {
    const inputs = inputsOf(card);
    const sendsInputs = action.associatedInputs !== 'none';
    for (const id of Object.keys(entered)) {
      if (!sendsInputs) throw new TranscriptFailure(`"${action.title}" sends no inputs, but the step enters ${id}`);
      if (!inputs.some((input) => input.id === id)) throw new TranscriptFailure(`the card has no input "${id}"; its inputs: ${inputs.map((i) => i.id).join(', ') || 'none'}`);
    }
    if (!sendsInputs) return {};
    const values: Record<string, string> = {};
    for (const input of inputs) {
      const value = entered[input.id] ?? input.value;
      if (input.required && value === '') throw new TranscriptFailure(`the required input "${input.id}" is empty: the client would not submit`);
      if (input.choices && value !== '' && !input.choices.includes(value)) throw new TranscriptFailure(`"${value}" is not a choice of input "${input.id}" (choices: ${input.choices.slice(0, 12).join(', ')}${input.choices.length > 12 ? ', …' : ''})`);
      if (value !== '') values[input.id] = value;
    }
    return values;
  }

  private async open(link: string): Promise<void> {
    // The link names PUBLIC_BASE_URL; the test server serves the same path.
    const url = new URL(link);
    const response = await fetch(`${this.bot.baseUrl}${url.pathname}${url.search}`);
    this.download = { url: link, status: response.status, contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
  }

  private async turn(activity: Partial<Activity>, label?: string, pressedId?: string, switchTo?: Language): Promise<void> {
    const channel = this.channel === 'msteams' ? { channelId: 'msteams' } : {};
    const before = this.bot.connector.received.length;
    const { status, body } = await this.bot.post({ ...channel, locale: CLIENT_LOCALE[this.clientLanguage], ...activity });
    const activities = this.bot.connector.received.slice(before);
    if (status !== 200) throw new TranscriptFailure(`the endpoint answered HTTP ${status}`);
    const answered = activity.type === 'invoke' ? invokeAnswer(body, pressedId!) : undefined;
    if (answered) activities.unshift(answered);
    if (activities.length === 0) throw new TranscriptFailure('the bot did not answer');
    const language = switchTo ?? this.language;
    this.lastCards = [];
    for (const received of activities) {
      const id = received.id!;
      this.messages.set(id, received);
      const card = cardOf(received);
      if (!card) continue;
      if (card.lang !== language) {
        const expected = switchTo ? `the press should have switched the language to "${switchTo}"` : `expected "${language}"`;
        throw new TranscriptFailure(`a card came in "${String(card.lang)}"; ${expected}\n  card text:\n${indent(cardText(card))}`);
      }
      this.lastCards.push(id);
    }
    this.language = language;
    this.lastTurn = { activities, ...(pressedId ? { pressedId } : {}) };
    if (label && this.lastCards.length > 0) this.labels.set(label, this.lastCards.at(-1)!);
  }

  private latestCardId(): string | undefined {
    return this.lastCards.at(-1);
  }

  // -------------------------------------------------------------- expectations

  private async check(expect: Expectation): Promise<void> {
    if (expect.replies !== undefined && this.lastTurn.activities.length !== expect.replies) {
      throw new TranscriptFailure(`expected ${expect.replies} activities from the last turn, got ${this.lastTurn.activities.length}:\n${indent(this.lastTurn.activities.map((a) => (cardOf(a) ? cardText(cardOf(a)!) : String(a.text))).join('\n---\n'))}`);
    }
    if (expect.replaced !== undefined) {
      const updated = this.lastTurn.activities.some((a) => a.operation === 'update' && a.id === this.lastTurn.pressedId);
      const replaced = expect.replaced && this.channel === 'msteams';
      if (updated !== replaced) throw new TranscriptFailure(replaced ? 'expected the pressed card to be updated in place, but the bot sent a new message' : 'expected a new message, but the pressed card was updated in place');
    }
    if (expect.card || expect.absent || expect.inputs) this.checkCard(expect);
    if (expect.file) this.checkFile(expect.file);
    if (expect.list || expect.stored) await this.checkStored(expect);
  }

  private checkCard(expect: Expectation): void {
    const index = expect.reply ?? this.lastCards.length - 1;
    const id = this.lastCards[index];
    if (id === undefined) throw new TranscriptFailure(`the last turn sent ${this.lastCards.length} card(s); there is no card ${index}`);
    const card = cardOf(this.messages.get(id)!)!;
    const text = cardText(card);
    const which = `card ${index + 1} of ${this.lastCards.length} of the last turn`;
    for (const wanted of expect.card ?? []) {
      const expected = resolveText(this.language, wanted);
      if (!text.includes(expected)) throw new TranscriptFailure(`expected the card to contain\n      "${expected}"   (${describeText(wanted)})\n  ${which}:\n${indent(text)}`);
    }
    for (const unwanted of expect.absent ?? []) {
      const shown = resolveText(this.language, unwanted);
      if (text.includes(shown)) throw new TranscriptFailure(`expected the card not to contain\n      "${shown}"   (${describeText(unwanted)})\n  ${which}:\n${indent(text)}`);
    }
    const inputs = inputsOf(card);
    for (const [inputId, value] of Object.entries(expect.inputs ?? {})) {
      const input = inputs.find((i) => i.id === inputId);
      if (!input) throw new TranscriptFailure(`the card has no input "${inputId}"; its inputs: ${inputs.map((i) => i.id).join(', ') || 'none'}`);
      if (input.value !== value) throw new TranscriptFailure(`expected input "${inputId}" to hold "${value}", it holds "${input.value}"`);
    }
  }

  private checkFile(file: NonNullable<Expectation['file']>): void {
    const download = this.download;
    if (!download) throw new TranscriptFailure('nothing was downloaded: press a link button first');
    if (download.status !== 200) throw new TranscriptFailure(`the download ${download.url} answered HTTP ${download.status}: ${download.bytes.toString('utf8').slice(0, 200)}`);
    if (!download.contentType.startsWith('text/csv')) throw new TranscriptFailure(`the download is ${download.contentType}, expected text/csv`);
    if (!download.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) throw new TranscriptFailure(`the download does not start with a UTF-8 BOM: ${download.bytes.subarray(0, 8).toString('hex')}`);
    const lines = download.bytes.subarray(3).toString('utf8').split('\r\n');
    if (lines.at(-1) === '') lines.pop();
    const header = file.header.map((column) => csvField(resolveText(this.language, column))).join(',');
    const preview = `\n  file:\n${indent(lines.slice(0, 4).join('\n') + (lines.length > 4 ? `\n… (${lines.length} lines)` : ''))}`;
    if (lines[0] !== header) throw new TranscriptFailure(`expected the header row\n      ${header}${preview}`);
    if (file.rows !== undefined && lines.length - 1 !== file.rows) throw new TranscriptFailure(`expected ${file.rows} rows after the header, got ${lines.length - 1}${preview}`);
    for (const text of file.contains ?? []) if (!lines.some((line) => line.includes(text))) throw new TranscriptFailure(`expected a row containing "${text}"${preview}`);
  }

  private async checkStored(expect: Expectation): Promise<void> {
    // What the bot has saved so far, as a restart would find it.
    await this.bot.app.flush();
    const directory = new LowdbCustomerDirectory({ dataDir: this.bot.dataDir });
    if (expect.list) {
      const { relationship = 'active', search = '', total, includes = [], excludes = [] } = expect.list;
      const page = await directory.query(SANDBOX_TENANT_ID, { relationship, search, locale: CLIENT_LOCALE[this.language] });
      const names = page.items.map((c) => c.companyName);
      const shown = `\n  stored ${relationship} customers${search ? ` matching "${search}"` : ''} (${page.total}):\n${indent(names.join('\n'))}`;
      if (page.total !== total) throw new TranscriptFailure(`expected ${total} stored ${relationship} customers${search ? ` matching "${search}"` : ''}, found ${page.total}${shown}`);
      for (const name of includes) if (!names.includes(name)) throw new TranscriptFailure(`expected "${name}" among them${shown}`);
      for (const name of excludes) if (names.includes(name)) throw new TranscriptFailure(`expected "${name}" not to be among them${shown}`);
    }
    if (expect.stored) await expect.stored({ directory, dataDir: this.bot.dataDir, tenant: SANDBOX_TENANT_ID, language: this.language });
  }
}

/** A header field as the CSV writer quotes it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
