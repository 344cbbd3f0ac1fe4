import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Subscription, SubscriptionKind, SubscriptionStatus } from '../../src/customers/customer.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { ConfiguredRoleDirectory, readRoleAssignments } from '../../src/permissions/roleDirectory.js';
import { DEFAULT_ALLOWED, isAllowed } from '../../src/rules/permissions.js';
import { removalBlockers } from '../../src/rules/relationshipRemoval.js';
import { testCustomer } from '../support/customers.js';

const subscription = (kind: SubscriptionKind, status: SubscriptionStatus, id = `${kind}-${status}`): Subscription => ({
  id, offerId: 'offer', offerName: `${kind} offer`, kind, quantity: 1, status, createdAt: '2025-01-01T00:00:00.000Z',
});

const customer = (id: string, subscriptions: Subscription[] = []) => testCustomer(id, { subscriptions });

describe('removalBlockers', () => {
  it.each([
    ['azureReservation', 'cancelReservation'],
    ['software', 'cancelSoftware'],
    ['legacyLicense', 'suspendLegacy'],
    ['newCommerceLicense', 'cancelNewCommerce'],
    ['azurePlan', 'cancelAzurePlan'],
  ] as const)('an active %s blocks, with the step %s', (kind, action) => {
    expect(removalBlockers(customer('x', [subscription(kind, 'active')]))).toEqual([{ subscriptionId: `${kind}-active`, offerName: `${kind} offer`, kind, action }]);
  });

  it.each(['suspended', 'deleted', 'expired'] as const)('a %s subscription does not block', (status) => {
    expect(removalBlockers(customer('x', [subscription('legacyLicense', status), subscription('newCommerceLicense', status)]))).toEqual([]);
  });

  it('no subscriptions, no blockers', () => {
    expect(removalBlockers(customer('x'))).toEqual([]);
  });
});

describe('permissions', () => {
  it.each([
    [['adminAgent'], true], [['globalAdmin'], true], [['salesAgent'], false], [['helpdeskAgent', 'billingAdmin'], false], [[], false], [['salesAgent', 'adminAgent'], true],
  ] as const)('roles %p may end a relationship by default: %p', (roles, expected) => {
    expect(isAllowed(roles, DEFAULT_ALLOWED.endRelationship)).toBe(expected);
  });

  it('reads assignments; sandbox users get the sandbox roles, anyone else none until assigned', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cab-roles-'));
    const file = path.join(dir, 'roles.json');
    writeFileSync(file, JSON.stringify({ 'tenant-1': { 'aad-alice': ['globalAdmin'] }, 'local-sandbox': { 'aad-sam': ['salesAgent'] } }));
    const roles = new ConfiguredRoleDirectory(readRoleAssignments(file), ['local-sandbox'], ['adminAgent']);
    expect(await roles.rolesOf('tenant-1', 'aad-alice')).toEqual(['globalAdmin']);
    expect(await roles.rolesOf('tenant-1', 'aad-bob')).toEqual([]);
    expect(await roles.rolesOf('local-sandbox', 'anyone')).toEqual(['adminAgent']);
    expect(await roles.rolesOf('local-sandbox', 'aad-sam')).toEqual(['salesAgent']);
    writeFileSync(file, JSON.stringify({ 'tenant-1': { x: ['superUser'] } }));
    expect(() => readRoleAssignments(file)).toThrow(/ROLE_ASSIGNMENTS_FILE .*tenant-1\.x\.0/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('LowdbCustomerDirectory.endRelationship', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-endrel-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const ended = (by: string) => ({ at: '2026-11-21T10:00:00.000Z', by, requestId: `request-${by}` });

  it('of 20 simultaneous attempts exactly one ends it, and that survives a restart', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a'), customer('b')]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => directory.endRelationship('t', 'a', ended(`user-${i}`))));
    const winners = results.filter((r) => r.outcome === 'ended');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'alreadyEnded')).toHaveLength(19);
    await directory.flush();
    const restarted = new LowdbCustomerDirectory({ dataDir });
    expect((await restarted.get('t', 'a'))?.relationshipEnded?.by).toBe(winners[0]!.outcome === 'ended' ? winners[0]!.customer.relationshipEnded?.by : '');
    expect((await restarted.get('t', 'a'))?.relationshipToPartner).toBe('none');
    expect((await restarted.get('t', 'b'))?.relationshipToPartner).toBe('reseller');
  });

  it('keeps tenants apart: another tenant cannot end it', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a')]);
    expect((await directory.endRelationship('other', 'a', ended('x'))).outcome).toBe('notFound');
    expect((await directory.get('t', 'a'))?.relationshipToPartner).toBe('reseller');
  });

  it('a refused disk write changes nothing, in memory or on disk; the next attempt works', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a'), customer('b')]);
    // The tenant's journal cannot be written while a directory stands in its place.
    const journal = path.join(dataDir, 'tenants', `${createHash('sha256').update('t', 'utf8').digest('hex')}.journal`);
    mkdirSync(journal);
    await expect(directory.endRelationship('t', 'a', ended('u1'))).rejects.toThrow(/EISDIR/);
    rmSync(journal, { recursive: true });
    expect((await new LowdbCustomerDirectory({ dataDir }).get('t', 'a'))?.relationshipToPartner).toBe('reseller');
    expect((await directory.get('t', 'a'))?.relationshipToPartner).toBe('reseller');
    expect((await directory.endRelationship('t', 'a', ended('u1'))).outcome).toBe('ended');
    await directory.flush();
    expect((await new LowdbCustomerDirectory({ dataDir }).get('t', 'a'))?.relationshipToPartner).toBe('none');
  });

  it('honours the request id as Partner Center does: the same removal again is answered as done, another one as already ended', async () => {
    const directory = new LowdbCustomerDirectory({ dataDir });
    await directory.add('t', [customer('a')]);
    expect(await directory.endRelationship('t', 'a', ended('u1'))).toMatchObject({ outcome: 'ended', replayed: false });
    expect(await directory.endRelationship('t', 'a', ended('u1'))).toMatchObject({ outcome: 'ended', replayed: true });
    expect(await directory.endRelationship('t', 'a', ended('u2'))).toMatchObject({ outcome: 'alreadyEnded' });
    expect((await directory.get('t', 'a'))?.relationshipEnded).toEqual({ at: '2026-11-21T10:00:00.000Z', by: 'u1', requestId: 'request-u1' });
  });
});
