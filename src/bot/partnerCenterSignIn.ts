import { CardFactory, MessageFactory, type Activity, type InvokeResponse, type MessagingExtensionResponse, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import { SignInRequiredError, type UserCredentials } from '../customers/ports.js';
import type { TurnInput } from '../flows/flowRouter.js';
import type { RequestContext } from '../flows/requestContext.js';
import type { Logger } from '../logger.js';

/** An interrupted turn waits this long for its user to sign in. */
const PENDING_TTL_MS = 15 * 60_000;
const MAX_PENDING = 5_000;
/** The Bot Framework token service's magic codes are six digits. */
const MAGIC_CODE = /^\d{6}$/;

type Resume = (context: TurnContext, input: TurnInput) => Promise<void>;

const noCredentials: UserCredentials = {
  accessToken: () => Promise.reject(new SignInRequiredError()),
  invalidate: () => Promise.resolve(),
};

/**
 * Sign-in to Partner Center as the partner user (App+User), at the edge:
 * tokens come from botbuilder's user token client for one OAuth connection
 * (the Bot Framework token service keeps and refreshes them). Tokens are
 * opaque strings, never logged or stored here. A turn that needed a token it
 * did not have is kept (in memory, briefly) and run again once the user has
 * signed in: Teams' `signin/verifyState` and `signin/tokenExchange` (SSO), the
 * Emulator's `tokens/response` event, or a typed magic code.
 */
export class PartnerCenterSignIn {
  /** Interrupted turns by conversation and user; never written to disk (card inputs can hold personal data). */
  private readonly pending = new LRUCache<string, TurnInput>({ max: MAX_PENDING, ttl: PENDING_TTL_MS });
  private readonly tokens = new WeakMap<TurnContext, Promise<string>>();

  constructor(private readonly deps: { connectionName?: string; logger: Logger }) {}

  /** The credentials of a turn: one token lookup per turn, at first need. */
  credentialsOf(context: TurnContext): UserCredentials {
    const connection = this.deps.connectionName;
    if (!connection) return noCredentials;
    return {
      accessToken: () => {
        let token = this.tokens.get(context);
        if (!token) {
          token = this.lookUp(context, connection);
          this.tokens.set(context, token);
          token.catch(() => this.tokens.get(context) === token && this.tokens.delete(context));
        }
        return token;
      },
      invalidate: async () => {
        this.tokens.delete(context);
        await this.clientOf(context)?.signOutUser(userIdOf(context.activity), connection, context.activity.channelId ?? '');
      },
    };
  }

  /** Keeps the turn that could not go on and sends the sign-in card (or, in a shared chat, where to sign in). */
  async requestSignIn(context: TurnContext, ctx: RequestContext, input: TurnInput): Promise<void> {
    const { t } = ctx.locale;
    if (ctx.conversation.shared) {
      // A sign-in link is bound to the user who asked: it is never posted where others could press it.
      await context.sendActivity(t('signIn.inPersonalChat', { command: t('signIn.0', { ns: 'commands' }) }));
      return;
    }
    this.pending.set(keyOf(context.activity), input);
    await context.sendActivity(MessageFactory.attachment(await this.oauthCard(context, ctx)));
  }

  /** The answer to an Action.Execute that needs a token: Teams shows the sign-in to the presser and sends the action again. */
  async loginRequest(context: TurnContext, ctx: RequestContext): Promise<InvokeResponse> {
    const card = await this.oauthCard(context, ctx);
    return { status: 401, body: { statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest', value: card.content } };
  }

  /** The compose box's answer for a user without a token: Teams shows the sign-in link and sends the query again with the code. */
  async extensionSignIn(context: TurnContext, ctx: RequestContext): Promise<MessagingExtensionResponse> {
    const resource = await this.signInResource(context);
    return { composeExtension: { type: 'auth', suggestedActions: { actions: [{ type: 'openUrl', value: resource?.signInLink ?? '', title: ctx.locale.t('signIn.button') }] } } };
  }

  /**
   * Token carried by an activity itself: an Action.Execute sent again after
   * sign-in (`state` = magic code, or `authentication.token` with SSO).
   */
  async acceptCarriedToken(context: TurnContext): Promise<void> {
    const value = (context.activity.value ?? {}) as { state?: unknown; authentication?: { token?: unknown } };
    if (typeof value.authentication?.token === 'string') await this.exchange(context, value.authentication.token);
    else if (typeof value.state === 'string' && MAGIC_CODE.test(value.state)) await this.redeem(context, value.state);
  }

  /**
   * Sign-in activities: true when this one was one (and was answered).
   * `resume` runs the interrupted turn, if any, with the new token.
   */
  async handle(context: TurnContext, ctx: RequestContext, resume: Resume): Promise<{ handled: boolean; response?: InvokeResponse }> {
    const { activity } = context;
    const { t } = ctx.locale;
    if (!this.deps.connectionName) return { handled: false };
    if (activity.type === 'invoke' && activity.name === 'signin/verifyState') {
      const state = (activity.value as { state?: unknown } | undefined)?.state;
      const ok = typeof state === 'string' && state.length <= 64 && (await this.redeem(context, state));
      if (ok) await this.resumeOrConfirm(context, ctx, resume);
      else await context.sendActivity(t('signIn.failed'));
      return { handled: true, response: { status: 200 } };
    }
    if (activity.type === 'invoke' && activity.name === 'signin/tokenExchange') {
      const value = (activity.value ?? {}) as { id?: unknown; token?: unknown; connectionName?: unknown };
      const ok = typeof value.token === 'string' && value.token.length <= 16_384 && (await this.exchange(context, value.token));
      if (!ok) {
        // Teams then shows the sign-in card instead (consent missing, SSO not set up for the app).
        return { handled: true, response: { status: 412, body: { id: value.id, connectionName: this.deps.connectionName, failureDetail: 'The bot is unable to exchange token. Proceed with regular login.' } } };
      }
      await this.resumeOrConfirm(context, ctx, resume);
      return { handled: true, response: { status: 200, body: { id: value.id, connectionName: this.deps.connectionName } } };
    }
    if (activity.type === 'event' && activity.name === 'tokens/response') {
      const token = (activity.value as { token?: unknown } | undefined)?.token;
      if (typeof token === 'string' && token) this.tokens.set(context, Promise.resolve(token));
      await this.resumeOrConfirm(context, ctx, resume);
      return { handled: true };
    }
    const text = activity.type === 'message' ? (activity.text ?? '').trim() : '';
    if (MAGIC_CODE.test(text) && this.pending.has(keyOf(activity))) {
      if (await this.redeem(context, text)) await this.resumeOrConfirm(context, ctx, resume);
      else await context.sendActivity(t('signIn.failed'));
      return { handled: true };
    }
    return { handled: false };
  }

  private async resumeOrConfirm(context: TurnContext, ctx: RequestContext, resume: Resume): Promise<void> {
    const key = keyOf(context.activity);
    const input = this.pending.get(key);
    this.pending.delete(key);
    if (input) await resume(context, input);
    else await context.sendActivity(ctx.locale.t('signIn.done'));
  }

  private async lookUp(context: TurnContext, connection: string): Promise<string> {
    const client = this.clientOf(context);
    // No magic code: the typing says string, but botbuilder's own OAuthPrompt passes none here too.
    const response = client ? await client.getUserToken(userIdOf(context.activity), connection, context.activity.channelId ?? '', undefined as unknown as string) : undefined;
    if (!response?.token) throw new SignInRequiredError();
    return response.token;
  }

  private async redeem(context: TurnContext, magicCode: string): Promise<boolean> {
    const client = this.clientOf(context);
    if (!client || !this.deps.connectionName) return false;
    const response = await client.getUserToken(userIdOf(context.activity), this.deps.connectionName, context.activity.channelId ?? '', magicCode).catch((err: unknown) => {
      this.deps.logger.warn({ err }, 'a sign-in code could not be redeemed');
      return undefined;
    });
    if (!response?.token) return false;
    this.tokens.set(context, Promise.resolve(response.token));
    return true;
  }

  private async exchange(context: TurnContext, token: string): Promise<boolean> {
    const client = this.clientOf(context);
    if (!client || !this.deps.connectionName) return false;
    const response = await client.exchangeToken(userIdOf(context.activity), this.deps.connectionName, context.activity.channelId ?? '', { token }).catch((err: unknown) => {
      this.deps.logger.warn({ err }, 'a Teams SSO token could not be exchanged');
      return undefined;
    });
    if (!response?.token) return false;
    this.tokens.set(context, Promise.resolve(response.token));
    return true;
  }

  private async oauthCard(context: TurnContext, ctx: RequestContext) {
    const { t } = ctx.locale;
    const resource = await this.signInResource(context);
    return CardFactory.oauthCard(this.deps.connectionName ?? '', t('signIn.button'), t('signIn.text'), resource?.signInLink, resource?.tokenExchangeResource);
  }

  /** The token service's sign-in link (and, for Teams SSO, its token exchange resource) for this user and conversation. */
  private signInResource(context: TurnContext) {
    return this.clientOf(context)?.getSignInResource(this.deps.connectionName ?? '', context.activity as Activity, '');
  }

  private clientOf(context: TurnContext): UserTokenClient | undefined {
    const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
    return key ? (context.turnState.get(key) as UserTokenClient | undefined) : undefined;
  }
}

const userIdOf = (activity: Partial<Activity>): string => String(activity.from?.id ?? '');
const keyOf = (activity: Partial<Activity>): string => `${activity.channelId ?? ''}/${activity.conversation?.id ?? ''}/${userIdOf(activity)}`;
