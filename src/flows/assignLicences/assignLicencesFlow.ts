import { randomUUID } from 'node:crypto';
import type { CustomerUser, SubscribedSku } from '../../customers/customer.js';
import type { CustomerSummary } from '../../customers/customerQuery.js';
import type { CustomerAccounts, CustomerList, CustomerUsers, Licences } from '../../customers/ports.js';
import { counted } from '../../i18n/localizer.js';
import type { JobStore } from '../../jobs/bulkJob.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { canBulkAddUsers, type PartnerCloud } from '../../rules/clouds.js';
import { missingLicences } from '../../rules/licenceRules.js';
import type { PartnerRole } from '../../rules/permissions.js';
import { startForTypedCustomer } from '../customerPick.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import { startJob } from '../jobStart.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

const VERBS = ['assignLicences.choose', 'assignLicences.assign', 'assignLicences.cancel'] as const;
export type AssignLicencesVerb = (typeof VERBS)[number];
/** Users offered on the card (Partner Center pages its user list; a chat card stays short). */
const MAX_USERS = 100;
/** Partner Center's matrix: who may assign licences (domain.md §2). */
export const ASSIGN_LICENCES_ROLES: readonly PartnerRole[] = ['adminAgent', 'globalAdmin', 'helpdeskAgent', 'salesAgent', 'userManagementAdmin'];

interface ChooseState {
  stage: 'pick' | 'choose';
  matches: CustomerSummary[];
  owner?: { id: string; companyName: string; domain: string };
  users?: Array<Pick<CustomerUser, 'id' | 'displayName' | 'userPrincipalName' | 'licences'>>;
  skus?: SubscribedSku[];
  selectedUsers?: string[];
  selectedSkus?: string[];
  error?: { field: 'users' | 'skus'; message: string };
}

type Outcome = Step<ChooseState>;

export interface AssignLicencesFlowDeps {
  accounts: CustomerAccounts;
  list: CustomerList;
  users: CustomerUsers;
  licences: Licences;
  jobs: JobRunner;
  jobStore: JobStore;
  cloud: PartnerCloud;
}

/**
 * Partner Center's "Manage licenses" for several users: the customer's
 * subscribed products with their free units, refused before trying when
 * there are not enough, then assigned user by user in a background job.
 * Offered right after adding users (those users chosen), or typed.
 */
export class AssignLicencesFlow implements CardFlow<ChooseState, AssignLicencesVerb> {
  readonly kind = 'card';
  readonly id = 'assignLicences';
  readonly verbs = VERBS;
  readonly menu = false;
  readonly onDetails = false;
  readonly roles = ASSIGN_LICENCES_ROLES;

  constructor(private readonly deps: AssignLicencesFlowDeps) {}

  readable(state: unknown): state is ChooseState {
    const s = state as Partial<ChooseState> | undefined;
    return (s?.stage === 'pick' && Array.isArray(s.matches)) || (s?.stage === 'choose' && Array.isArray(s.users) && Array.isArray(s.skus) && s.owner !== undefined);
  }

  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (!canBulkAddUsers(this.deps.cloud)) {
      reply.notice(t(`addUsers.cloud.${this.deps.cloud}`), { style: 'warning', showMenu: true });
      return done();
    }
    if (options.customerId) {
      const jobId = options.data?.jobId;
      const job = typeof jobId === 'string' ? await this.deps.jobStore.load(ctx.tenantId, jobId) : undefined;
      const made = job?.customerId === options.customerId ? job.items.flatMap((i) => (i.outcome === 'created' && i.userId ? [i.userId] : [])) : [];
      return this.open(ctx, reply, options.customerId, made);
    }
    return startForTypedCustomer(this.deps.list, ctx, options.argument, reply, {
      open: (id) => this.open(ctx, reply, id, []),
      pick: (matches) => ({ stage: 'pick', matches }),
      which: t('assignLicences.which'),
      none: (term) => t('assignLicences.none', { term }),
    });
  }

  async answer(ctx: RequestContext, state: ChooseState, answer: Answer<AssignLicencesVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind !== 'action') {
      reply.notice(t('assignLicences.useTheCard'));
      return show(state);
    }
    switch (`${state.stage}:${answer.verb}`) {
      case 'pick:assignLicences.choose': {
        const chosen = state.matches.find((m) => m.id === answer.data.customerId);
        return chosen ? this.open(ctx, reply, chosen.id, []) : malformedAnswer(ctx, reply, state);
      }
      case 'choose:assignLicences.assign':
        return this.assign(ctx, state, answer.data, reply);
      default:
        if (answer.verb === 'assignLicences.cancel') {
          reply.notice(t('assignLicences.cancelled'), { showMenu: true });
          return done();
        }
        return malformedAnswer(ctx, reply, state);
    }
  }

  private async open(ctx: RequestContext, reply: Reply, customerId: string, preselected: string[]): Promise<Outcome> {
    const { t } = ctx.locale;
    const customer = await this.deps.accounts.get(ctx, customerId);
    if (!customer || customer.value.relationshipToPartner === 'none') {
      reply.notice(t('addUsers.notFound'), { style: 'warning', showMenu: true });
      return done();
    }
    const [users, skus] = await Promise.all([this.deps.users.list(ctx, customerId), this.deps.licences.subscribedSkus(ctx, customerId)]);
    if (skus.length === 0 || users.length === 0) {
      const company = customer.value.companyProfile.companyName;
      reply.notice(skus.length === 0 ? t('assignLicences.noProducts', { company }) : t('assignLicences.noUsers', { company }), { style: 'warning', showMenu: true });
      return done();
    }
    const chosen = new Set(preselected);
    const collator = new Intl.Collator(ctx.locale.formatLocale);
    // The users just added come first, so they are on the card however many the customer has.
    const ordered = [...users].sort((a, b) => Number(chosen.has(b.id)) - Number(chosen.has(a.id)) || collator.compare(a.displayName, b.displayName)).slice(0, MAX_USERS);
    const { companyName, domain } = customer.value.companyProfile;
    return show({
      stage: 'choose',
      matches: [],
      owner: { id: customerId, companyName, domain },
      users: ordered.map(({ id, displayName, userPrincipalName, licences }) => ({ id, displayName, userPrincipalName, licences: licences ?? [] })),
      skus,
      selectedUsers: ordered.filter((u) => chosen.has(u.id)).map((u) => u.id),
      selectedSkus: [],
    });
  }

  private async assign(ctx: RequestContext, state: ChooseState, data: Record<string, unknown>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    const pickedUsers = idsOf(data.users);
    const pickedSkus = idsOf(data.skus);
    const users = state.users!.filter((u) => pickedUsers.includes(u.id));
    const skus = state.skus!.filter((s) => pickedSkus.includes(s.skuId));
    // Ids the card never offered: a forged or garbled answer.
    if (users.length !== pickedUsers.length || skus.length !== pickedSkus.length) return malformedAnswer(ctx, reply, state);
    const again = { ...state, selectedUsers: pickedUsers, selectedSkus: pickedSkus };
    if (users.length === 0) return show({ ...again, error: { field: 'users', message: t('assignLicences.pickUsers') } });
    if (skus.length === 0) return show({ ...again, error: { field: 'skus', message: t('assignLicences.pickProducts') } });
    const short = missingLicences(skus, users);
    if (short.length > 0) {
      const message = short.map((s) => t('assignLicences.notEnough', { product: s.name, needed: s.needed, free: s.free, ...counted(ctx.locale, s.missing) })).join('\n\n');
      return show({ ...again, error: { field: 'skus', message } });
    }
    const { id: customerId, companyName, domain } = state.owner!;
    const items = users.map((u, i) => ({ line: i + 1, requestId: randomUUID(), userId: u.id, displayName: u.displayName, email: u.userPrincipalName, firstName: '', lastName: '' }));
    return startJob(ctx, reply, this.deps.jobs, { kind: 'assignLicences', customerId, companyName, domain, skus: skus.map(({ skuId, name }) => ({ skuId, name })), items });
  }

  card(ctx: RequestContext, state: ChooseState): CardView {
    const { t, formatNumber } = ctx.locale;
    if (state.stage === 'pick') return { template: 'customerPick', data: { title: t('assignLicences.pickTitle'), message: t('assignLicences.several'), matches: state.matches, verb: 'assignLicences.choose', cancelVerb: 'assignLicences.cancel' } };
    return {
      template: 'assignLicencesChoose',
      data: {
        title: t('assignLicences.title', { company: state.owner!.companyName }),
        intro: t('assignLicences.intro'),
        // On the customer's own domain the mailbox name tells users apart; the domain would only cut the line off.
        users: state.users!.map((u) => ({ title: `${u.displayName} (${shortName(u.userPrincipalName, state.owner!.domain)})`, value: u.id })),
        selectedUsers: (state.selectedUsers ?? []).join(','),
        skus: state.skus!.map((s) => ({ title: t('assignLicences.product', { product: s.name, free: formatNumber(Math.max(0, s.totalUnits - s.consumedUnits)), total: formatNumber(s.totalUnits) }), value: s.skuId })),
        selectedSkus: (state.selectedSkus ?? []).join(','),
        usersError: state.error?.field === 'users' ? state.error.message : '',
        skusError: state.error?.field === 'skus' ? state.error.message : '',
      },
    };
  }
}

/** A multi-select's answer: ids separated by commas, bounded. */
function idsOf(value: unknown): string[] {
  if (typeof value !== 'string' || value.length > 20_000) return [];
  return [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))];
}

/** `anna@contoso.onmicrosoft.com` → `anna` on that domain; a user name on another domain stays whole. */
function shortName(userPrincipalName: string, domain: string): string {
  const suffix = `@${domain}`.toLowerCase();
  return userPrincipalName.toLowerCase().endsWith(suffix) ? userPrincipalName.slice(0, -suffix.length) : userPrincipalName;
}
