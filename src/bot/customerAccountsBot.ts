import { TeamsActivityHandler, TurnContext, type Activity, type InvokeResponse, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import { BackendRefusal, SignInRequiredError } from '../customers/ports.js';
import { refusalMessage } from '../flows/refusals.js';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER, type CustomerSearch, type SearchAnswer } from '../extensions/customerSearch.js';
import type { IncomingFile } from '../flows/flow.js';
import type { FlowRouter, TurnInput } from '../flows/flowRouter.js';
import type { Menus } from '../flows/menus.js';
import { Reply } from '../flows/reply.js';
import type { RequestContext } from '../flows/requestContext.js';
import type { PartnerCenterSignIn } from './partnerCenterSignIn.js';
import type { ReplyDelivery } from './replyDelivery.js';

export interface CustomerAccountsBotDeps {
  router: FlowRouter;
  menus: Menus;
  delivery: ReplyDelivery;
  search: CustomerSearch;
  signIn: PartnerCenterSignIn;
  /** The turn's RequestContext (built once per turn). */
  contextOf: (context: TurnContext) => RequestContext;
  /** The file attached to a message, if any (read only when a flow waits for one). */
  fileOf: (activity: Activity) => IncomingFile | undefined;
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

/**
 * The Teams activity handler, at the edge: it turns messages and
 * Action.Execute invokes into TurnInput for the router, and the router's
 * Reply into activities or an invoke response.
 */
export class CustomerAccountsBot extends TeamsActivityHandler {
  constructor(private readonly deps: CustomerAccountsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      const { value } = context.activity;
      const input: TurnInput =
        value !== undefined && value !== null
          ? { kind: 'action', value }
          : // Only the bot's own @mention is removed; other people's mentions stay in the text.
            { kind: 'text', text: (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim(), file: deps.fileOf(context.activity) };
      const ctx = deps.contextOf(context);
      const signIn = await deps.signIn.handle(context, ctx, this.resume);
      if (!signIn.handled) await this.runTurn(context, input);
      await next();
    });
    this.onEvent(async (context, next) => {
      await deps.signIn.handle(context, deps.contextOf(context), this.resume);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context.activity)) {
        const ctx = deps.contextOf(context);
        const reply = Reply.for(ctx);
        await deps.menus.welcome(ctx, reply);
        await deps.delivery.send(context, reply, ctx);
      }
      await next();
    });
  }

  /** A turn for the router; one that needs a Partner Center sign-in first is kept and the sign-in is asked for. */
  private async runTurn(context: TurnContext, input: TurnInput): Promise<void> {
    const ctx = this.deps.contextOf(context);
    const reply = Reply.for(ctx);
    try {
      await this.deps.router.handle(ctx, input, reply);
    } catch (error) {
      if (!(error instanceof SignInRequiredError)) throw error;
      // Nothing was saved for the interrupted turn: it runs again, whole, after sign-in.
      return this.deps.signIn.requestSignIn(context, ctx, input);
    }
    await this.deps.delivery.send(context, reply, ctx);
  }

  private readonly resume = (context: TurnContext, input: TurnInput) => this.runTurn(context, input);

  /** Universal Actions: `adaptiveCard/action` with an Action.Execute goes to the same router as its Action.Submit fallback. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const ctx = this.deps.contextOf(context);
    const signIn = await this.deps.signIn.handle(context, ctx, this.resume);
    if (signIn.handled) return signIn.response ?? { status: 200 };
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const action = (context.activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
    const data = action?.data && typeof action.data === 'object' && !Array.isArray(action.data) ? action.data : {};
    // A forged or malformed invoke still reaches the router, which answers it with the localized notice.
    const value = action?.type === 'Action.Execute' ? { ...data, verb: action.verb } : {};
    const reply = Reply.for(ctx);
    try {
      await this.deps.signIn.acceptCarriedToken(context);
      await this.deps.router.handle(ctx, { kind: 'action', value }, reply);
    } catch (error) {
      if (!(error instanceof SignInRequiredError)) throw error;
      // Teams signs the presser in and sends this same action again, with the code.
      return this.deps.signIn.loginRequest(context, ctx);
    }
    const response = await this.deps.delivery.answerInvoke(context, reply, ctx);
    return { status: response.statusCode, body: response };
  }

  /** The compose box's customer search; an empty box (or Teams' initial run) lists the first customers. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const ctx = this.deps.contextOf(context);
    if (query?.commandId !== SEARCH_COMMAND_ID) return this.deps.delivery.extensionAnswer({ kind: 'message', text: ctx.locale.t('notice.malformedAction') }, ctx);
    const parameters = Array.isArray(query.parameters) ? query.parameters : [];
    const value = parameters.some((p) => p?.name === 'initialRun') ? '' : parameters.find((p) => p?.name === SEARCH_PARAMETER)?.value;
    const options = query.queryOptions ?? {};
    // After a sign-in from the compose box Teams sends the query again with the magic code as `state`.
    await this.deps.signIn.acceptCarriedToken(context);
    return this.extensionAnswer(context, ctx, () => this.deps.search.query(ctx, { text: typeof value === 'string' ? value : '', skip: Number(options.skip ?? 0), count: Number(options.count ?? 10) }));
  }

  /** A result chosen in the compose box: the compact card to insert. */
  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, item: unknown): Promise<MessagingExtensionResponse> {
    const ctx = this.deps.contextOf(context);
    return this.extensionAnswer(context, ctx, () => this.deps.search.select(ctx, (item as { customerId?: unknown } | undefined)?.customerId));
  }

  /**
   * The compose box has no room for a flow: without a token it offers the
   * sign-in link (the box is the user's own), and a backend's refusal is said in one line.
   */
  private async extensionAnswer(context: TurnContext, ctx: RequestContext, answer: () => Promise<SearchAnswer>): Promise<MessagingExtensionResponse> {
    try {
      return this.deps.delivery.extensionAnswer(await answer(), ctx);
    } catch (error) {
      if (error instanceof SignInRequiredError) return this.deps.signIn.extensionSignIn(context, ctx);
      if (error instanceof BackendRefusal) return this.deps.delivery.extensionAnswer({ kind: 'message', text: refusalMessage(ctx, error) }, ctx);
      throw error;
    }
  }
}
