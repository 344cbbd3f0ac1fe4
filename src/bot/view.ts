import type { TurnContext } from 'botbuilder';
import type { CardAction } from './cardAction.js';

/**
 * A flow that keeps no dialog state: every card it sends carries all it needs
 * (page, search, filter), so any of its cards keeps working, old or new, and
 * it never interrupts a dialog that is waiting.
 */
export interface View {
  /** Card verbs starting with this prefix are the view's. */
  readonly verbPrefix: string;
  /** The typed command or menu button, with what followed the command words. */
  start(context: TurnContext, argument: string): Promise<void>;
  handle(context: TurnContext, action: CardAction): Promise<void>;
}
