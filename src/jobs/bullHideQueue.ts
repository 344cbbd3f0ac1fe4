import type { HideQueue, PendingHide } from '../bot/secretCardExpiry.js';
import { RedisWorkQueue } from './redisWorkQueue.js';

/**
 * Hides as delayed jobs on Redis (BullMQ): the instance that showed the card
 * may stop or die, and another runs the hide when it is due.
 */
export class BullHideQueue implements HideQueue {
  private readonly work: RedisWorkQueue<PendingHide>;

  constructor(redisUrl: string) {
    this.work = new RedisWorkQueue<PendingHide>(redisUrl, 'cab-secret-cards', { concurrency: 4 });
  }

  async add(hide: PendingHide, delayMs: number): Promise<void> {
    // One job per message: a second add for the same card is the same job.
    const jobId = Buffer.from(`${hide.reference.conversation?.id ?? ''}\n${hide.activityId}`).toString('base64url');
    await this.work.add('hide', hide, { jobId, delay: delayMs, attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true });
  }

  process(handler: (hide: PendingHide) => Promise<void>): void {
    this.work.process((job) => handler(job.data));
  }

  /** The delayed hides stay in Redis for the other instances (or this one after its restart). */
  close(): Promise<void> {
    return this.work.close();
  }
}
