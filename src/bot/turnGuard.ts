import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedQueue } from '../concurrency/keyedQueue.js';
import type { Logger } from '../logger.js';

export interface TurnGuardOptions {
  /** How long an activity id is remembered; Teams retries after about 15 s. */
  rememberForMs?: number;
  /** Upper bound on remembered ids, so memory stays flat under load. */
  maxRemembered?: number;
  now?: () => number;
}

/**
 * Processes the turns of one conversation one at a time, in arrival order, and
 * drops an activity whose id was already seen in that conversation (Teams
 * re-sends a turn that took longer than ~15 s). Invokes are exempt: their
 * sender waits for an answer, and card actions carry their own guards.
 */
export class ConversationTurnGuard implements Middleware {
  private readonly queue = new KeyedQueue();
  private readonly seen = new Map<string, number>();
  private readonly rememberForMs: number;
  private readonly maxRemembered: number;
  private readonly now: () => number;

  constructor(private readonly logger: Logger, options: TurnGuardOptions = {}) {
    this.rememberForMs = options.rememberForMs ?? 10 * 60_000;
    this.maxRemembered = options.maxRemembered ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, conversation } = context.activity;
    const conversationId = conversation?.id ?? '';
    if (id && type !== 'invoke' && this.isRepeat(`${conversationId}\n${id}`)) {
      this.logger.info({ conversationId, activityType: type }, 'repeated activity id ignored');
      return;
    }
    await this.queue.run(conversationId, next);
  }

  /** Waits for every turn in progress (used at shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private isRepeat(key: string): boolean {
    const now = this.now();
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return true;
    this.seen.delete(key);
    // Ids are kept in arrival order, so the oldest (and first to expire) come first.
    for (const [oldKey, oldExpiresAt] of this.seen) {
      if (oldExpiresAt > now && this.seen.size < this.maxRemembered) break;
      this.seen.delete(oldKey);
    }
    this.seen.set(key, now + this.rememberForMs);
    return false;
  }
}
