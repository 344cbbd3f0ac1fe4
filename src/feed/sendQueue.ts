/** What a send attempt came to. */
export type SendResult = { kind: 'sent' } | { kind: 'throttled'; retryAfterMs: number } | { kind: 'gone' } | { kind: 'failed' };

export interface SendQueueOptions {
  /** Sends per conversation per window (Teams: 7 per second per conversation). */
  perWindow?: number;
  windowMs?: number;
  /** Attempts of one message that keeps being throttled or failing, before it is dropped. */
  maxAttempts?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when a conversation is gone for good (the bot was removed or blocked: 403). */
  onGone?: (conversationKey: string) => void;
  /** Told when a message is dropped after its attempts. */
  onDropped?: (conversationKey: string) => void;
}

interface Lane {
  pending: Array<() => Promise<SendResult>>;
  /** When each of the latest sends was last seen in flight (its answer), oldest first (at most `perWindow`). */
  sent: Array<{ at: number }>;
  running: boolean;
}

/**
 * Outgoing proactive messages, one FIFO lane per conversation: each lane
 * sends in order, at most `perWindow` per `windowMs`, waits out a 429 for
 * as long as the channel asks, and drops a conversation that answers 403
 * (its other queued messages too). Lanes run independently; nothing here
 * blocks the caller of `enqueue`.
 */
export class SendQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: SendQueueOptions = {}) {
    this.perWindow = options.perWindow ?? 7;
    this.windowMs = options.windowMs ?? 1_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  enqueue(conversationKey: string, send: () => Promise<SendResult>): void {
    let lane = this.lanes.get(conversationKey);
    if (!lane) this.lanes.set(conversationKey, (lane = { pending: [], sent: [], running: false }));
    lane.pending.push(send);
    if (!lane.running) void this.drain(conversationKey, lane);
  }

  /** Resolves when every lane is empty (tests, shutdown). */
  idle(): Promise<void> {
    if ([...this.lanes.values()].every((lane) => !lane.running)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(key: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.pending.length > 0) {
        const send = lane.pending[0]!;
        const result = await this.attempt(lane, send);
        if (result === 'gone') {
          lane.pending = [];
          this.options.onGone?.(key);
          break;
        }
        if (result === 'dropped') this.options.onDropped?.(key);
        lane.pending.shift();
      }
    } finally {
      lane.running = false;
      if (lane.pending.length === 0) this.lanes.delete(key);
      if (this.lanes.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async attempt(lane: Lane, send: () => Promise<SendResult>): Promise<'sent' | 'gone' | 'dropped'> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.waitForSlot(lane);
      const stamp = { at: this.now() };
      lane.sent.push(stamp);
      if (lane.sent.length > this.perWindow) lane.sent.shift();
      const result = await send().catch((): SendResult => ({ kind: 'failed' }));
      // Counted from its answer, not its start: a message that took long on the way still arrived before
      // its answer, so the one `perWindow` sends later cannot arrive within the same window as it.
      stamp.at = this.now();
      if (result.kind === 'sent') return 'sent';
      if (result.kind === 'gone') return 'gone';
      // Throttled: as long as the channel says; failed: a growing pause.
      await this.sleep(result.kind === 'throttled' ? result.retryAfterMs : 250 * 2 ** (attempt - 1));
    }
    return 'dropped';
  }

  /** Waits until fewer than `perWindow` sends happened in the last `windowMs`. */
  private async waitForSlot(lane: Lane): Promise<void> {
    while (lane.sent.length >= this.perWindow) {
      const wait = lane.sent[0]!.at + this.windowMs - this.now();
      if (wait <= 0) {
        lane.sent.shift();
        continue;
      }
      await this.sleep(wait);
    }
  }
}
