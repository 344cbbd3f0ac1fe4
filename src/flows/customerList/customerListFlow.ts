import { z } from 'zod';
import type { Customer, EndReason, RelationshipFilter, SubscriptionStatus } from '../../customers/customer.js';
import type { AuditTrail } from '../../audit/auditTrail.js';
import { offsetCursor } from '../../customers/localBackend.js';
import { offeredTo, type PartnerModels } from '../../rules/partnerModel.js';
import type { CustomerAccounts, CustomerList, IndirectPartner, IndirectRelationships } from '../../customers/ports.js';
import type { CustomerExport } from '../../exports/customerExport.js';
import { cultureLabel, endReasonLabel, relationshipLabel, subscriptionKindLabel, subscriptionStatusLabel } from '../../i18n/labels.js';
import { counted, type TurnLocale } from '../../i18n/localizer.js';
import { ALL_RESELLERS, listCardData, PAGE_SIZE, type ListState } from './listCard.js';
import { reportMalformed, type FlowDescriptor, type FlowOptions, type ViewFlow } from '../flow.js';
import type { Placement, Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';
import { countryName } from '../../rules/countries.js';
import { personName } from '../../text/personName.js';
import { phoneShown } from '../../text/phoneNumber.js';
import { addressLine } from '../../text/postalAddress.js';

const VERBS = ['customerList.page', 'customerList.search', 'customerList.details', 'customerList.export'] as const;
export type CustomerListVerb = (typeof VERBS)[number];

export { PAGE_SIZE } from './listCard.js';
export const MAX_SEARCH_LENGTH = 100;
/** Partner Center's continuation tokens are a few hundred characters; a card can carry no more than this. */
const MAX_CURSOR_LENGTH = 4_096;

/** Card data of list actions. Strings arrive from clients: bounded, typed, defaulted. */
const listActionSchema = z.object({
  /** Where the page starts (a list page's `next`/`previous`); the first page without it. */
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
  /** Cards sent by earlier versions carry a page number instead. */
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  search: z.string().default(''),
  searchTerm: z.string().optional(),
  relationship: z.enum(['active', 'ended']).default('active'),
  /** An indirect provider's filter: one reseller's tenant id, '' for all customers. */
  reseller: z.string().max(128).default(''),
  /** The filter's choice on the card, sent with the search and filter buttons. */
  resellerFilter: z.string().max(128).optional(),
  /** Set only by the list card's own buttons: the list then replaces that card in Teams. */
  inPlace: z.literal(true).optional(),
});
const detailsActionSchema = z.object({ customerId: z.string().min(1).max(128) });

const STATUS_COLOR: Record<SubscriptionStatus, string> = { active: 'Good', pending: 'Accent', suspended: 'Attention', deleted: 'Attention', expired: 'Attention' };

export interface CustomerListFlowDeps {
  accounts: CustomerAccounts;
  list: CustomerList;
  audit: AuditTrail;
  exports: CustomerExport;
  /** Flows that start from an active customer's details card (the registered ones, asked when a card is built). */
  detailsFlows: () => ReadonlyArray<Pick<FlowDescriptor, 'id' | 'detailsTitle'>>;
  /** An indirect provider's details card names the reseller a customer buys through. */
  indirect: IndirectRelationships;
  models: PartnerModels;
}

/** Partner Center's customer workspace in a card: list, page, search, filter, details and export. */
export class CustomerListFlow implements ViewFlow<CustomerListVerb> {
  readonly kind = 'view';
  readonly id = 'customerList';
  readonly verbs = VERBS;
  readonly menu = true;
  readonly onDetails = false;

  constructor(private readonly deps: CustomerListFlowDeps) {}

  async start(ctx: RequestContext, { argument }: FlowOptions, reply: Reply): Promise<void> {
    if (argument.length > MAX_SEARCH_LENGTH) return this.searchTooLong(ctx, reply);
    // A whole primary domain names one customer (the compose box's card links here this way): its details at once.
    const exact = argument.includes('.') ? await this.byDomain(ctx, argument) : undefined;
    if (exact) return this.showDetails(ctx, reply, exact);
    await this.showList(ctx, reply, { search: argument, relationship: 'active', reseller: '' }, 'new');
  }

  private async byDomain(ctx: RequestContext, domain: string): Promise<string | undefined> {
    const { items } = await this.deps.list.page(ctx, { relationship: 'active', search: domain.trim(), locale: ctx.locale.formatLocale, size: 2 });
    return items.find((c) => c.domain.toLowerCase() === domain.trim().toLowerCase())?.id;
  }

  async act(ctx: RequestContext, verb: CustomerListVerb, action: Record<string, unknown>, reply: Reply): Promise<void> {
    switch (verb) {
      case 'customerList.page':
      case 'customerList.search': {
        const parsed = listActionSchema.safeParse(action);
        if (!parsed.success) return reportMalformed(ctx, reply, { showMenu: true });
        const { cursor, page, search, searchTerm, relationship, inPlace } = parsed.data;
        const searching = verb === 'customerList.search';
        const term = searching ? (searchTerm ?? '').trim() : search;
        if (term.length > MAX_SEARCH_LENGTH) return this.searchTooLong(ctx, reply);
        const chosen = searching ? (parsed.data.resellerFilter ?? parsed.data.reseller) : parsed.data.reseller;
        const reseller = chosen === ALL_RESELLERS ? '' : chosen;
        const at = searching ? undefined : (cursor ?? (page ? offsetCursor.of((page - 1) * PAGE_SIZE) : undefined));
        // A list opened from another card (a summary, the details) must not overwrite that card.
        return this.showList(ctx, reply, { ...(at ? { cursor: at } : {}), search: term, relationship, reseller }, inPlace === true ? 'replace' : 'new');
      }
      case 'customerList.details': {
        const parsed = detailsActionSchema.safeParse(action);
        if (!parsed.success) return reportMalformed(ctx, reply, { showMenu: true });
        return this.showDetails(ctx, reply, parsed.data.customerId);
      }
      case 'customerList.export': {
        const parsed = listActionSchema.safeParse(action);
        if (!parsed.success || parsed.data.search.length > MAX_SEARCH_LENGTH) return reportMalformed(ctx, reply, { showMenu: true });
        const { relationship, search, reseller } = parsed.data;
        if (reseller && !(await this.providerResellers(ctx)).some((r) => r.id === reseller)) return reportMalformed(ctx, reply, { showMenu: true });
        return this.exportLink(ctx, reply, { relationship, search, reseller });
      }
    }
  }

  private async showList(ctx: RequestContext, reply: Reply, state: ListState, placement: Placement): Promise<void> {
    const locale = ctx.locale;
    const { formatLocale } = locale;
    const resellers = await this.providerResellers(ctx);
    const reseller = resellers.find((r) => r.id === state.reseller);
    // Only the provider's own resellers filter its list; any other id is a forged card.
    if (state.reseller && !reseller) return reportMalformed(ctx, reply, { showMenu: true });
    const query = { relationship: state.relationship, search: state.search, locale: formatLocale, size: PAGE_SIZE, ...(reseller ? { reseller: reseller.id } : {}) };
    const page = await this.deps.list.page(ctx, { ...query, ...(state.cursor ? { cursor: state.cursor } : {}) });
    if (page.items.length === 0 && !page.previous && !state.search && !reseller && state.relationship === 'active') {
      return void reply.card('customerEmpty', {}, { placement });
    }
    reply.card('customerList', listCardData(locale, state, page, resellers, reseller), { placement });
  }

  /** An indirect provider's resellers (what its list may be filtered by); none for any other partner. */
  private async providerResellers(ctx: RequestContext): Promise<IndirectPartner[]> {
    return (await this.deps.models.of(ctx)) === 'indirectProvider' ? this.deps.indirect.resellers(ctx) : [];
  }

  private async showDetails(ctx: RequestContext, reply: Reply, customerId: string): Promise<void> {
    const found = await this.deps.accounts.get(ctx, customerId);
    if (!found) {
      reply.notice(ctx.locale.t('customerDetails.notFound'), { style: 'warning' });
      return this.showList(ctx, reply, { search: '', relationship: 'active', reseller: '' }, 'new');
    }
    const customer = found.value;
    // Partner Center keeps no reason for a removal: the bot's audit trail has it.
    const removal = customer.relationshipToPartner === 'none' ? await this.deps.audit.lastRemoval(ctx.tenantId, customer.id) : undefined;
    const model = await this.deps.models.of(ctx);
    const data = this.detailsData(customer, removal, ctx.locale, (flowId) => offeredTo(model, flowId));
    if (model === 'indirectProvider') {
      const reseller = await this.deps.indirect.resellerOf(ctx, customer.id);
      data.reseller = reseller?.name ?? ctx.locale.t('customerDetails.noReseller');
    }
    reply.card('customerDetails', data);
  }

  private detailsData(customer: Customer, removal: { at: string; reason: EndReason } | undefined, { t, formatNumber, formatDay, displayName, language }: TurnLocale, offered: (flowId: string) => boolean): Record<string, unknown> {
    const { companyProfile: company, billingProfile: billing } = customer;
    const address = billing.defaultAddress;
    // The long style of every card: a German "6. Januar" at a line start is escaped, not read as a numbered list (plainText.ts).
    const date = (iso: string) => formatDay(new Date(iso));
    const active = customer.relationshipToPartner !== 'none';
    const endedAt = removal?.at ?? customer.relationshipEnded?.at;
    const endReason = removal?.reason ?? customer.relationshipEnded?.reason;
    return {
      id: customer.id,
      companyName: company.companyName,
      domain: company.domain,
      country: countryName(address.country, language),
      address: addressLine(address, language),
      contact: [personName(billing.firstName, billing.lastName), billing.email, phoneShown(address.phoneNumber, address.country)].filter(Boolean).join(' · '),
      language: cultureLabel(displayName, billing.culture || billing.language),
      relationship: relationshipLabel(t, customer.relationshipToPartner),
      // Known where the backend reads them with the customer (the embedded one does).
      users: customer.users ? formatNumber(customer.users.length) : '',
      // Partner Center's customer resource has no creation date.
      created: customer.createdAt ? date(customer.createdAt) : '',
      ended: endedAt ? date(endedAt) : '',
      endReason: endReason ? endReasonLabel(t, endReason) : '',
      subscriptions: customer.subscriptions.map((s) => ({
        offerName: s.offerName,
        details: `${subscriptionKindLabel(t, s.kind)} · ${t('customerDetails.quantity', { formatted: formatNumber(s.quantity) })}`,
        status: subscriptionStatusLabel(t, s.status),
        statusColor: STATUS_COLOR[s.status],
      })),
      flowActions: active ? this.deps.detailsFlows().filter((flow) => offered(flow.id)).map((flow) => ({ verb: flow.id, title: flow.detailsTitle?.(t) ?? t(`menu.${flow.id}`) })) : [],
      listRelationship: active ? 'active' : 'ended',
      reseller: '',
    };
  }

  private async exportLink(ctx: RequestContext, reply: Reply, filter: { relationship: RelationshipFilter; search: string; reseller: string }): Promise<void> {
    const { t, formatTime } = ctx.locale;
    const { url, expiresAt, count } = await this.deps.exports.link(ctx, filter);
    const time = formatTime(new Date(expiresAt), true);
    reply.card('exportReady', { ready: t('export.ready', counted(ctx.locale, count)), note: t('export.linkNote', { time }), url });
  }

  private searchTooLong(ctx: RequestContext, reply: Reply): void {
    reply.notice(ctx.locale.t('customerList.searchTooLong', { max: MAX_SEARCH_LENGTH }), { style: 'warning' });
  }
}
