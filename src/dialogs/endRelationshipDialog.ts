import { MessageFactory, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Responses } from '../bot/responses.js';
import { partnerTenantOf } from '../bot/tenancy.js';
import type { FlowOptions } from '../bot/turnRouter.js';
import { turnLocale, type TurnLocale } from '../bot/turnLocale.js';
import { END_REASONS, type Customer, type EndReason } from '../customers/customer.js';
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import { blockerActionLabel, endReasonLabel, roleLabel, subscriptionKindLabel } from '../i18n/labels.js';
import type { RoleDirectory } from '../permissions/roleDirectory.js';
import { isAllowed, type PartnerRole } from '../rules/permissions.js';
import { removalBlockers } from '../rules/relationshipRemoval.js';
import { sendOrReplaceCard } from '../bot/cardMessages.js';
import { CardFlowDialog, type Outcome as FlowOutcome } from './cardFlowDialog.js';
import type { CardPromptResult } from './cardPrompt.js';

export const END_RELATIONSHIP_DIALOG = 'endRelationshipDialog';
const MAX_MATCHES = 10;
const NOTE_MAX = 500;

export interface EndRelationshipDialogDeps {
  cards: CardRenderer;
  responses: Responses;
  directory: CustomerDirectory;
  roles: RoleDirectory;
  /** Roles allowed to end a relationship (configurable; Admin agent and Global admin by default). */
  allowedRoles: readonly PartnerRole[];
  now?: () => Date;
}

/** Where the flow stands, kept in dialog state. */
interface RemovalState {
  stage: 'pick' | 'reason' | 'confirm';
  term: string;
  /** The customers offered on the pick card; a choice must be one of them. */
  matches: CustomerSummary[];
  pickMessage: 'prompt' | 'several' | 'none';
  customer?: { id: string; companyName: string; domain: string };
  reason?: EndReason;
  note?: string;
  /** What to point out under the fields on the next showing. */
  errors?: { reason?: 'required'; note?: 'required' | 'tooLong'; confirm?: boolean };
}

type Outcome = FlowOutcome<RemovalState>;

/**
 * Partner Center's "Remove reseller relationship", made safe: pick the
 * customer, list what blocks removal (and stop), explain the consequences,
 * record a reason, and confirm by typing the customer's primary domain. The
 * change and its audit entry are one atomic write; only allowed roles get in.
 */
export class EndRelationshipDialog extends CardFlowDialog<RemovalState> {
  private readonly now: () => Date;

  constructor(private readonly deps: EndRelationshipDialogDeps) {
    super(END_RELATIONSHIP_DIALOG, deps.cards, deps.responses);
    this.now = deps.now ?? (() => new Date());
  }

  protected cardName(state: RemovalState): string {
    return CARD_OF[state.stage];
  }

  /** Permission first; then the customer from a details card, a typed name, or a search card. */
  protected async start(context: TurnContext, started: unknown): Promise<Outcome> {
    const options = (started ?? { argument: '' }) as FlowOptions;
    if (!(await this.mayEnd(context))) return this.done();
    if (options.customerId) return this.check(context, options.customerId, initial(''));
    if (options.argument) return this.search(context, options.argument);
    return this.show(initial(''));
  }

  protected async answer(context: TurnContext, state: RemovalState, result: CardPromptResult): Promise<Outcome> {
    const { t } = turnLocale(context);
    if (result.kind === 'text') {
      if (state.stage === 'pick' && result.text) return this.search(context, result.text);
      await this.deps.responses.sendNotice(context, t('endRelationship.useTheCard'));
      return this.show(state);
    }
    const value = result.value;
    switch (`${state.stage}:${String(value.verb)}`) {
      case 'pick:endRelationship.cancel':
      case 'reason:endRelationship.cancel':
      case 'confirm:endRelationship.cancel':
        await this.deps.responses.sendNotice(context, t('endRelationship.cancelled'), { showMenu: true });
        return this.done();
      case 'pick:endRelationship.search':
        return typeof value.searchTerm === 'string' && value.searchTerm.trim() ? this.search(context, value.searchTerm.slice(0, 100)) : this.show(state);
      case 'pick:endRelationship.choose': {
        // Only a customer this card offered: a forged id from elsewhere goes nowhere.
        const chosen = state.matches.find((m) => m.id === value.customerId);
        return chosen ? this.check(context, chosen.id, state) : this.malformed(context, state);
      }
      case 'reason:endRelationship.reason':
        return this.chooseReason(state, value);
      case 'confirm:endRelationship.confirm':
        return this.confirm(context, state, value.confirmDomain);
      default:
        return this.malformed(context, state);
    }
  }

  private async search(context: TurnContext, term: string): Promise<Outcome> {
    const tenant = partnerTenantOf(context.activity);
    const { formatLocale } = turnLocale(context);
    const active = await this.deps.directory.query(tenant, { relationship: 'active', search: term, locale: formatLocale, limit: MAX_MATCHES });
    if (active.total === 1) return this.check(context, active.items[0]!.id, initial(term));
    if (active.total > 1) return this.show({ ...initial(term), matches: active.items, pickMessage: 'several' });
    const ended = await this.deps.directory.query(tenant, { relationship: 'ended', search: term, locale: formatLocale, limit: 2 });
    if (ended.total === 1) return this.check(context, ended.items[0]!.id, initial(term));
    return this.show({ ...initial(term), pickMessage: 'none' });
  }

  /** The pre-check: already ended, or blocked (both end the flow), or on to the reason. */
  private async check(context: TurnContext, customerId: string, state: RemovalState): Promise<Outcome> {
    const customer = await this.deps.directory.get(partnerTenantOf(context.activity), customerId);
    if (!customer) {
      await this.deps.responses.sendNotice(context, turnLocale(context).t('endRelationship.notFound'), { style: 'warning', showMenu: true });
      return this.done();
    }
    if (await this.stoppedBy(context, customer)) return this.done();
    const { id, companyProfile } = customer;
    return this.show({ ...state, stage: 'reason', customer: { id, companyName: companyProfile.companyName, domain: companyProfile.domain }, errors: {} });
  }

  /** Tells the user and returns true when the customer's relationship has ended or something blocks its removal. */
  private async stoppedBy(context: TurnContext, customer: Customer, afterConfirm = false): Promise<boolean> {
    const locale = turnLocale(context);
    const company = customer.companyProfile.companyName;
    if (customer.relationshipToPartner === 'none') {
      const date = customer.relationshipEnded ? this.date(customer.relationshipEnded.at, locale) : '';
      // After the user confirmed, an ended relationship means someone else was quicker.
      const message = afterConfirm ? locale.t('endRelationship.alreadyDone', { company }) : locale.t('endRelationship.alreadyEnded', { company, date });
      await this.deps.responses.sendNotice(context, message, { showMenu: true });
      return true;
    }
    const blockers = removalBlockers(customer);
    if (blockers.length === 0) return false;
    const card = this.deps.cards.render('endRelationshipBlocked', locale.language, {
      title: locale.t('endRelationship.blockedTitle', { company }),
      customerId: customer.id,
      blockers: blockers.map((b) => ({ offerName: b.offerName, kind: subscriptionKindLabel(locale.t, b.kind), action: blockerActionLabel(locale.t, b.action) })),
    });
    await context.sendActivity(MessageFactory.attachment(card));
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
    if (errors.reason || errors.note) return this.show({ ...kept, errors });
    return this.show({ ...kept, stage: 'confirm', errors: {} });
  }

  private async confirm(context: TurnContext, state: RemovalState, typed: unknown): Promise<Outcome> {
    const expected = state.customer!.domain.toLowerCase();
    if (typeof typed !== 'string' || typed.trim().toLowerCase() !== expected) return this.show({ ...state, errors: { confirm: true } });
    if (!(await this.mayEnd(context))) return this.done();

    const locale = turnLocale(context);
    const tenant = partnerTenantOf(context.activity);
    // The customer may have changed since the pre-check (a new subscription, another user): check again.
    const current = await this.deps.directory.get(tenant, state.customer!.id);
    if (!current) return this.check(context, state.customer!.id, state);
    if (await this.stoppedBy(context, current, true)) return this.done();

    const from = context.activity.from;
    const result = await this.deps.directory.endRelationship(tenant, current.id, {
      at: this.now().toISOString(),
      by: from?.aadObjectId ?? from?.id ?? 'unknown',
      reason: state.reason!,
      ...(state.note ? { note: state.note } : {}),
    });
    const company = current.companyProfile.companyName;
    if (result.outcome !== 'ended') {
      await this.deps.responses.sendNotice(context, locale.t('endRelationship.alreadyDone', { company }), { showMenu: true });
      return this.done();
    }
    const card = this.deps.cards.render('endRelationshipDone', locale.language, {
      summary: locale.t('endRelationship.doneSummary', { company, domain: current.companyProfile.domain, date: this.date(result.customer.relationshipEnded!.at, locale) }),
      reason: locale.t('endRelationship.doneReason', { reason: endReasonLabel(locale.t, state.reason!) }),
      notRemoved: locale.t('endRelationship.notRemovedList', { company }),
    });
    // In Teams the confirmation card becomes this read-only summary, so it cannot be pressed again.
    await sendOrReplaceCard(context, card, true);
    return this.done();
  }

  private async mayEnd(context: TurnContext): Promise<boolean> {
    const from = context.activity.from;
    const roles = await this.deps.roles.rolesOf(partnerTenantOf(context.activity), from?.aadObjectId ?? from?.id ?? '');
    if (isAllowed(roles, this.deps.allowedRoles)) return true;
    const { t, formatLocale } = turnLocale(context);
    const names = new Intl.ListFormat(formatLocale, { type: 'disjunction' }).format(this.deps.allowedRoles.map((role) => roleLabel(t, role)));
    await this.deps.responses.sendNotice(context, t('endRelationship.notAllowed', { roles: names }), { style: 'warning', showMenu: true });
    return false;
  }

  /** The card for the current stage, in the turn's language. */
  protected cardData(context: TurnContext, state: RemovalState): Record<string, unknown> {
    const locale = turnLocale(context);
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

  private date(iso: string, { formatDate }: TurnLocale): string {
    return formatDate(new Date(iso), { dateStyle: 'long' });
  }
}

const CARD_OF: Record<RemovalState['stage'], string> = { pick: 'endRelationshipPick', reason: 'endRelationshipCheck', confirm: 'endRelationshipConfirm' };

const initial = (term: string): RemovalState => ({ stage: 'pick', term, matches: [], pickMessage: 'prompt' });

