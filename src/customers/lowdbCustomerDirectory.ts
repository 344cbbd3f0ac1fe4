import { createHash } from 'node:crypto';
import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CoalescingWriter } from '../concurrency/coalescingWriter.js';
import { KeyedQueue } from '../concurrency/keyedQueue.js';
import { matchesRelationship, type AuditEntry, type Customer, type RelationshipEnded, type RelationshipFilter } from './customer.js';
import { DomainTakenError, DuplicateCustomerError, type CustomerDirectory, type EndRelationshipResult } from './customerDirectory.js';
import { CustomerIndex } from './customerIndex.js';
import type { CustomerPage, CustomerQuery } from './customerQuery.js';

/** The content of one tenant file. */
interface TenantData {
  partnerTenantId: string;
  customers: Customer[];
  /** Append-only; in the same file as the customers so a change and its entry are written together. */
  audit?: AuditEntry[];
}

export interface LowdbCustomerDirectoryOptions {
  /** Tenant files live in `<dataDir>/tenants/`. */
  dataDir: string;
}

/**
 * CustomerDirectory on lowdb: one JSON file per partner tenant, named by the
 * SHA-256 of the tenant id so no tenant id can address a path outside
 * `<dataDir>/tenants`. lowdb's JSONFile writes atomically (temp file + rename).
 * Loaded tenants stay in memory; writes are serialized per tenant. Use one
 * instance per data directory per process: instances do not coordinate.
 */
export class LowdbCustomerDirectory implements CustomerDirectory {
  readonly kind = 'lowdb';
  private readonly tenantsDir: string;
  private readonly tenants = new Map<string, Promise<Low<TenantData>>>();
  private readonly writes = new KeyedQueue();
  /** Tenant-file writes: changes arriving during a write share the next one (see persist). */
  private readonly files = new CoalescingWriter();
  /** Per tenant file: the list index, dropped whenever that tenant's customers change. */
  private readonly indexes = new Map<string, CustomerIndex>();
  private tenantsDirReady: Promise<void> | undefined;
  /** Every primary domain in every tenant file, read once on first need and kept up to date by add. */
  private domains: Promise<Set<string>> | undefined;
  private static readonly DOMAIN_QUEUE = '\u0000domains';

  constructor(options: LowdbCustomerDirectoryOptions) {
    this.tenantsDir = path.join(path.resolve(options.dataDir), 'tenants');
  }

  async list(partnerTenantId: string): Promise<Customer[]> {
    const db = await this.load(partnerTenantId);
    return structuredClone(db.data.customers);
  }

  async get(partnerTenantId: string, customerId: string): Promise<Customer | undefined> {
    const db = await this.load(partnerTenantId);
    const found = db.data.customers.find((customer) => customer.id === customerId);
    return found === undefined ? undefined : structuredClone(found);
  }

  async query(partnerTenantId: string, query: CustomerQuery): Promise<CustomerPage> {
    const file = this.fileFor(partnerTenantId);
    const db = await this.load(partnerTenantId);
    let index = this.indexes.get(file);
    if (!index) {
      index = new CustomerIndex(db.data.customers);
      this.indexes.set(file, index);
    }
    return index.query(query);
  }

  async count(partnerTenantId: string, relationship?: RelationshipFilter): Promise<number> {
    const { customers } = (await this.load(partnerTenantId)).data;
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
    const db = await this.writes.run(file, async () => {
      const db = await this.load(partnerTenantId);
      const previous = db.data;
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
      db.data = { ...previous, partnerTenantId, customers: [...previous.customers, ...incoming] };
      this.indexes.delete(file);
      if (this.domains) {
        const domains = await this.domains;
        for (const customer of incoming) domains.add(customer.companyProfile.domain.toLowerCase());
      }
      return db;
    });
    const ids = new Set(incoming.map((customer) => customer.id));
    await this.persist(file, db, (data) => ({ ...data, customers: data.customers.filter((customer) => !ids.has(customer.id)) }));
  }

  async isDomainAvailable(domain: string): Promise<boolean> {
    return !(await this.allDomains()).has(domain.toLowerCase());
  }

  async create(partnerTenantId: string, customer: Customer): Promise<void> {
    const domain = customer.companyProfile.domain.toLowerCase();
    // One queue for all domain claims, so two partners cannot take the same domain at once. The claim is
    // in memory; the tenant file is written after the queue is free, so creates do not wait on each other's disk.
    await this.writes.run(LowdbCustomerDirectory.DOMAIN_QUEUE, async () => {
      const domains = await this.allDomains();
      if (domains.has(domain)) throw new DomainTakenError(domain);
      if (await this.get(partnerTenantId, customer.id)) throw new DuplicateCustomerError(customer.id);
      domains.add(domain);
    });
    try {
      await this.add(partnerTenantId, [customer]);
    } catch (error) {
      (await this.allDomains()).delete(domain);
      throw error;
    }
  }

  async endRelationship(partnerTenantId: string, customerId: string, ended: RelationshipEnded): Promise<EndRelationshipResult> {
    const file = this.fileFor(partnerTenantId);
    const change = await this.writes.run(file, async () => {
      const db = await this.load(partnerTenantId);
      const previous = db.data;
      const index = previous.customers.findIndex((c) => c.id === customerId);
      const current = previous.customers[index];
      if (!current) return { outcome: 'notFound' } as const;
      if (current.relationshipToPartner === 'none') return { outcome: 'alreadyEnded', customer: structuredClone(current) } as const;
      const updated: Customer = { ...current, relationshipToPartner: 'none', relationshipEnded: { ...ended } };
      const entry: AuditEntry = {
        at: ended.at,
        actor: ended.by,
        action: 'endRelationship',
        customerId,
        companyName: current.companyProfile.companyName,
        reason: ended.reason,
        ...(ended.note ? { note: ended.note } : {}),
      };
      const customers = previous.customers.slice();
      customers[index] = updated;
      db.data = { ...previous, customers, audit: [...(previous.audit ?? []), entry] };
      this.indexes.delete(file);
      return { outcome: 'changed', db, current, updated, entry } as const;
    });
    if (change.outcome !== 'changed') return change;
    const { db, current, updated, entry } = change;
    // If the disk refuses the write, take back exactly this change (others made meanwhile stay).
    await this.persist(file, db, (data) => ({
      ...data,
      customers: data.customers.map((customer) => (customer === updated ? current : customer)),
      audit: (data.audit ?? []).filter((e) => e !== entry),
    }));
    return { outcome: 'ended', customer: structuredClone(updated) };
  }

  async auditTrail(partnerTenantId: string): Promise<AuditEntry[]> {
    return structuredClone((await this.load(partnerTenantId)).data.audit ?? []);
  }

  async flush(): Promise<void> {
    await this.writes.idle();
    await this.files.idle();
  }

  /**
   * Writes a tenant file after a change made in memory (under the tenant's queue).
   * Simultaneous changes share writes (CoalescingWriter); the caller resolves once
   * a write that includes its change is on disk. On failure `undo` takes that
   * caller's change back out of memory.
   */
  private async persist(file: string, db: Low<TenantData>, undo: (data: TenantData) => TenantData): Promise<void> {
    try {
      await this.files.write(file, () => db.write());
    } catch (error) {
      await this.writes.run(file, async () => {
        db.data = undo(db.data);
        this.indexes.delete(file);
      });
      throw error;
    }
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
      const data = await new JSONFile<TenantData>(path.join(this.tenantsDir, name)).read();
      for (const customer of data?.customers ?? []) domains.add(customer.companyProfile.domain.toLowerCase());
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

  private load(partnerTenantId: string): Promise<Low<TenantData>> {
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

  private async read(partnerTenantId: string, file: string): Promise<Low<TenantData>> {
    const db = new Low<TenantData>(new JSONFile<TenantData>(file), { partnerTenantId, customers: [] });
    await db.read();
    const data: unknown = db.data;
    if (!isTenantData(data)) {
      throw new Error(`Customer file ${file} is not a valid tenant file.`);
    }
    if (data.partnerTenantId !== partnerTenantId) {
      throw new Error(`Customer file ${file} belongs to another partner tenant.`);
    }
    return db;
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

function isTenantData(value: unknown): value is TenantData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TenantData>;
  return typeof candidate.partnerTenantId === 'string' && Array.isArray(candidate.customers);
}
