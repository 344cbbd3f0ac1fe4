import type { CustomerSummary } from '../customers/customerQuery.js';
import type { CustomerList } from '../customers/ports.js';
import type { RequestContext } from './requestContext.js';

/** Matches shown for a typed name or domain; more means the user should type more. */
const MAX_MATCHES = 10;
const MAX_TERM_LENGTH = 100;

export type CustomerMatch = { kind: 'noTerm' } | { kind: 'none'; term: string } | { kind: 'one'; id: string } | { kind: 'several'; matches: CustomerSummary[] };

/** The active customer a flow started by typing ("update customer contoso") is for: one, several to pick from, or none. */
export async function matchActiveCustomer(list: CustomerList, ctx: RequestContext, argument: string): Promise<CustomerMatch> {
  const term = argument.trim().slice(0, MAX_TERM_LENGTH);
  if (!term) return { kind: 'noTerm' };
  const { items } = await list.page(ctx, { relationship: 'active', search: term, locale: ctx.locale.formatLocale, size: MAX_MATCHES });
  if (items.length === 0) return { kind: 'none', term };
  return items.length === 1 ? { kind: 'one', id: items[0]!.id } : { kind: 'several', matches: items };
}
