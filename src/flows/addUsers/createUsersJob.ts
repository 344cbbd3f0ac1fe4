import type { AuditTrail } from '../../audit/auditTrail.js';
import type { CustomerUsers } from '../../customers/ports.js';
import { userResultsCsv } from '../../exports/userCsvFiles.js';
import type { AccountEvents } from '../../feed/accountEvents.js';
import { counted, type TurnLocale } from '../../i18n/localizer.js';
import type { BulkJob, JobItem } from '../../jobs/bulkJob.js';
import type { JobSteps } from '../../jobs/jobRunner.js';
import { temporaryPassword } from '../../rules/temporaryPassword.js';
import type { CardView } from '../flow.js';
import { principalOf } from '../requestContext.js';

/** Failures listed on a result card; the rest are counted. */
const MAX_LISTED = 20;

export interface CreateUsersDeps {
  users: CustomerUsers;
  audit: AuditTrail;
  events: AccountEvents;
}

/** How far a job is: items with an outcome, of all. */
export function progressOf(job: BulkJob): { done: number; total: number } {
  return { done: job.items.filter((i) => i.outcome).length, total: job.items.length };
}

/** The running job's card: a title, how far, and a bar. */
export function progressCard(title: string, text: string, done: number, total: number): CardView {
  const percent = total ? Math.round((done / total) * 100) : 0;
  // Column weights: neither may be 0.
  return { template: 'jobProgress', data: { title, text, doneWeight: Math.max(1, percent), leftWeight: Math.max(1, 100 - percent) } };
}

/** An item's result in words: created, already there, or failed and why. */
export function outcomeText({ t }: TurnLocale, item: JobItem): string {
  if (item.outcome === 'failed') {
    const reason = item.reason ?? 'unavailable';
    return t('jobs.failed', { reason: t(`jobs.reason.${reason}`) });
  }
  const outcome = item.outcome ?? 'notDone';
  return t(`jobs.outcome.${outcome}`);
}

/** The first failures, by line, and how many more. */
export function failureLines(locale: TurnLocale, job: BulkJob, describe: (item: JobItem) => string): { lines: Array<{ text: string }>; more: string } {
  const failed = job.items.filter((i) => i.outcome === 'failed' || i.outcome === 'notEnough');
  const lines = failed.slice(0, MAX_LISTED).map((item) => ({ text: describe(item) }));
  const more = failed.length > MAX_LISTED ? locale.t('jobs.andMore', counted(locale, failed.length - MAX_LISTED)) : '';
  return { lines, more };
}

/**
 * Adding users from a file, one Partner Center call per row, each with its
 * own request id and a new temporary password (kept in memory only, for the
 * one-time download of the results).
 */
export function createUsersSteps(deps: CreateUsersDeps): JobSteps {
  return {
    async run(ctx, job, item, secrets) {
      const password = temporaryPassword();
      const user = { userPrincipalName: item.email, displayName: item.displayName, firstName: item.firstName, lastName: item.lastName, usageLocation: job.usageLocation ?? '', password };
      const result = await deps.users.create(ctx, job.customerId, user, { requestId: item.requestId });
      // A repeat of a request sent before a restart made the user with the old process's password: that one is lost.
      if (result.outcome === 'created' && !item.passwordLost) secrets.set(item.line, password);
      return { outcome: result.outcome, ...(result.user ? { userId: result.user.id } : {}) };
    },
    progress(job, locale) {
      const { done, total } = progressOf(job);
      const text = locale.t('addUsers.progress', { ...counted(locale, total), done: locale.formatNumber(done) });
      return { card: progressCard(locale.t('addUsers.progressTitle', { company: job.companyName }), text, done, total), text };
    },
    result(job, locale, download) {
      const { t } = locale;
      const count = (outcome: JobItem['outcome']) => counted(locale, job.items.filter((i) => i.outcome === outcome).length);
      const created = job.items.filter((i) => i.outcome === 'created');
      const { lines, more } = failureLines(locale, job, (item) => t('jobs.line', { line: item.line, subject: item.email, result: outcomeText(locale, item) }));
      const lost = created.some((i) => i.passwordLost);
      return {
        template: 'addUsersResult',
        data: {
          title: t('addUsers.resultTitle', { company: job.companyName }),
          facts: [
            { title: t('jobs.outcome.created'), value: count('created').formatted },
            { title: t('jobs.outcome.exists'), value: count('exists').formatted },
            { title: t('jobs.outcome.failedShort'), value: count('failed').formatted },
          ],
          failures: lines,
          more,
          downloadUrl: created.length > 0 && download ? download.url : '',
          downloadNote: created.length > 0 && download ? t('addUsers.downloadNote', { time: locale.formatTime(new Date(download.expiresAt)) }) : '',
          lostNote: lost ? t('addUsers.passwordsLost') : '',
          customerId: job.customerId,
          jobId: job.id,
          offerLicences: created.length > 0,
        },
      };
    },
    resultFile(job, secrets, locale) {
      const rows = job.items.map((item) => ({
        displayName: item.displayName,
        email: item.email,
        password: secrets.get(item.line) ?? '',
        result: item.outcome === 'created' && item.passwordLost ? locale.t('addUsers.passwordLost') : outcomeText(locale, item),
      }));
      return { body: userResultsCsv(rows, locale.t), contentType: 'text/csv; charset=utf-8', filename: 'users-passwords.csv', language: job.language };
    },
    async finished(job) {
      const count = job.items.filter((i) => i.outcome === 'created').length;
      if (count === 0) return;
      const at = job.finishedAt ?? new Date().toISOString();
      // Who added how many users, never whom (names and emails are personal data).
      const recorded = await deps.audit.record(job.tenantId, { requestId: job.id, at, actor: principalOf(job.actor), action: 'addUsers', customerId: job.customerId, companyName: job.companyName, count });
      if (recorded) deps.events.publish({ kind: 'usersAdded', tenantId: job.tenantId, customerId: job.customerId, companyName: job.companyName, domain: job.domain, actorName: job.actor.name, at, count });
    },
  };
}
