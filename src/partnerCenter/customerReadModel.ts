import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Customer } from '../customers/customer.js';
import { CustomerIndex, summaryOfCustomer } from '../customers/customerIndex.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import { BackendRefusal, SignInRequiredError, type BackendContext } from '../customers/ports.js';
import type { Logger } from '../logger.js';
import type { PartnerCenterClient } from './partnerCenterClient.js';
import { customerOf, summaryOf, type PcCollection, type PcCustomer } from './wireModels.js';

/** Partner Center's largest page; the sync reads the list with it, one call at a time. */
export const SYNC_PAGE_SIZE = 500;

/** Where a sync stands: the next page's link, as Partner Center gave it. */
export interface NextPage {
  uri: string;
  headers: Record<string, string>;
}

interface Snapshot {
  partnerTenantId: string;
  customers: CustomerSummary[];
  complete: boolean;
  /** When the last complete read finished (epoch ms). */
  syncedAt?: number;
  /** Set while a read is under way: where it goes on (after a 429 or a restart). */
  next?: NextPage;
}

interface Tenant {
  db: Low<Snapshot>;
  /** The customers read so far (the complete list once `complete`), by id. */
  byId: Map<string, CustomerSummary>;
  index?: CustomerIndex;
  /** The read under way, if any. */
  syncing?: Promise<void>;
}

export interface ReadModelOptions {
  dataDir: string;
  client: PartnerCenterClient;
  logger: Logger;
  /** A complete list older than this is read again in the background (it is still served meanwhile). */
  refreshAfterMs: number;
  now?: () => number;
  /** Told of customers a refresh found that the copy did not know (and the bot did not make): an accepted invitation. */
  onArrived?: (tenantId: string, customers: CustomerSummary[]) => void;
}

/**
 * The per-tenant copy of Partner Center's customer list that gives the bot
 * what Partner Center's API does not: substring search in any script,
 * collation order per language, the ended filter, counts and export. It is
 * filled in the background with the user's token, 500 customers a page, one
 * call at a time; after each page the continuation link is checkpointed (in
 * `<dataDir>/partnercenter/`), so a 429 or a restart resumes where it stopped.
 * Company names and domains only: no contact data, no token.
 */
export class CustomerReadModel {
  private readonly tenants = new Map<string, Promise<Tenant>>();
  /** Changes the bot made, still being written to the snapshot. */
  private readonly changing = new Set<Promise<void>>();
  private readonly dir: string;
  private readonly now: () => number;

  constructor(private readonly options: ReadModelOptions) {
    this.dir = path.join(path.resolve(options.dataDir), 'partnercenter');
    this.now = options.now ?? Date.now;
  }

  /** The sorted, searchable list once it is complete; undefined while it is still being read. */
  async index(ctx: BackendContext): Promise<CustomerIndex | undefined> {
    const tenant = await this.load(ctx.tenantId);
    this.refreshIfDue(ctx, tenant);
    if (!tenant.db.data.complete) return undefined;
    tenant.index ??= new CustomerIndex([...tenant.byId.values()].map(asCustomer));
    return tenant.index;
  }

  /** Waits (within the turn, with the user's token) until the list is complete: an export needs all of it. */
  async complete(ctx: BackendContext): Promise<CustomerIndex> {
    const tenant = await this.load(ctx.tenantId);
    while (!tenant.db.data.complete) await this.sync(ctx, tenant);
    return (await this.index(ctx))!;
  }

  /** A change the bot made itself goes into the copy at once (Partner Center is not asked again for it). */
  changed(tenantId: string, customer: Customer): Promise<void> {
    const change = (async () => {
      const tenant = await this.load(tenantId);
      // Like the rows synced from Partner Center's list, which has no subscription counts or end dates.
      const { subscriptionCount: _count, endedAt: _ended, ...summary } = summaryOfCustomer(customer);
      tenant.byId.set(customer.id, summary);
      tenant.index = undefined;
      await this.save(tenant);
    })();
    // Callers do not wait for it (the turn goes on): idle() does, so a shutdown never cuts a write short.
    this.changing.add(change);
    void change.catch(() => undefined).finally(() => this.changing.delete(change));
    return change;
  }

  /** Lets a running read and the changes being written finish (tests, shutdown). */
  async idle(): Promise<void> {
    const tenants = await Promise.all(this.tenants.values());
    await Promise.all([...tenants.map((t) => t.syncing?.catch(() => undefined)), ...[...this.changing].map((c) => c.catch(() => undefined))]);
  }

  private refreshIfDue(ctx: BackendContext, tenant: Tenant): void {
    const { complete, syncedAt = 0 } = tenant.db.data;
    if (tenant.syncing || (complete && this.now() - syncedAt < this.options.refreshAfterMs)) return;
    // In the background: the user's turn does not wait for it. A failure is logged; the next turn tries again.
    this.sync(ctx, tenant).catch((err: unknown) => {
      if (!(err instanceof SignInRequiredError)) this.options.logger.warn({ err, tenant: ctx.tenantId }, 'the customer list could not be read from Partner Center');
    });
  }

  private sync(ctx: BackendContext, tenant: Tenant): Promise<void> {
    tenant.syncing ??= this.readAll(ctx, tenant).finally(() => (tenant.syncing = undefined));
    return tenant.syncing;
  }

  /** Reads from the checkpoint (or from the start) to the last page. */
  private async readAll(ctx: BackendContext, tenant: Tenant): Promise<void> {
    const data = tenant.db.data;
    // A refresh of a complete list reads into a new map, so the old one is served until the new one is whole.
    const fresh = data.complete || !data.next ? new Map<string, CustomerSummary>() : tenant.byId;
    let next: NextPage | undefined = data.complete ? undefined : data.next;
    for (;;) {
      let page: PcCollection<PcCustomer> | undefined;
      try {
        page = (await this.options.client.send<PcCollection<PcCustomer>>(ctx, next ? { method: 'GET', path: relative(next.uri), headers: next.headers } : { method: 'GET', path: `customers?size=${SYNC_PAGE_SIZE}` })).body;
      } catch (error) {
        // A continuation token Partner Center no longer takes: start over rather than stop for good.
        if (next && error instanceof BackendRefusal && (error.kind === 'invalidProperty' || error.kind === 'notFound')) {
          next = undefined;
          fresh.clear();
          continue;
        }
        throw error;
      }
      for (const item of page?.items ?? []) if (typeof item?.id === 'string') fresh.set(item.id, summaryOf(item));
      next = nextOf(page);
      if (!data.complete) tenant.byId = fresh;
      if (!next) break;
      tenant.db.data = { ...tenant.db.data, customers: data.complete ? tenant.db.data.customers : [...fresh.values()], next };
      await this.save(tenant, !data.complete);
    }
    // Known until now: the last complete list and what the bot added meanwhile. A first read has nothing to compare with.
    const known = data.complete ? tenant.byId : undefined;
    tenant.byId = fresh;
    tenant.index = undefined;
    tenant.db.data = { partnerTenantId: ctx.tenantId, customers: [], complete: true, syncedAt: this.now() };
    const arrived = known ? [...fresh.values()].filter((c) => !known.has(c.id) && c.relationshipToPartner !== 'none') : [];
    if (arrived.length > 0) this.options.onArrived?.(ctx.tenantId, arrived);
    await this.save(tenant);
  }

  private async save(tenant: Tenant, partial = false): Promise<void> {
    if (!partial) tenant.db.data = { ...tenant.db.data, customers: [...tenant.byId.values()] };
    await mkdir(this.dir, { recursive: true });
    await tenant.db.write();
  }

  private load(tenantId: string): Promise<Tenant> {
    let loading = this.tenants.get(tenantId);
    if (!loading) {
      loading = (async () => {
        const file = path.join(this.dir, `${createHash('sha256').update(tenantId, 'utf8').digest('hex')}.json`);
        const db = new Low<Snapshot>(new JSONFile(file), { partnerTenantId: tenantId, customers: [], complete: false });
        await db.read();
        if (db.data.partnerTenantId !== tenantId || !Array.isArray(db.data.customers)) db.data = { partnerTenantId: tenantId, customers: [], complete: false };
        return { db, byId: new Map(db.data.customers.map((c) => [c.id, c])) };
      })();
      this.tenants.set(tenantId, loading);
      loading.catch(() => this.tenants.get(tenantId) === loading && this.tenants.delete(tenantId));
    }
    return loading;
  }
}

/** The next page's link and headers (`MS-ContinuationToken`), or none on the last page. */
export function nextOf(page: PcCollection<unknown> | undefined): NextPage | undefined {
  const next = page?.links?.next;
  if (!next?.uri) return undefined;
  const headers = Object.fromEntries((next.headers ?? []).filter((h) => h.key && typeof h.value === 'string').map((h) => [h.key!, h.value!]));
  if (!headers['MS-ContinuationToken'] && page?.continuationToken) headers['MS-ContinuationToken'] = page.continuationToken;
  return { uri: next.uri, headers };
}

/** `links.next.uri` is relative to `/v1` (`/customers?size=500&seekOperation=Next`). */
export const relative = (uri: string): string => uri.replace(/^https?:\/\/[^/]+/, '').replace(/^\/?(v1\/)?/, '');

/** What the index needs of a customer: its summary in the model's shape. */
function asCustomer(summary: CustomerSummary): Customer {
  return customerOf({
    id: summary.id,
    companyProfile: { companyName: summary.companyName, domain: summary.domain },
    billingProfile: { defaultAddress: { country: summary.country ?? '' } },
    relationshipToPartner: summary.relationshipToPartner,
    ...(summary.resellerId ? { associatedPartnerId: summary.resellerId } : {}),
  });
}
