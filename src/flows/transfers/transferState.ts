import type { EligibilityLine, Transfer, TransferDirection, TransferPage, TransferPartner } from '../../transfers/transfer.js';
import type { TransferForm, TransferFormError } from '../../rules/transferRules.js';

export const VERBS = [
  'transfers.tab',
  'transfers.page',
  'transfers.open',
  'transfers.accept',
  'transfers.reject',
  'transfers.cancel',
  'transfers.back',
  'transfers.new',
  'transfers.choose',
  'transfers.check',
  'transfers.send',
  'transfers.legacy',
  'transfers.close',
] as const;
export type TransfersVerb = (typeof VERBS)[number];

export interface CustomerRef {
  id: string;
  companyName: string;
  domain: string;
}

/** What the last answer did, said at the top of the list it returns to (one card: Teams replaces the pressed one with it). */
export interface Outcome {
  kind: (typeof OUTCOMES)[number];
  company: string;
  partner: string;
  count?: number;
  /** ISO 8601, for a request just sent. */
  deadline?: string;
}
export const OUTCOMES = ['sent', 'accepted', 'rejected', 'cancelled'] as const;

export type FormErrors = Partial<Record<'partner' | 'customerEmail' | 'productTypes', TransferFormError>>;

/** Where the transfers flow stands, kept per conversation (per user in shared chats). */
export type TransfersState =
  | { stage: 'list'; direction: TransferDirection; cursor?: string; page: TransferPage; outcome?: Outcome }
  | { stage: 'details'; direction: TransferDirection; transfer: Transfer; lines: EligibilityLine[] }
  | { stage: 'pick'; matches: CustomerRef[] }
  | { stage: 'form'; customer: CustomerRef; form: TransferForm; errors: FormErrors }
  | { stage: 'eligibility'; customer: CustomerRef; form: TransferForm; source: TransferPartner; lines: EligibilityLine[]; requestId: string }
  | { stage: 'legacy'; customer: CustomerRef; subscriptionId: string; source: TransferPartner; previous: Extract<TransfersState, { stage: 'eligibility' }> };

export function isTransfersState(state: unknown): state is TransfersState {
  const s = state as { stage?: unknown; direction?: unknown; customer?: unknown; matches?: unknown; form?: unknown } | undefined;
  switch (s?.stage) {
    case 'list':
    case 'details':
      return s.direction === 'sent' || s.direction === 'received';
    case 'pick':
      return Array.isArray(s.matches);
    case 'form':
    case 'eligibility':
    case 'legacy':
      return typeof s.customer === 'object' && s.customer !== null;
    default:
      return false;
  }
}
