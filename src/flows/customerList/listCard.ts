import type { RelationshipFilter } from '../../customers/customer.js';
import type { CustomerSummary } from '../../customers/customerQuery.js';
import type { IndirectPartner, ListPage } from '../../customers/ports.js';
import { relationshipLabel } from '../../i18n/labels.js';
import { counted, type TurnLocale } from '../../i18n/localizer.js';
import { countryName } from '../../rules/countries.js';

export const PAGE_SIZE = 10;
/** The filter's "All customers" choice (a choice cannot have an empty value). */
export const ALL_RESELLERS = 'all';

export type ListState = { cursor?: string; search: string; relationship: RelationshipFilter; reseller: string };

/**
 * One row of the list: the name (in the link colour: the row opens the
 * customer), the domain, and what tells customers apart: the country and the
 * number of subscriptions, or in the ended view (its title says so) the date it ended. A relationship
 * is named only where it is not the reseller relationship every row has.
 */
function row(locale: TurnLocale, state: ListState, customer: CustomerSummary): Record<string, string> {
  const { t, formatDay, language } = locale;
  const country = customer.country ? countryName(customer.country, language) : '';
  const subscriptions = customer.subscriptionCount === undefined ? '' : t('customerList.subscriptionCount', counted(locale, customer.subscriptionCount));
  const unusual = customer.relationshipToPartner !== 'reseller' && customer.relationshipToPartner !== 'none' ? relationshipLabel(t, customer.relationshipToPartner) : '';
  const [fact, subFact] =
    state.relationship === 'ended'
      ? [customer.endedAt ? formatDay(new Date(customer.endedAt)) : '', country]
      : [country, unusual || subscriptions];
  return { id: customer.id, companyName: customer.companyName, domain: customer.domain, fact: fact ?? '', subFact: subFact ?? '' };
}

/** "21 customers"; while Partner Center's list is still loading and the total is unknown, nothing. */
function summary(locale: TurnLocale, page: ListPage): string {
  return page.total === undefined ? '' : locale.t('customerList.count', counted(locale, page.total));
}

/** "Page 2 of 3" between the paging buttons; only the page while the total is unknown. */
function pageText({ t, formatNumber }: TurnLocale, page: ListPage): string {
  if (!page.number) return '';
  if (page.total === undefined) return t('customerList.pageOnly', { page: formatNumber(page.number) });
  return t('customerList.page', { page: formatNumber(page.number), pages: formatNumber(Math.max(1, Math.ceil(page.total / PAGE_SIZE))) });
}

function emptyMessage({ t }: TurnLocale, state: ListState, resellerName: string | undefined): string {
  if (state.search) return t('customerList.noMatch', { term: state.search });
  if (resellerName) return t('customerList.noResellerCustomers', { reseller: resellerName });
  return t('customerList.noEnded');
}

/** The customerList card's data for one page. */
export function listCardData(locale: TurnLocale, state: ListState, page: ListPage, resellers: readonly IndirectPartner[], reseller: IndirectPartner | undefined): Record<string, unknown> {
  const { t } = locale;
  const { items, total } = page;
  const paged = page.previous !== undefined || page.next !== undefined;
  return {
    title: state.relationship === 'active' ? t('customerList.title') : t('customerList.titleEnded'),
    summary: summary(locale, page),
    loading: page.complete ? '' : t('customerList.loading'),
    search: state.search,
    searchingFor: t('customerList.searchingFor', { term: state.search }),
    emptyMessage: items.length > 0 ? '' : emptyMessage(locale, state, reseller?.name),
    reseller: reseller?.id ?? '',
    resellerChoice: reseller?.id ?? ALL_RESELLERS,
    resellerChoices: resellers.length ? [{ title: t('customerList.allResellers'), value: ALL_RESELLERS }, ...resellers.map((r) => ({ title: r.name, value: r.id }))] : [],
    rows: items.map((customer) => row(locale, state, customer)),
    relationship: state.relationship,
    otherRelationship: state.relationship === 'active' ? 'ended' : 'active',
    toggleTitle: state.relationship === 'active' ? t('customerList.showEnded') : t('customerList.showActive'),
    total: total ?? items.length,
    paged,
    pageText: paged ? pageText(locale, page) : '',
    hasPrevious: page.previous !== undefined,
    previousCursor: page.previous ?? '',
    hasNext: page.next !== undefined,
    nextCursor: page.next ?? '',
  };
}
