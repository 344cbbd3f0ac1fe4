import type { Activity } from 'botbuilder';
import { LABEL_ID_PREFIX } from '../../src/cards/labelColumn.js';

export type Card = Record<string, unknown>;

/** The Adaptive Card an activity carries (fails the test when there is none). */
export function cardOf(activity: Partial<Activity> | undefined): Card {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`Expected an Adaptive Card, got ${JSON.stringify(activity)?.slice(0, 300)}`);
  return attachment.content as Card;
}

/** A text as a markdown client shows it: the renderer's backslash escapes (src/cards/plainText.ts) are not seen. */
const asShown = (text: string): string => text.replace(/\\([\\`*_[\]~.#>+-])/g, '$1');

/** Every piece of text a user sees on a card: text blocks, input labels and placeholders, fact titles and values, action titles. */
export function visibleTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(visibleTexts);
  if (!node || typeof node !== 'object') return [];
  const { text, title, value, type, label, placeholder, ...rest } = node as Record<string, unknown>;
  const own = [text, title, label, placeholder, type === undefined ? value : undefined].filter((v): v is string => typeof v === 'string').map(asShown);
  // An Action.Execute's fallback is the same button, shown only where Execute is not.
  return [...own, ...Object.entries(rest).filter(([key]) => key !== 'data' && key !== 'fallback').flatMap(([, child]) => visibleTexts(child))];
}

/** A card's label/value pairs (the renderer's label rows, src/cards/labelColumn.ts), in order. */
export function factsOf(activity: Partial<Activity> | undefined): Array<{ title: string; value: string }> {
  const facts: Array<{ title: string; value: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as { type?: string; columns?: Array<{ items?: Array<{ id?: string; text?: string }> }> };
    const [label, value] = element.type === 'ColumnSet' ? (element.columns ?? []) : [];
    const labelBlock = label?.items?.[0];
    if (labelBlock?.id?.startsWith(LABEL_ID_PREFIX)) return void facts.push({ title: asShown(labelBlock.text ?? ''), value: asShown(value?.items?.[0]?.text ?? '') });
    Object.values(element).forEach(walk);
  };
  walk(cardOf(activity).body);
  return facts;
}

/** All of a card's visible text joined with newlines, for `toContain` assertions. */
export const cardText = (activity: Partial<Activity> | undefined): string => visibleTexts(cardOf(activity)).join('\n');

/**
 * Every action on the card a user can press: the card's actions, ActionSets in
 * the body and select actions. An Action.Execute's Action.Submit fallback is
 * the same button, not another one.
 */
export function allActions(node: unknown): Array<{ type?: string; title?: string; verb?: string; data?: Record<string, unknown>; url?: string }> {
  if (Array.isArray(node)) return node.flatMap(allActions);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own = typeof element.type === 'string' && element.type.startsWith('Action.') ? [element as { title?: string }] : [];
  return [...own, ...Object.entries(element).filter(([key]) => key !== 'data' && key !== 'fallback').flatMap(([, child]) => allActions(child))];
}

/** The `data` of the card's Action.Submit with this title, wherever it sits on the card. */
export function actionData(activity: Partial<Activity> | undefined, title: string): Record<string, unknown> {
  const actions = allActions(cardOf(activity));
  const action = actions.find((a) => a.title === title && a.data);
  if (!action?.data) throw new Error(`No action "${title}" among ${actions.map((a) => a.title).join(', ')}`);
  return action.data;
}

/** One input of a card: what a submit of it would carry, and what the card allows. */
export interface CardInput { id: string; type: string; value: string; required: boolean; choices?: string[] }

/** Every input of a card (or part of one), in document order. */
export function inputsOf(node: unknown): CardInput[] {
  if (Array.isArray(node)) return node.flatMap(inputsOf);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own: CardInput[] =
    typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string'
      ? [{
          id: element.id,
          type: element.type,
          value: typeof element.value === 'string' ? element.value : '',
          required: element.isRequired === true || element.isRequired === 'true',
          ...(Array.isArray(element.choices) ? { choices: element.choices.map((c) => String((c as { value?: unknown }).value)) } : {}),
        }]
      : [];
  return [...own, ...Object.entries(element).filter(([key]) => key !== 'data').flatMap(([, child]) => inputsOf(child))];
}

/** The values of an activity's card inputs, by id: what submitting the card unchanged sends. */
export const inputValues = (activity: Partial<Activity> | undefined): Record<string, string> => Object.fromEntries(inputsOf(cardOf(activity)).map((input) => [input.id, input.value]));

/** The temporary password shown on a result card: its monospace block (a RichTextBlock, not read as markdown). */
export function shownPassword(activity: Partial<Activity> | undefined): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as { type?: string; id?: string; inlines?: Array<{ text?: string; fontType?: string }> };
    if (element.type === 'RichTextBlock' && element.id === 'temporaryPassword') found = element.inlines?.find((run) => run.fontType === 'Monospace')?.text;
    Object.values(element).forEach(walk);
  };
  walk(cardOf(activity).body);
  return found;
}
