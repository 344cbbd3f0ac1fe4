import type { AccountEvent } from './accountEvents.js';
import { SendQueue, type SendResult } from './sendQueue.js';
import type { Subscription } from './subscriptionStore.js';

/** One account change for one conversation. */
export interface Notice {
  event: AccountEvent;
  subscription: Subscription;
  /** A conversation told once (a requester's own chat), not a subscribed feed. */
  remembered: boolean;
}

/** Sends one notice; what came of it decides whether it is tried again. */
export type SendNotice = (notice: Notice) => Promise<SendResult>;

/** Where notices wait to be sent: this process's lanes, or a queue in Redis every instance sends from. */
export interface NoticeQueue {
  enqueue(notice: Notice): Promise<void>;
  /** Starts sending with `send` (once the edge can post). */
  process(send: SendNotice): void;
  /** Resolves when nothing waits or is being sent (tests). */
  idle(): Promise<void>;
  /** Stops sending here; what waits is sent (local) or left for the other instances (Redis). */
  close(): Promise<void>;
}

/** One lane per conversation: a notice's conversation is its partner tenant's and its own. */
export const laneOf = (notice: Notice): string => `${notice.event.tenantId}\n${notice.subscription.channelId}\n${notice.subscription.conversationId}`;

/** In this process (STATE_STORE=local): Teams' pace per conversation, in order. */
export class LocalNoticeQueue implements NoticeQueue {
  private readonly lanes: SendQueue;
  private send: SendNotice = async () => ({ kind: 'gone' });

  constructor(onDropped: () => void) {
    this.lanes = new SendQueue({ onDropped });
  }

  async enqueue(notice: Notice): Promise<void> {
    this.lanes.enqueue(laneOf(notice), () => this.send(notice));
  }

  process(send: SendNotice): void {
    this.send = send;
  }

  idle(): Promise<void> {
    return this.lanes.idle();
  }

  close(): Promise<void> {
    return this.lanes.idle();
  }
}
