import type { AddressStep, AgreementStep, CompanyStep, ContactStep } from '../../rules/customerRules.js';
import type { FieldError } from '../../rules/validationResult.js';

export const WIZARD_STEPS = ['company', 'address', 'contact', 'agreement', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];
export const FORM_STEPS = ['company', 'address', 'contact', 'agreement'] as const;
export type FormStep = (typeof FORM_STEPS)[number];

/**
 * Everything the wizard knows, kept in dialog state between turns. The
 * temporary password is never part of it: it exists only while the result
 * card is built.
 */
export interface WizardState {
  /** The create's MS-RequestId, chosen when the wizard starts: a repeated Create is the same request, so it makes one customer. */
  requestId: string;
  step: WizardStep;
  /** After an Edit from the review card, Next goes straight back to the review. */
  returnToReview: boolean;
  /** Each step's accepted values: exactly what its validator returned. */
  company?: CompanyStep;
  address?: AddressStep;
  contact?: ContactStep;
  agreement?: AgreementStep;
  /** What the user entered on the current step, shown again next to its errors. */
  draft?: Record<string, string>;
  errors?: FieldError[];
  domainSuggestions?: string[];
  /** An indirect provider's resellers, read when the wizard starts, to add the customer for one of them. */
  resellers?: Array<{ id: string; name: string }>;
  /** The chosen reseller; none = the provider sells directly. */
  indirectResellerId?: string;
}
