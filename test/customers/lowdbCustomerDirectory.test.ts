import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Customer } from '../../src/customers/customer.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';

function makeCustomer(id: string, companyName: string): Customer {
  return {
    id,
    commerceId: `commerce-${id}`,
    companyProfile: { tenantId: id, domain: `${id.replace(/[^a-z0-9]/gi, '')}.onmicrosoft.com`, companyName },
    billingProfile: {
      companyName,
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: `anna@${id}.example`,
      culture: 'de-DE',
      language: 'de',
      defaultAddress: { country: 'DE', city: 'Berlin', addressLine1: 'Unter den Linden 1', postalCode: '10117' },
    },
    relationshipToPartner: 'reseller',
    createdAt: '2024-01-01T00:00:00.000Z',
    subscriptions: [
      {
        id: `sub-${id}`,
        offerId: 'CFQ7TTC0LCHC:0002',
        offerName: 'Microsoft 365 Business Premium',
        kind: 'newCommerceLicense',
        quantity: 5,
        status: 'active',
        createdAt: '2024-01-02T00:00:00.000Z',
      },
    ],
  };
}

function tenantFile(dataDir: string, tenantId: string): string {
  return path.join(dataDir, 'tenants', `${createHash('sha256').update(tenantId, 'utf8').digest('hex')}.json`);
}

describe('LowdbCustomerDirectory', () => {
  let root: string;
  let dataDir: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'customer-dir-test-'));
    dataDir = path.join(root, 'data');
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('adds, lists, gets and counts customers; exists once something was stored', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    expect(await directory.exists('tenant-a')).toBe(false);
    expect(await directory.list('tenant-a')).toEqual([]);
    expect(await directory.count('tenant-a')).toBe(0);
    // Reading must not create the file.
    expect(await directory.exists('tenant-a')).toBe(false);

    const first = makeCustomer('c1', 'Müller Maschinenbau GmbH');
    const second = makeCustomer('c2', '北京星辰科技有限公司');
    await directory.add('tenant-a', [first]);
    await directory.add('tenant-a', [second]);

    expect(await directory.exists('tenant-a')).toBe(true);
    expect(await directory.list('tenant-a')).toEqual([first, second]);
    expect(await directory.get('tenant-a', 'c2')).toEqual(second);
    expect(await directory.get('tenant-a', 'nope')).toBeUndefined();
    expect(await directory.count('tenant-a')).toBe(2);
  });

  it('counts active and ended relationships separately', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const ended = { ...makeCustomer('c3', 'Alte Firma AG'), relationshipToPartner: 'none' as const };
    await directory.add('tenant-a', [makeCustomer('c1', 'Eins GmbH'), makeCustomer('c2', 'Zwei GmbH'), ended]);
    expect(await directory.count('tenant-a', 'active')).toBe(2);
    expect(await directory.count('tenant-a', 'ended')).toBe(1);
    expect(await directory.count('tenant-a')).toBe(3);
  });

  it('marks a tenant as existing after an empty add', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('tenant-a', []);
    expect(await directory.exists('tenant-a')).toBe(true);
    expect(await directory.count('tenant-a')).toBe(0);
  });

  it('keeps data across a restart (new instance, same dir)', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const customers = [makeCustomer('c1', 'ООО «Северный ветер»'), makeCustomer('c2', 'Öko-Energie GmbH')];
    // Not awaited: flush() must wait for the writes.
    const pending = [directory.add('tenant-a', customers.slice(0, 1)), directory.add('tenant-a', customers.slice(1))];
    await directory.flush();
    // The first add wrote the file; the second went to the journal, which flush folded into the file.
    const onDisk = JSON.parse(fs.readFileSync(tenantFile(dataDir, 'tenant-a'), 'utf8'));
    expect(onDisk).toEqual({ partnerTenantId: 'tenant-a', customers, journalSeq: 1 });
    expect(fs.readdirSync(path.join(dataDir, 'tenants'))).toEqual([path.basename(tenantFile(dataDir, 'tenant-a'))]);
    await Promise.all(pending);

    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect(await restarted.exists('tenant-a')).toBe(true);
    expect(await restarted.list('tenant-a')).toEqual(customers);
    expect(await restarted.count('tenant-a')).toBe(2);
  });

  it("never shows one tenant's customers to another tenant", async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('tenant-a', [makeCustomer('a1', 'Alpha Secret Holdings'), makeCustomer('a2', 'Альфа Тайна')]);
    await directory.add('tenant-b', [makeCustomer('b1', 'Bravo Trading Ltd')]);

    for (const dir of [directory, new LowdbCustomerDirectory({ dataDir })]) {
      const listB = await dir.list('tenant-b');
      expect(listB.map((c) => c.id)).toEqual(['b1']);
      expect(await dir.get('tenant-b', 'a1')).toBeUndefined();
      expect(await dir.get('tenant-a', 'b1')).toBeUndefined();
      expect(await dir.count('tenant-b')).toBe(1);
      expect(await dir.count('tenant-a')).toBe(2);
      expect(await dir.count('tenant-c')).toBe(0);
      expect(await dir.exists('tenant-c')).toBe(false);
    }

    const fileB = fs.readFileSync(tenantFile(dataDir, 'tenant-b'), 'utf8');
    expect(fileB).toContain('Bravo Trading Ltd');
    expect(fileB).not.toContain('Alpha Secret Holdings');
    expect(fileB).not.toContain('Альфа Тайна');
    expect(fileB).not.toContain('"a1"');
    expect(JSON.parse(fileB).partnerTenantId).toBe('tenant-b');
  });

  it('refuses a tenant file that belongs to another tenant', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('tenant-a', [makeCustomer('a1', 'Alpha Secret Holdings')]);
    fs.copyFileSync(tenantFile(dataDir, 'tenant-a'), tenantFile(dataDir, 'tenant-b'));

    const fresh = new LowdbCustomerDirectory({ dataDir });
    await expect(fresh.list('tenant-b')).rejects.toThrow(/another partner tenant/);
    await expect(fresh.get('tenant-b', 'a1')).rejects.toThrow();
  });

  it('rejects duplicate ids and writes nothing', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('tenant-a', [makeCustomer('c1', 'First GmbH')]);
    const before = fs.readFileSync(tenantFile(dataDir, 'tenant-a'), 'utf8');

    await expect(directory.add('tenant-a', [makeCustomer('c1', 'Again GmbH')])).rejects.toThrow(/c1/);
    await expect(directory.add('tenant-a', [makeCustomer('c3', 'Third GmbH'), makeCustomer('c1', 'Again GmbH')])).rejects.toThrow(
      /already has/,
    );
    await expect(directory.add('tenant-a', [makeCustomer('c4', 'Fourth GmbH'), makeCustomer('c4', 'Fourth GmbH')])).rejects.toThrow(
      /c4/,
    );

    expect(fs.readFileSync(tenantFile(dataDir, 'tenant-a'), 'utf8')).toBe(before);
    expect((await directory.list('tenant-a')).map((c) => c.id)).toEqual(['c1']);
    expect(await new LowdbCustomerDirectory({ dataDir }).count('tenant-a')).toBe(1);

    // A batch repeating an id for a brand-new tenant creates no file at all.
    await expect(directory.add('tenant-new', [makeCustomer('x', 'X'), makeCustomer('x', 'X')])).rejects.toThrow();
    expect(await directory.exists('tenant-new')).toBe(false);
    expect(fs.existsSync(tenantFile(dataDir, 'tenant-new'))).toBe(false);

    // The same id in different tenants is fine.
    await directory.add('tenant-b', [makeCustomer('c1', 'First GmbH')]);
    expect(await directory.count('tenant-b')).toBe(1);
  });

  it('keeps every one of 50 concurrent adds', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id) => directory.add('tenant-a', [makeCustomer(id, `Company ${id}`)])));
    await directory.flush();

    expect(await directory.count('tenant-a')).toBe(50);
    const restarted = new LowdbCustomerDirectory({ dataDir });
    const stored = (await restarted.list('tenant-a')).map((c) => c.id);
    expect(stored).toHaveLength(50);
    expect(new Set(stored)).toEqual(new Set(ids));
  });

  it('writes files atomically: no temp files left, content is valid JSON', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => directory.add('tenant-a', [makeCustomer(`a${i}`, `A ${i}`)])),
      ...Array.from({ length: 20 }, (_, i) => directory.add('tenant-b', [makeCustomer(`b${i}`, `B ${i}`)])),
    ]);
    await directory.flush();

    const entries = fs.readdirSync(path.join(dataDir, 'tenants')).sort();
    expect(entries).toEqual(
      [tenantFile(dataDir, 'tenant-a'), tenantFile(dataDir, 'tenant-b')].map((file) => path.basename(file)).sort(),
    );
    for (const entry of entries) {
      expect(entry).toMatch(/^[0-9a-f]{64}\.json$/);
      const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, 'tenants', entry), 'utf8'));
      expect(typeof parsed.partnerTenantId).toBe('string');
      expect(parsed.customers).toHaveLength(20);
    }
  });

  it('keeps a path-like tenant id inside <dataDir>/tenants', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const evil = '../../etc/passwd';
    await directory.add(evil, [makeCustomer('c1', 'Evil Corp')]);
    await directory.add('..', [makeCustomer('c2', 'Dots Corp')]);

    expect(fs.readdirSync(root)).toEqual(['data']);
    expect(fs.readdirSync(dataDir)).toEqual(['tenants']);
    const files = fs.readdirSync(path.join(dataDir, 'tenants'));
    expect(files).toHaveLength(2);
    expect(files).toContain(path.basename(tenantFile(dataDir, evil)));
    expect(JSON.parse(fs.readFileSync(tenantFile(dataDir, evil), 'utf8')).partnerTenantId).toBe(evil);
    expect((await new LowdbCustomerDirectory({ dataDir }).list(evil)).map((c) => c.id)).toEqual(['c1']);
  });

  it('rejects an empty tenant id', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await expect(directory.list('')).rejects.toThrow(/tenant id/);
    await expect(directory.add('', [makeCustomer('c1', 'X')])).rejects.toThrow(/tenant id/);
  });

  it('returns copies, so callers cannot change the store', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    const input = makeCustomer('c1', 'Original GmbH');
    await directory.add('tenant-a', [input]);
    input.companyProfile.companyName = 'Changed by caller after add';

    const listed = await directory.list('tenant-a');
    expect(listed[0]?.companyProfile.companyName).toBe('Original GmbH');
    listed[0]!.companyProfile.companyName = 'Changed via list';
    listed[0]!.subscriptions.push({ ...listed[0]!.subscriptions[0]!, id: 'extra' });
    listed.pop();

    const got = await directory.get('tenant-a', 'c1');
    expect(got?.companyProfile.companyName).toBe('Original GmbH');
    expect(got?.subscriptions).toHaveLength(1);
    got!.relationshipToPartner = 'none';

    const again = await directory.list('tenant-a');
    expect(again).toHaveLength(1);
    expect(again[0]?.relationshipToPartner).toBe('reseller');
    expect(again[0]?.companyProfile.companyName).toBe('Original GmbH');
  });
});
