import type { Redis } from 'ioredis';
import { DONE_TTL_MS, isJobId, parseJob, serializeJob, type BulkJob, type JobStore } from './bulkJob.js';

const JOB = (id: string) => `cab:job:${id}`;
/** The ids of running jobs, so a starting instance finds what a dead one left. */
const RUNNING = 'cab:jobs:running';

/**
 * Bulk jobs in Redis (STATE_STORE=redis), one key per job, so the instance
 * that takes a job over (its first one died) reads every step the first one
 * wrote. Each save is one MULTI: the job and its place in the running set
 * change together. A finished job expires by itself after a day, with no
 * names or emails left in it; there is nothing to sweep.
 */
export class RedisJobStore implements JobStore {
  constructor(private readonly redis: Redis) {}

  async save(job: BulkJob): Promise<void> {
    const write = this.redis.multi();
    if (job.status === 'done') write.set(JOB(job.id), serializeJob(job), 'PX', DONE_TTL_MS).srem(RUNNING, job.id);
    else write.set(JOB(job.id), serializeJob(job)).sadd(RUNNING, job.id);
    const results = await write.exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (!results || failed) throw failed ?? new Error('the job could not be saved');
  }

  async load(tenantId: string, id: string): Promise<BulkJob | undefined> {
    if (!isJobId(id)) return undefined;
    const text = await this.redis.get(JOB(id));
    const job = text === null ? undefined : parseJob(text);
    return job?.tenantId === tenantId ? job : undefined;
  }

  async running(): Promise<BulkJob[]> {
    const ids = await this.redis.smembers(RUNNING);
    if (ids.length === 0) return [];
    const texts = await this.redis.mget(ids.map(JOB));
    const jobs = texts.map((text) => (text === null ? undefined : parseJob(text)));
    // An id whose job is gone or unreadable would be looked at by every start: forget it.
    const lost = ids.filter((_, i) => jobs[i] === undefined);
    if (lost.length > 0) await this.redis.srem(RUNNING, ...lost);
    return jobs.filter((job): job is BulkJob => job?.status === 'running');
  }

  async sweep(): Promise<number> {
    return 0;
  }
}
