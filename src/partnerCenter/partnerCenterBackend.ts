import type { Redis } from 'ioredis';
import { searchKey } from '../text/searchKey.js';
import { PartnerCenterTransfers } from './partnerCenterTransfers.js';
import type { Customer, RelationshipFilter } from '../customers/customer.js';
import { matchesRelationship } from '../customers/customer.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import { DomainTakenError, type CreatedCustomer, type NewCustomer } from '../customers/customerStore.js';
import { offsetCursor, pageAt } from '../customers/localBackend.js';
import {
  BackendRefusal,
  type AddressValidation,
  type BackendContext,
  type BillingProfiles,
  type CustomerAccounts,
  type CustomerBackend,
  type CustomerList,
  type CustomerUsers,
  type Licences,
  type RelationshipRequests,
  type IndirectRelationships,
  type DomainAvailability,
  type ListPage,
  type ListQuery,
  type RemovalRequest,
  type RemovalResult,
  type Versioned,
} from '../customers/ports.js';
import type { Logger } from '../logger.js';
import { PartnerCenterClient } from './partnerCenterClient.js';
import { partnerCenterAddressValidation, partnerCenterBillingProfiles } from './partnerCenterProfiles.js';
import { partnerCenterLicences, partnerCenterUsers } from './partnerCenterUsers.js';
import { partnerCenterIndirect, partnerCenterRelationshipRequests } from './partnerCenterRelationships.js';
import { CustomerReadModel, nextOf, relative, type NextPage } from './customerReadModel.js';
import { createBodyOf, customerOf, entitlementBlockers, subscriptionOf, summaryOf, type PcCollection, type PcCustomer, type PcEntitlement, type PcSubscription } from './wireModels.js';

export interface PartnerCenterBackendOptions {
  baseUrl: string;
  dataDir: string;
  timeoutMs: number;
  logger: Logger;
  /** The read model is read again when older than this (default 5 minutes). */
  refreshAfterMs?: number;
  /** Requests per partner tenant per minute (default 300). */
  requestsPerMinute?: number;
  /** Waits between retries (tests make them instant). */
  sleep?: (ms: number) => Promise<void>;
  /** Customers that appeared in Partner Center without the bot (an invitation accepted). */
  onCustomersArrived?: (tenantId: string, customers: CustomerSummary[]) => void;
  /** Partner Center's `transferType` for partner-to-partner transfers (default 5; NOTES.md §1.4). */
  transferType?: string;
  /** With several instances (STATE_STORE=redis): one request budget per partner tenant for all of them, and each transfer reminded of once. */
  shared?: { redis: Redis; remindOnce: (transferId: string) => Promise<boolean> };
}

/** Domains checked at once (the suggestions for a taken domain check a dozen). */
const DOMAIN_CHECKS_AT_ONCE = 4;
/** A cursor that carries Partner Center's own next link: `p` + base64url JSON. */
const PC_CURSOR = 'p';

/**
 * The customer ports on Partner Center's REST API, as the signed-in user.
 * Details are read live; the list comes from Partner Center's own first
 * pages until the read model has the whole list, then from the read model.
 */
export class PartnerCenterBackend implements CustomerBackend {
  readonly kind = 'partnercenter';
  readonly exportsNeedUser = true;
  readonly accounts: CustomerAccounts;
  readonly domains: DomainAvailability;
  readonly list: CustomerList;
  readonly billingProfiles: BillingProfiles;
  readonly addresses: AddressValidation;
  readonly users: CustomerUsers;
  readonly licences: Licences;
  readonly relationshipRequests: RelationshipRequests;
  readonly indirect: IndirectRelationships;
  readonly transfers: PartnerCenterTransfers;
  readonly client: PartnerCenterClient;
  readonly readModel: CustomerReadModel;

  constructor(options: PartnerCenterBackendOptions) {
    const client = new PartnerCenterClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, logger: options.logger, ...(options.sleep ? { sleep: options.sleep } : {}), ...(options.shared ? { budgetStore: options.shared.redis } : {}), ...(options.requestsPerMinute ? { perTenantPerMinute: options.requestsPerMinute } : {}) });
    const readModel = new CustomerReadModel({ dataDir: options.dataDir, client, logger: options.logger, refreshAfterMs: options.refreshAfterMs ?? 5 * 60_000, onArrived: options.onCustomersArrived });
    this.client = client;
    this.readModel = readModel;
    this.accounts = {
      get: (ctx, id) => this.get(ctx, id),
      create: (ctx, customer, { requestId }) => this.create(ctx, customer, requestId),
      removeResellerRelationship: (ctx, id, request) => this.remove(ctx, id, request),
    };
    this.domains = { available: (ctx, domains) => this.available(ctx, domains) };
    this.billingProfiles = partnerCenterBillingProfiles(client);
    this.addresses = partnerCenterAddressValidation(client);
    this.users = partnerCenterUsers(client);
    this.licences = partnerCenterLicences(client);
    this.relationshipRequests = partnerCenterRelationshipRequests(client);
    this.indirect = partnerCenterIndirect(client);
    this.transfers = new PartnerCenterTransfers({ client, readModel, transferType: options.transferType ?? '5', ...(options.shared ? { remindOnce: options.shared.remindOnce } : {}) });
    this.list = {
      page: (ctx, query) => this.page(ctx, query),
      count: async (ctx, relationship) => {
        // The welcome asks: it shows no count (and asks for no sign-in) to a user without a token.
        if (!(await ctx.credentials.accessToken().then(() => true, () => false))) return undefined;
        const index = await readModel.index(ctx);
        return index?.query({ relationship, locale: 'en-US', limit: 0 }).total;
      },
      all: async (ctx, query) => {
        await ctx.credentials.accessToken();
        return (await readModel.complete(ctx)).query(query).items;
      },
      changed: (ctx, customer) => void readModel.changed(ctx.tenantId, customer).catch((err: unknown) => options.logger.warn({ err }, 'the customer list copy could not be updated')),
    };
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.readModel.idle();
  }

  private async get(ctx: BackendContext, id: string): Promise<Versioned<Customer> | undefined> {
    const path = `customers/${encodeURIComponent(id)}`;
    const customer = await this.client.send<PcCustomer>(ctx, { method: 'GET', path, expect: [404] });
    if (customer.status === 404 || !customer.body) return undefined;
    // Details and the removal pre-check need what the customer has: subscriptions, and reservations and software among the entitlements.
    const [subscriptions, entitlements] = await Promise.all([
      this.client.send<PcCollection<PcSubscription>>(ctx, { method: 'GET', path: `${path}/subscriptions` }),
      this.client.send<PcCollection<PcEntitlement>>(ctx, { method: 'GET', path: `${path}/entitlements`, expect: [404] }),
    ]);
    const owned = [...(subscriptions.body?.items ?? []).map(subscriptionOf), ...entitlementBlockers(entitlements.body?.items ?? [])];
    const etag = customer.body.attributes?.etag;
    return { value: customerOf(customer.body, owned), ...(etag ? { etag } : {}) };
  }

  private async create(ctx: BackendContext, customer: NewCustomer, requestId: string): Promise<CreatedCustomer> {
    let response;
    try {
      response = await this.client.send<PcCustomer>(ctx, { method: 'POST', path: 'customers', body: createBodyOf(customer), requestId });
    } catch (error) {
      if (error instanceof BackendRefusal && error.kind === 'conflict') throw new DomainTakenError(customer.companyProfile.domain);
      throw error;
    }
    const made = response.body;
    if (!made?.id) throw new BackendRefusal('unavailable');
    const created = { ...customerOf(made), createdAt: new Date().toISOString(), ...(customer.agreement ? { agreement: customer.agreement } : {}) };
    const credentials = made.userCredentials;
    // Partner Center's password, as it made it; nothing of it is kept.
    return {
      customer: { ...created, adminUserName: credentials?.userName ?? `admin@${created.companyProfile.domain}` },
      ...(credentials?.userName && credentials.password ? { userCredentials: { userName: credentials.userName, password: credentials.password } } : {}),
      replayed: false,
    };
  }

  private async remove(ctx: BackendContext, id: string, { requestId }: RemovalRequest): Promise<RemovalResult> {
    const response = await this.client.send<PcCustomer>(ctx, {
      method: 'PATCH',
      path: `customers/${encodeURIComponent(id)}`,
      body: { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } },
      requestId,
      expect: [404],
    });
    if (response.status === 404 || !response.body) return { outcome: 'notFound' };
    return { outcome: 'removed', customer: customerOf(response.body), replayed: false };
  }

  /** `HEAD domains/{domain}`: 404 = free, 200 = taken (the Swagger's boolean body is not sent). */
  private async available(ctx: BackendContext, domains: readonly string[]): Promise<Set<string>> {
    const free = new Set<string>();
    const queue = [...domains];
    const worker = async () => {
      for (let domain = queue.shift(); domain !== undefined; domain = queue.shift()) {
        const { status } = await this.client.send(ctx, { method: 'HEAD', path: `domains/${encodeURIComponent(domain)}`, expect: [404] });
        if (status === 404) free.add(domain);
      }
    };
    await Promise.all(Array.from({ length: Math.min(DOMAIN_CHECKS_AT_ONCE, domains.length) }, worker));
    return free;
  }

  private async page(ctx: BackendContext, query: ListQuery): Promise<ListPage> {
    // The copy is the partner's: only a user signed in to Partner Center reads it (their token, not their Teams tenant alone).
    await ctx.credentials.accessToken();
    const index = await this.readModel.index(ctx);
    if (index) {
      const { relationship, search, reseller, locale } = query;
      return { ...(await pageAt((offset, limit) => index.query({ relationship, search, reseller, locale, offset, limit }), query)), complete: true };
    }
    return this.livePage(ctx, query);
  }

  /**
   * A page straight from Partner Center while the copy is incomplete: its
   * order, its `starts_with` filter on the name (or the domain, for a term
   * with a dot), active relationships only (the ended view needs the copy).
   */
  private async livePage(ctx: BackendContext, query: ListQuery): Promise<ListPage> {
    const from = readPcCursor(query.cursor);
    if (query.relationship === 'ended' || (query.cursor && !from)) return { items: [], complete: false, ...(from ? { number: from.number } : {}) };
    const term = query.search?.trim() ?? '';
    // A term shaped like a domain searches domains; anything else ("Contoso Ltd.") company names.
    const field = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(term) ? 'Domain' : 'CompanyName';
    // Partner Center filters on one field: a reseller's customers are asked for, a term then narrows the page here.
    const pcFilter = query.reseller ? { Field: 'IndirectReseller', Value: query.reseller, Operator: 'starts_with' } : term ? { Field: field, Value: term, Operator: 'starts_with' } : undefined;
    const filter = pcFilter ? `&filter=${encodeURIComponent(JSON.stringify(pcFilter))}` : '';
    const startsWith = (value: string) => searchKey(value).startsWith(searchKey(term));
    const matchesTerm = (c: CustomerSummary) => !query.reseller || !term || startsWith(c.companyName) || startsWith(c.domain);
    const request = from ? { method: 'GET' as const, path: relative(from.next.uri), headers: from.next.headers } : { method: 'GET' as const, path: `customers?size=${Math.max(1, query.size)}${filter}` };
    const { body } = await this.client.send<PcCollection<PcCustomer>>(ctx, request);
    const items: CustomerSummary[] = (body?.items ?? []).filter((c) => typeof c?.id === 'string').map(summaryOf).filter((c) => matchesRelationship(c, query.relationship as RelationshipFilter) && matchesTerm(c));
    const next = nextOf(body);
    const number = from?.number ?? 1;
    return { items, number, complete: false, ...(next ? { next: writePcCursor({ next, number: number + 1 }) } : {}) };
  }
}

interface PcCursor {
  next: NextPage;
  number: number;
}

const writePcCursor = (cursor: PcCursor): string => PC_CURSOR + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function readPcCursor(cursor: string | undefined): PcCursor | undefined {
  if (!cursor?.startsWith(PC_CURSOR) || offsetCursor.read(cursor) > 0) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor.slice(1), 'base64url').toString('utf8')) as Partial<PcCursor>;
    const ok = typeof parsed.next?.uri === 'string' && typeof parsed.next.headers === 'object' && Number.isInteger(parsed.number);
    // Only a link into Partner Center's customer list: a forged cursor cannot send the user's token elsewhere.
    if (!ok || !/^customers\?/.test(relative(parsed.next!.uri)) || parsed.next!.uri.length > 2_048) return undefined;
    // Only the continuation token travels in a card: no other header can be smuggled into the request.
    const token = (parsed.next!.headers as Record<string, unknown>)['MS-ContinuationToken'];
    const headers: Record<string, string> = typeof token === 'string' && token.length <= 4_096 ? { 'MS-ContinuationToken': token } : {};
    return { next: { uri: parsed.next!.uri, headers }, number: parsed.number! };
  } catch {
    return undefined;
  }
}
