import type { AuditTrail } from '../../src/audit/auditTrail.js';
import type { CustomerUsers, Licences } from '../../src/customers/ports.js';
import { confirmCardData } from '../../src/flows/addUsers/addUsersCards.js';
import { createUsersSteps } from '../../src/flows/addUsers/createUsersJob.js';
import { assignLicencesSteps } from '../../src/flows/assignLicences/assignLicencesJob.js';
import type { Language } from '../../src/i18n/languages.js';
import type { BulkJob } from '../../src/jobs/bulkJob.js';
import { projectCardRenderer } from './flows.js';
import { localizer } from './requestContext.js';

const CARDS = projectCardRenderer();
const OWNER = { id: 'c-1', companyName: 'Müller Maschinenbau GmbH', domain: 'muellermaschinenbau.onmicrosoft.com', country: 'DE' };
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, firstName: 'Anna', lastName: `Schmidt ${i + 1}`, displayName: `Anna Schmidt ${i + 1}`, email: `anna${i + 1}@${OWNER.domain}` }));

/** A users job as the runner keeps it: `done` of 100 rows through, the 3rd and 7th failed. */
function job(kind: BulkJob['kind'], language: Language, done: number): BulkJob {
  return {
    id: '00000000-0000-4000-8000-000000000001', kind, tenantId: 'local-sandbox', customerId: OWNER.id, companyName: OWNER.companyName, domain: OWNER.domain,
    actor: { key: 'user-1', name: 'Anna Schmidt' }, language, timeZone: 'Europe/Berlin', status: done === 100 ? 'done' : 'running', startedAt: '2026-11-21T10:00:00Z',
    destination: { channelId: 'msteams', conversationId: 'a:1', serviceUrl: 'https://smba.example', botId: 'bot', shared: false, cardId: 'card-1' },
    usageLocation: 'DE', skus: [{ skuId: 'sku-1', name: 'Microsoft 365 Business Premium' }],
    items: rows(100).map((r, i) => ({ ...r, requestId: `r-${i}`, userId: `u-${i}`, ...(i < done ? { sent: true, outcome: i === 3 ? 'failed' : i === 7 ? (kind === 'createUsers' ? 'exists' : 'notEnough') : kind === 'createUsers' ? 'created' : 'assigned', ...(i === 3 ? { reason: 'invalidProperty' } : {}) } : {}) })),
  };
}

/**
 * The cards of the add-users and licences jobs (posted by the job runner,
 * outside any turn) and the confirmation card (it needs an attached file),
 * built by the code that builds them for users.
 */
export function jobCardSamples(language: Language): Array<{ template: string; variant: string; card: Record<string, unknown> }> {
  const locale = localizer.forLanguage(language, 'Europe/Berlin');
  const none = undefined as never;
  const users = createUsersSteps({ users: none as CustomerUsers, audit: none as AuditTrail, events: none });
  const licences = assignLicencesSteps({ licences: none as Licences, audit: none as AuditTrail });
  const card = (view: { template: string; data: Record<string, unknown> }) => CARDS.expand(view.template, language, view.data);
  return [
    { template: 'addUsersConfirm', variant: 'twelve-users', card: CARDS.expand('addUsersConfirm', language, confirmCardData(locale, OWNER, rows(12))) },
    { template: 'jobProgress', variant: 'users-halfway', card: card(users.progress(job('createUsers', language, 50), locale).card) },
    { template: 'addUsersResult', variant: 'with-failures', card: card(users.result(job('createUsers', language, 100), locale, { url: 'https://bot.example/files/x', expiresAt: Date.parse('2026-11-21T10:15:00Z') })) },
    { template: 'assignLicencesResult', variant: 'with-failures', card: card(licences.result(job('assignLicences', language, 100), locale)) },
  ];
}
