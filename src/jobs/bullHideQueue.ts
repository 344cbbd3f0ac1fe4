import { Queue, Worker } from 'bullmq';
import type { HideQueue, PendingHide } from '../bot/secretCardExpiry.js';

const QUEUE = 'cab-secret-cards';
const CLOSE_WAIT_MS = 1_000;

/**
 * Hides as delayed jobs on Redis (BullMQ): the instance that showed the card
 * may stop or die, and another runs the hide when it is due. BullMQ needs its
 * own connections (`maxRetriesPerRequest: null` for the worker's blocking reads).
 */
export class BullHideQueue implements HideQueue {
  private readonly queue: Queue<PendingHide>;
  private worker: Worker<PendingHide> | undefined;

  constructor(private readonly redisUrl: string) {
    this.queue = new Queue<PendingHide>(QUEUE, { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: 'cab:bull' });
  }

  async add(hide: PendingHide, delayMs: number): Promise<void> {
    // One job per message: a second add for the same card is the same job.
    const jobId = Buffer.from(`${hide.reference.conversation?.id ?? ''}\n${hide.activityId}`).toString('base64url');
    await this.queue.add('hide', hide, { jobId, delay: delayMs, attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: 100 });
  }

  process(handler: (hide: PendingHide) => Promise<void>): void {
    this.worker ??= new Worker<PendingHide>(QUEUE, (job) => handler(job.data), { connection: { url: this.redisUrl, maxRetriesPerRequest: null }, prefix: 'cab:bull', concurrency: 4 });
    this.worker.on('error', () => undefined); // a lost connection is retried by BullMQ; the hide waits in Redis meanwhile
  }

  /**
   * The delayed hides stay in Redis for the other instances (or this one after
   * its restart). A graceful close waits for Redis; when Redis is gone it would
   * wait forever, so after a short while the connections are cut.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all([this.worker?.close(true), this.queue.close()]).then(() => true, () => false);
    const closed = await Promise.race([graceful, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    if (!closed) await Promise.all([this.worker?.disconnect(), this.queue.disconnect()]).catch(() => undefined);
  }
}
