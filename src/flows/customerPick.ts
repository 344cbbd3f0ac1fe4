import type { CustomerSummary } from '../customers/customerQuery.js';
import type { CustomerList } from '../customers/ports.js';
import { done, show, type Step } from './flow.js';
import type { Reply } from './reply.js';
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

export interface TypedStart<S> {
  /** The flow for one customer. */
  open(customerId: string): Promise<Step<S>>;
  /** The state that shows several matches to pick from. */
  pick(matches: CustomerSummary[]): S;
  /** What to say without a name ("Which customer? …") and without a match. */
  which: string;
  none: (term: string) => string;
}

/** A flow started by typing a customer's name or domain: open the one match, offer several, or say why not. */
export async function startForTypedCustomer<S>(list: CustomerList, ctx: RequestContext, argument: string, reply: Reply, start: TypedStart<S>): Promise<Step<S>> {
  const match = await matchActiveCustomer(list, ctx, argument);
  switch (match.kind) {
    case 'one':
      return start.open(match.id);
    case 'several':
      return show(start.pick(match.matches));
    case 'noTerm':
      reply.notice(start.which, { showMenu: true });
      return done();
    case 'none':
      reply.notice(start.none(match.term), { style: 'warning', showMenu: true });
      return done();
  }
}
