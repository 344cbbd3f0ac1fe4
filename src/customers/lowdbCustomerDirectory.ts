import { createHash, randomUUID } from 'node:crypto';
import { temporaryPassword } from '../rules/temporaryPassword.js';
import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CoalescingWriter } from '../concurrency/coalescingWriter.js';
import { KeyedQueue } from '../concurrency/keyedQueue.js';
import { matchesRelationship, type BillingProfile, type Customer, type RelationshipEnded, type RelationshipFilter } from './customer.js';
import { DomainTakenError, type CreatedCustomer, type CustomerSeeding, type EndRelationshipResult, type NewCustomer } from './customerStore.js';
import { CustomerIndex } from './customerIndex.js';
import type { CustomerPage, CustomerQuery } from './customerQuery.js';
import { applyRecord, TenantJournal, type TenantData } from './tenantJournal.js';

export interface LowdbCustomerDirectoryOptions {
  /** Tenant files live in `<dataDir>/tenants/`. */
  dataDir: string;
  /** Journal records after which the tenant file is rewritten and the journal emptied (default 100). */
  compactAfter?: number;
  /** Told about a background rewrite of a tenant file that failed (the journal still holds every change). */
  onCompactionError?: (error: unknown) => void;
}

/** A loaded tenant: its data in memory (lowdb), and the journal of changes since the file was last written. */
interface Tenant {
  db: Low<TenantData>;
  journal: TenantJournal;
  /** Whether the tenant file exists: the first add writes it, later changes go to the journal. */
  onDisk: boolean;
}

/**
 * The embedded customer store on lowdb, tenant by tenant (the local
 * backend's ports sit on it; see LocalCustomerBackend): one JSON file per partner tenant, named by the
 * SHA-256 of the tenant id so no tenant id can address a path outside
 * `<dataDir>/tenants`. lowdb's JSONFile writes atomically (temp file + rename).
 * Loaded tenants stay in memory; changes are serialized per tenant. A change
 * is written as one line to the tenant's journal (see TenantJournal) before
 * the caller hears of it; the tenant file is rewritten in the background every
 * `compactAfter` changes and at flush. Use one instance per data directory per
 * process: instances do not coordinate.
 */
export class LowdbCustomerDirectory implements CustomerSeeding {
  private readonly tenantsDir: string;
  private readonly tenants = new Map<string, Promise<Tenant>>();
  private readonly writes = new KeyedQueue();
  /** Tenant-file rewrites (compactions): never two at once for a file, and a burst of requests shares one. */
  private readonly files = new CoalescingWriter();
  private readonly compactAfter: number;
  /** Per tenant file: the list index; new and changed customers go into it in place. */
  private readonly indexes = new Map<string, CustomerIndex>();
  private tenantsDirReady: Promise<void> | undefined;
  /** Every primary domain in every tenant file, read once on first need and kept up to date by add. */
  private domains: Promise<Set<string>> | undefined;
  private static readonly DOMAIN_QUEUE = '\u0000domains';

  /** The data directory the tenant files are under (other embedded stores keep their files beside them). */
  get dataDir(): string {
    return this.options.dataDir;
  }

  constructor(private readonly options: LowdbCustomerDirectoryOptions) {
    this.tenantsDir = path.join(path.resolve(options.dataDir), 'tenants');
    this.compactAfter = options.compactAfter ?? 100;
  }

  async list(partnerTenantId: string): Promise<Customer[]> {
    const { db } = await this.load(partnerTenantId);
    return structuredClone(db.data.customers);
  }

  async get(partnerTenantId: string, customerId: string): Promise<Customer | undefined> {
    const { db } = await this.load(partnerTenantId);
    const found = db.data.customers.find((customer) => customer.id === customerId);
    return found === undefined ? undefined : structuredClone(found);
  }

  async query(partnerTenantId: string, query: CustomerQuery): Promise<CustomerPage> {
    const file = this.fileFor(partnerTenantId);
    const { db } = await this.load(partnerTenantId);
    let index = this.indexes.get(file);
    if (!index) {
      index = new CustomerIndex(db.data.customers);
      this.indexes.set(file, index);
    }
    return index.query(query);
  }

  async count(partnerTenantId: string, relationship?: RelationshipFilter): Promise<number> {
    const { customers } = (await this.load(partnerTenantId)).db.data;
    if (!relationship) return customers.length;
    return customers.reduce((n, customer) => n + (matchesRelationship(customer, relationship) ? 1 : 0), 0);
  }

  async exists(partnerTenantId: string): Promise<boolean> {
    const file = this.fileFor(partnerTenantId);
    // Let an add that is already under way for this tenant finish first, including its write.
    await this.writes.run(file, async () => undefined);
    await this.files.idle(file);
    try {
      await access(file);
      return true;
    } catch {
      return false;
    }
  }

  async add(partnerTenantId: string, customers: Customer[]): Promise<void> {
    const file = this.fileFor(partnerTenantId);
    // Copy now so later changes by the caller cannot reach the store.
    const incoming = structuredClone(customers);
    const tenant = await this.writes.run(file, async () => {
      const tenant = await this.load(partnerTenantId);
      const previous = tenant.db.data;
      const known = new Set(previous.customers.map((customer) => customer.id));
      for (const customer of incoming) {
        if (typeof customer.id !== 'string' || customer.id === '') {
          throw new Error(`Cannot add customer "${customer.companyProfile?.companyName ?? ''}": missing id.`);
        }
        if (known.has(customer.id)) {
          throw new Error(`Cannot add customer ${customer.id}: the partner tenant already has a customer with this id (or the batch repeats it).`);
        }
        known.add(customer.id);
      }
      await this.ensureTenantsDir();
      const next = { ...applyRecord(previous, { seq: 0, upsert: incoming }), partnerTenantId };
      if (tenant.onDisk) {
        tenant.journal.append({ upsert: incoming });
        tenant.db.data = next;
      } else {
        // A new tenant: its file is written whole, so it exists (and holds the batch) when add returns.
        const seq = tenant.journal.lastSeq;
        tenant.db.data = seq > 0 ? { ...next, journalSeq: seq } : next;
        try {
          await tenant.db.write();
        } catch (error) {
          tenant.db.data = previous;
          throw error;
        }
        tenant.onDisk = true;
      }
      this.indexes.get(file)?.add(incoming);
      if (this.domains) {
        const domains = await this.domains;
        for (const customer of incoming) domains.add(customer.companyProfile.domain.toLowerCase());
      }
      return tenant;
    });
    this.compactIfDue(file, tenant);
  }

  async isDomainAvailable(domain: string): Promise<boolean> {
    return !(await this.allDomains()).has(domain.toLowerCase());
  }

  async availableDomains(domains: readonly string[]): Promise<Set<string>> {
    const taken = await this.allDomains();
    return new Set(domains.filter((domain) => !taken.has(domain.toLowerCase())));
  }

  async create(partnerTenantId: string, request: NewCustomer, { requestId }: { requestId: string }): Promise<CreatedCustomer> {
    const domain = request.companyProfile.domain.toLowerCase();
    // One queue for all domain claims, so two partners cannot take the same domain at once. The claim is
    // in memory; the tenant file is written after the queue is free, so creates do not wait on each other's disk.
    const claim = await this.writes.run(LowdbCustomerDirectory.DOMAIN_QUEUE, async () => {
      // This backend plays Partner Center: a request it has answered is answered again, and makes nothing.
      const made = (await this.load(partnerTenantId)).db.data.customers.find((c) => c.requestId === requestId);
      if (made) return { replayed: structuredClone(made) };
      const domains = await this.allDomains();
      if (domains.has(domain)) throw new DomainTakenError(domain);
      domains.add(domain);
      const id = randomUUID();
      const customer: Customer = { ...request, id, commerceId: randomUUID(), companyProfile: { ...request.companyProfile, tenantId: id }, requestId };
      return { customer };
    });
    if (claim.replayed) return { customer: claim.replayed, replayed: true };
    try {
      await this.add(partnerTenantId, [claim.customer]);
    } catch (error) {
      (await this.allDomains()).delete(domain);
      throw error;
    }
    const userName = claim.customer.adminUserName ?? `admin@${claim.customer.companyProfile.domain}`;
    return { customer: structuredClone(claim.customer), userCredentials: { userName, password: temporaryPassword() }, replayed: false };
  }

  /**
   * Ends a reseller relationship: of several simultaneous calls for one
   * customer exactly one returns `ended`. Idempotent by request id, as
   * Partner Center is: a repeat of the request that ended it returns `ended`
   * again, marked `replayed`.
   */
  async endRelationship(partnerTenantId: string, customerId: string, ended: RelationshipEnded): Promise<EndRelationshipResult> {
    const file = this.fileFor(partnerTenantId);
    const change = await this.writes.run(file, async () => {
      const tenant = await this.load(partnerTenantId);
      const current = tenant.db.data.customers.find((c) => c.id === customerId);
      if (!current) return { outcome: 'notFound' } as const;
      if (current.relationshipToPartner === 'none') {
        const replayed = ended.requestId !== undefined && current.relationshipEnded?.requestId === ended.requestId;
        return replayed ? ({ outcome: 'ended', customer: structuredClone(current), replayed: true } as const) : ({ outcome: 'alreadyEnded', customer: structuredClone(current) } as const);
      }
      const updated: Customer = { ...current, relationshipToPartner: 'none', relationshipEnded: { ...ended } };
      const record = { upsert: [updated] };
      tenant.journal.append(record);
      tenant.db.data = applyRecord(tenant.db.data, { seq: 0, ...record });
      this.indexes.get(file)?.update([updated]);
      return { outcome: 'ended', customer: structuredClone(updated), replayed: false, tenant } as const;
    });
    if (change.outcome !== 'ended' || change.replayed) return change;
    this.compactIfDue(file, change.tenant);
    return { outcome: 'ended', customer: change.customer, replayed: false };
  }

  /**
   * Replaces a customer's billing profile if it is still the one read (its
   * etag, a hash of the profile, matches): of two writers with the same etag
   * exactly one wins, the other gets the current profile back.
   */
  async updateBillingProfile(partnerTenantId: string, customerId: string, profile: BillingProfile, etag: string): Promise<BillingProfileUpdate> {
    const file = this.fileFor(partnerTenantId);
    const change = await this.writes.run(file, async () => {
      const tenant = await this.load(partnerTenantId);
      const current = tenant.db.data.customers.find((c) => c.id === customerId);
      if (!current) return { outcome: 'notFound' } as const;
      if (billingEtag(current.billingProfile) !== etag) return { outcome: 'stale', current: structuredClone(current.billingProfile) } as const;
      const updated: Customer = { ...current, billingProfile: structuredClone(profile) };
      const record = { upsert: [updated] };
      tenant.journal.append(record);
      tenant.db.data = applyRecord(tenant.db.data, { seq: 0, ...record });
      this.indexes.get(file)?.update([updated]);
      return { outcome: 'updated', profile: structuredClone(profile), tenant } as const;
    });
    if (change.outcome !== 'updated') return change;
    this.compactIfDue(file, change.tenant);
    return { outcome: 'updated', profile: change.profile };
  }

  /**
   * Changes one customer, serialized with every other change of the tenant:
   * `apply` sees the customer as it is and returns its result, with the
   * changed customer to write (one journal line), or without to write nothing.
   */
  async change<R>(partnerTenantId: string, customerId: string, apply: (current: Customer) => { result: R; updated?: Customer }): Promise<R | undefined> {
    const file = this.fileFor(partnerTenantId);
    const outcome = await this.writes.run(file, async () => {
      const tenant = await this.load(partnerTenantId);
      const current = tenant.db.data.customers.find((c) => c.id === customerId);
      if (!current) return undefined;
      const { result, updated } = apply(structuredClone(current));
      if (updated) {
        const record = { upsert: [updated] };
        tenant.journal.append(record);
        tenant.db.data = applyRecord(tenant.db.data, { seq: 0, ...record });
        this.indexes.get(file)?.update([updated]);
      }
      return { result, tenant, changed: updated !== undefined };
    });
    if (!outcome) return undefined;
    if (outcome.changed) this.compactIfDue(file, outcome.tenant);
    return outcome.result;
  }

  /** Waits for changes under way, then writes every tenant file that has journal records (the journal goes away). */
  async flush(): Promise<void> {
    await this.writes.idle();
    const loaded = await Promise.all([...this.tenants].map(async ([file, loading]) => [file, await loading.catch(() => undefined)] as const));
    await Promise.all(loaded.map(([file, tenant]) => (tenant && tenant.journal.pendingRecords > 0 ? this.compact(file, tenant) : undefined)));
    await this.files.idle();
  }

  private compactIfDue(file: string, tenant: Tenant): void {
    if (tenant.journal.pendingRecords < this.compactAfter || this.files.isPending(file)) return;
    this.compact(file, tenant).catch((error: unknown) => this.options.onCompactionError?.(error));
  }

  /**
   * Rewrites the tenant file with everything in memory, then drops the journal
   * records it now includes. The data is captured inside the tenant's queue
   * (lowdb serializes it synchronously when the write starts), so changes made
   * while the file is being written stay in the journal.
   */
  private compact(file: string, tenant: Tenant): Promise<void> {
    return this.files.write(file, async () => {
      let seq = 0;
      let writing: Promise<void> = Promise.resolve();
      await this.writes.run(file, async () => {
        seq = tenant.journal.lastSeq;
        tenant.db.data = { ...tenant.db.data, journalSeq: seq };
        writing = tenant.db.write();
      });
      await writing;
      tenant.onDisk = true;
      tenant.journal.trim(seq);
    });
  }

  private allDomains(): Promise<Set<string>> {
    this.domains ??= this.readAllDomains().catch((error: unknown) => {
      this.domains = undefined;
      throw error;
    });
    return this.domains;
  }

  private async readAllDomains(): Promise<Set<string>> {
    const domains = new Set<string>();
    const files = await readdir(this.tenantsDir).catch(() => [] as string[]);
    for (const name of files.filter((f) => f.endsWith('.json'))) {
      const file = path.join(this.tenantsDir, name);
      const snapshot = await new JSONFile<TenantData>(file).read();
      if (!snapshot) continue;
      const data = new TenantJournal(journalOf(file)).replay(snapshot, { repair: false });
      for (const customer of data.customers) domains.add(customer.companyProfile.domain.toLowerCase());
    }
    return domains;
  }

  private fileFor(partnerTenantId: string): string {
    if (typeof partnerTenantId !== 'string' || partnerTenantId === '') {
      throw new Error('A partner tenant id is required.');
    }
    const name = createHash('sha256').update(partnerTenantId, 'utf8').digest('hex');
    return path.join(this.tenantsDir, `${name}.json`);
  }

  private load(partnerTenantId: string): Promise<Tenant> {
    const file = this.fileFor(partnerTenantId);
    let loading = this.tenants.get(file);
    if (loading === undefined) {
      loading = this.read(partnerTenantId, file);
      this.tenants.set(file, loading);
      // A failed read (e.g. unreadable file) is retried on the next call rather than cached.
      loading.catch(() => {
        if (this.tenants.get(file) === loading) this.tenants.delete(file);
      });
    }
    return loading;
  }

  private async read(partnerTenantId: string, file: string): Promise<Tenant> {
    const adapter = new JSONFile<TenantData>(file);
    const stored: unknown = await adapter.read();
    if (stored !== null && !isTenantData(stored)) {
      throw new Error(`Customer file ${file} is not a valid tenant file.`);
    }
    if (stored !== null && stored.partnerTenantId !== partnerTenantId) {
      throw new Error(`Customer file ${file} belongs to another partner tenant.`);
    }
    const journal = new TenantJournal(journalOf(file));
    const data = journal.replay(stored ?? { partnerTenantId, customers: [] }, { repair: true });
    return { db: new Low<TenantData>(adapter, data), journal, onDisk: stored !== null };
  }

  private ensureTenantsDir(): Promise<void> {
    this.tenantsDirReady ??= mkdir(this.tenantsDir, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.tenantsDirReady = undefined;
        throw error;
      },
    );
    return this.tenantsDirReady;
  }
}

export type BillingProfileUpdate = { outcome: 'updated'; profile: BillingProfile } | { outcome: 'stale'; current: BillingProfile } | { outcome: 'notFound' };

/** The embedded backend's etag of a billing profile: a hash of its content, so any change gives a new one. */
export const billingEtag = (profile: BillingProfile): string => createHash('sha256').update(JSON.stringify(profile), 'utf8').digest('base64url').slice(0, 22);

/** The journal beside a tenant file. */
const journalOf = (file: string): string => file.replace(/\.json$/, '.journal');

function isTenantData(value: unknown): value is TenantData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TenantData>;
  return typeof candidate.partnerTenantId === 'string' && Array.isArray(candidate.customers);
}
