import { randomUUID } from 'node:crypto';
import type { AuditTrail } from '../../audit/auditTrail.js';
import type { BillingProfile } from '../../customers/customer.js';
import type { CustomerSummary } from '../../customers/customerQuery.js';
import type { AddressValidation, BillingProfiles, CustomerAccounts, CustomerList } from '../../customers/ports.js';
import type { AccountEvents } from '../../feed/accountEvents.js';
import { changedFields, formOf, PROFILE_FIELDS, validateProfileUpdate, type ProfileField, type ProfileForm } from '../../rules/billingProfileRules.js';
import type { Translate } from '../../i18n/i18n.js';
import type { PartnerCloud } from '../../rules/clouds.js';
import type { PartnerRole } from '../../rules/permissions.js';
import type { FieldError } from '../../rules/validationResult.js';
import type { TurnLocale } from '../../i18n/localizer.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import { startForTypedCustomer } from '../customerPick.js';
import type { Reply } from '../reply.js';
import { principalOf, type RequestContext } from '../requestContext.js';
import { changeFacts, formCardData, type ProfileOwner } from './profileCards.js';

const VERBS = ['updateCustomer.choose', 'updateCustomer.review', 'updateCustomer.edit', 'updateCustomer.save', 'updateCustomer.useSuggested', 'updateCustomer.keepMine', 'updateCustomer.reapply', 'updateCustomer.drop', 'updateCustomer.cancel'] as const;
export type UpdateCustomerVerb = (typeof VERBS)[number];
const STAGES = ['pick', 'edit', 'review', 'address', 'conflict'] as const;

interface UpdateState {
  stage: (typeof STAGES)[number];
  matches: CustomerSummary[];
  owner?: ProfileOwner;
  /** The profile as read, and the etag it was read at: the write goes with it. */
  read?: BillingProfile;
  etag?: string;
  /** The user's edit, accepted by the rules. */
  edited?: BillingProfile;
  /** What someone else saved meanwhile (a stale etag). */
  theirs?: BillingProfile;
  /** Partner Center's corrected address, offered instead of the user's. */
  suggestion?: Pick<ProfileForm, 'addressLine1' | 'addressLine2' | 'city' | 'state' | 'postalCode'>;
  draft?: Record<string, string>;
  errors?: FieldError[];
  notice?: string;
  requestId?: string;
}

type Outcome = Step<UpdateState>;

export interface UpdateCustomerFlowDeps {
  accounts: CustomerAccounts;
  list: CustomerList;
  profiles: BillingProfiles;
  addresses: AddressValidation;
  audit: AuditTrail;
  events: AccountEvents;
  allowedRoles: readonly PartnerRole[];
  cloud: PartnerCloud;
}

/**
 * Partner Center's "Update customer account info": the billing profile on one
 * card, prefilled; the same rules as adding a customer; a review of the
 * changed fields only; the address checked (Partner Center mode); written
 * with the etag it was read at, so a change made meanwhile by someone else is
 * shown beside the user's own instead of being overwritten.
 */
export class UpdateCustomerFlow implements CardFlow<UpdateState, UpdateCustomerVerb> {
  readonly kind = 'card';
  readonly id = 'updateCustomer';
  readonly verbs = VERBS;
  readonly menu = false;
  readonly onDetails = true;
  readonly roles: readonly PartnerRole[];

  constructor(private readonly deps: UpdateCustomerFlowDeps) {
    this.roles = deps.allowedRoles;
  }

  /** 21Vianet's portal calls it Account > Edit. */
  detailsTitle(t: Translate): string | undefined {
    return this.deps.cloud === 'china' ? t('updateCustomer.editOnDetails') : undefined;
  }

  readable(state: unknown): state is UpdateState {
    const s = state as Partial<UpdateState> | undefined;
    return STAGES.includes(s?.stage as UpdateState['stage']) && Array.isArray(s?.matches) && (s?.stage === 'pick' || (s?.read !== undefined && s.owner !== undefined));
  }

  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    if (options.customerId) return this.open(ctx, reply, options.customerId);
    const { t } = ctx.locale;
    return startForTypedCustomer(this.deps.list, ctx, options.argument, reply, {
      open: (id) => this.open(ctx, reply, id),
      pick: (matches) => ({ stage: 'pick', matches }),
      which: t('updateCustomer.which'),
      none: (term) => t('updateCustomer.none', { term }),
    });
  }

  async answer(ctx: RequestContext, state: UpdateState, answer: Answer<UpdateCustomerVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind !== 'action') {
      reply.notice(t('updateCustomer.useTheCard'));
      return show(state);
    }
    const data = answer.data;
    switch (`${state.stage}:${answer.verb}`) {
      case 'pick:updateCustomer.choose': {
        const chosen = state.matches.find((m) => m.id === data.customerId);
        return chosen ? this.open(ctx, reply, chosen.id) : malformedAnswer(ctx, reply, state);
      }
      case 'edit:updateCustomer.review':
        return this.review(ctx, state, data);
      case 'review:updateCustomer.edit':
        return show({ ...clean(state), stage: 'edit', draft: formOf(state.edited!) });
      case 'review:updateCustomer.save':
        return this.checkAddress(ctx, reply, state);
      case 'address:updateCustomer.useSuggested':
        return this.save(ctx, reply, { ...state, edited: withAddress(state.edited!, state.suggestion!) });
      case 'address:updateCustomer.keepMine':
        return this.save(ctx, reply, state);
      case 'conflict:updateCustomer.reapply':
        return this.reapply(state);
      case 'conflict:updateCustomer.drop':
        return show({ ...clean(state), stage: 'edit', read: state.theirs!, edited: undefined, theirs: undefined });
      default:
        if (answer.verb === 'updateCustomer.cancel') {
          reply.notice(t('updateCustomer.cancelled'), { showMenu: true });
          return done();
        }
        return malformedAnswer(ctx, reply, state);
    }
  }

  /** Reads the profile with its etag (and the customer, for the read-only facts). */
  private async open(ctx: RequestContext, reply: Reply, customerId: string): Promise<Outcome> {
    const [customer, profile] = await Promise.all([this.deps.accounts.get(ctx, customerId), this.deps.profiles.get(ctx, customerId)]);
    if (!customer || !profile || customer.value.relationshipToPartner === 'none') {
      reply.notice(ctx.locale.t('updateCustomer.notFound'), { style: 'warning', showMenu: true });
      return done();
    }
    const { id, companyProfile } = customer.value;
    const owner = { id, companyName: companyProfile.companyName, domain: companyProfile.domain, country: profile.value.defaultAddress.country };
    return show({ stage: 'edit', matches: [], owner, read: profile.value, etag: profile.etag ?? '', requestId: randomUUID() });
  }

  private review(ctx: RequestContext, state: UpdateState, input: Record<string, unknown>): Outcome {
    const draft = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, typeof input[f] === 'string' ? (input[f] as string) : '']));
    const result = validateProfileUpdate(input, state.read!);
    if (!result.ok) return show({ ...clean(state), stage: 'edit', draft, errors: result.errors });
    if (changedFields(formOf(state.read!), result.value.form).length === 0) {
      // Nothing changed: say so, and store nothing.
      return show({ ...clean(state), stage: 'edit', draft, notice: ctx.locale.t('updateCustomer.noChange') });
    }
    return show({ ...clean(state), stage: 'review', edited: result.value.profile });
  }

  /** Partner Center mode checks the address first; a corrected one is offered, the user's own kept if they want. */
  private async checkAddress(ctx: RequestContext, reply: Reply, state: UpdateState): Promise<Outcome> {
    const moved = changedFields(formOf(state.read!), formOf(state.edited!)).some((field) => ADDRESS_FIELDS.includes(field));
    if (moved) {
      const check = await this.deps.addresses.validate(ctx, state.edited!.defaultAddress);
      if (check.status === 'suggested') {
        const s = check.suggestion;
        const suggestion = { addressLine1: s.addressLine1, addressLine2: s.addressLine2 ?? '', city: s.city ?? '', state: s.state ?? '', postalCode: s.postalCode ?? '' };
        return show({ ...clean(state), stage: 'address', suggestion });
      }
    }
    return this.save(ctx, reply, state);
  }

  private async save(ctx: RequestContext, reply: Reply, state: UpdateState): Promise<Outcome> {
    const { t } = ctx.locale;
    const owner = state.owner!;
    const requestId = state.requestId ?? randomUUID();
    const result = await this.deps.profiles.update(ctx, owner.id, state.edited!, { etag: state.etag ?? '', requestId });
    if (result.outcome === 'notFound') {
      reply.notice(t('updateCustomer.notFound'), { style: 'warning', showMenu: true });
      return done();
    }
    const wanted = formOf(state.edited!);
    // A repeated save of this same edit (a lost answer) finds it written: that is its result.
    const written = result.outcome === 'updated' || changedFields(formOf(result.current.value), wanted).length === 0;
    if (!written) return show({ ...clean(state), stage: 'conflict', theirs: result.current.value, etag: result.current.etag ?? '' });
    const fields = changedFields(formOf(state.read!), wanted);
    // Who changed which fields, never their values (contact data).
    const recorded = await this.deps.audit.record(ctx.tenantId, { requestId, at: ctx.now().toISOString(), actor: principalOf(ctx.user), action: 'updateAccount', customerId: owner.id, companyName: owner.companyName, fields });
    if (recorded) this.deps.events.publish({ kind: 'accountUpdated', tenantId: ctx.tenantId, customerId: owner.id, companyName: owner.companyName, domain: owner.domain, actorName: ctx.user.name, at: ctx.now().toISOString() });
    reply.card('updateCustomerDone', {
      title: t('updateCustomer.doneTitle'),
      summary: t('updateCustomer.doneSummary', { company: owner.companyName }),
      changes: changeFacts(ctx.locale, formOf(state.read!), wanted, fields, owner.country),
      customerId: owner.id,
    }, { placement: 'replace' });
    return done();
  }

  /** The user's own changes on top of what is there now, reviewed again before anything is written. */
  private reapply(state: UpdateState): Outcome {
    const mine = formOf(state.edited!);
    const base = formOf(state.read!);
    const theirs = formOf(state.theirs!);
    const merged = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, mine[f] !== base[f] ? mine[f] : theirs[f]])) as ProfileForm;
    const result = validateProfileUpdate(merged, state.theirs!);
    const edited = result.ok ? result.value.profile : state.theirs!;
    return show({ ...clean(state), stage: 'review', read: state.theirs!, edited, theirs: undefined });
  }

  card(ctx: RequestContext, state: UpdateState): CardView {
    const locale = ctx.locale;
    const { t } = locale;
    if (state.stage === 'pick') {
      return { template: 'customerPick', data: { title: t('updateCustomer.pickTitle'), message: t('updateCustomer.several'), matches: state.matches, verb: 'updateCustomer.choose', cancelVerb: 'updateCustomer.cancel' } };
    }
    const owner = state.owner!;
    if (state.stage === 'edit') {
      const values = state.draft ?? formOf(state.edited ?? state.read!);
      return { template: 'updateCustomerForm', data: formCardData(locale, owner, values, state.errors ?? [], state.notice ?? '') };
    }
    const base = formOf(state.read!);
    const mine = formOf(state.edited!);
    const changed = changedFields(base, mine);
    const data: Record<string, unknown> = {
      title: t('updateCustomer.reviewTitle', { company: owner.companyName }),
      intro: state.stage === 'conflict' ? t('updateCustomer.conflict') : state.stage === 'address' ? t('updateCustomer.addressSuggested') : t('updateCustomer.reviewIntro'),
      changes: changeFacts(locale, base, mine, changed, owner.country),
      theirsTitle: state.stage === 'conflict' ? t('updateCustomer.theirChanges') : state.stage === 'address' ? t('updateCustomer.suggestedAddress') : '',
      theirs: this.sideFacts(ctx, state, base),
      // Partner Center renames the bill-to name only, not the Microsoft 365 organization.
      note: changed.includes('companyName') ? t('updateCustomer.companyNameNote') : '',
      buttons: BUTTONS[state.stage].map((verb) => ({ verb, title: buttonTitle(locale, verb) })),
    };
    return { template: 'updateCustomerReview', data };
  }

  private sideFacts(ctx: RequestContext, state: UpdateState, base: ProfileForm) {
    const country = state.owner!.country;
    if (state.stage === 'conflict') {
      const theirs = formOf(state.theirs!);
      return changeFacts(ctx.locale, base, theirs, changedFields(base, theirs), country);
    }
    if (state.stage === 'address') {
      const mine = formOf(state.edited!);
      const suggested = { ...mine, ...state.suggestion! };
      return changeFacts(ctx.locale, mine, suggested, changedFields(mine, suggested), country);
    }
    return [];
  }
}

/** The fields Partner Center's address check looks at. */
const ADDRESS_FIELDS: readonly ProfileField[] = ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode'];

const BUTTONS: Record<'review' | 'address' | 'conflict', UpdateCustomerVerb[]> = {
  review: ['updateCustomer.save', 'updateCustomer.edit', 'updateCustomer.cancel'],
  address: ['updateCustomer.useSuggested', 'updateCustomer.keepMine', 'updateCustomer.cancel'],
  conflict: ['updateCustomer.reapply', 'updateCustomer.drop', 'updateCustomer.cancel'],
};

function buttonTitle({ t }: TurnLocale, verb: UpdateCustomerVerb): string {
  switch (verb) {
    case 'updateCustomer.save':
      return t('updateCustomer.buttons.save');
    case 'updateCustomer.edit':
      return t('updateCustomer.buttons.edit');
    case 'updateCustomer.useSuggested':
      return t('updateCustomer.buttons.useSuggested');
    case 'updateCustomer.keepMine':
      return t('updateCustomer.buttons.keepMine');
    case 'updateCustomer.reapply':
      return t('updateCustomer.buttons.reapply');
    case 'updateCustomer.drop':
      return t('updateCustomer.buttons.drop');
    default:
      return t('updateCustomer.buttons.cancel');
  }
}

/** The state without what belongs to one showing of a card. */
function clean(state: UpdateState): UpdateState {
  const { draft: _d, errors: _e, notice: _n, suggestion: _s, ...rest } = state;
  return rest;
}

function withAddress(profile: BillingProfile, address: NonNullable<UpdateState['suggestion']>): BillingProfile {
  const defined = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== ''));
  return { ...profile, defaultAddress: { ...profile.defaultAddress, ...defined } };
}
