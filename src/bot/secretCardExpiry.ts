import type { Attachment, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../logger.js';
import { inProactiveTurn } from './proactiveTurns.js';

/** More cards than this waiting at once: the oldest is hidden at once rather than kept (a bound on memory). */
const MAX_PENDING = 10_000;

interface Pending {
  timer: NodeJS.Timeout;
  reference: Partial<ConversationReference>;
  activityId: string;
  replacement: Attachment;
}

/**
 * Takes a secret off the screen after a while: a card that showed a temporary
 * password is updated in place, a few minutes later, by the same card without
 * it (Teams updates a bot's message by its id). What is kept until then holds
 * no secret: the conversation, the message id and the password-less card.
 * The wait is in this process: a restart before it ends leaves the card as it
 * is, with its "I've copied it".
 */
export class SecretCardExpiry {
  private readonly pending = new Map<string, Pending>();
  private connection: { adapter: CloudAdapter; appId: string } | undefined;

  constructor(private readonly deps: { afterMs: number; logger: Logger }) {}

  connect(adapter: CloudAdapter, appId: string): void {
    this.connection = { adapter, appId };
  }

  /** After `afterMs`, the message `activityId` shows `replacement` instead. A second call for the same message restarts the wait. */
  schedule(reference: Partial<ConversationReference>, activityId: string, replacement: Attachment): void {
    if (!this.connection) return;
    const key = `${reference.conversation?.id ?? ''}\n${activityId}`;
    this.cancel(key);
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value as string;
      void this.fire(oldest);
    }
    const timer = setTimeout(() => void this.fire(key), this.deps.afterMs);
    timer.unref();
    this.pending.set(key, { timer, reference, activityId, replacement });
  }

  /** How many cards still show their secret (for tests and health). */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * At shutdown the waits end without hiding: hiding now could take a password
   * off the screen seconds after it was shown, before it was copied.
   */
  close(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private cancel(key: string): void {
    const found = this.pending.get(key);
    if (found) clearTimeout(found.timer);
    this.pending.delete(key);
  }

  private async fire(key: string): Promise<void> {
    const found = this.pending.get(key);
    if (!found || !this.connection) return;
    this.cancel(key);
    const { adapter, appId } = this.connection;
    try {
      await inProactiveTurn(adapter, appId, found.reference, (context) => context.updateActivity({ type: 'message', id: found.activityId, attachments: [found.replacement] }));
    } catch (error) {
      // The user may have deleted the message; the card keeps its "I've copied it".
      this.deps.logger.warn({ err: error }, 'a card with a temporary password could not be hidden');
    }
  }
}
