import type { Attachment, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../logger.js';
import { inProactiveTurn } from './proactiveTurns.js';

/** A card to take a secret off: where it is, and what it shows instead (nothing secret). */
export interface PendingHide {
  reference: Partial<ConversationReference>;
  activityId: string;
  replacement: Attachment;
}

/** Where hides wait for their time: timers in this process, or a delayed job on Redis that any instance runs. */
export interface HideQueue {
  add(hide: PendingHide, delayMs: number): Promise<void>;
  /** Starts running due hides with `handler`. */
  process(handler: (hide: PendingHide) => Promise<void>): void;
  close(): Promise<void>;
}

/** More cards than this waiting in one process: the oldest is hidden at once rather than kept (a bound on memory). */
const MAX_PENDING = 10_000;

/**
 * Timers in this process (STATE_STORE=local). A restart ends the waits without
 * hiding: hiding then could take a password off the screen seconds after it
 * was shown, before it was copied ("I've copied it" still hides it).
 */
export class TimerHideQueue implements HideQueue {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; hide: PendingHide }>();
  private handler: ((hide: PendingHide) => Promise<void>) | undefined;

  async add(hide: PendingHide, delayMs: number): Promise<void> {
    const key = `${hide.reference.conversation?.id ?? ''}\n${hide.activityId}`;
    this.cancel(key);
    if (this.pending.size >= MAX_PENDING) void this.fire(this.pending.keys().next().value as string);
    const timer = setTimeout(() => void this.fire(key), delayMs);
    timer.unref();
    this.pending.set(key, { timer, hide });
  }

  process(handler: (hide: PendingHide) => Promise<void>): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private cancel(key: string): void {
    const found = this.pending.get(key);
    if (found) clearTimeout(found.timer);
    this.pending.delete(key);
  }

  private async fire(key: string): Promise<void> {
    const found = this.pending.get(key);
    this.cancel(key);
    if (found && this.handler) await this.handler(found.hide);
  }
}

/**
 * Takes a secret off the screen after a while: a card that showed a temporary
 * password is updated in place, a few minutes later, by the same card without
 * it (Teams updates a bot's message by its id). What waits holds no secret:
 * the conversation, the message id and the password-less card.
 */
export class SecretCardExpiry {
  private connection: { adapter: CloudAdapter; appId: string } | undefined;

  constructor(private readonly deps: { afterMs: number; logger: Logger; queue: HideQueue }) {}

  connect(adapter: CloudAdapter, appId: string): void {
    this.connection = { adapter, appId };
    this.deps.queue.process((hide) => this.hide(hide));
  }

  /** After `afterMs`, the message `activityId` shows `replacement` instead. */
  schedule(reference: Partial<ConversationReference>, activityId: string, replacement: Attachment): void {
    if (!this.connection) return;
    this.deps.queue.add({ reference, activityId, replacement }, this.deps.afterMs).catch((err: unknown) => this.deps.logger.warn({ err }, 'hiding a temporary password later could not be scheduled'));
  }

  close(): Promise<void> {
    return this.deps.queue.close();
  }

  private async hide({ reference, activityId, replacement }: PendingHide): Promise<void> {
    if (!this.connection) return;
    const { adapter, appId } = this.connection;
    try {
      await inProactiveTurn(adapter, appId, reference, (context) => context.updateActivity({ type: 'message', id: activityId, attachments: [replacement] }));
    } catch (error) {
      // The user may have deleted the message; the card keeps its "I've copied it".
      this.deps.logger.warn({ err: error }, 'a card with a temporary password could not be hidden');
    }
  }
}
