import { WaitingError, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import type { BulkJob, JobStore } from './bulkJob.js';
import { AFTER_ANSWER_MS, type JobDispatch, type RunJob } from './jobDispatch.js';
import { RedisWorkQueue } from './redisWorkQueue.js';

/** What the queue holds of a job: where to find it. Its items are in the job store. */
interface QueuedJob {
  tenantId: string;
  id: string;
}

/** Until its turn is answered a job waits; if the instance that started it dies first, it starts after this anyway. */
const UNANSWERED_START_MS = 15_000;
/** How long stopping waits for this instance's jobs to hand themselves back. */
const STOP_WAIT_MS = 4_000;

export interface BullJobDispatchOptions {
  redisUrl: string;
  store: JobStore;
  logger: Logger;
  /** How soon a dead instance's job goes to another (its hold lapses). */
  lockDurationMs: number;
  /** Jobs one instance runs at once. */
  concurrency?: number;
}

/**
 * Jobs on a BullMQ queue (STATE_STORE=redis): the job id is the queue's job
 * id, so a job is queued once however many instances find it. A worker holds
 * the job while it runs; an instance that stops hands its jobs back to the
 * queue after the current item, and one that dies loses its hold after the
 * lock time, so another instance goes on from the stored steps, with the same
 * request ids.
 */
export class BullJobDispatch implements JobDispatch {
  private readonly work: RedisWorkQueue<QueuedJob>;

  constructor(private readonly options: BullJobDispatchOptions) {
    this.work = new RedisWorkQueue<QueuedJob>(options.redisUrl, 'cab-bulk-jobs', { concurrency: options.concurrency ?? 4, lockDurationMs: options.lockDurationMs });
  }

  async submit(job: BulkJob, answered: Promise<void>): Promise<void> {
    const queued = await this.enqueue(job, UNANSWERED_START_MS);
    void answered
      .then(() => new Promise((resolve) => setTimeout(resolve, AFTER_ANSWER_MS).unref()))
      // Already taken (by the safety delay) or gone: nothing to hurry.
      .then(() => queued.promote())
      .catch(() => undefined);
  }

  async start(run: RunJob, left: BulkJob[]): Promise<void> {
    this.work.process(
      (job, token) => this.process(run, job, token),
      (job, err) => this.options.logger.error({ err, jobId: job.data.id }, 'a bulk job failed'),
    );
    // Queued once: the ones another instance runs or has queued already are left as they are.
    await Promise.all(left.map((job) => this.enqueue(job, 0)));
  }

  stop(): Promise<void> {
    return this.work.close(STOP_WAIT_MS);
  }

  idle(): Promise<void> {
    return this.work.idle();
  }

  private enqueue(job: BulkJob, delay: number): Promise<Job<QueuedJob>> {
    return this.work.add('run', { tenantId: job.tenantId, id: job.id }, { jobId: job.id, delay, attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true, removeOnFail: true });
  }

  private async process(run: RunJob, queued: Job<QueuedJob>, token: string): Promise<void> {
    const job = await this.options.store.load(queued.data.tenantId, queued.data.id);
    if (job?.status !== 'running') return;
    if ((await run(job)) === 'stopped') {
      // Back to the queue for the other instances, at once.
      await queued.moveToWait(token);
      throw new WaitingError();
    }
  }
}
