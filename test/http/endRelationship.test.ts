import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { AuditLog } from '../../src/audit/auditLog.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { actionData, cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

/**
 * Holds `get` calls at a barrier once armed, until `parties` of them arrived: both
 * confirmations then read the customer as still active before either writes.
 */
class BarrierDirectory extends LowdbCustomerDirectory {
  private waiting: Array<() => void> = [];
  parties = 0;

  override async get(partnerTenantId: string, customerId: string) {
    const result = await super.get(partnerTenantId, customerId);
    if (this.parties > 0) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.waiting.length === this.parties) {
          this.parties = 0;
          this.waiting.splice(0).forEach((release) => release());
        }
      });
    }
    return result;
  }
}

/** Two partner users of the sandbox tenant, each in their own conversation. */
const userA = { from: { id: 'user-a', name: 'A', aadObjectId: 'aad-a' }, conversation: { id: 'conv-a' } as Activity['conversation'] };
const userB = { from: { id: 'user-b', name: 'B', aadObjectId: 'aad-b' }, conversation: { id: 'conv-b' } as Activity['conversation'] };

describe('remove reseller relationship over HTTP', () => {
  let bot: HttpBot;
  let directory: BarrierDirectory;
  let audit: AuditLog;
  beforeEach(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-http-end-'));
    directory = new BarrierDirectory({ dataDir });
    audit = new AuditLog(dataDir);
    bot = await startHttpBot({ dataDir, overrides: { store: directory } });
  });
  afterEach(async () => bot.close(true));

  /** Runs one user up to the confirmation card. */
  async function toConfirm(user: Partial<Activity>, extra: Partial<Activity> = {}) {
    const check = await bot.post({ ...user, ...extra, text: 'Beziehung beenden Van der Berg', locale: 'de-DE' });
    const confirm = await bot.post({ ...user, ...extra, value: { reason: 'movedToAnotherPartner', ...actionData(check.replies[0], 'Weiter') }, locale: 'de-DE' });
    expect(cardText(confirm.replies[0])).toContain('Entfernen bestätigen');
    return confirm.replies[0]!;
  }

  it('runs the whole flow; in Teams the confirmation card becomes a read-only summary; then list and audit agree', async () => {
    const teams = { channelId: 'msteams' };
    const confirm = await toConfirm(userA, teams);
    const before = bot.connector.received.length;
    await bot.post({ ...userA, ...teams, replyToId: confirm.id, value: { confirmDomain: 'vanderberginstallatie.onmicrosoft.com', ...actionData(confirm, 'Vertriebspartnerbeziehung entfernen') }, locale: 'de-DE' });
    const [update] = bot.connector.received.slice(before);
    expect(update).toMatchObject({ operation: 'update', id: confirm.id });
    expect(cardText(update)).toContain('Vertriebspartnerbeziehung entfernt');
    expect(cardText(update)).not.toContain('Vertriebspartnerbeziehung entfernen');

    const active = await bot.post({ ...userA, text: 'Kundenliste van der berg', locale: 'de-DE' });
    expect(cardText(active.replies[0])).toContain('Kein Kunde entspricht „van der berg“.');
    const ended = await bot.post({ ...userA, value: { verb: 'customerList.page', page: 1, search: 'van der berg', relationship: 'ended' }, locale: 'de-DE' });
    expect(cardText(ended.replies[0])).toContain('Van der Berg Installatietechniek B.V.');
    expect(await audit.entries('local-sandbox')).toEqual([expect.objectContaining({ actor: 'aad-a', action: 'endRelationship', companyName: 'Van der Berg Installatietechniek B.V.', reason: 'movedToAnotherPartner' })]);
  });

  it('two users confirming at the same moment: one change, one audit entry, and both are told correctly', async () => {
    const confirmA = await toConfirm(userA);
    const confirmB = await toConfirm(userB);
    directory.parties = 2;
    const [a, b] = await Promise.all([
      bot.post({ ...userA, value: { confirmDomain: 'vanderberginstallatie.onmicrosoft.com', ...actionData(confirmA, 'Vertriebspartnerbeziehung entfernen') }, locale: 'de-DE' }),
      bot.post({ ...userB, value: { confirmDomain: 'vanderberginstallatie.onmicrosoft.com', ...actionData(confirmB, 'Vertriebspartnerbeziehung entfernen') }, locale: 'de-DE' }),
    ]);
    const texts = [cardText(a.replies[0]), cardText(b.replies[0])];
    expect(texts.filter((t) => t.includes('Vertriebspartnerbeziehung entfernt'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Ein anderer Benutzer hat die Vertriebspartnerbeziehung mit Van der Berg Installatietechniek B.V. bereits entfernt.'))).toHaveLength(1);
    expect(await audit.entries('local-sandbox')).toHaveLength(1);
  });
});
