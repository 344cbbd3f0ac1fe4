import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { UserCredentials } from '../customers/ports.js';
import type { RequestContext } from '../flows/requestContext.js';
import { partnerTenantOf } from './tenancy.js';
import { turnLocale } from './turnLocale.js';

const MAX_NAME_LENGTH = 100;

/** Group chats and team channels are shared; personal chats (and the Emulator's chats) are not. */
export function isShared(conversation: { conversationType?: string; isGroup?: boolean } | undefined): boolean {
  return conversation?.conversationType === 'groupChat' || conversation?.conversationType === 'channel' || conversation?.isGroup === true;
}

/** The plain view of a turn that flows get: built once per turn from the activity. */
export function requestContextOf(context: TurnContext, now: () => Date, credentials: UserCredentials, sandboxTenantIds?: ReadonlySet<string>): RequestContext {
  const { activity } = context;
  const from = activity.from ?? { id: '', name: '' };
  return {
    tenantId: partnerTenantOf(activity, sandboxTenantIds),
    user: {
      key: String(from.id ?? '').slice(0, 256),
      ...(typeof from.aadObjectId === 'string' && from.aadObjectId ? { aadObjectId: from.aadObjectId.slice(0, 128) } : {}),
      name: typeof from.name === 'string' ? from.name.replace(/\p{Cc}/gu, ' ').trim().slice(0, MAX_NAME_LENGTH) : '',
    },
    locale: turnLocale(context),
    conversation: { channelId: activity.channelId ?? '', id: activity.conversation?.id ?? '', shared: isShared(activity.conversation) },
    correlationId: randomUUID(),
    ...(typeof activity.id === 'string' && activity.id ? { activityId: activity.id.slice(0, 256) } : {}),
    credentials,
    now,
  };
}

const REQUEST_CONTEXT = Symbol('requestContext');

/** Builds the turn's RequestContext once, before any handler runs (after the locale is known). */
export class RequestContextMiddleware implements Middleware {
  constructor(private readonly turns: TurnContexts) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const ctx = this.turns.contextOf(context);
    try {
      await next();
    } finally {
      this.turns.end(ctx);
    }
  }
}

/** Builds each turn's RequestContext once, and finds the turn back from it (for the edge's own ports, e.g. opening a personal chat). */
export class TurnContexts {
  private readonly turns = new WeakMap<RequestContext, TurnContext>();
  private readonly endings = new WeakMap<RequestContext, { promise: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly now: () => Date,
    /** The user's Partner Center token in this turn (the edge's user token client). */
    private readonly credentialsOf: (context: TurnContext) => UserCredentials,
    /** Tenants served by the local sandbox (SANDBOX_TENANT_IDS). */
    private readonly sandboxTenantIds: ReadonlySet<string> = new Set(),
  ) {}

  contextOf(context: TurnContext): RequestContext {
    let ctx = context.turnState.get(REQUEST_CONTEXT) as RequestContext | undefined;
    if (!ctx) {
      ctx = requestContextOf(context, this.now, this.credentialsOf(context), this.sandboxTenantIds);
      context.turnState.set(REQUEST_CONTEXT, ctx);
      this.turns.set(ctx, context);
    }
    return ctx;
  }

  turnOf(ctx: RequestContext): TurnContext | undefined {
    return this.turns.get(ctx);
  }

  /** Resolves when the turn has run through every handler (its replies are sent). */
  ended(ctx: RequestContext): Promise<void> {
    return this.ending(ctx).promise;
  }

  end(ctx: RequestContext): void {
    this.ending(ctx).resolve();
  }

  private ending(ctx: RequestContext): { promise: Promise<void>; resolve: () => void } {
    let ending = this.endings.get(ctx);
    if (!ending) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.endings.set(ctx, (ending = { promise, resolve }));
    }
    return ending;
  }
}
