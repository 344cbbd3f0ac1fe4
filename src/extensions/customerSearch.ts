import { z } from 'zod';
import { offsetCursor } from '../customers/localBackend.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import type { CustomerAccounts, CustomerList } from '../customers/ports.js';
import { relationshipLabel } from '../i18n/labels.js';
import { counted } from '../i18n/localizer.js';
import type { CardView } from '../flows/flow.js';
import type { RequestContext } from '../flows/requestContext.js';
import { countryName } from '../rules/countries.js';
import { withoutInvisibles } from '../text/inputHygiene.js';

/** The manifest's search command and its parameter (scripts/build-manifest.ts writes them into the manifest). */
export const SEARCH_COMMAND_ID = 'searchCustomers';
export const SEARCH_PARAMETER = 'query';
export const MAX_SEARCH_LENGTH = 100;
const MAX_RESULTS = 25;
const DEFAULT_RESULTS = 10;
const MAX_SKIP = 10_000;

/** What the compose box sent, bounded: forged queries get the same limits as typed ones. */
const querySchema = z.object({
  text: z.string().max(MAX_SEARCH_LENGTH),
  skip: z.number().int().min(0).max(MAX_SKIP).catch(0),
  count: z.number().int().min(1).max(MAX_RESULTS).catch(DEFAULT_RESULTS),
});
export type SearchQuery = z.input<typeof querySchema>;

/** One search result: a short preview for the result list, and the card inserted when it is chosen. */
export interface SearchResult {
  customerId: string;
  preview: { title: string; text: string };
  card: CardView;
}

export type SearchAnswer = { kind: 'results'; results: SearchResult[] } | { kind: 'message'; text: string };

/**
 * The compose box's customer search (a search-based message extension): the
 * same search as the customer list (prefix and substring, any script), over
 * the active customers of the user's own partner tenant only.
 */
export class CustomerSearch {
  constructor(
    private readonly deps: { accounts: CustomerAccounts; list: CustomerList },
    private readonly botChatLink: (command: string) => string,
  ) {}

  async query(ctx: RequestContext, raw: SearchQuery): Promise<SearchAnswer> {
    const parsed = querySchema.safeParse({ ...raw, text: withoutInvisibles(raw.text).trim() });
    if (!parsed.success) return { kind: 'message', text: ctx.locale.t('customerList.searchTooLong', { max: MAX_SEARCH_LENGTH }) };
    const { text, skip, count } = parsed.data;
    const page = await this.deps.list.page(ctx, { relationship: 'active', search: text, locale: ctx.locale.formatLocale, size: count, ...(skip ? { cursor: offsetCursor.of(skip) } : {}) });
    // Results come from the list alone (one call, not one per customer); the chosen one is read whole.
    return { kind: 'results', results: page.items.map((summary) => this.result(ctx, summary)) };
  }

  /** The card for a chosen result; only a customer of the user's own tenant. */
  async select(ctx: RequestContext, customerId: unknown): Promise<SearchAnswer> {
    const id = typeof customerId === 'string' && customerId.length <= 128 ? customerId : undefined;
    const customer = id ? (await this.deps.accounts.get(ctx, id))?.value : undefined;
    if (!customer) return { kind: 'message', text: ctx.locale.t('customerCompact.notFound') };
    const { companyName, domain } = customer.companyProfile;
    const summary = { id: customer.id, companyName, domain, relationshipToPartner: customer.relationshipToPartner, country: customer.billingProfile.defaultAddress.country };
    return { kind: 'results', results: [this.result(ctx, summary, customer.subscriptions.filter((s) => s.status === 'active').length)] };
  }

  private result(ctx: RequestContext, customer: CustomerSummary, subscriptions?: number): SearchResult {
    const { t } = ctx.locale;
    const { companyName, domain } = customer;
    const country = customer.country ? countryName(customer.country, ctx.locale.language) : '';
    return {
      customerId: customer.id,
      preview: { title: companyName, text: [domain, country].filter(Boolean).join(' · ') },
      card: {
        template: 'customerCompact',
        data: {
          companyName,
          domain,
          country,
          relationship: relationshipLabel(t, customer.relationshipToPartner),
          subscriptions: subscriptions === undefined ? '' : t('customerCompact.subscriptions', counted(ctx.locale, subscriptions)),
          // Opens the chat with the bot, with the list command for this customer typed in.
          openUrl: this.botChatLink(`${t('customerList.0', { ns: 'commands' })} ${domain}`),
        },
      },
    };
  }
}
