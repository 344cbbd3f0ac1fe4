import type { Customer } from '../../customers/customer.js';
import type { CustomerAccounts } from '../../customers/ports.js';
import type { Translate } from '../../i18n/i18n.js';
import { reportMalformed, type ViewFlow } from '../flow.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

const VERBS = ['customerCreated.passwordCopied'] as const;
type CustomerCreatedVerb = (typeof VERBS)[number];

/** Card data for cards/addCustomerResult.json; the password block only while `password` is given. */
export function customerCreatedData(t: Translate, customer: Customer, adminUserName: string, password?: string): Record<string, unknown> {
  const { companyName, domain } = customer.companyProfile;
  return {
    id: customer.id,
    domain,
    adminUserName,
    passwordShown: password !== undefined,
    temporaryPassword: password ?? '',
    created: t('addCustomer.result.created', { company: companyName }),
    agreement: customer.agreement ? t('addCustomer.result.agreementRecorded') : t('addCustomer.result.agreementNeeded'),
  };
}

/**
 * The created customer's card once its temporary password has been copied:
 * "I've copied it" replaces the card in place by the same facts without the
 * password, so it is no longer on screen. Nothing is kept to do it: the card
 * carries the customer's id, and the customer is read again (this tenant's only).
 */
export class CustomerCreatedView implements ViewFlow<CustomerCreatedVerb> {
  readonly kind = 'view';
  readonly id = 'customerCreated';
  readonly verbs = VERBS;
  readonly commands = [] as const;
  readonly menu = false;
  readonly onDetails = false;

  constructor(private readonly deps: { accounts: CustomerAccounts }) {}

  async start(ctx: RequestContext, _options: unknown, reply: Reply): Promise<void> {
    reportMalformed(ctx, reply, { showMenu: true });
  }

  async act(ctx: RequestContext, _verb: CustomerCreatedVerb, data: Record<string, unknown>, reply: Reply): Promise<void> {
    const id = typeof data.customerId === 'string' && data.customerId.length <= 128 ? data.customerId : undefined;
    const customer = id ? (await this.deps.accounts.get(ctx, id))?.value : undefined;
    if (!customer) return reportMalformed(ctx, reply, { showMenu: true });
    reply.card('addCustomerResult', customerCreatedData(ctx.locale.t, customer, customer.adminUserName ?? ''), { placement: 'replace' });
  }
}
