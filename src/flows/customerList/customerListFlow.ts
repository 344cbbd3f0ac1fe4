import { z } from 'zod';
import type { Customer, RelationshipFilter, SubscriptionStatus } from '../../customers/customer.js';
import type { CustomerDirectory } from '../../customers/customerDirectory.js';
import type { CustomerExport } from '../../exports/customerExport.js';
import { endReasonLabel, relationshipLabel, subscriptionKindLabel, subscriptionStatusLabel } from '../../i18n/labels.js';
import { counted, type TurnLocale } from '../../i18n/localizer.js';
import { reportMalformed, type FlowOptions, type ViewFlow } from '../flow.js';
import type { Placement, Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

const VERBS = ['customerList.page', 'customerList.search', 'customerList.details', 'customerList.export'] as const;
export type CustomerListVerb = (typeof VERBS)[number];

export const PAGE_SIZE = 10;
export const MAX_SEARCH_LENGTH = 100;

/** Card data of list actions. Strings arrive from clients: bounded, typed, defaulted. */
const listActionSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  search: z.string().default(''),
  searchTerm: z.string().optional(),
  relationship: z.enum(['active', 'ended']).default('active'),
  /** Set only by the list card's own buttons: the list then replaces that card in Teams. */
  inPlace: z.literal(true).optional(),
});
const detailsActionSchema = z.object({ customerId: z.string().min(1).max(128) });

type ListState = { page: number; search: string; relationship: RelationshipFilter };

const STATUS_COLOR: Record<SubscriptionStatus, string> = { active: 'Good', pending: 'Accent', suspended: 'Warning', deleted: 'Attention', expired: 'Attention' };

export interface CustomerListFlowDeps {
  directory: CustomerDirectory;
  exports: CustomerExport;
  /** Flows that start from an active customer's details card (the registered ones, asked when a card is built). */
  detailsFlows: () => ReadonlyArray<{ id: string }>;
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
    await this.showList(ctx, reply, { page: 1, search: argument, relationship: 'active' }, 'new');
  }

  private async byDomain(ctx: RequestContext, domain: string): Promise<string | undefined> {
    const { items } = await this.deps.directory.query(ctx.tenantId, { relationship: 'active', search: domain, locale: ctx.locale.formatLocale, limit: 2 });
    return items.find((c) => c.domain.toLowerCase() === domain.trim().toLowerCase())?.id;
  }

  async act(ctx: RequestContext, verb: CustomerListVerb, action: Record<string, unknown>, reply: Reply): Promise<void> {
    switch (verb) {
      case 'customerList.page':
      case 'customerList.search': {
        const parsed = listActionSchema.safeParse(action);
        if (!parsed.success) return reportMalformed(ctx, reply, { showMenu: true });
        const { page, search, searchTerm, relationship, inPlace } = parsed.data;
        const term = verb === 'customerList.search' ? (searchTerm ?? '').trim() : search;
        if (term.length > MAX_SEARCH_LENGTH) return this.searchTooLong(ctx, reply);
        // A list opened from another card (a summary, the details) must not overwrite that card.
        return this.showList(ctx, reply, { page: verb === 'customerList.search' ? 1 : page, search: term, relationship }, inPlace === true ? 'replace' : 'new');
      }
      case 'customerList.details': {
        const parsed = detailsActionSchema.safeParse(action);
        if (!parsed.success) return reportMalformed(ctx, reply, { showMenu: true });
        return this.showDetails(ctx, reply, parsed.data.customerId);
      }
      case 'customerList.export': {
        const parsed = listActionSchema.safeParse(action);
        if (!parsed.success || parsed.data.search.length > MAX_SEARCH_LENGTH) return reportMalformed(ctx, reply, { showMenu: true });
        return this.exportLink(ctx, reply, parsed.data.relationship, parsed.data.search);
      }
    }
  }

  private async showList(ctx: RequestContext, reply: Reply, state: ListState, placement: Placement): Promise<void> {
    const locale = ctx.locale;
    const { t, formatLocale } = locale;
    const tenant = ctx.tenantId;
    const query = { relationship: state.relationship, search: state.search, locale: formatLocale, limit: PAGE_SIZE };
    let page = state.page;
    let { total, items } = await this.deps.directory.query(tenant, { ...query, offset: (page - 1) * PAGE_SIZE });
    if (total === 0 && !state.search && state.relationship === 'active') {
      return void reply.card('customerEmpty', {}, { placement });
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) {
      // An old card asked for a page that no longer exists after the data changed: show the last one.
      page = pages;
      ({ total, items } = await this.deps.directory.query(tenant, { ...query, offset: (page - 1) * PAGE_SIZE }));
    }
    const countText = t('customerList.count', counted(locale, total));
    const summary = total > 0 ? `${countText} · ${t('customerList.page', { page: locale.formatNumber(page), pages: locale.formatNumber(pages) })}` : countText;
    const emptyMessage =
      total > 0 ? '' : state.search ? t('customerList.noMatch', { term: state.search }) : t('customerList.noEnded');
    reply.card(
      'customerList',
      {
      title: state.relationship === 'active' ? t('customerList.title') : t('customerList.titleEnded'),
      summary,
      search: state.search,
      searchingFor: t('customerList.searchingFor', { term: state.search }),
      emptyMessage,
      rows: items.map((c) => ({ id: c.id, companyName: c.companyName, domain: c.domain, relationship: relationshipLabel(t, c.relationshipToPartner) })),
      relationship: state.relationship,
      otherRelationship: state.relationship === 'active' ? 'ended' : 'active',
      toggleTitle: state.relationship === 'active' ? t('customerList.showEnded') : t('customerList.showActive'),
      total,
      hasPrevious: page > 1,
      previousPage: page - 1,
      hasNext: page < pages,
      nextPage: page + 1,
      },
      { placement },
    );
  }

  private async showDetails(ctx: RequestContext, reply: Reply, customerId: string): Promise<void> {
    const customer = await this.deps.directory.get(ctx.tenantId, customerId);
    if (!customer) {
      reply.notice(ctx.locale.t('customerDetails.notFound'), { style: 'warning' });
      return this.showList(ctx, reply, { page: 1, search: '', relationship: 'active' }, 'new');
    }
    reply.card('customerDetails', this.detailsData(customer, ctx.locale));
  }

  private detailsData(customer: Customer, { t, formatNumber, formatDate, displayName }: TurnLocale): Record<string, unknown> {
    const { companyProfile: company, billingProfile: billing } = customer;
    const address = billing.defaultAddress;
    // Medium, not long: a German long date starts "6. Januar", which Teams' markdown turns into a numbered list.
    const date = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' });
    const active = customer.relationshipToPartner !== 'none';
    return {
      id: customer.id,
      companyName: company.companyName,
      domain: company.domain,
      country: displayName(address.country, 'region'),
      address: [address.addressLine1, address.addressLine2, [address.postalCode, address.city].filter(Boolean).join(' '), address.state]
        .filter(Boolean)
        .join(', '),
      contact: [`${billing.firstName} ${billing.lastName}`.trim(), billing.email, address.phoneNumber].filter(Boolean).join(' · '),
      language: `${displayName(billing.language, 'language')} (${billing.culture})`,
      relationship: relationshipLabel(t, customer.relationshipToPartner),
      created: date(customer.createdAt),
      ended: customer.relationshipEnded ? date(customer.relationshipEnded.at) : '',
      endReason: customer.relationshipEnded ? endReasonLabel(t, customer.relationshipEnded.reason) : '',
      subscriptions: customer.subscriptions.map((s) => ({
        offerName: s.offerName,
        details: `${subscriptionKindLabel(t, s.kind)} · ${t('customerDetails.quantity', { formatted: formatNumber(s.quantity) })}`,
        status: subscriptionStatusLabel(t, s.status),
        statusColor: STATUS_COLOR[s.status],
      })),
      flowActions: active ? this.deps.detailsFlows().map(({ id }) => ({ verb: id, title: t(`menu.${id}`) })) : [],
      listRelationship: active ? 'active' : 'ended',
    };
  }

  private async exportLink(ctx: RequestContext, reply: Reply, relationship: RelationshipFilter, search: string): Promise<void> {
    const locale = ctx.locale;
    const { t, language, formatLocale, formatDate } = locale;
    const tenant = ctx.tenantId;
    const { total } = await this.deps.directory.query(tenant, { relationship, search, locale: formatLocale, limit: 0 });
    const { url, expiresAt } = this.deps.exports.link({ tenant, relationship, search, language });
    const time = formatDate(new Date(expiresAt), { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    reply.card('exportReady', { ready: t('export.ready', counted(locale, total)), note: t('export.linkNote', { time }), url });
  }

  private searchTooLong(ctx: RequestContext, reply: Reply): void {
    reply.notice(ctx.locale.t('customerList.searchTooLong', { max: MAX_SEARCH_LENGTH }), { style: 'warning' });
  }
}
