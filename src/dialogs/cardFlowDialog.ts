import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Responses } from '../bot/responses.js';
import { promptResult, sendPromptCard, type CardPromptResult } from './cardPrompt.js';

/** What answering a card leads to: the flow's next card, or its end. */
export type Outcome<S> = { kind: 'show'; state: S } | { kind: 'done' };

/**
 * What the flow keeps in dialog state: its own state, and the promptId of the
 * card it waits for (see activePromptId). Card data is never kept: it is built
 * from the state whenever the card is shown, in that turn's language.
 */
interface FlowInstanceState<S> {
  state: S;
  promptId: string;
}

/**
 * A multi-step flow driven by cards: show the card for the current state,
 * wait for the answer to that card, compute the next state, repeat. The state
 * is plain JSON in dialog state; each card is built from it in the turn's
 * language, so it can be re-shown after a language switch.
 *
 * One dialog, not a component with a waterfall and a prompt inside: each
 * answer is one call here instead of about ten dialog events and contexts,
 * which was the largest part of a wizard turn's time in the framework.
 */
export abstract class CardFlowDialog<S extends object> extends Dialog {
  constructor(
    dialogId: string,
    private readonly cards: CardRenderer,
    protected readonly responses: Responses,
  ) {
    super(dialogId);
  }

  /** The first state, from the options the flow was started with; or done (e.g. refused). */
  protected abstract start(context: TurnContext, options: unknown): Promise<Outcome<S>>;
  protected abstract cardName(state: S): string;
  protected abstract cardData(context: TurnContext, state: S): Record<string, unknown>;
  protected abstract answer(context: TurnContext, state: S, result: CardPromptResult): Promise<Outcome<S>>;

  protected show(state: S): Outcome<S> {
    return { kind: 'show', state };
  }

  protected done(): Outcome<S> {
    return { kind: 'done' };
  }

  /** A submit the current card cannot have sent: say so and show the card again. */
  protected async malformed(context: TurnContext, state: S): Promise<Outcome<S>> {
    // No menu button: the flow's card comes right after and is what the user should use.
    await this.responses.sendMalformedAction(context, { showMenu: false });
    return this.show(state);
  }

  override async beginDialog(dc: DialogContext, options?: unknown): Promise<DialogTurnResult> {
    return this.follow(dc, await this.start(dc.context, options));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const flow = dc.activeDialog!.state as unknown;
    if (!isFlowInstanceState<S>(flow)) return this.unreadable(dc);
    return this.follow(dc, await this.answer(dc.context, flow.state, promptResult(dc.context)));
  }

  /** Back from a dialog started on top of this one (the language picker): show the card again, in the new language. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    if (!isFlowInstanceState<S>(dc.activeDialog!.state)) return this.unreadable(dc);
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** Shows the current card again; the new card supersedes the old one (its promptId changes). */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const flow = instance.state as FlowInstanceState<S>;
    flow.promptId = randomUUID();
    await this.sendCard(context, flow);
  }

  /**
   * State this version cannot continue (written by an older version of the
   * bot, e.g. before an update): the flow ends, and the user is told the card
   * is no longer active and offered the menu, instead of an error.
   */
  private async unreadable(dc: DialogContext): Promise<DialogTurnResult> {
    await this.responses.sendStaleCard(dc.context);
    return dc.endDialog();
  }

  private async follow(dc: DialogContext, outcome: Outcome<S>): Promise<DialogTurnResult> {
    if (outcome.kind === 'done') return dc.endDialog();
    const flow: FlowInstanceState<S> = { state: outcome.state, promptId: randomUUID() };
    dc.activeDialog!.state = flow;
    await this.sendCard(dc.context, flow);
    return Dialog.EndOfTurn;
  }

  private sendCard(context: TurnContext, { state, promptId }: FlowInstanceState<S>): Promise<void> {
    return sendPromptCard(this.cards, context, this.cardName(state), this.cardData(context, state), promptId);
  }
}

function isFlowInstanceState<S>(value: unknown): value is FlowInstanceState<S> {
  const flow = value as Partial<FlowInstanceState<S>> | undefined;
  return typeof flow?.promptId === 'string' && typeof flow.state === 'object' && flow.state !== null;
}
