import type { AuditTrail } from '../../audit/auditTrail.js';
import type { Licences } from '../../customers/ports.js';
import { counted } from '../../i18n/localizer.js';
import type { JobItem } from '../../jobs/bulkJob.js';
import type { JobSteps } from '../../jobs/jobRunner.js';
import { failureLines, outcomeText, progressCard, progressOf } from '../addUsers/createUsersJob.js';
import { principalOf } from '../requestContext.js';

/** Licences for users, one Partner Center `licenseupdates` call per user, each with its own request id. */
export function assignLicencesSteps(deps: { licences: Licences; audit: AuditTrail }): JobSteps {
  return {
    async run(ctx, job, item) {
      const skuIds = (job.skus ?? []).map((s) => s.skuId);
      const result = await deps.licences.assign(ctx, job.customerId, item.userId ?? '', skuIds, { requestId: item.requestId });
      return result.outcome === 'assigned' ? { outcome: 'assigned' } : { outcome: 'notEnough' };
    },
    progress(job, locale) {
      const { done, total } = progressOf(job);
      const text = locale.t('assignLicences.progress', { ...counted(locale, total), done: locale.formatNumber(done) });
      return { card: progressCard(locale.t('assignLicences.progressTitle', { company: job.companyName }), text, done, total), text };
    },
    result(job, locale) {
      const { t } = locale;
      const count = (outcome: JobItem['outcome']) => counted(locale, job.items.filter((i) => i.outcome === outcome).length);
      const { lines, more } = failureLines(locale, job, (item) => t('assignLicences.failedFor', { user: item.displayName || item.email, result: outcomeText(locale, item) }));
      return {
        template: 'assignLicencesResult',
        data: {
          title: t('assignLicences.resultTitle', { company: job.companyName }),
          summary: t('assignLicences.resultSummary', { products: (job.skus ?? []).map((s) => s.name).join(', ') }),
          facts: [
            { title: t('jobs.outcome.assigned'), value: count('assigned').formatted },
            { title: t('jobs.outcome.failedShort'), value: counted(locale, job.items.filter((i) => i.outcome === 'failed' || i.outcome === 'notEnough').length).formatted },
          ],
          failures: lines,
          more,
          customerId: job.customerId,
        },
      };
    },
    async finished(job) {
      const count = job.items.filter((i) => i.outcome === 'assigned').length;
      if (count === 0) return;
      const skuIds = (job.skus ?? []).map((s) => s.skuId);
      await deps.audit.record(job.tenantId, { requestId: job.id, at: job.finishedAt ?? new Date().toISOString(), actor: principalOf(job.actor), action: 'assignLicences', customerId: job.customerId, companyName: job.companyName, count, skuIds });
    },
  };
}
