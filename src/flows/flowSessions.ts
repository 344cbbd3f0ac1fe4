import type { WriteOptions } from '../storage/writeOptions.js';
import type { RequestContext } from './requestContext.js';

/** The few operations flow sessions need from a store (LowdbStorage has them; a shared store will too). */
export interface SessionStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, Record<string, unknown>>, options?: WriteOptions): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** One running flow: its state and the showing of its card that answers must carry. */
export interface FlowFrame {
  flow: string;
  state: unknown;
  promptId: string;
}

/**
 * The flows of one user in one conversation: usually one, two while the
 * language picker runs over a wizard. `owner` is who started them (kept for
 * the answer to someone else pressing their card in a shared chat).
 */
export interface FlowSession {
  owner: { key: string; name: string };
  frames: FlowFrame[];
  /**
   * The last card answer this session acted on: the activity and the showing
   * it answered. A retry of that activity (its answer lost with an instance
   * that stopped) is recognised, not taken for a stale card or acted on twice.
   */
  answered?: AnsweredAction;
}

export interface AnsweredAction {
  activityId: string;
  promptId: string;
}

/**
 * Where flow sessions live. In a personal chat a conversation has one user and
 * one session; in a group chat or channel every user has their own, so one
 * member can never step another's flow and several can run flows side by side.
 */
export class FlowSessions {
  constructor(private readonly store: SessionStore) {}

  static keyOf(conversation: RequestContext['conversation'], userKey: string): string {
    const base = `flows/${conversation.channelId}/${conversation.id}`;
    return conversation.shared ? `${base}/${userKey}` : base;
  }

  async load(ctx: RequestContext, userKey = ctx.user.key): Promise<FlowSession | undefined> {
    const key = FlowSessions.keyOf(ctx.conversation, userKey);
    const item = (await this.store.read([key]))[key];
    if (!isSession(item)) return undefined;
    return { owner: item.owner, frames: item.frames, ...(isAnswered(item.answered) ? { answered: { activityId: item.answered.activityId, promptId: item.answered.promptId } } : {}) };
  }

  async save(ctx: RequestContext, session: FlowSession): Promise<void> {
    const key = FlowSessions.keyOf(ctx.conversation, ctx.user.key);
    // An ended flow is kept only as the answer that ended it (for its retry), and expires with the store's TTL.
    if (session.frames.length === 0 && !session.answered) return this.store.delete([key]);
    const item = { owner: session.owner, frames: session.frames, ...(session.answered ? { answered: session.answered } : {}), eTag: '*' };
    await this.store.write({ [key]: item }, { conversationId: ctx.conversation.id });
  }

  async clear(ctx: RequestContext): Promise<void> {
    await this.store.delete([FlowSessions.keyOf(ctx.conversation, ctx.user.key)]);
  }
}

const isAnswered = (value: unknown): value is AnsweredAction =>
  typeof (value as AnsweredAction | undefined)?.activityId === 'string' && typeof (value as AnsweredAction).promptId === 'string';

/** Saved sessions come from disk and older versions: only a well-formed one is used. */
function isSession(value: unknown): value is FlowSession {
  const session = value as Partial<FlowSession> | undefined;
  return (
    typeof session?.owner?.key === 'string' &&
    typeof session.owner.name === 'string' &&
    Array.isArray(session.frames) &&
    session.frames.every((f) => typeof f?.flow === 'string' && typeof f.promptId === 'string')
  );
}
