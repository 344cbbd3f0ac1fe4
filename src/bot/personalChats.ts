import type { ChannelAccount, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { PrivateChats } from '../flows/flow.js';
import { Reply } from '../flows/reply.js';
import type { RequestContext } from '../flows/requestContext.js';
import type { Logger } from '../logger.js';
import type { ReplyDelivery } from './replyDelivery.js';

/** The audience of the Bot Framework's channels (botframework-connector's ToChannelFromBotOAuthScope). */
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

export interface TeamsPersonalChatsDeps {
  adapter: CloudAdapter;
  appId: string;
  delivery: ReplyDelivery;
  logger: Logger;
  /** The turn a RequestContext was built from (the edge keeps them for the length of the turn). */
  turnOf: (ctx: RequestContext) => TurnContext | undefined;
}

/**
 * Opens (or finds: Teams returns the existing one) the user's personal chat
 * with the bot through createConversation, with the user's Entra id and the
 * tenant as Teams requires, and delivers a flow's first card there.
 */
export class TeamsPersonalChats implements PrivateChats {
  constructor(private readonly deps: TeamsPersonalChatsDeps) {}

  async open(ctx: RequestContext, run: (privateCtx: RequestContext, reply: Reply) => Promise<void>): Promise<'opened' | 'unavailable'> {
    const turn = this.deps.turnOf(ctx);
    const { channelId, serviceUrl, recipient } = turn?.activity ?? {};
    if (!turn || !channelId || !serviceUrl || !recipient) return 'unavailable';
    const parameters = {
      isGroup: false,
      bot: recipient,
      members: [{ id: ctx.user.aadObjectId ?? ctx.user.key } as ChannelAccount],
      tenantId: ctx.tenantId,
      channelData: { tenant: { id: ctx.tenantId } },
    } as ConversationParameters;
    let flowError: unknown;
    try {
      await this.deps.adapter.createConversationAsync(this.deps.appId, channelId, serviceUrl, CHANNEL_AUDIENCE, parameters, async (personal) => {
        const privateCtx: RequestContext = { ...ctx, conversation: { channelId, id: personal.activity.conversation?.id ?? '', shared: false } };
        const reply = Reply.for(privateCtx);
        try {
          await run(privateCtx, reply);
        } catch (error) {
          flowError = error;
          throw error;
        }
        await this.deps.delivery.send(personal, reply, privateCtx);
      });
      return 'opened';
    } catch (error) {
      // A failure of the flow itself is the turn's failure; only the channel's refusal means "no personal chat".
      if (flowError) throw flowError;
      this.deps.logger.info({ statusCode: (error as { statusCode?: unknown }).statusCode, correlationId: ctx.correlationId }, 'personal chat could not be opened');
      return 'unavailable';
    }
  }
}
