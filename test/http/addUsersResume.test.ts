import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_TENANT_ID } from '../../src/bot/tenancy.js';
import { seedDemoData } from '../../src/customers/demoData.js';
import { LocalCustomerBackend } from '../../src/customers/localBackend.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import type { CustomerBackend, CustomerUsers } from '../../src/customers/ports.js';
import { actionData, allActions, cardOf, cardText, inputValues } from '../support/cards.js';
import { TestConnector } from '../support/connector.js';
import { startHttpBot } from '../support/httpBot.js';
import { usersCsv } from '../support/userFiles.js';

const DOMAIN = 'cascadetimberworks.onmicrosoft.com';

/** The embedded backend, its user creations recorded (request ids), and optionally stuck forever after the n-th (the process dies there). */
async function recordingBackend(dataDir: string, requestIds: string[], stuckAfter?: number): Promise<{ backend: CustomerBackend; store: LowdbCustomerDirectory }> {
  const store = new LowdbCustomerDirectory({ dataDir });
  await seedDemoData(store, SANDBOX_TENANT_ID, new Date());
  const local = new LocalCustomerBackend(store);
  const users: CustomerUsers = {
    list: (ctx, id) => local.users.list(ctx, id),
    async create(ctx, id, user, options) {
      requestIds.push(options.requestId);
      const made = await local.users.create(ctx, id, user, options);
      // The user is made, but its answer never comes back: the job cannot record it.
      if (requestIds.length === stuckAfter) return new Promise(() => {});
      return made;
    },
  };
  const backend = Object.assign(Object.create(local) as CustomerBackend, { users });
  return { backend, store };
}

describe('an add-users job across a restart', () => {
  it('stopped halfway, it resumes with the same request ids, creates nobody twice, and says which passwords were lost', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-resume-'));
    const connector = new TestConnector();
    const before: string[] = [];
    const first = await startHttpBot({ dataDir, connector, overrides: await recordingBackend(dataDir, before, 50) });
    const url = connector.serveFile('users.csv', usersCsv(100, DOMAIN));
    await first.post({ text: 'add users Cascade', locale: 'en-US' });
    const confirm = (await first.post({ attachments: [{ contentType: 'text/csv', contentUrl: url, name: 'users.csv' }], locale: 'en-US' })).replies[0];
    await first.post({ value: { ...inputValues(confirm), ...actionData(confirm, 'Add users') }, locale: 'en-US' });
    while (before.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.app.close();

    const after: string[] = [];
    const second = await startHttpBot({ dataDir, connector, overrides: await recordingBackend(dataDir, after) });
    try {
      await second.app.jobs.idle();
      // The one in flight is asked again with its own request id; the 49 recorded ones are not.
      expect(after[0]).toBe(before[49]);
      expect(after).toHaveLength(51);
      expect(new Set([...before, ...after]).size).toBe(100);
      await second.app.flush();
      const customer = (await new LowdbCustomerDirectory({ dataDir }).list(SANDBOX_TENANT_ID)).find((c) => c.companyProfile.domain === DOMAIN)!;
      const added = customer.users!.filter((u) => u.userPrincipalName.startsWith('user'));
      expect(added).toHaveLength(100);
      expect(new Set(added.map((u) => u.userPrincipalName)).size).toBe(100);

      const result = connector.received.find((a) => cardText(a).includes('Users added: Cascade Timberworks LLC'))!;
      expect(cardText(result)).toContain('The bot restarted while adding these users, so the temporary passwords of some are not in the file.');
      const link = allActions(cardOf(result)).find((a) => a.title === 'Download passwords')!.url!.replace(/^http:\/\/localhost:\d+/, second.baseUrl);
      const rows = (await (await fetch(link)).text()).trim().split('\r\n').slice(1).map((line) => line.split(','));
      // Made before the restart (the 50th too): no password, and what to do about it; made after: a password.
      expect(rows.slice(0, 50).every((r) => r[2] === '' && r[3]!.includes('the temporary password was lost in a restart'))).toBe(true);
      expect(rows.slice(50).every((r) => /^\S{16}$/.test(r[2]!) && r[3] === 'Created')).toBe(true);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
