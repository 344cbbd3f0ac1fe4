import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisWorkQueue } from '../jobs/redisWorkQueue.js';
import { laneOf, type Notice, type NoticeQueue, type SendNotice } from './noticeQueue.js';

/** A notice waiting in Redis, and how often the channel has throttled it. */
interface QueuedNotice extends Notice {
  throttled?: number;
}

/**
 * Per conversation, across every instance: at most this many sends per
 * second-long window. The windows are fixed, so any sliding second holds at
 * most twice this (6), under Teams' 7 per second per conversation.
 */
const SENDS_PER_WINDOW = 3;
/** Attempts of a notice that keeps failing (the channel errs), and throttles of one it keeps getting 429 for. */
const MAX_ATTEMPTS = 5;
const MAX_THROTTLES = 5;

/**
 * Feed notices on a BullMQ queue (STATE_STORE=redis): any instance sends
 * them, a notice queued on an instance that dies is sent by another, and the
 * pace per conversation is counted in Redis, so it holds however many
 * instances send. A 429 puts the notice back for as long as the channel asks.
 */
export class BullNoticeQueue implements NoticeQueue {
  private readonly work: RedisWorkQueue<QueuedNotice>;
  private readonly pace: RateLimiterRedis;

  constructor(redisUrl: string, redis: Redis, private readonly onDropped: () => void) {
    this.work = new RedisWorkQueue<QueuedNotice>(redisUrl, 'cab-feed-notices', { concurrency: 8 });
    this.pace = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'cab:feed-pace', points: SENDS_PER_WINDOW, duration: 1 });
  }

  async enqueue(notice: Notice): Promise<void> {
    await this.work.add('notice', notice, { attempts: MAX_ATTEMPTS, backoff: { type: 'exponential', delay: 250 }, removeOnComplete: true, removeOnFail: true });
  }

  process(send: SendNotice): void {
    this.work.process((job, token) => this.sendOne(send, job, token), () => this.onDropped());
  }

  /** Nothing waits or runs anywhere (tests). */
  async idle(): Promise<void> {
    while ((await this.work.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.work.idle();
  }

  close(): Promise<void> {
    return this.work.close();
  }

  private async sendOne(send: SendNotice, job: Job<QueuedNotice>, token: string): Promise<void> {
    const wait = await this.pace.consume(laneOf(job.data)).then(
      () => 0,
      (rejected: unknown) => {
        if (rejected instanceof RateLimiterRes) return Math.max(1, rejected.msBeforeNext);
        throw rejected;
      },
    );
    if (wait > 0) return this.later(job, token, wait);
    const result = await send(job.data);
    if (result.kind === 'failed') throw new Error('the notice could not be sent');
    if (result.kind !== 'throttled') return;
    const throttled = (job.data.throttled ?? 0) + 1;
    if (throttled >= MAX_THROTTLES) return this.onDropped();
    await job.updateData({ ...job.data, throttled });
    return this.later(job, token, result.retryAfterMs);
  }

  /** Back to the queue until `ms` from now, without spending an attempt. */
  private async later(job: Job<QueuedNotice>, token: string, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + ms, token);
    throw new DelayedError();
  }
}
