import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Responses } from '../bot/responses.js';
import { partnerTenantOf } from '../bot/tenancy.js';
import { turnLocale } from '../bot/turnLocale.js';
import { DomainTakenError, DuplicateCustomerError, type CustomerDirectory } from '../customers/customerDirectory.js';
import { newCustomer } from '../customers/newCustomer.js';
import { canAddCustomers, DOMAIN_SUFFIX, type PartnerCloud } from '../rules/clouds.js';
import { DOMAIN, suggestDomainPrefixes, validateAddressStep, validateAgreementStep, validateCompanyStep, validateContactStep } from '../rules/customerRules.js';
import { temporaryPassword } from '../rules/temporaryPassword.js';
import { normalizeInput } from '../text/normalizeInput.js';
import { formCardData, reviewCardData } from './addCustomer/forms.js';
import { WIZARD_STEPS, type FormStep, type WizardState, type WizardStep } from './addCustomer/wizardState.js';
import { CardFlowDialog, type Outcome } from './cardFlowDialog.js';
import type { CardPromptResult } from './cardPrompt.js';

export const ADD_CUSTOMER_DIALOG = 'addCustomerDialog';

export interface AddCustomerDialogDeps {
  cards: CardRenderer;
  responses: Responses;
  directory: CustomerDirectory;
  cloud: PartnerCloud;
  /** Phrases that mean "back" in any language (locales/<lang>/commands.json `wizardBack`). */
  backPhrases: string[];
  now?: () => Date;
}

/**
 * Partner Center's "Add customer", one step per card: account info, address,
 * primary contact, Microsoft Customer Agreement, review. Every step is
 * validated on the server with the rules in src/rules; nothing is stored
 * until Create, and Create stores exactly one customer.
 */
export class AddCustomerDialog extends CardFlowDialog<WizardState> {
  private readonly backPhrases: Set<string>;
  private readonly now: () => Date;

  constructor(private readonly deps: AddCustomerDialogDeps) {
    super(ADD_CUSTOMER_DIALOG, deps.cards, deps.responses);
    this.backPhrases = new Set(deps.backPhrases.map(normalizeInput));
    this.now = deps.now ?? (() => new Date());
  }

  private get domainSuffix(): string {
    return DOMAIN_SUFFIX[this.deps.cloud];
  }

  protected async start(context: TurnContext): Promise<Outcome<WizardState>> {
    if (!canAddCustomers(this.deps.cloud)) {
      await this.deps.responses.sendNotice(context, turnLocale(context).t('addCustomer.germanyClosed'), { style: 'warning', showMenu: true });
      return this.done();
    }
    return this.show({ customerId: randomUUID(), step: 'company', returnToReview: false });
  }

  protected cardName(state: WizardState): string {
    return state.step === 'review' ? 'addCustomerReview' : 'form';
  }

  /** The current step's card data, in the turn's language (also after a language switch). */
  protected cardData(context: TurnContext, state: WizardState): Record<string, unknown> {
    const locale = turnLocale(context);
    if (state.step === 'review') return reviewCardData(state, locale, this.domainSuffix);
    return formCardData(state.step, state, locale, this.domainSuffix, this.today());
  }

  protected async answer(context: TurnContext, state: WizardState, result: CardPromptResult): Promise<Outcome<WizardState>> {
    const { t } = turnLocale(context);
    if (result.kind === 'text') {
      if (this.backPhrases.has(normalizeInput(result.text))) return this.show(back(state));
      await this.deps.responses.sendNotice(context, t('addCustomer.useTheCard'));
      return this.show(state);
    }
    const value = result.value;
    switch (value.verb) {
      case 'addCustomer.cancel':
        await this.deps.responses.sendNotice(context, t('addCustomer.cancelled'), { showMenu: true });
        return this.done();
      case 'addCustomer.back':
        return this.show(back(state));
      case 'addCustomer.edit': {
        const target = WIZARD_STEPS.find((s) => s === value.step && s !== 'review');
        if (!target || state.step !== 'review') return this.malformed(context, state);
        return this.show({ ...clean(state), step: target, returnToReview: true });
      }
      case 'addCustomer.skip':
        if (state.step !== 'agreement') return this.malformed(context, state);
        return this.show(advance({ ...clean(state), agreement: { skipped: true } }));
      case 'addCustomer.next':
        if (state.step === 'review') return this.malformed(context, state);
        return this.submitStep(state, state.step, value);
      case 'addCustomer.create':
        if (state.step !== 'review') return this.malformed(context, state);
        return this.create(context, state);
      default:
        return this.malformed(context, state);
    }
  }

  /** Validates one step's inputs; on errors the same step is shown again with the values kept. */
  private async submitStep(state: WizardState, step: FormStep, input: Record<string, unknown>): Promise<Outcome<WizardState>> {
    const draft = draftOf(input);
    const fail = (errors: WizardState['errors'], domainSuggestions?: string[]) => this.show({ ...state, draft, errors, domainSuggestions });
    switch (step) {
      case 'company': {
        const chosen = typeof input.suggestedDomainPrefix === 'string' ? { ...input, domainPrefix: input.suggestedDomainPrefix } : input;
        const result = validateCompanyStep(chosen, { domainSuffix: this.domainSuffix });
        if (!result.ok) return fail(result.errors);
        const taken = await this.takenMessage(result.value.domainPrefix, result.value.companyName, result.value.country);
        if (taken) return this.show({ ...state, draft: { ...draft, domainPrefix: result.value.domainPrefix }, errors: [taken.error], domainSuggestions: taken.suggestions });
        const countryChanged = state.company !== undefined && state.company.country !== result.value.country;
        // Address and contact rules depend on the country: after a change they are checked again, step by step.
        return this.show(advance({ ...clean(state), company: result.value, returnToReview: state.returnToReview && !countryChanged }));
      }
      case 'address': {
        const result = validateAddressStep(input, state.company!.country);
        return result.ok ? this.show(advance({ ...clean(state), address: result.value })) : fail(result.errors);
      }
      case 'contact': {
        const result = validateContactStep(input, state.company!.country);
        return result.ok ? this.show(advance({ ...clean(state), contact: result.value })) : fail(result.errors);
      }
      case 'agreement': {
        const result = validateAgreementStep(input, { today: this.now() });
        return result.ok ? this.show(advance({ ...clean(state), agreement: result.value })) : fail(result.errors);
      }
    }
  }

  private async takenMessage(prefix: string, companyName: string, country: string) {
    if (await this.deps.directory.isDomainAvailable(prefix + this.domainSuffix)) return undefined;
    // Suggestions must fit the cloud's limit on the whole domain (a longer suffix leaves a shorter prefix).
    const maxLength = Math.min(DOMAIN.prefixMax, DOMAIN.max - this.domainSuffix.length);
    const candidates = suggestDomainPrefixes(companyName, () => false, 12, { country, maxLength }).filter((p) => p !== prefix);
    const suggestions: string[] = [];
    for (const candidate of candidates) {
      if (suggestions.length === 3) break;
      if (await this.deps.directory.isDomainAvailable(candidate + this.domainSuffix)) suggestions.push(candidate);
    }
    return { error: { field: 'domainPrefix', code: 'domainTaken', params: { domain: prefix + this.domainSuffix } }, suggestions };
  }

  private async create(context: TurnContext, state: WizardState): Promise<Outcome<WizardState>> {
    const { company, address, contact, agreement } = state;
    if (!company || !address || !contact || !agreement) return this.show({ ...clean(state), step: firstMissing(state) });
    const { t, language } = turnLocale(context);
    const from = context.activity.from;
    const customer = newCustomer({
      id: state.customerId,
      country: company.country,
      companyName: company.companyName,
      domain: company.domainPrefix + this.domainSuffix,
      address,
      contact,
      agreement: agreement.skipped ? undefined : agreement,
      createdBy: from?.aadObjectId ?? from?.id ?? 'unknown',
      now: this.now(),
    });
    try {
      await this.deps.directory.create(partnerTenantOf(context.activity), customer);
    } catch (error) {
      if (error instanceof DomainTakenError) {
        // Someone took the domain between the company step and Create: back to that step, values kept.
        await this.deps.responses.sendNotice(context, t('addCustomer.domainTaken'), { style: 'warning' });
        const taken = await this.takenMessage(company.domainPrefix, company.companyName, company.country);
        return this.show({ ...clean(state), step: 'company', returnToReview: true, draft: { ...company }, errors: taken ? [taken.error] : [], domainSuggestions: taken?.suggestions });
      }
      if (error instanceof DuplicateCustomerError) return this.done();
      throw error;
    }
    // The password lives only in this card: not in state, not in storage, not in logs.
    const card = this.deps.cards.render('addCustomerResult', language, {
      id: customer.id,
      domain: customer.companyProfile.domain,
      adminUserName: customer.adminUserName,
      temporaryPassword: temporaryPassword(),
      created: t('addCustomer.result.created', { company: customer.companyProfile.companyName }),
      agreement: customer.agreement ? t('addCustomer.result.agreementRecorded') : t('addCustomer.result.agreementNeeded'),
    });
    await context.sendActivity(MessageFactory.attachment(card));
    return this.done();
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

/** The state without what belongs to one showing of a step. */
function clean(state: WizardState): WizardState {
  const { draft: _draft, errors: _errors, domainSuggestions: _suggestions, ...rest } = state;
  return rest;
}

function advance(state: WizardState): WizardState {
  const next: WizardStep = state.returnToReview ? 'review' : WIZARD_STEPS[WIZARD_STEPS.indexOf(state.step) + 1]!;
  return { ...state, step: next, returnToReview: next === 'review' ? false : state.returnToReview };
}

function back(state: WizardState): WizardState {
  const index = WIZARD_STEPS.indexOf(state.step);
  return { ...clean(state), step: WIZARD_STEPS[Math.max(0, index - 1)]!, returnToReview: false };
}

function firstMissing(state: WizardState): WizardStep {
  if (!state.company) return 'company';
  if (!state.address) return 'address';
  if (!state.contact) return 'contact';
  return 'agreement';
}

/** The string inputs of a submit, to show again if the step fails (other types are dropped). */
function draftOf(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
