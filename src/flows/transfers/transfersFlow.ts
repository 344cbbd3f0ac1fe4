import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CustomerAccounts, CustomerList } from '../../customers/ports.js';
import type { AuditTrail } from '../../audit/auditTrail.js';
import type { AccountEvents, FeedSubscriptions } from '../../feed/accountEvents.js';
import { transferStatusLabel } from '../../i18n/labels.js';
import type { PartnerRole } from '../../rules/permissions.js';
import { deadlineOf, readTransferForm } from '../../rules/transferRules.js';
import { partnerLabel, TRANSFER_DIRECTIONS, type Transfer, type TransferChange, type TransferDirection, type Transfers } from '../../transfers/transfer.js';
import { matchActiveCustomer, startForTypedCustomer } from '../customerPick.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import type { Reply } from '../reply.js';
import { principalOf, type RequestContext } from '../requestContext.js';
import { transferCard } from './transferCards.js';
import { isTransfersState, VERBS, type CustomerRef, type Outcome as ListOutcome, type TransfersState, type TransfersVerb } from './transferState.js';

export const PAGE_SIZE = 10;
const ID = z.string().min(1).max(128);
const openSchema = z.object({ customerId: ID, transferId: ID });
const tabSchema = z.object({ direction: z.enum(TRANSFER_DIRECTIONS) });
const pageSchema = z.object({ cursor: z.string().max(64).optional() });
const chooseSchema = z.object({ customerId: ID.optional(), term: z.string().max(100).optional() });
const acceptSchema = z.object({ subscriptions: z.string().max(20_000).default('') });
const legacySchema = z.object({ subscriptionId: ID });

type Outcome = Step<TransfersState>;

/** What each answer to a request makes of it: the audit's change and the list's outcome alike. */
const DECISIONS = { 'transfers.accept': 'accepted', 'transfers.reject': 'rejected', 'transfers.cancel': 'cancelled' } as const;
type Decision = keyof typeof DECISIONS;

export interface TransfersFlowDeps {
  transfers: Transfers;
  accounts: CustomerAccounts;
  list: CustomerList;
  events: AccountEvents;
  /** Remembers the requester's personal chat, which then hears the answer. */
  feed: FeedSubscriptions;
  audit: AuditTrail;
  /** Who may see and answer transfer requests (configurable; Admin agent and Global admin by default). */
  allowedRoles: readonly PartnerRole[];
}

/**
 * Partner Center's "Transfer requests": Azure subscriptions (and new-commerce
 * licences) moving between partners. Sent and Received tabs; the future
 * partner requests a transfer for one of its customers (the current partner,
 * the customer's contact, what to move), sees first which subscriptions can
 * move and why others cannot, and may cancel while it is pending; the
 * current partner accepts the subscriptions it chooses, or rejects, within
 * 30 days. Legacy Azure (MS-AZR-0145P) has no API: a checklist guides the
 * manual process.
 */
export class TransfersFlow implements CardFlow<TransfersState, TransfersVerb> {
  readonly kind = 'card';
  readonly id = 'transfers';
  readonly verbs = VERBS;
  readonly commands = ['transfers', 'requestTransfer'];
  readonly menu = true;
  readonly onDetails = true;
  readonly roles: readonly PartnerRole[];

  constructor(private readonly deps: TransfersFlowDeps) {
    this.roles = deps.allowedRoles;
  }

  detailsTitle(t: (key: string) => string): string {
    return t('transfers.requestForCustomer');
  }

  readable(state: unknown): state is TransfersState {
    return isTransfersState(state);
  }

  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    if (options.customerId) return this.openForm(ctx, reply, options.customerId);
    if (options.command === 'requestTransfer') {
      const { t } = ctx.locale;
      return startForTypedCustomer(this.deps.list, ctx, options.argument, reply, {
        open: (id) => this.openForm(ctx, reply, id),
        pick: (matches) => ({ stage: 'pick', matches: matches.map(refOf) }),
        which: t('transfers.which'),
        none: (term) => t('transfers.noMatch', { term }),
      });
    }
    return show(await this.listState(ctx, 'received'));
  }

  async answer(ctx: RequestContext, state: TransfersState, answer: Answer<TransfersVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind !== 'action') {
      reply.notice(t('transfers.useTheCard'));
      return show(state);
    }
    const { verb, data } = answer;
    if (verb === 'transfers.close') {
      reply.notice(t('transfers.closed'), { showMenu: true });
      return done();
    }
    switch (`${state.stage}:${verb}`) {
      case 'list:transfers.tab':
      case 'details:transfers.tab': {
        const parsed = tabSchema.safeParse(data);
        return parsed.success ? show(await this.listState(ctx, parsed.data.direction)) : malformedAnswer(ctx, reply, state);
      }
      case 'list:transfers.page': {
        const parsed = pageSchema.safeParse(data);
        if (!parsed.success || state.stage !== 'list') return malformedAnswer(ctx, reply, state);
        return show(await this.listState(ctx, state.direction, parsed.data.cursor));
      }
      case 'list:transfers.open':
        return this.open(ctx, reply, state, data);
      case 'list:transfers.new':
        return show({ stage: 'pick', matches: [] });
      case 'pick:transfers.choose':
        return this.choose(ctx, reply, state, data);
      case 'form:transfers.check':
        return state.stage === 'form' ? this.check(ctx, state, data) : malformedAnswer(ctx, reply, state);
      case 'eligibility:transfers.send':
        return state.stage === 'eligibility' ? this.send(ctx, reply, state) : malformedAnswer(ctx, reply, state);
      case 'eligibility:transfers.legacy': {
        const parsed = legacySchema.safeParse(data);
        if (!parsed.success || state.stage !== 'eligibility') return malformedAnswer(ctx, reply, state);
        const line = state.lines.find((l) => l.subscriptionId === parsed.data.subscriptionId && l.reason === 'legacyAzure');
        if (!line) return malformedAnswer(ctx, reply, state);
        return show({ stage: 'legacy', customer: state.customer, subscriptionId: line.subscriptionId, source: state.source, previous: state });
      }
      case 'details:transfers.accept':
      case 'details:transfers.reject':
      case 'details:transfers.cancel':
        return state.stage === 'details' ? this.decide(ctx, reply, state, verb, data) : malformedAnswer(ctx, reply, state);
      case 'details:transfers.back':
      case 'pick:transfers.back':
      case 'form:transfers.back':
        return show(await this.listState(ctx, state.stage === 'details' ? state.direction : 'received'));
      case 'eligibility:transfers.back':
        return state.stage === 'eligibility' ? show({ stage: 'form', customer: state.customer, form: state.form, errors: {} }) : malformedAnswer(ctx, reply, state);
      case 'legacy:transfers.back':
        return state.stage === 'legacy' ? show(state.previous) : malformedAnswer(ctx, reply, state);
      default:
        return malformedAnswer(ctx, reply, state);
    }
  }

  card(ctx: RequestContext, state: TransfersState): CardView {
    return transferCard(ctx, state);
  }

  private async listState(ctx: RequestContext, direction: TransferDirection, cursor?: string, outcome?: ListOutcome): Promise<TransfersState> {
    const page = await this.deps.transfers.list(ctx, { direction, size: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    return { stage: 'list', direction, ...(cursor ? { cursor } : {}), page, ...(outcome ? { outcome } : {}) };
  }

  private async open(ctx: RequestContext, reply: Reply, state: TransfersState, data: Record<string, unknown>): Promise<Outcome> {
    const parsed = openSchema.safeParse(data);
    if (!parsed.success || state.stage !== 'list') return malformedAnswer(ctx, reply, state);
    const transfer = await this.deps.transfers.get(ctx, parsed.data.customerId, parsed.data.transferId);
    if (!transfer) {
      reply.notice(ctx.locale.t('transfers.notFound'), { style: 'warning' });
      return show(await this.listState(ctx, state.direction));
    }
    return show(await this.detailsState(ctx, state.direction, transfer));
  }

  /** A received pending request shows which of the customer's subscriptions can move, to choose from. */
  private async detailsState(ctx: RequestContext, direction: TransferDirection, transfer: Transfer): Promise<TransfersState> {
    const lines = direction === 'received' && transfer.status === 'pending' ? await this.deps.transfers.eligibility(ctx, transfer.customerId, transfer.source, transfer.productTypes, transfer.id) : [];
    return { stage: 'details', direction, transfer, lines };
  }

  private async choose(ctx: RequestContext, reply: Reply, state: TransfersState, data: Record<string, unknown>): Promise<Outcome> {
    const parsed = chooseSchema.safeParse(data);
    if (!parsed.success || state.stage !== 'pick') return malformedAnswer(ctx, reply, state);
    const { customerId, term } = parsed.data;
    // A choice must be one the card offered: a forged id is no customer of this partner's.
    if (customerId && state.matches.some((m) => m.id === customerId)) return this.openForm(ctx, reply, customerId);
    if (customerId || !term?.trim()) return malformedAnswer(ctx, reply, state);
    const match = await matchActiveCustomer(this.deps.list, ctx, term);
    if (match.kind === 'one') return this.openForm(ctx, reply, match.id);
    if (match.kind === 'several') return show({ stage: 'pick', matches: match.matches.map(refOf) });
    reply.notice(ctx.locale.t('transfers.noMatch', { term: term.trim() }), { style: 'warning' });
    return show(state);
  }

  private async openForm(ctx: RequestContext, reply: Reply, customerId: string): Promise<Outcome> {
    const found = await this.deps.accounts.get(ctx, customerId);
    if (!found || found.value.relationshipToPartner === 'none') {
      reply.notice(ctx.locale.t('transfers.needsRelationship'), { style: 'warning', showMenu: true });
      return done();
    }
    const customer = found.value;
    return show({
      stage: 'form',
      customer: { id: customer.id, companyName: customer.companyProfile.companyName, domain: customer.companyProfile.domain },
      form: { partner: '', customerEmail: customer.billingProfile.email, productTypes: ['AzureSubscription'] },
      errors: {},
    });
  }

  private async check(ctx: RequestContext, state: Extract<TransfersState, { stage: 'form' }>, data: Record<string, unknown>): Promise<Outcome> {
    const { form, errors } = readTransferForm(data);
    const source = errors.partner ? undefined : await this.deps.transfers.partner(ctx, form.partner);
    if (!errors.partner && !source) errors.partner = 'partnerUnknown';
    if (source && source.tenantId.toLowerCase() === ctx.tenantId.toLowerCase()) errors.partner = 'partnerIsYou';
    if (Object.keys(errors).length > 0 || !source) return show({ ...state, form, errors });
    const lines = await this.deps.transfers.eligibility(ctx, state.customer.id, source, form.productTypes);
    return show({ stage: 'eligibility', customer: state.customer, form, source, lines, requestId: randomUUID() });
  }

  private async send(ctx: RequestContext, reply: Reply, state: Extract<TransfersState, { stage: 'eligibility' }>): Promise<Outcome> {
    if (!state.lines.some((l) => l.eligible)) return malformedAnswer(ctx, reply, state);
    const { customer, form, source } = state;
    const transfer = await this.deps.transfers.create(ctx, customer.id, { customerName: customer.companyName, source, customerEmail: form.customerEmail, productTypes: form.productTypes }, { requestId: state.requestId });
    const deadline = deadlineOf(transfer);
    await this.audited(ctx, state.requestId, transfer, 'requested');
    await this.deps.feed.remember(ctx, transfer.id);
    this.publish('transferRequested', transfer.source.tenantId, transfer, transfer.target.name, ctx.now(), deadline);
    return show(await this.listState(ctx, 'sent', undefined, { kind: 'sent', company: customer.companyName, partner: partnerLabel(source), deadline: deadline.toISOString() }));
  }

  private async decide(ctx: RequestContext, reply: Reply, state: Extract<TransfersState, { stage: 'details' }>, verb: TransfersVerb, data: Record<string, unknown>): Promise<Outcome> {
    const { t } = ctx.locale;
    const { transfer } = state;
    const side = verb === 'transfers.cancel' ? 'sent' : 'received';
    if (state.direction !== side) return malformedAnswer(ctx, reply, state);
    let change: TransferChange;
    if (verb === 'transfers.accept') {
      const parsed = acceptSchema.safeParse(data);
      if (!parsed.success) return malformedAnswer(ctx, reply, state);
      const offered = new Set(state.lines.filter((l) => l.eligible).map((l) => l.subscriptionId));
      const chosen = parsed.data.subscriptions.split(',').map((s) => s.trim()).filter(Boolean);
      if (chosen.some((id) => !offered.has(id))) return malformedAnswer(ctx, reply, state);
      if (chosen.length === 0) {
        reply.notice(t('transfers.chooseSubscriptions'), { style: 'warning' });
        return show(state);
      }
      change = await this.deps.transfers.accept(ctx, transfer.customerId, transfer.id, chosen);
    } else if (verb === 'transfers.reject') {
      change = await this.deps.transfers.reject(ctx, transfer.customerId, transfer.id);
    } else {
      change = await this.deps.transfers.cancel(ctx, transfer.customerId, transfer.id);
    }
    if (change.outcome === 'notFound') {
      reply.notice(t('transfers.notFound'), { style: 'warning' });
      return show(await this.listState(ctx, state.direction));
    }
    if (change.outcome === 'notPending') {
      reply.notice(t('transfers.notPending', { status: transferStatusLabel(t, change.transfer.status) }), { style: 'warning' });
      return show(await this.detailsState(ctx, state.direction, change.transfer));
    }
    const changed = change.transfer;
    const kind = DECISIONS[verb as Decision];
    await this.audited(ctx, randomUUID(), changed, kind);
    const outcome: ListOutcome = { kind, company: changed.customerName, partner: partnerLabel(changed.target) };
    if (outcome.kind === 'accepted') {
      outcome.count = changed.lineItems.length;
      this.publish('transferAccepted', changed.target.tenantId, changed, changed.source.name, ctx.now(), undefined, changed.id);
    }
    if (outcome.kind === 'rejected') this.publish('transferRejected', changed.target.tenantId, changed, changed.source.name, ctx.now(), undefined, changed.id);
    return show(await this.listState(ctx, state.direction, undefined, outcome));
  }

  /** The audit entry: who did what to which request, with the other partner and (accepted) what moved. */
  private async audited(ctx: RequestContext, requestId: string, transfer: Transfer, change: 'requested' | 'accepted' | 'rejected' | 'cancelled'): Promise<void> {
    const other = change === 'requested' || change === 'cancelled' ? transfer.source : transfer.target;
    await this.deps.audit.record(ctx.tenantId, {
      requestId,
      at: ctx.now().toISOString(),
      actor: principalOf(ctx.user),
      action: 'transfer',
      customerId: transfer.customerId,
      companyName: transfer.customerName,
      change,
      transferId: transfer.id,
      partnerTenantId: other.tenantId,
      ...(change === 'accepted' ? { subscriptionIds: transfer.lineItems.map((l) => l.subscriptionId) } : {}),
    });
  }

  /** A notice for the other partner's feed (and, with `notify`, the requester's own chat): no user name crosses to another partner. */
  private publish(kind: 'transferRequested' | 'transferAccepted' | 'transferRejected', tenantId: string, transfer: Transfer, partnerName: string, at: Date, deadline?: Date, notify?: string): void {
    this.deps.events.publish({ kind, tenantId, customerId: transfer.customerId, companyName: transfer.customerName, domain: '', actorName: '', at: at.toISOString(), partnerName, ...(deadline ? { deadline: deadline.toISOString() } : {}), ...(notify ? { notify } : {}) });
  }
}

const refOf = (c: { id: string; companyName: string; domain: string }): CustomerRef => ({ id: c.id, companyName: c.companyName, domain: c.domain });
