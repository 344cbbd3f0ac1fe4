import { randomUUID } from 'node:crypto';
import type { AuditTrail } from '../../audit/auditTrail.js';
import type { AccountEvents } from '../../feed/accountEvents.js';
import { END_REASONS, type Customer, type EndReason } from '../../customers/customer.js';
import type { CustomerAccounts, CustomerList } from '../../customers/ports.js';
import type { CustomerSummary } from '../../customers/customerQuery.js';
import { blockerActionLabel, endReasonLabel, subscriptionKindLabel } from '../../i18n/labels.js';
import type { TurnLocale } from '../../i18n/localizer.js';
import type { PartnerRole } from '../../rules/permissions.js';
import { removalBlockers } from '../../rules/relationshipRemoval.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import type { Reply } from '../reply.js';
import { principalOf, type RequestContext } from '../requestContext.js';

const VERBS = ['endRelationship.search', 'endRelationship.choose', 'endRelationship.reason', 'endRelationship.confirm', 'endRelationship.cancel'] as const;
export type EndRelationshipVerb = (typeof VERBS)[number];
const MAX_MATCHES = 10;
const NOTE_MAX = 500;
const STAGES = ['pick', 'reason', 'confirm'] as const;

export interface EndRelationshipFlowDeps {
  accounts: CustomerAccounts;
  list: CustomerList;
  audit: AuditTrail;
  /** Roles allowed to end a relationship (configurable; Admin agent and Global admin by default). */
  allowedRoles: readonly PartnerRole[];
  events: AccountEvents;
}

/** Where the flow stands, kept in dialog state. */
interface RemovalState {
  stage: (typeof STAGES)[number];
  term: string;
  /** The customers offered on the pick card; a choice must be one of them. */
  matches: CustomerSummary[];
  pickMessage: 'prompt' | 'several' | 'none';
  customer?: { id: string; companyName: string; domain: string };
  /** The removal's `MS-RequestId`, chosen (and saved) before the call: every retry of this removal sends it again. */
  requestId?: string;
  reason?: EndReason;
  note?: string;
  /** What to point out under the fields on the next showing. */
  errors?: { reason?: 'required'; note?: 'required' | 'tooLong'; confirm?: boolean };
}

type Outcome = Step<RemovalState>;

/**
 * Partner Center's "Remove reseller relationship", made safe: pick the
 * customer, list what blocks removal (and stop), explain the consequences,
 * record a reason, and confirm by typing the customer's primary domain. The
 * audit entry (with the reason) is written once the backend confirmed; only allowed roles get in
 * (the router checks them before every step, so also at the confirmation).
 */
export class EndRelationshipFlow implements CardFlow<RemovalState, EndRelationshipVerb> {
  readonly kind = 'card';
  readonly id = 'endRelationship';
  readonly verbs = VERBS;
  readonly menu = true;
  readonly onDetails = true;
  readonly roles: readonly PartnerRole[];

  constructor(private readonly deps: EndRelationshipFlowDeps) {
    this.roles = deps.allowedRoles;
  }

  readable(state: unknown): state is RemovalState {
    const removal = state as Partial<RemovalState> | undefined;
    return STAGES.includes(removal?.stage as RemovalState['stage']) && Array.isArray(removal?.matches);
  }

  /** The customer from a details card, a typed name, or a search card. */
  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    if (options.customerId) return this.check(ctx, reply, options.customerId, initial(''));
    if (options.argument) return this.search(ctx, reply, options.argument);
    return show(initial(''));
  }

  async answer(ctx: RequestContext, state: RemovalState, answer: Answer<EndRelationshipVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind === 'text') {
      if (state.stage === 'pick' && answer.text) return this.search(ctx, reply, answer.text);
      reply.notice(t('endRelationship.useTheCard'));
      return show(state);
    }
    const value = answer.data;
    switch (`${state.stage}:${answer.verb}`) {
      case 'pick:endRelationship.cancel':
      case 'reason:endRelationship.cancel':
      case 'confirm:endRelationship.cancel':
        reply.notice(t('endRelationship.cancelled'), { showMenu: true });
        return done();
      case 'pick:endRelationship.search':
        return typeof value.searchTerm === 'string' && value.searchTerm.trim() ? this.search(ctx, reply, value.searchTerm.slice(0, 100)) : show(state);
      case 'pick:endRelationship.choose': {
        // Only a customer this card offered: a forged id from elsewhere goes nowhere.
        const chosen = state.matches.find((m) => m.id === value.customerId);
        return chosen ? this.check(ctx, reply, chosen.id, state) : malformedAnswer(ctx, reply, state);
      }
      case 'reason:endRelationship.reason':
        return this.chooseReason(state, value);
      case 'confirm:endRelationship.confirm':
        return this.confirm(ctx, reply, state, value.confirmDomain);
      default:
        return malformedAnswer(ctx, reply, state);
    }
  }

  private async search(ctx: RequestContext, reply: Reply, term: string): Promise<Outcome> {
    const { formatLocale } = ctx.locale;
    const active = await this.deps.list.page(ctx, { relationship: 'active', search: term, locale: formatLocale, size: MAX_MATCHES });
    if (active.items.length === 1) return this.check(ctx, reply, active.items[0]!.id, initial(term));
    if (active.items.length > 1) return show({ ...initial(term), matches: active.items, pickMessage: 'several' });
    const ended = await this.deps.list.page(ctx, { relationship: 'ended', search: term, locale: formatLocale, size: 2 });
    if (ended.items.length === 1) return this.check(ctx, reply, ended.items[0]!.id, initial(term));
    return show({ ...initial(term), pickMessage: 'none' });
  }

  /** The pre-check: already ended, or blocked (both end the flow), or on to the reason. */
  private async check(ctx: RequestContext, reply: Reply, customerId: string, state: RemovalState): Promise<Outcome> {
    const customer = (await this.deps.accounts.get(ctx, customerId))?.value;
    if (!customer) {
      reply.notice(ctx.locale.t('endRelationship.notFound'), { style: 'warning', showMenu: true });
      return done();
    }
    if (this.stoppedBy(ctx, reply, customer)) return done();
    const { id, companyProfile } = customer;
    const chosen = { id, companyName: companyProfile.companyName, domain: companyProfile.domain };
    return show({ ...state, stage: 'reason', customer: chosen, requestId: state.customer?.id === id && state.requestId ? state.requestId : randomUUID(), errors: {} });
  }

  /** Tells the user and returns true when the customer's relationship has ended or something blocks its removal. */
  private stoppedBy(ctx: RequestContext, reply: Reply, customer: Customer, afterConfirm = false): boolean {
    const locale = ctx.locale;
    const company = customer.companyProfile.companyName;
    if (customer.relationshipToPartner === 'none') {
      const date = customer.relationshipEnded ? this.date(customer.relationshipEnded.at, locale) : '';
      // After the user confirmed, an ended relationship means someone else was quicker.
      const message = afterConfirm ? locale.t('endRelationship.alreadyDone', { company }) : locale.t('endRelationship.alreadyEnded', { company, date });
      reply.notice(message, { showMenu: true });
      return true;
    }
    const blockers = removalBlockers(customer);
    if (blockers.length === 0) return false;
    reply.card('endRelationshipBlocked', {
      title: locale.t('endRelationship.blockedTitle', { company }),
      customerId: customer.id,
      blockers: blockers.map((b) => ({ offerName: b.offerName, kind: subscriptionKindLabel(locale.t, b.kind), action: blockerActionLabel(locale.t, b.action) })),
    });
    return true;
  }

  private chooseReason(state: RemovalState, value: Record<string, unknown>): Outcome {
    const reason = END_REASONS.find((r) => r === value.reason);
    const note = typeof value.note === 'string' ? value.note.replace(/\p{Cc}/gu, ' ').trim() : '';
    const errors: RemovalState['errors'] = {};
    if (!reason) errors.reason = 'required';
    if (note.length > NOTE_MAX) errors.note = 'tooLong';
    else if (reason === 'other' && !note) errors.note = 'required';
    const kept = { ...state, reason, note: note.slice(0, NOTE_MAX) };
    if (errors.reason || errors.note) return show({ ...kept, errors });
    return show({ ...kept, stage: 'confirm', errors: {} });
  }

  private async confirm(ctx: RequestContext, reply: Reply, state: RemovalState, typed: unknown): Promise<Outcome> {
    const expected = state.customer!.domain.toLowerCase();
    if (typeof typed !== 'string' || typed.trim().toLowerCase() !== expected) return show({ ...state, errors: { confirm: true } });

    const locale = ctx.locale;
    const tenant = ctx.tenantId;
    const requestId = state.requestId ?? randomUUID();
    // The customer may have changed since the pre-check (a new subscription, another user): check again.
    const current = (await this.deps.accounts.get(ctx, state.customer!.id))?.value;
    if (!current) return this.check(ctx, reply, state.customer!.id, state);
    // A retry of this same removal (the ledger has its request id) finds it done: that is its result, not "someone else was quicker".
    const retried = current.relationshipToPartner === 'none' && (await this.deps.audit.status(tenant, requestId)) !== undefined;
    if (!retried && this.stoppedBy(ctx, reply, current, true)) return done();

    const at = ctx.now().toISOString();
    const by = principalOf(ctx.user);
    await this.deps.audit.begin(tenant, { requestId, action: 'endRelationship', customerId: current.id, at, actor: by });
    const result = retried
      ? ({ outcome: 'removed', customer: current, replayed: true } as const)
      : await this.deps.accounts.removeResellerRelationship(ctx, current.id, { requestId, at, by });
    const company = current.companyProfile.companyName;
    if (result.outcome !== 'removed') {
      reply.notice(locale.t('endRelationship.alreadyDone', { company }), { showMenu: true });
      return done();
    }
    const endedAt = result.customer.relationshipEnded?.at ?? at;
    // Partner Center keeps no reason: the bot's audit trail does, once per request id, after Partner Center confirmed.
    const recorded = await this.deps.audit.record(tenant, {
      requestId,
      at: endedAt,
      actor: by,
      action: 'endRelationship',
      customerId: current.id,
      companyName: company,
      reason: state.reason!,
      ...(state.note ? { note: state.note } : {}),
    });
    this.deps.list.changed(ctx, result.customer);
    const { domain } = current.companyProfile;
    if (recorded) this.deps.events.publish({ kind: 'relationshipEnded', tenantId: tenant, customerId: current.id, companyName: company, domain, actorName: ctx.user.name, at: endedAt });
    const summary = {
      summary: locale.t('endRelationship.doneSummary', { company, domain, date: this.date(endedAt, locale) }),
      reason: locale.t('endRelationship.doneReason', { reason: endReasonLabel(locale.t, state.reason!) }),
      notRemoved: locale.t('endRelationship.notRemovedList', { company }),
    };
    // In Teams the confirmation card becomes this read-only summary, so it cannot be pressed again.
    reply.card('endRelationshipDone', summary, { placement: 'replace', undelivered: locale.t('endRelationship.undelivered', { company }) });
    return done();
  }

  /** The card for the current stage, in the turn's language. */
  card(ctx: RequestContext, state: RemovalState): CardView {
    return { template: CARD_OF[state.stage], data: this.cardData(ctx.locale, state) };
  }

  private cardData(locale: TurnLocale, state: RemovalState): Record<string, unknown> {
    const { t } = locale;
    const company = state.customer?.companyName ?? '';
    switch (state.stage) {
      case 'pick':
        return {
          message:
            state.pickMessage === 'several'
              ? t('endRelationship.several', { term: state.term })
              : state.pickMessage === 'none'
                ? t('endRelationship.none', { term: state.term })
                : t('endRelationship.pickPrompt'),
          matches: state.matches,
          term: state.term,
        };
      case 'reason':
        return {
          title: t('endRelationship.checkTitle', { company }),
          domain: state.customer?.domain ?? '',
          happens: t('endRelationship.happensList', { company }),
          notRemoved: t('endRelationship.notRemovedList', { company }),
          reasons: END_REASONS.map((reason) => ({ title: endReasonLabel(t, reason), value: reason })),
          reason: state.reason ?? '',
          note: state.note ?? '',
          reasonError: state.errors?.reason ? t('endRelationship.reasonRequired') : '',
          noteError:
            state.errors?.note === 'tooLong'
              ? t('endRelationship.noteTooLong', { max: NOTE_MAX })
              : state.errors?.note === 'required'
                ? t('endRelationship.noteRequired')
                : '',
        };
      case 'confirm':
        return {
          customerId: state.customer?.id ?? '',
          companyName: company,
          domain: state.customer?.domain ?? '',
          reason: state.reason ? endReasonLabel(t, state.reason) : '',
          instruction: t('endRelationship.confirmInstruction', { domain: state.customer?.domain ?? '' }),
          error: state.errors?.confirm ? t('endRelationship.mismatch', { domain: state.customer?.domain ?? '' }) : '',
        };
    }
  }

  private date(iso: string, { formatDay }: TurnLocale): string {
    return formatDay(new Date(iso));
  }
}

const CARD_OF: Record<RemovalState['stage'], string> = { pick: 'endRelationshipPick', reason: 'endRelationshipCheck', confirm: 'endRelationshipConfirm' };

const initial = (term: string): RemovalState => ({ stage: 'pick', term, matches: [], pickMessage: 'prompt' });


