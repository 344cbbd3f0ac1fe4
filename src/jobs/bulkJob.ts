import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../i18n/languages.js';

/** Where a job reports: the conversation it was started in, as the edge captured it. */
const destinationSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  serviceUrl: z.string(),
  botId: z.string(),
  /** A group chat or channel: nothing secret is posted there. */
  shared: z.boolean(),
  /** The card that started the job, updated in place where the channel can (Teams). */
  cardId: z.string().optional(),
});

const itemSchema = z.object({
  /** The line of the file (users) or the position in the choice (licences). */
  line: z.number().int(),
  /** The item's own `MS-RequestId`, chosen when the job was made: a resumed job sends the same one. */
  requestId: z.string(),
  displayName: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  userId: z.string().optional(),
  /** On disk before the call went out: a resumed job knows the call may have been made. */
  sent: z.boolean().optional(),
  outcome: z.enum(['created', 'exists', 'assigned', 'notEnough', 'failed']).optional(),
  /** A refusal kind (`backend.<kind>`) for a failed item. */
  reason: z.string().optional(),
  /** Created before a restart: its temporary password was in the old process's memory only. */
  passwordLost: z.boolean().optional(),
});

const jobSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['createUsers', 'assignLicences']),
  tenantId: z.string(),
  customerId: z.string(),
  companyName: z.string(),
  domain: z.string(),
  actor: z.object({ key: z.string(), aadObjectId: z.string().optional(), name: z.string() }),
  language: z.enum(SUPPORTED_LANGUAGES),
  /** The user's IANA time zone, for the times on its cards. */
  timeZone: z.string().max(64),
  destination: destinationSchema,
  status: z.enum(['running', 'done']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** createUsers: the usage location of every user of the file. */
  usageLocation: z.string().optional(),
  /** assignLicences: the SKUs each user gets. */
  skus: z.array(z.object({ skuId: z.string(), name: z.string() })).optional(),
  items: z.array(itemSchema),
});

export type BulkJob = z.infer<typeof jobSchema>;
export type JobItem = z.infer<typeof itemSchema>;
export type JobDestination = z.infer<typeof destinationSchema>;
export type JobKind = BulkJob['kind'];

/** A finished job is kept this long (the licences offered after adding users need its user ids), then removed. */
export const DONE_TTL_MS = 24 * 60 * 60_000;

/** Where bulk jobs are kept while they run, and for a day after. */
export interface JobStore {
  /** Written whole before the caller goes on. */
  save(job: BulkJob): Promise<void>;
  /** One partner tenant's job; undefined for another tenant's, an unknown or a malformed id. */
  load(tenantId: string, id: string): Promise<BulkJob | undefined>;
  /** Jobs that were running when their process stopped (or are running now, elsewhere). */
  running(): Promise<BulkJob[]>;
  /** Removes finished jobs past their time; returns how many. */
  sweep(): Promise<number>;
}

/**
 * Bulk jobs on disk, one JSON file per job under `<dataDir>/jobs`, each
 * written whole and atomically (temp file + rename) before the caller goes
 * on: a job survives a restart, and an item marked as sent is on disk before
 * its call leaves. Names and emails are kept only while the job runs; a
 * finished job keeps ids and outcomes. Passwords are never here.
 */
export class FileJobStore implements JobStore {
  private readonly dir: string;

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.dir = path.join(path.resolve(dataDir), 'jobs');
  }

  async save(job: BulkJob): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(job.id);
    await writeFile(`${file}.tmp`, serializeJob(job), 'utf8');
    await rename(`${file}.tmp`, file);
  }

  async load(tenantId: string, id: string): Promise<BulkJob | undefined> {
    if (!isJobId(id)) return undefined;
    const job = await this.read(this.fileOf(id));
    return job?.tenantId === tenantId ? job : undefined;
  }

  async running(): Promise<BulkJob[]> {
    const jobs = await Promise.all((await this.names()).map((name) => this.read(path.join(this.dir, name))));
    return jobs.filter((job): job is BulkJob => job?.status === 'running');
  }

  async sweep(): Promise<number> {
    let removed = 0;
    for (const name of await this.names()) {
      const job = await this.read(path.join(this.dir, name));
      if (job?.status === 'done' && this.now() - Date.parse(job.finishedAt ?? job.startedAt) > DONE_TTL_MS) {
        await rm(path.join(this.dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private async names(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => []);
    return names.filter((name) => name.endsWith('.json'));
  }

  private async read(file: string): Promise<BulkJob | undefined> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseJob(text);
  }
}

export const isJobId = (id: string): boolean => z.uuid().safeParse(id).success;

/** A job as it is stored: a finished one without names and emails. */
export function serializeJob(job: BulkJob): string {
  return JSON.stringify(job.status === 'done' ? { ...job, items: job.items.map(withoutPersonalData) } : job);
}

/** A stored job, or undefined when it is not one (damaged, or from a future version). */
export function parseJob(text: string): BulkJob | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What a finished job keeps of an item: no names, no emails. */
function withoutPersonalData(item: JobItem): JobItem {
  return { ...item, displayName: '', email: '', firstName: '', lastName: '' };
}
