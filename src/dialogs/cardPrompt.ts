import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { turnLocale } from '../bot/turnLocale.js';

export interface CardPromptOptions {
  card: string;
  data?: Record<string, unknown>;
}

/** What the user answered: the card's submit data, or text they typed instead. */
export type CardPromptResult = { kind: 'submit'; value: Record<string, unknown> } | { kind: 'text'; text: string };

/** What the prompt keeps in dialog state: small cards only (the language picker); flows keep their own state, see CardFlowDialog. */
interface CardPromptState {
  promptId: string;
  card: string;
  data?: Record<string, unknown>;
}

/**
 * Sends a card and waits for the answer to *that* card. Each showing gets a
 * fresh promptId, which the template puts into its submit data; the router
 * only lets a submit through when its promptId is the one waiting (see
 * activePromptId), so a click on an old card cannot step this dialog.
 * Cards are sent with sendActivity (not a prompt's retry text) so a later
 * issue can update the sent message in place.
 */
export class CardPrompt extends Dialog<CardPromptOptions> {
  constructor(dialogId: string, private readonly cards: CardRenderer) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    if (!options?.card) throw new Error('CardPrompt needs a card');
    const { card, data } = options;
    const state: CardPromptState = { promptId: randomUUID(), card, ...(data === undefined ? {} : { data }) };
    dc.activeDialog!.state = state;
    await this.sendWith(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog(promptResult(dc.context));
  }

  /** Shows the card again (e.g. in a new language after a switch); the new card supersedes the old one. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as CardPromptState;
    state.promptId = randomUUID();
    await this.sendWith(context, state);
  }

  private sendWith(context: TurnContext, state: CardPromptState): Promise<void> {
    return sendPromptCard(this.cards, context, state.card, state.data, state.promptId);
  }
}

/** What the user answered in this turn: the submit data of a card, or the text they typed instead. */
export function promptResult(context: TurnContext): CardPromptResult {
  const { value, text } = context.activity;
  if (value && typeof value === 'object') return { kind: 'submit', value };
  return { kind: 'text', text: (text ?? '').trim() };
}

/** Sends a card in the turn's language, stamped with the promptId its submits must carry. */
export async function sendPromptCard(cards: CardRenderer, context: TurnContext, card: string, data: Record<string, unknown> | undefined, promptId: string): Promise<void> {
  const { language } = turnLocale(context);
  await context.sendActivity(MessageFactory.attachment(cards.render(card, language, { ...data, promptId })));
}

/** The promptId of the card the innermost active dialog is waiting for, if any. */
export function activePromptId(dc: DialogContext): string | undefined {
  let current: DialogContext = dc;
  while (current.child) current = current.child;
  const state = current.activeDialog?.state as Partial<CardPromptState> | undefined;
  return state?.promptId;
}
