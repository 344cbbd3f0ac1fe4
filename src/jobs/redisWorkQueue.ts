import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';

/** BullMQ's keys sit beside the app's own, under its prefix. */
const PREFIX = 'cab:bull';
/** How long a graceful close may wait for Redis before the connections are cut. */
const CLOSE_WAIT_MS = 1_000;

export interface WorkQueueOptions {
  /** Jobs this instance runs at once. */
  concurrency: number;
  /**
   * How long a worker's hold on a running job lasts without renewal (BullMQ
   * renews it at half this while the job runs). A dead instance's job goes back
   * to the queue once its hold lapses, at the next stalled check.
   */
  lockDurationMs?: number;
}

/**
 * One named BullMQ queue and, once `process` is called, this instance's worker
 * on it: work that waits in Redis, so any instance may run it and an instance
 * that stops or dies leaves it to the others. BullMQ needs its own connections
 * (`maxRetriesPerRequest: null` for the worker's blocking reads).
 */
export class RedisWorkQueue<T> {
  readonly queue: Queue<T>;
  private worker: Worker<T> | undefined;
  /** Closing began: a worker asked for after that (a job resumed as the instance stops) is not started, or it would outlive the instance. */
  private closing = false;
  /** This instance's running handlers (closing waits for them itself: BullMQ's graceful close hangs while Redis is gone). */
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly redisUrl: string, private readonly name: string, private readonly options: WorkQueueOptions) {
    this.queue = new Queue<T>(name, { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: PREFIX });
    this.queue.on('error', () => undefined); // a lost connection is retried by BullMQ; adds fail meanwhile
  }

  add(name: string, data: T, options: JobsOptions): Promise<Job<T>> {
    return this.queue.add(name as never, data as never, options) as Promise<Job<T>>;
  }

  /** Starts this instance's worker; `onFailed` hears of a job that failed for good (its attempts spent). */
  process(handler: (job: Job<T>, token: string) => Promise<void>, onFailed?: (job: Job<T>, error: Error) => void): void {
    if (this.worker || this.closing) return;
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    this.worker = new Worker<T>(this.name, (job, token) => this.track(handler(job, token ?? '')), {
      connection: { url: this.redisUrl, maxRetriesPerRequest: null },
      prefix: PREFIX,
      concurrency: this.options.concurrency,
      lockDuration,
      stalledInterval: Math.min(30_000, lockDuration),
      // A job whose instance died more than once is still someone's work, not a failure.
      maxStalledCount: 10,
    });
    this.worker.on('error', () => undefined);
    if (onFailed) this.worker.on('failed', (job, error) => job && job.attemptsMade >= (job.opts.attempts ?? 1) && onFailed(job, error));
  }

  /** Jobs waiting, delayed or running anywhere. */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  /** Resolves when no handler runs here. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled(this.active);
  }

  /**
   * Lets this worker's running handlers end (each hands its work back or
   * finishes; bounded by `waitMs`), then closes; waiting work stays in Redis.
   * When Redis is gone a graceful close would wait forever, so after a short
   * while the connections are cut.
   */
  async close(waitMs = CLOSE_WAIT_MS): Promise<void> {
    this.closing = true;
    await this.within(this.idle(), waitMs);
    const closed = await this.within(Promise.all([this.worker?.close(true), this.queue.close()]), CLOSE_WAIT_MS);
    // Cutting the connections can wait on a reconnect to a Redis that is gone: bounded as well.
    if (!closed) await this.within(Promise.all([this.worker?.disconnect(), this.queue.disconnect()]), CLOSE_WAIT_MS);
  }

  private async track(work: Promise<void>): Promise<void> {
    this.active.add(work);
    try {
      await work;
    } finally {
      this.active.delete(work);
    }
  }

  /** True when `work` settled within `ms`. */
  private async within(work: Promise<unknown>, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([work.then(() => true, () => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
    clearTimeout(timer);
    return settled;
  }
}
