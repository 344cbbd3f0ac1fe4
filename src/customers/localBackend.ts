import type { RelationshipFilter } from './customer.js';
import { billingEtag, type LowdbCustomerDirectory } from './lowdbCustomerDirectory.js';
import { localLicences, localUsers } from './localUsers.js';
import { invitationLink, partnerIdOf } from '../rules/invitationLinks.js';
import { demoIndirect } from './demoIndirect.js';
import { LocalTransfers } from '../transfers/localTransfers.js';
import type { AddressValidation, IndirectRelationships, BackendContext, BillingProfiles, CustomerBackend, CustomerList, CustomerUsers, Licences, ListPage, ListQuery, RelationshipRequests, RemovalRequest, RemovalResult } from './ports.js';
import type { CreatedCustomer, NewCustomer } from './customerStore.js';

/** Cursors of a list paged by position: `o<offset>`. Anything else from a card is read as the first page. */
export const offsetCursor = {
  of: (offset: number): string => `o${offset}`,
  read(cursor: string | undefined): number {
    const match = cursor && /^o(\d{1,9})$/.exec(cursor);
    return match ? Number(match[1]) : 0;
  },
};

/**
 * One page of a list that pages by position (the embedded store, a synced
 * read model): `fetch` answers one slice and the total. A cursor past the end
 * (the list shrank since the card was sent) shows the last page.
 */
export async function pageAt<T>(
  fetch: (offset: number, size: number) => Promise<{ total: number; items: T[] }> | { total: number; items: T[] },
  query: Pick<ListQuery, 'cursor' | 'size'>,
): Promise<{ items: T[]; next?: string; previous?: string; number: number; total: number }> {
  const size = Math.max(1, query.size);
  const requested = offsetCursor.read(query.cursor);
  let offset = requested - (requested % size);
  let slice = await fetch(offset, size);
  const last = Math.max(0, Math.ceil(slice.total / size) - 1) * size;
  if (offset > last) {
    offset = last;
    slice = await fetch(offset, size);
  }
  return {
    items: slice.items,
    ...(offset + size < slice.total ? { next: offsetCursor.of(offset + size) } : {}),
    ...(offset > 0 ? { previous: offsetCursor.of(offset - size) } : {}),
    number: offset / size + 1,
    total: slice.total,
  };
}

/**
 * The embedded backend: the ports on the lowdb store, which plays Partner
 * Center's part (it makes the ids and the temporary password, and honours
 * request ids). Only the tenant is taken from the context; it needs no token.
 */
export class LocalCustomerBackend implements CustomerBackend {
  readonly kind = 'local';
  readonly exportsNeedUser = false;
  readonly accounts;
  readonly domains;
  readonly list: CustomerList;
  readonly billingProfiles: BillingProfiles;
  readonly users: CustomerUsers;
  readonly licences: Licences;
  /** The documented link, with the partner id the sandbox tenant stands for. */
  readonly relationshipRequests: RelationshipRequests = {
    invitationLink: async (ctx, { delegatedAdmin, indirectResellerId, indirectProviderId }) => {
      const self = partnerIdOf(ctx.tenantId);
      if (indirectResellerId) return invitationLink(self, delegatedAdmin, { resellerId: indirectResellerId, providerId: self });
      if (indirectProviderId) return invitationLink(self, delegatedAdmin, { resellerId: self, providerId: indirectProviderId });
      return invitationLink(self, delegatedAdmin);
    },
  };
  readonly indirect: IndirectRelationships;
  /** The embedded backend checks addresses with the country rules only (as the wizard does). */
  readonly addresses: AddressValidation = { validate: async () => ({ status: 'verified' }) };

  /** `demoTenant`: the tenant the demo data (and so the demo two-tier partners) belongs to. */
  readonly transfers: LocalTransfers;

  constructor(private readonly store: LowdbCustomerDirectory, demoTenant = 'local-sandbox', now: () => Date = () => new Date()) {
    this.transfers = new LocalTransfers(store, store.dataDir, demoTenant, now);
    this.indirect = demoIndirect(demoTenant, async (tenantId, customerId) => (await store.get(tenantId, customerId))?.associatedPartnerId);
    this.accounts = {
      get: async (ctx: BackendContext, customerId: string) => {
        const customer = await store.get(ctx.tenantId, customerId);
        return customer && { value: customer };
      },
      create: (ctx: BackendContext, customer: NewCustomer, options: { requestId: string }): Promise<CreatedCustomer> => store.create(ctx.tenantId, customer, options),
      removeResellerRelationship: async (ctx: BackendContext, customerId: string, { requestId, at, by }: RemovalRequest): Promise<RemovalResult> => {
        const result = await store.endRelationship(ctx.tenantId, customerId, { at, by, requestId });
        return result.outcome === 'ended' ? { outcome: 'removed', customer: result.customer, replayed: result.replayed } : result;
      },
    };
    this.users = localUsers(store);
    this.licences = localLicences(store);
    this.billingProfiles = {
      get: async (ctx, customerId) => {
        const customer = await store.get(ctx.tenantId, customerId);
        return customer && { value: customer.billingProfile, etag: billingEtag(customer.billingProfile) };
      },
      update: async (ctx, customerId, profile, { etag }) => {
        const result = await store.updateBillingProfile(ctx.tenantId, customerId, profile, etag);
        if (result.outcome === 'updated') return { outcome: 'updated', profile: { value: result.profile, etag: billingEtag(result.profile) } };
        if (result.outcome === 'stale') return { outcome: 'stale', current: { value: result.current, etag: billingEtag(result.current) } };
        return result;
      },
    };
    this.domains = { available: (_ctx: BackendContext, domains: readonly string[]) => store.availableDomains(domains) };
    this.list = {
      page: async (ctx: BackendContext, query: ListQuery): Promise<ListPage> => {
        const { relationship, search, reseller, locale } = query;
        const page = await pageAt((offset, limit) => store.query(ctx.tenantId, { relationship, search, reseller, locale, offset, limit }), query);
        return { ...page, complete: true };
      },
      count: (ctx: BackendContext, relationship: RelationshipFilter) => store.count(ctx.tenantId, relationship),
      all: async (ctx: BackendContext, query: Omit<ListQuery, 'size' | 'cursor'>) => (await store.query(ctx.tenantId, query)).items,
      // The store's own index already holds every change.
      changed: () => undefined,
    };
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  close(): Promise<void> {
    return this.store.flush();
  }
}
