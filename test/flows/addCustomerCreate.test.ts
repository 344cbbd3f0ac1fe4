import { fixedModel } from '../../src/rules/partnerModel.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/audit/auditLog.js';
import { LocalCustomerBackend } from '../../src/customers/localBackend.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import type { CustomerBackend } from '../../src/customers/ports.js';
import type { AccountEvent } from '../../src/feed/accountEvents.js';
import { AddCustomerFlow } from '../../src/flows/addCustomer/addCustomerFlow.js';
import type { WizardState } from '../../src/flows/addCustomer/wizardState.js';
import { replyFor, requestContext } from '../support/requestContext.js';

const REVIEW: WizardState = {
  requestId: '7d3f0c2e-1111-4a7b-9c3d-000000000001',
  step: 'review',
  returnToReview: false,
  company: { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtreplay' },
  address: { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49301234567' } as WizardState['address'],
  contact: { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE', language: 'de' } as WizardState['contact'],
  agreement: { skipped: true },
};

const ALREADY = {
  'en-US': 'Nordlicht Software GmbH was already created by this request; nothing new was made.',
  'de-DE': 'Nordlicht Software GmbH wurde mit dieser Anfrage bereits erstellt; es wurde nichts Neues angelegt.',
  'zh-CN': '此请求已创建 Nordlicht Software GmbH，未创建任何新内容。',
  'ru-RU': 'Nordlicht Software GmbH: клиент уже создан этим запросом, ничего нового не создано.',
} as const;

const ports = ({ accounts, domains, list }: CustomerBackend) => ({ accounts, domains, list });

describe('add customer: Create (the flow, called directly)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-flow-create-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(Object.keys(ALREADY) as Array<keyof typeof ALREADY>)('%s: shows the backend\'s password once; the same request again makes nothing and says so', async (locale) => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const events: AccountEvent[] = [];
    const backend = new LocalCustomerBackend(directory);
    const audit = new AuditLog(dataDir);
    const flow = new AddCustomerFlow({ ...ports(backend), audit, cloud: 'public', backPhrases: [], events: { publish: (e) => void events.push(e) }, indirect: backend.indirect, models: fixedModel('direct') });
    const ctx = requestContext(locale);
    const first = replyFor(ctx);
    expect(await flow.answer(ctx, REVIEW, { kind: 'action', verb: 'addCustomer.create', data: {} }, first)).toEqual({ kind: 'done' });
    const [result] = first.outputs;
    expect(result).toMatchObject({ kind: 'card', template: 'addCustomerResult', secret: true });
    const shown = (result as unknown as { data: { temporaryPassword: string; id: string } }).data;
    expect(shown.temporaryPassword).toMatch(/^\S{16}$/);
    expect((await directory.get('local-sandbox', shown.id))?.companyProfile.domain).toBe('nordlichtreplay.onmicrosoft.com');

    const again = replyFor(ctx);
    await flow.answer(ctx, REVIEW, { kind: 'action', verb: 'addCustomer.create', data: {} }, again);
    expect(again.outputs).toEqual([expect.objectContaining({ kind: 'notice', message: expect.stringContaining(ALREADY[locale]) })]);
    expect(JSON.stringify(again.outputs)).not.toContain(shown.temporaryPassword);
    expect(await directory.count('local-sandbox')).toBe(1);
    expect(events).toHaveLength(1);
    // The ledger: one entry for the request, after Partner Center's part (here the store) confirmed it.
    expect(await audit.entries('local-sandbox')).toEqual([expect.objectContaining({ requestId: REVIEW.requestId, action: 'createCustomer', customerId: shown.id, actor: 'user-1' })]);
    await directory.flush();
  });
});
