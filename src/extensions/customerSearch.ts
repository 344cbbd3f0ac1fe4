import { z } from 'zod';
import type { Customer } from '../customers/customer.js';
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import { relationshipLabel } from '../i18n/labels.js';
import { counted } from '../i18n/localizer.js';
import type { CardView } from '../flows/flow.js';
import type { RequestContext } from '../flows/requestContext.js';

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
  constructor(private readonly directory: CustomerDirectory, private readonly botChatLink: (command: string) => string) {}

  async query(ctx: RequestContext, raw: SearchQuery): Promise<SearchAnswer> {
    const parsed = querySchema.safeParse({ ...raw, text: raw.text.trim() });
    if (!parsed.success) return { kind: 'message', text: ctx.locale.t('customerList.searchTooLong', { max: MAX_SEARCH_LENGTH }) };
    const { text, skip, count } = parsed.data;
    const page = await this.directory.query(ctx.tenantId, { relationship: 'active', search: text, locale: ctx.locale.formatLocale, offset: skip, limit: count });
    const customers = await Promise.all(page.items.map((item) => this.directory.get(ctx.tenantId, item.id)));
    const results = customers.filter((c): c is Customer => c !== undefined).map((customer) => this.result(ctx, customer));
    return { kind: 'results', results };
  }

  /** The card for a chosen result; only a customer of the user's own tenant. */
  async select(ctx: RequestContext, customerId: unknown): Promise<SearchAnswer> {
    const id = typeof customerId === 'string' && customerId.length <= 128 ? customerId : undefined;
    const customer = id ? await this.directory.get(ctx.tenantId, id) : undefined;
    if (!customer) return { kind: 'message', text: ctx.locale.t('customerCompact.notFound') };
    return { kind: 'results', results: [this.result(ctx, customer)] };
  }

  private result(ctx: RequestContext, customer: Customer): SearchResult {
    const { t, displayName } = ctx.locale;
    const { companyName, domain } = customer.companyProfile;
    const country = displayName(customer.billingProfile.defaultAddress.country, 'region');
    const subscriptions = customer.subscriptions.filter((s) => s.status === 'active').length;
    return {
      customerId: customer.id,
      preview: { title: companyName, text: `${domain} · ${country}` },
      card: {
        template: 'customerCompact',
        data: {
          companyName,
          domain,
          country,
          relationship: relationshipLabel(t, customer.relationshipToPartner),
          subscriptions: t('customerCompact.subscriptions', counted(ctx.locale, subscriptions)),
          // Opens the chat with the bot, with the list command for this customer typed in.
          openUrl: this.botChatLink(`${t('customerList.0', { ns: 'commands' })} ${domain}`),
        },
      },
    };
  }
}
