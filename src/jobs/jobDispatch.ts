import type { Logger } from '../logger.js';
import type { BulkJob } from './bulkJob.js';

/** How a run ended: finished, or handed back unfinished because this instance stops (its steps are stored). */
export type RunOutcome = 'done' | 'stopped';

/** Runs a stored job from its first unfinished item. */
export type RunJob = (job: BulkJob) => Promise<RunOutcome>;

/** Where jobs wait to run: in this process, or in a queue every instance takes from. */
export interface JobDispatch {
  /** Runs `job` (already stored) once `answered` resolves: here, or on whichever instance is free. */
  submit(job: BulkJob, answered: Promise<void>): Promise<void>;
  /** Starts running jobs with `run`, and takes up `left`: jobs found running in the store at start. */
  start(run: RunJob, left: BulkJob[]): Promise<void>;
  /** Stops taking jobs; resolves once this instance's running ones returned. */
  stop(): Promise<void>;
  /** Resolves when no job runs here (tests). */
  idle(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** The invoke's answer is written just after the turn ends: a moment more, so a job's first update lands after it. */
export const AFTER_ANSWER_MS = 500;

/** In this process (STATE_STORE=local): a job runs where it was started, or where the restarted process finds it. */
export class LocalJobDispatch implements JobDispatch {
  private readonly running = new Map<string, Promise<void>>();
  private started!: (run: RunJob) => void;
  /** Jobs submitted before `start` (the edge not connected yet) wait for it. */
  private readonly run = new Promise<RunJob>((resolve) => (this.started = resolve));

  constructor(private readonly logger: Logger) {}

  async submit(job: BulkJob, answered: Promise<void>): Promise<void> {
    this.launch(job, answered.then(() => sleep(AFTER_ANSWER_MS)));
  }

  async start(run: RunJob, left: BulkJob[]): Promise<void> {
    this.started(run);
    for (const job of left) if (!this.running.has(job.id)) this.launch(job, Promise.resolve());
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.values());
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private launch(job: BulkJob, ready: Promise<void>): void {
    const run = ready
      .then(() => this.run)
      .then((run) => run(job))
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err, jobId: job.id }, 'a bulk job failed'))
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
  }
}
