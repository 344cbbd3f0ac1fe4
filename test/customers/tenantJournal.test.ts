import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { applyRecord } from '../../src/customers/tenantJournal.js';
import { testCustomer } from '../support/customers.js';

const customer = (id: string, companyName?: string) => testCustomer(id, { companyName });
const ended = (by: string) => ({ at: '2026-11-21T10:00:00.000Z', by, requestId: `removal-${by}` });

describe('tenant journal', () => {
  let dataDir: string;
  let file: string;
  let journal: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-journal-'));
    file = path.join(dataDir, 'tenants', `${createHash('sha256').update('t', 'utf8').digest('hex')}.json`);
    journal = file.replace(/\.json$/, '.journal');
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has every confirmed change on disk without a flush: a new process after a crash sees them', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a'), customer('b')]);
    await directory.add('t', [customer('c', 'ООО «Ромашка»')]);
    await directory.endRelationship('t', 'a', ended('u1'));
    // No flush, no close: the process "died" here.
    const after = new LowdbCustomerDirectory({ dataDir });
    expect((await after.list('t')).map((c) => [c.id, c.relationshipToPartner])).toEqual([['a', 'none'], ['b', 'reseller'], ['c', 'reseller']]);
    expect((await after.get('t', 'a'))?.relationshipEnded).toEqual({ at: '2026-11-21T10:00:00.000Z', by: 'u1', requestId: 'removal-u1' });
    expect(await after.isDomainAvailable('c.onmicrosoft.com')).toBe(false);
    // The tenant file itself still holds only the first add; the rest is in the journal, one line per change.
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).customers).toHaveLength(2);
    expect(fs.readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('folds the journal into the tenant file every `compactAfter` changes, and at flush', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir, compactAfter: 3 });
    await directory.add('t', [customer('a')]);
    for (const id of ['b', 'c', 'd']) await directory.add('t', [customer(id)]);
    for (let i = 0; i < 100 && fs.existsSync(journal); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fs.existsSync(journal)).toBe(false);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ journalSeq: 3, customers: ['a', 'b', 'c', 'd'].map((id) => expect.objectContaining({ id })) });

    await directory.add('t', [customer('e')]);
    expect(fs.existsSync(journal)).toBe(true);
    await directory.flush();
    expect(fs.existsSync(journal)).toBe(false);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ journalSeq: 4 });
    expect((await new LowdbCustomerDirectory({ dataDir }).list('t')).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('ignores a last line cut short by a crash, and the next change still lands on its own line', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a')]);
    await directory.add('t', [customer('b')]);
    fs.appendFileSync(journal, '{"seq":2,"upsert":[{"id":"half');

    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect((await restarted.list('t')).map((c) => c.id)).toEqual(['a', 'b']);
    await restarted.add('t', [customer('c')]);
    expect((await new LowdbCustomerDirectory({ dataDir }).list('t')).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a journal damaged in the middle instead of guessing', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a')]);
    fs.writeFileSync(journal, 'garbage\n{"seq":1,"upsert":[]}\n');
    await expect(new LowdbCustomerDirectory({ dataDir }).list('t')).rejects.toThrow(/line 1 is damaged/);
  });

  it('after a crash between writing the tenant file and trimming the journal, replays only the newer records', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a'), customer('b')]);
    await directory.endRelationship('t', 'a', ended('u1'));
    const journalBefore = fs.readFileSync(journal, 'utf8');
    await directory.flush();
    // The file includes record 1; put the old journal back (as if the trim never happened) and add record 2 by hand.
    fs.writeFileSync(journal, journalBefore + JSON.stringify({ seq: 2, upsert: [{ ...customer('b'), relationshipToPartner: 'none' }] }) + '\n');
    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect((await restarted.list('t')).map((c) => c.relationshipToPartner)).toEqual(['none', 'none']);
  });

  it('applies a record by replacing customers by id and adding new ones', () => {
    const data = { partnerTenantId: 't', customers: [customer('a'), customer('b')] };
    const next = applyRecord(data, { seq: 1, upsert: [{ ...customer('b'), relationshipToPartner: 'none' }, customer('c')] });
    expect(next.customers.map((c) => [c.id, c.relationshipToPartner])).toEqual([['a', 'reseller'], ['b', 'none'], ['c', 'reseller']]);
    // The input is left as it was.
    expect(data.customers[1]!.relationshipToPartner).toBe('reseller');
  });
});
