import { randomUUID } from 'node:crypto';
import type { AccountEvents } from '../../feed/accountEvents.js';
import type { AuditTrail } from '../../audit/auditTrail.js';
import { DomainTakenError } from '../../customers/customerStore.js';
import { BackendRefusal, type CustomerAccounts, type CustomerList, type DomainAvailability, type IndirectRelationships, type RefusalKind } from '../../customers/ports.js';
import type { PartnerModels } from '../../rules/partnerModel.js';
import { refusalMessage } from '../refusals.js';
import { newCustomer } from '../../customers/newCustomer.js';
import { canAddCustomers, DOMAIN_SUFFIX, type PartnerCloud } from '../../rules/clouds.js';
import { DOMAIN, suggestDomainPrefixes, validateAddressStep, validateAgreementStep, validateCompanyStep, validateContactStep } from '../../rules/customerRules.js';
import { normalizeInput } from '../../text/normalizeInput.js';
import { countryRules } from '../../rules/countries.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type Step } from '../flow.js';
import type { Reply } from '../reply.js';
import { principalOf, type RequestContext } from '../requestContext.js';
import { formCardData, NO_RESELLER, reviewCardData } from './forms.js';
import { WIZARD_STEPS, type FormStep, type WizardState, type WizardStep } from './wizardState.js';
import { customerCreatedData } from './customerCreatedView.js';

const VERBS = ['addCustomer.next', 'addCustomer.back', 'addCustomer.edit', 'addCustomer.skip', 'addCustomer.create', 'addCustomer.cancel'] as const;
export type AddCustomerVerb = (typeof VERBS)[number];

export interface AddCustomerFlowDeps {
  accounts: CustomerAccounts;
  domains: DomainAvailability;
  list: CustomerList;
  audit: AuditTrail;
  cloud: PartnerCloud;
  /** Phrases that mean "back" in any language (locales/<lang>/commands.json `wizardBack`). */
  backPhrases: string[];
  events: AccountEvents;
  indirect: IndirectRelationships;
  models: PartnerModels;
}

type Outcome = Step<WizardState>;

/** Resellers offered on the company step (a choice list stays usable). */
const MAX_RESELLERS = 100;

/** Refusals of Create that the address step can fix (2007 address, 600002/600049/600050 registration number, 600051 phone). */
const ADDRESS_REFUSALS: readonly RefusalKind[] = ['address', 'registrationNumber', 'phoneNumber'];

/**
 * Partner Center's "Add customer", one step per card: account info, address,
 * primary contact, Microsoft Customer Agreement, review. Every step is
 * validated on the server with the rules in src/rules; nothing is stored
 * until Create, and Create stores exactly one customer.
 */
export class AddCustomerFlow implements CardFlow<WizardState, AddCustomerVerb> {
  readonly kind = 'card';
  readonly id = 'addCustomer';
  readonly verbs = VERBS;
  readonly menu = true;
  readonly onDetails = false;
  /** The result shows the admin's temporary password. */
  readonly private = true;
  private readonly backPhrases: Set<string>;

  constructor(private readonly deps: AddCustomerFlowDeps) {
    this.backPhrases = new Set(deps.backPhrases.map(normalizeInput));
  }

  private get domainSuffix(): string {
    return DOMAIN_SUFFIX[this.deps.cloud];
  }

  async start(ctx: RequestContext, _options: unknown, reply: Reply): Promise<Outcome> {
    if (!canAddCustomers(this.deps.cloud)) {
      reply.notice(ctx.locale.t('addCustomer.germanyClosed'), { style: 'warning', showMenu: true });
      return done();
    }
    // An indirect provider adds a customer for one of its resellers, or for itself.
    const resellers = (await this.deps.models.of(ctx)) === 'indirectProvider' ? (await this.deps.indirect.resellers(ctx)).map(({ id, name }) => ({ id, name })).slice(0, MAX_RESELLERS) : [];
    return show({ requestId: randomUUID(), step: 'company', returnToReview: false, ...(resellers.length ? { resellers } : {}) });
  }

  /** The current step's card, in the turn's language (also after a language switch). */
  card(ctx: RequestContext, state: WizardState): CardView {
    if (state.step === 'review') return { template: 'addCustomerReview', data: reviewCardData(state, ctx.locale, this.domainSuffix) };
    return { template: 'form', data: formCardData(state.step, state, ctx.locale, this.domainSuffix, this.today(ctx)) };
  }

  readable(state: unknown): state is WizardState {
    const wizard = state as Partial<WizardState> | undefined;
    return typeof wizard?.requestId === 'string' && WIZARD_STEPS.includes(wizard.step as WizardStep);
  }

  async answer(ctx: RequestContext, state: WizardState, answer: Answer<AddCustomerVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind === 'text') {
      if (this.backPhrases.has(normalizeInput(answer.text))) return show(back(state));
      reply.notice(t('addCustomer.useTheCard'));
      return show(state);
    }
    const value = answer.data;
    switch (answer.verb) {
      case 'addCustomer.cancel':
        reply.notice(t('addCustomer.cancelled'), { showMenu: true });
        return done();
      case 'addCustomer.back':
        return show(back(state));
      case 'addCustomer.edit': {
        const target = WIZARD_STEPS.find((s) => s === value.step && s !== 'review');
        if (!target || state.step !== 'review') return malformedAnswer(ctx, reply, state);
        return show({ ...clean(state), step: target, returnToReview: true });
      }
      case 'addCustomer.skip':
        if (state.step !== 'agreement') return malformedAnswer(ctx, reply, state);
        return show(advance({ ...clean(state), agreement: { skipped: true } }));
      case 'addCustomer.next':
        if (state.step === 'review') return malformedAnswer(ctx, reply, state);
        return this.submitStep(ctx, state, state.step, value, reply);
      case 'addCustomer.create':
        if (state.step !== 'review') return malformedAnswer(ctx, reply, state);
        return this.create(ctx, state, reply);
    }
  }

  /** Validates one step's inputs; on errors the same step is shown again with the values kept. */
  private async submitStep(ctx: RequestContext, state: WizardState, step: FormStep, input: Record<string, unknown>, reply: Reply): Promise<Outcome> {
    const draft = draftOf(input);
    const fail = (errors: WizardState['errors'], domainSuggestions?: string[]) => show({ ...state, draft, errors, domainSuggestions });
    switch (step) {
      case 'company': {
        const chosen = typeof input.suggestedDomainPrefix === 'string' ? { ...input, domainPrefix: input.suggestedDomainPrefix } : input;
        const result = validateCompanyStep(chosen, { domainSuffix: this.domainSuffix });
        if (!result.ok) return fail(result.errors);
        const reseller = input.indirectResellerId ?? NO_RESELLER;
        // Only one of the resellers the card offered (a forged id is no choice).
        if (state.resellers && reseller !== NO_RESELLER && !state.resellers.some((r) => r.id === reseller)) return malformedAnswer(ctx, reply, state);
        const taken = await this.takenMessage(ctx, result.value.domainPrefix, result.value.companyName, result.value.country);
        if (taken) return show({ ...state, draft: { ...draft, domainPrefix: result.value.domainPrefix }, errors: [taken.error], domainSuggestions: taken.suggestions });
        const countryChanged = state.company !== undefined && state.company.country !== result.value.country;
        // Address and contact rules depend on the country: after a change they are checked again, step by step.
        const indirectResellerId = state.resellers && reseller !== NO_RESELLER ? (reseller as string) : undefined;
        // The contact's culture is one of the country's: a new country offers its own (the old one may not be among them).
        const contact = countryChanged && state.contact ? { ...state.contact, culture: countryRules(result.value.country).defaultCulture } : state.contact;
        return show(advance({ ...clean(state), company: result.value, ...(contact ? { contact } : {}), indirectResellerId, returnToReview: state.returnToReview && !countryChanged }));
      }
      case 'address': {
        const result = validateAddressStep(input, state.company!.country);
        return result.ok ? show(advance({ ...clean(state), address: result.value })) : fail(result.errors);
      }
      case 'contact': {
        const result = validateContactStep(input, state.company!.country);
        return result.ok ? show(advance({ ...clean(state), contact: result.value })) : fail(result.errors);
      }
      case 'agreement': {
        const result = validateAgreementStep(input, { today: ctx.now() });
        return result.ok ? show(advance({ ...clean(state), agreement: result.value })) : fail(result.errors);
      }
    }
  }

  private async takenMessage(ctx: RequestContext, prefix: string, companyName: string, country: string) {
    if ((await this.deps.domains.available(ctx, [prefix + this.domainSuffix])).size > 0) return undefined;
    // Suggestions must fit the cloud's limit on the whole domain (a longer suffix leaves a shorter prefix).
    const maxLength = Math.min(DOMAIN.prefixMax, DOMAIN.max - this.domainSuffix.length);
    const candidates = suggestDomainPrefixes(companyName, () => false, 12, { country, maxLength }).filter((p) => p !== prefix);
    const free = await this.deps.domains.available(ctx, candidates.map((candidate) => candidate + this.domainSuffix));
    const suggestions = candidates.filter((candidate) => free.has(candidate + this.domainSuffix)).slice(0, 3);
    return { error: { field: 'domainPrefix', code: 'domainTaken', params: { domain: prefix + this.domainSuffix } }, suggestions };
  }

  private async create(ctx: RequestContext, state: WizardState, reply: Reply): Promise<Outcome> {
    const { company, address, contact, agreement } = state;
    if (!company || !address || !contact || !agreement) return show({ ...clean(state), step: firstMissing(state) });
    const { t } = ctx.locale;
    const request = newCustomer({
      country: company.country,
      companyName: company.companyName,
      domain: company.domainPrefix + this.domainSuffix,
      address,
      contact,
      agreement: agreement.skipped ? undefined : agreement,
      createdBy: principalOf(ctx.user),
      now: ctx.now(),
      ...(state.indirectResellerId ? { associatedPartnerId: state.indirectResellerId } : {}),
    });
    let created;
    let known;
    try {
      // The request id was chosen when the wizard started: a repeated Create is the same request, answered once.
      known = await this.deps.audit.status(ctx.tenantId, state.requestId);
      await this.deps.audit.begin(ctx.tenantId, { requestId: state.requestId, action: 'createCustomer', at: ctx.now().toISOString(), actor: principalOf(ctx.user) });
      created = await this.deps.accounts.create(ctx, request, { requestId: state.requestId });
    } catch (error) {
      if (error instanceof BackendRefusal && ADDRESS_REFUSALS.includes(error.kind)) {
        // Partner Center's own address and country checks: back to the address step, values kept, its reason above.
        reply.notice(refusalMessage(ctx, error), { style: 'warning' });
        return show({ ...clean(state), step: 'address', returnToReview: true });
      }
      if (!(error instanceof DomainTakenError)) throw error;
      // Someone took the domain between the company step and Create: back to that step, values kept.
      reply.notice(t('addCustomer.domainTaken'), { style: 'warning' });
      const taken = await this.takenMessage(ctx, company.domainPrefix, company.companyName, company.country);
      return show({ ...clean(state), step: 'company', returnToReview: true, draft: { ...company }, errors: taken ? [taken.error] : [], domainSuggestions: taken?.suggestions });
    }
    const { customer, userCredentials } = created;
    const { companyName, domain } = customer.companyProfile;
    // After the backend confirmed; once per request id (a replay that finds it written adds nothing).
    await this.deps.audit.record(ctx.tenantId, { requestId: state.requestId, at: customer.createdAt, actor: principalOf(ctx.user), action: 'createCustomer', customerId: customer.id, companyName });
    this.deps.list.changed(ctx, customer);
    // Partner Center answers a repeated request id with the same response: the ledger says whether it was shown already.
    if (created.replayed || known === 'done' || !userCredentials) {
      // Made by this same request before (a retried turn): nothing new, and the password was shown then.
      reply.notice(t('addCustomer.alreadyCreated', { company: companyName, admin: customer.adminUserName ?? '' }), { showMenu: true, placement: 'replace' });
      return done();
    }
    this.deps.events.publish({ kind: 'customerCreated', tenantId: ctx.tenantId, customerId: customer.id, companyName, domain, actorName: ctx.user.name, at: customer.createdAt });
    // The password is the backend's (Partner Center's userCredentials) and lives only in this card: not in state, storage or logs, never in a shared chat.
    const data = customerCreatedData(t, customer, userCredentials.userName, userCredentials.password);
    const undelivered = t('addCustomer.result.undelivered', { company: companyName, domain, admin: userCredentials.userName });
    const hiddenLater = { template: 'addCustomerResult', data: customerCreatedData(t, customer, userCredentials.userName) };
    reply.card('addCustomerResult', data, { placement: 'replace', secret: true, hiddenLater, undelivered });
    return done();
  }

  private today(ctx: RequestContext): string {
    return ctx.now().toISOString().slice(0, 10);
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
