import { TeamsActivityHandler, type Activity, type BotState, type TurnContext } from 'botbuilder';
import type { Responses } from './responses.js';
import type { TurnRouter } from './turnRouter.js';

export interface CustomerAccountsBotDeps {
  router: TurnRouter;
  responses: Responses;
  /** Saved after every turn, in this order. */
  states: BotState[];
}

/**
 * Whether a conversationUpdate deserves a welcome. In Teams the bot itself
 * appears in membersAdded when a user installs it (personal chat or team);
 * other members joining a team are not greeted, to keep channels quiet.
 * Elsewhere (Emulator, Web Chat) the user joining is the signal.
 */
export function shouldWelcome(activity: Partial<Activity>): boolean {
  const added = activity.membersAdded ?? [];
  const botId = activity.recipient?.id;
  if (activity.channelId === 'msteams') return added.some((m) => m.id === botId);
  return added.some((m) => m.id !== botId);
}

/** The Teams activity handler: greets new conversations and hands every message to the router. */
export class CustomerAccountsBot extends TeamsActivityHandler {
  constructor(private readonly deps: CustomerAccountsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await deps.router.route(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context.activity)) await deps.responses.sendWelcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    for (const state of this.deps.states) await state.saveChanges(context, false);
  }
}
