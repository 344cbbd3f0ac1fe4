import { randomUUID } from 'node:crypto';
import { BackendRefusal, SignInRequiredError, type BackendContext, type UserCredentials } from '../customers/ports.js';
import type { OneTimeFile, OneTimeFileStore } from '../exports/oneTimeFiles.js';
import type { CardView } from '../flows/flow.js';
import type { RequestContext } from '../flows/requestContext.js';
import type { Localizer, TurnLocale } from '../i18n/localizer.js';
import type { Logger } from '../logger.js';
import type { BulkJob, JobDestination, JobItem, JobKind, JobStore } from './bulkJob.js';
import type { JobDispatch, RunOutcome } from './jobDispatch.js';

export type { JobKind };

/** What a flow says of a new job; the runner takes the rest (id, tenant, user, language, conversation) from the turn. */
export type JobSpec = Pick<BulkJob, 'kind' | 'customerId' | 'companyName' | 'domain' | 'items' | 'usageLocation' | 'skus'>;

/** What may never be stored (temporary passwords), by item line, for this process only. */
export type JobSecrets = Map<number, string>;

/** What a kind of job does per item, and how it shows itself. */
export interface JobSteps {
  run(ctx: BackendContext, job: BulkJob, item: JobItem, secrets: JobSecrets): Promise<Pick<JobItem, 'outcome' | 'userId' | 'reason'>>;
  /** While it runs: the card (updated in place) and a line (hosts that cannot update cards). */
  progress(job: BulkJob, locale: TurnLocale): { card: CardView; text: string };
  /** When it is done, with the link to its results file if it has one. */
  result(job: BulkJob, locale: TurnLocale, download?: { url: string; expiresAt: number }): CardView;
  /** The results with their secrets, for a one-time download. */
  resultFile?(job: BulkJob, secrets: JobSecrets, locale: TurnLocale): OneTimeFile;
  /** After the last item (the audit entry, the channel feed). */
  finished?(job: BulkJob): Promise<void>;
}

/** A job's conversation, at the edge: how to post there and act as its user outside a turn. */
export interface JobConversations {
  /** Where this turn's conversation is; undefined when there is no channel to report to. */
  capture(ctx: RequestContext): JobDestination | undefined;
  /** Resolves once the turn is answered: a job's first update must not overtake the turn's own reply. */
  answered(ctx: RequestContext): Promise<void>;
  /** Posts a card there, or updates the job's card (`update`). */
  post(job: BulkJob, view: CardView, options: { update: boolean; secret?: boolean }): Promise<void>;
  /** The user's Partner Center token outside a turn (through the token service). */
  credentials(job: BulkJob): UserCredentials;
}

export interface JobRunnerDeps {
  store: JobStore;
  /** Where a stored job waits to run: this process, or a queue all instances share. */
  dispatch: JobDispatch;
  steps: Record<JobKind, JobSteps>;
  conversations: () => JobConversations;
  files: OneTimeFileStore;
  publicBaseUrl: string;
  localizer: Localizer;
  logger: Logger;
  /** How often a running job's card is updated. */
  progressEveryMs: number;
  now: () => Date;
}

/**
 * Runs bulk jobs (users from a CSV, licences) after the turn that started
 * them: one item after the other, each with the request id chosen when the
 * job was made, every step stored before it goes on, so a job stopped by a
 * restart (or taken over by another instance) resumes where it was and makes
 * nothing twice. Progress is posted every few seconds; the result at the end.
 */
export class JobRunner {
  private stopping = false;
  private resuming: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: JobRunnerDeps) {}

  /**
   * Makes the job (who, where and in which language come from the turn), stores it and runs it once the
   * turn is answered. Returns its progress card, for the turn to show; undefined when there is no
   * conversation to report to.
   */
  async start(ctx: RequestContext, spec: JobSpec): Promise<CardView | undefined> {
    const conversations = this.deps.conversations();
    const destination = conversations.capture(ctx);
    if (!destination) return undefined;
    const { tenantId, user: actor, locale } = ctx;
    const job: BulkJob = { ...spec, id: randomUUID(), tenantId, actor, language: locale.language, timeZone: locale.timeZone, destination, status: 'running', startedAt: this.deps.now().toISOString() };
    await this.deps.store.save(job);
    await this.deps.dispatch.submit(job, conversations.answered(ctx));
    return this.deps.steps[job.kind].progress(job, locale).card;
  }

  /** Starts running jobs (once the edge can post), and picks up the ones a stopped process left running. */
  resume(): Promise<number> {
    const resuming = this.deps.store.running().then(async (jobs) => {
      await this.deps.dispatch.start((job) => this.run(job), jobs);
      if (jobs.length > 0) this.deps.logger.info({ jobs: jobs.length }, 'resuming bulk jobs');
      return jobs.length;
    });
    this.resuming = resuming.catch(() => 0);
    return resuming;
  }

  /** Stops after each job's current item (its state is stored); resolves when they stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.deps.dispatch.stop();
  }

  /** Resolves when no job runs here (tests). */
  async idle(): Promise<void> {
    await this.resuming;
    await this.deps.dispatch.idle();
  }

  private async run(job: BulkJob): Promise<RunOutcome> {
    // Items sent before were sent by a process that has stopped: this run resumes the job.
    const resumed = job.items.some((item) => item.sent);
    const steps = this.deps.steps[job.kind];
    const conversations = this.deps.conversations();
    const locale = this.deps.localizer.forLanguage(job.language, job.timeZone);
    const secrets: JobSecrets = new Map();
    const ctx: BackendContext = { tenantId: job.tenantId, user: job.actor, locale: { formatLocale: locale.formatLocale }, correlationId: job.id, credentials: conversations.credentials(job) };
    if (resumed) {
      // What was sent before the restart may have been done: its secret was in the old process only.
      for (const item of job.items) if (job.kind === 'createUsers' && item.sent && item.outcome !== 'exists' && item.outcome !== 'failed') item.passwordLost = true;
      await this.progress(job, steps, locale, conversations);
    }
    let lastUpdate = Date.now();
    let signedOut = false;
    for (const item of job.items) {
      if (this.stopping) return 'stopped';
      if (item.outcome) continue;
      if (signedOut) {
        Object.assign(item, { outcome: 'failed', reason: 'signIn' });
        continue;
      }
      item.sent = true;
      await this.deps.store.save(job);
      Object.assign(item, await this.attempt(ctx, job, item, steps, secrets));
      if (item.reason === 'signIn') signedOut = true;
      await this.deps.store.save(job);
      if (Date.now() - lastUpdate >= this.deps.progressEveryMs) {
        lastUpdate = Date.now();
        await this.progress(job, steps, locale, conversations);
      }
    }
    await this.finish(job, steps, locale, conversations, secrets);
    return 'done';
  }

  private async attempt(ctx: BackendContext, job: BulkJob, item: JobItem, steps: JobSteps, secrets: JobSecrets): Promise<Partial<JobItem>> {
    try {
      return await steps.run(ctx, job, item, secrets);
    } catch (error) {
      if (error instanceof SignInRequiredError) return { outcome: 'failed', reason: 'signIn' };
      if (error instanceof BackendRefusal) return { outcome: 'failed', reason: error.kind };
      this.deps.logger.warn({ err: error, jobId: job.id }, 'a bulk job item failed');
      return { outcome: 'failed', reason: 'unavailable' };
    }
  }

  private async progress(job: BulkJob, steps: JobSteps, locale: TurnLocale, conversations: JobConversations): Promise<void> {
    const { card, text } = steps.progress(job, locale);
    const view = job.destination.cardId ? card : { template: 'notice', data: { message: text, title: '', style: 'default', showMenu: false } };
    await conversations.post(job, view, { update: job.destination.cardId !== undefined }).catch((err: unknown) => this.deps.logger.warn({ err, jobId: job.id }, 'job progress could not be posted'));
  }

  private async finish(job: BulkJob, steps: JobSteps, locale: TurnLocale, conversations: JobConversations, secrets: JobSecrets): Promise<void> {
    let download: { url: string; expiresAt: number } | undefined;
    if (steps.resultFile) {
      const { token, expiresAt } = await this.deps.files.put(steps.resultFile(job, secrets, locale));
      download = { url: `${this.deps.publicBaseUrl}/files/${token}`, expiresAt };
    }
    const result = steps.result(job, locale, download);
    secrets.clear();
    job.status = 'done';
    job.finishedAt = this.deps.now().toISOString();
    await steps.finished?.(job);
    await this.deps.store.save(job);
    await conversations.post(job, result, { update: job.destination.cardId !== undefined, secret: download !== undefined }).catch((err: unknown) => this.deps.logger.warn({ err, jobId: job.id }, 'a job result could not be posted'));
  }
}
