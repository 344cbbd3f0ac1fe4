import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Responses } from '../bot/responses.js';
import { CardPrompt, type CardPromptResult } from './cardPrompt.js';

/** What answering a card leads to: the flow's next card, or its end. */
export type Outcome<S> = { kind: 'show'; state: S } | { kind: 'done' };

const CARD = 'card';
const LOOP = 'loop';

/**
 * A multi-step flow driven by cards: show the card for the current state,
 * wait for the answer to that card, compute the next state, repeat. The state
 * is plain JSON in dialog state; each card is built from it in the turn's
 * language, so it can be re-shown after a language switch.
 */
export abstract class CardFlowDialog<S extends object> extends ComponentDialog {
  constructor(
    dialogId: string,
    cards: CardRenderer,
    protected readonly responses: Responses,
  ) {
    super(dialogId);
    this.addDialog(new CardPrompt(CARD, cards, (context, options) => this.cardData(context, options.source as S)));
    this.addDialog(new WaterfallDialog(LOOP, [this.showStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** The first state, from the options the flow was started with; or done (e.g. refused). */
  protected abstract start(context: TurnContext, options: unknown): Promise<Outcome<S>>;
  /** Tells a state the loop passed along from one started with new options. */
  protected abstract isState(options: unknown): options is S;
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

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    let state: S;
    if (this.isState(step.options)) {
      state = step.options;
    } else {
      const outcome = await this.start(step.context, step.options);
      if (outcome.kind === 'done') return step.endDialog();
      state = outcome.state;
    }
    (step.values as { state?: S }).state = state;
    return step.beginDialog(CARD, { card: this.cardName(state), data: this.cardData(step.context, state), source: state });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = (step.values as { state: S }).state;
    const outcome = await this.answer(step.context, state, step.result as CardPromptResult);
    return outcome.kind === 'done' ? step.endDialog() : step.replaceDialog(LOOP, outcome.state);
  }
}
