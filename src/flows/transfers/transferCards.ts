import { ineligibleReasonLabel, productTypeLabel, transferFormErrorLabel, transferStatusLabel } from '../../i18n/labels.js';
import { counted, type TurnLocale } from '../../i18n/localizer.js';
import { deadlineOf } from '../../rules/transferRules.js';
import { customerLabel, partnerLabel, PRODUCT_TYPES, type EligibilityLine, type Transfer, type TransferStatus } from '../../transfers/transfer.js';
import type { CardView } from '../flow.js';
import type { RequestContext } from '../requestContext.js';
import type { Outcome, TransfersState } from './transferState.js';

/** The manual process for legacy Azure, step by step (domain.md §10 B). */
export const LEGACY_STEPS = ['request', 'ticket', 'form', 'sign', 'upload', 'after'] as const;

const STATUS_COLOR: Record<TransferStatus, string> = { pending: 'Accent', completed: 'Good', expired: 'Attention', cancelled: 'Default', rejected: 'Attention' };

/** The card for each stage of the transfers flow, in the turn's language. */
export function transferCard(ctx: RequestContext, state: TransfersState): CardView {
  const locale = ctx.locale;
  const { t } = locale;
  switch (state.stage) {
    case 'list': {
      const { page, direction, outcome } = state;
      return {
        template: 'transfersList',
        data: {
          title: t('transfers.title'),
          outcome: outcome ? outcomeText(locale, outcome) : '',
          tab: direction === 'received' ? t('transfers.showingReceived') : t('transfers.showingSent'),
          intro: direction === 'received' ? t('transfers.receivedIntro') : t('transfers.sentIntro'),
          otherDirection: direction === 'received' ? 'sent' : 'received',
          otherTab: direction === 'received' ? t('transfers.tabs.sent') : t('transfers.tabs.received'),
          summary: page.total === undefined ? '' : t('transfers.count', counted(locale, page.total)),
          empty: page.items.length === 0 ? (direction === 'received' ? t('transfers.noneReceived') : t('transfers.noneSent')) : '',
          rows: page.items.map((transfer) => rowOf(locale, transfer, direction === 'received')),
          hasPrevious: page.previous !== undefined,
          previousCursor: page.previous ?? '',
          hasNext: page.next !== undefined,
          nextCursor: page.next ?? '',
        },
      };
    }
    case 'details':
      return detailsCard(locale, state.transfer, state.direction === 'received', state.lines);
    case 'pick':
      return {
        template: 'transferPick',
        data: {
          title: t('transfers.newTitle'),
          intro: t('transfers.pickIntro'),
          matches: state.matches.map((m) => ({ id: m.id, title: `${m.companyName} (${m.domain})` })),
        },
      };
    case 'form': {
      const { form, errors, customer } = state;
      const error = (field: keyof typeof errors) => (errors[field] ? transferFormErrorLabel(t, errors[field]) : '');
      return {
        template: 'transferForm',
        data: {
          title: t('transfers.formTitle', { company: customer.companyName }),
          intro: t('transfers.formIntro'),
          prerequisites: t('transfers.prerequisites'),
          partner: form.partner,
          partnerError: error('partner'),
          customerEmail: form.customerEmail,
          emailError: error('customerEmail'),
          productTypes: form.productTypes.join(','),
          productTypesError: error('productTypes'),
          productChoices: PRODUCT_TYPES.map((type) => ({ title: productTypeLabel(t, type), value: type })),
        },
      };
    }
    case 'eligibility': {
      const { lines, customer, source } = state;
      const movable = lines.filter((l) => l.eligible).length;
      return {
        template: 'transferEligibility',
        data: {
          title: t('transfers.eligibilityTitle', { company: customer.companyName }),
          from: t('transfers.fromPartner', { partner: partnerLabel(source) }),
          summary: lines.length === 0 ? t('transfers.noSubscriptions') : t('transfers.movable', { movable: locale.formatNumber(movable), ...counted(locale, lines.length) }),
          lines: lines.map((line) => lineOf(locale, line)),
          consequences: t('transfers.consequences'),
          canSend: movable > 0,
        },
      };
    }
    case 'legacy': {
      const { customer, subscriptionId, source } = state;
      const steps = LEGACY_STEPS.map((step, i) => ({ number: `${i + 1}.`, text: t(`transfers.legacy.steps.${step}`, { subscriptionId, customerId: customer.id, partner: partnerLabel(source) }) }));
      return {
        template: 'transferLegacy',
        data: {
          title: t('transfers.legacy.title', { company: customer.companyName }),
          intro: t('transfers.legacy.intro'),
          facts: [
            { title: t('transfers.legacy.customerId'), value: customer.id },
            { title: t('transfers.legacy.subscriptionId'), value: subscriptionId },
            { title: t('transfers.legacy.ticketFields'), value: t('transfers.legacy.ticketValues') },
          ],
          steps,
        },
      };
    }
  }
}

/** "Transfer request sent …", "2 subscriptions … transferred": what the answer did, atop the list. */
function outcomeText(locale: TurnLocale, outcome: Outcome): string {
  const { t } = locale;
  const params = { company: outcome.company, partner: outcome.partner, ...counted(locale, outcome.count ?? 0), ...(outcome.deadline ? { deadline: cardDate(locale, outcome.deadline) } : {}) };
  return t(`transfers.${outcome.kind}`, params);
}

/** The one date style of the transfer cards. */
const cardDate = ({ formatDay }: TurnLocale, at: string | Date): string => formatDay(new Date(at));

function rowOf(locale: TurnLocale, transfer: Transfer, received: boolean): Record<string, unknown> {
  const { t } = locale;
  const date = (at: string | Date) => cardDate(locale, at);
  const other = received ? transfer.target : transfer.source;
  const requested = date(transfer.createdAt);
  const deadline = date(deadlineOf(transfer));
  const when =
    transfer.status === 'pending' ? t('transfers.requestedDue', { requested, deadline }) : transfer.status === 'expired' ? t('transfers.requestedExpired', { requested, deadline }) : t('transfers.requestedChanged', { requested, changed: date(transfer.lastModifiedAt) });
  return {
    customerId: transfer.customerId,
    transferId: transfer.id,
    customerName: customerLabel(transfer),
    partner: received ? t('transfers.requestedBy', { partner: partnerLabel(other) }) : t('transfers.currentPartner', { partner: partnerLabel(other) }),
    status: transferStatusLabel(t, transfer.status),
    statusColor: STATUS_COLOR[transfer.status],
    when,
    subscriptions: transfer.lineItems.map((l) => l.offerName || l.subscriptionId).join(', '),
  };
}

function detailsCard(locale: TurnLocale, transfer: Transfer, received: boolean, lines: EligibilityLine[]): CardView {
  const { t } = locale;
  const date = (at: string | Date) => cardDate(locale, at);
  const pending = transfer.status === 'pending';
  const facts = [
    { title: t('transfers.facts.customer'), value: customerLabel(transfer) },
    { title: t('transfers.facts.currentPartner'), value: partnerLabel(transfer.source) },
    { title: t('transfers.facts.futurePartner'), value: partnerLabel(transfer.target) },
    { title: t('transfers.facts.contact'), value: transfer.customerEmail || '–' },
    { title: t('transfers.facts.products'), value: transfer.productTypes.map((p) => productTypeLabel(t, p)).join(', ') || '–' },
    { title: t('transfers.facts.status'), value: transferStatusLabel(t, transfer.status) },
    { title: t('transfers.facts.requested'), value: date(transfer.createdAt) },
    pending ? { title: t('transfers.facts.deadline'), value: date(deadlineOf(transfer)) } : { title: t('transfers.facts.changed'), value: date(transfer.lastModifiedAt) },
  ];
  const eligible = lines.filter((l) => l.eligible);
  return {
    template: 'transferDetails',
    data: {
      title: t('transfers.detailsTitle', { company: customerLabel(transfer) }),
      facts,
      moved: transfer.lineItems.map((l) => l.offerName || l.subscriptionId).join(', '),
      movedLabel: t('transfers.facts.moved'),
      canAnswer: received && pending,
      canCancel: !received && pending,
      chooseLabel: t('transfers.chooseLabel'),
      choices: eligible.map((l) => ({ title: l.offerName || l.subscriptionId, value: l.subscriptionId })),
      selected: eligible.map((l) => l.subscriptionId).join(','),
      blocked: lines.filter((l) => !l.eligible).map((line) => lineOf(locale, line)),
      noneMovable: received && pending && eligible.length === 0 ? t('transfers.noneMovable') : '',
      answerNote: received && pending ? t('transfers.answerNote', { deadline: date(deadlineOf(transfer)) }) : '',
    },
  };
}

function lineOf({ t }: TurnLocale, line: EligibilityLine): Record<string, unknown> {
  return {
    name: line.offerName || line.subscriptionId,
    id: line.subscriptionId,
    verdict: line.eligible ? t('transfers.canMove') : [ineligibleReasonLabel(t, line.reason ?? 'other'), line.detail].filter(Boolean).join(' '),
    color: line.eligible ? 'Good' : 'Attention',
    legacy: line.reason === 'legacyAzure',
  };
}
