import { randomUUID } from 'node:crypto';
import type { CustomerSummary } from '../../customers/customerQuery.js';
import type { CustomerAccounts, CustomerList, CustomerUsers } from '../../customers/ports.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { canBulkAddUsers, type PartnerCloud } from '../../rules/clouds.js';
import { isIsoCountry } from '../../rules/countries.js';
import type { PartnerRole } from '../../rules/permissions.js';
import { parseUserCsv, validateUserRows, type ColumnNames, type RowProblem, type UserRow } from '../../rules/userCsv.js';
import { startForTypedCustomer } from '../customerPick.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type IncomingFile, type Step } from '../flow.js';
import { startJob } from '../jobStart.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';
import { confirmCardData, fileCardData, type FileProblem } from './addUsersCards.js';

const VERBS = ['addUsers.choose', 'addUsers.create', 'addUsers.cancel'] as const;
export type AddUsersVerb = (typeof VERBS)[number];
const STAGES = ['pick', 'file', 'confirm'] as const;
/** Row problems kept to show; the rest are counted. */
const MAX_PROBLEMS = 20;

export interface Owner {
  id: string;
  companyName: string;
  domain: string;
  country: string;
}

export interface AddUsersState {
  stage: (typeof STAGES)[number];
  matches: CustomerSummary[];
  owner?: Owner;
  /** What was wrong with the last file: the file itself, or its rows (the first ones, and how many in all). */
  fileProblem?: FileProblem;
  problems?: RowProblem[];
  problemCount?: number;
  /** The checked rows, waiting for the usage location and the go. */
  rows?: UserRow[];
}

type Outcome = Step<AddUsersState>;

export interface AddUsersFlowDeps {
  accounts: CustomerAccounts;
  list: CustomerList;
  users: CustomerUsers;
  jobs: JobRunner;
  cloud: PartnerCloud;
  columns: ColumnNames;
  /** The sample file's link, in a language, with a customer's domain. */
  sampleUrl: (language: string, domain: string) => string;
  allowedRoles: readonly PartnerRole[];
}

/**
 * Partner Center's "Upload users": the user attaches a CSV, every row is
 * checked before anything is made (problems by line, the flow waits for a
 * fixed file), one usage location is chosen for all, and a background job
 * creates the users and offers their temporary passwords once.
 */
export class AddUsersFlow implements CardFlow<AddUsersState, AddUsersVerb> {
  readonly kind = 'card';
  readonly id = 'addUsers';
  readonly verbs = VERBS;
  readonly menu = false;
  readonly onDetails = true;
  readonly private = true;
  readonly roles: readonly PartnerRole[];

  constructor(private readonly deps: AddUsersFlowDeps) {
    this.roles = deps.allowedRoles;
  }

  readable(state: unknown): state is AddUsersState {
    const s = state as Partial<AddUsersState> | undefined;
    if (!STAGES.includes(s?.stage as AddUsersState['stage']) || !Array.isArray(s?.matches)) return false;
    return s!.stage === 'pick' || (s!.owner !== undefined && (s!.stage !== 'confirm' || Array.isArray(s!.rows)));
  }

  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    // Partner Center has no bulk users in the national clouds (domain.md §1): say where it is done instead.
    if (!canBulkAddUsers(this.deps.cloud)) {
      reply.notice(t(`addUsers.cloud.${this.deps.cloud}`), { style: 'warning', showMenu: true });
      return done();
    }
    if (options.customerId) return this.open(ctx, reply, options.customerId);
    return startForTypedCustomer(this.deps.list, ctx, options.argument, reply, {
      open: (id) => this.open(ctx, reply, id),
      pick: (matches) => ({ stage: 'pick', matches }),
      which: t('addUsers.which'),
      none: (term) => t('addUsers.none', { term }),
    });
  }

  async answer(ctx: RequestContext, state: AddUsersState, answer: Answer<AddUsersVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind === 'text') {
      reply.notice(state.stage === 'file' ? t('addUsers.attachFile') : t('addUsers.useTheCard'));
      return show(state);
    }
    switch (`${state.stage}:${answer.verb}`) {
      case 'pick:addUsers.choose': {
        const chosen = state.matches.find((m) => m.id === answer.data.customerId);
        return chosen ? this.open(ctx, reply, chosen.id) : malformedAnswer(ctx, reply, state);
      }
      case 'confirm:addUsers.create':
        return this.create(ctx, state, answer.data.usageLocation, reply);
      default:
        if (answer.verb === 'addUsers.cancel') {
          reply.notice(t('addUsers.cancelled'), { showMenu: true });
          return done();
        }
        return malformedAnswer(ctx, reply, state);
    }
  }

  private async open(ctx: RequestContext, reply: Reply, customerId: string): Promise<Outcome> {
    const customer = await this.deps.accounts.get(ctx, customerId);
    if (!customer || customer.value.relationshipToPartner === 'none') {
      reply.notice(ctx.locale.t('addUsers.notFound'), { style: 'warning', showMenu: true });
      return done();
    }
    const { id, companyProfile, billingProfile } = customer.value;
    return show({ stage: 'file', matches: [], owner: { id, companyName: companyProfile.companyName, domain: companyProfile.domain, country: billingProfile.defaultAddress.country } });
  }

  /** Reads and checks the whole file; nothing is created until every row is right. A new file replaces the last. */
  async receiveFile(ctx: RequestContext, state: AddUsersState, file: IncomingFile): Promise<Outcome> {
    if (state.stage === 'pick') return show(state);
    const base: AddUsersState = { stage: 'file', matches: [], owner: state.owner };
    if (/\.(xlsx?|xlsm|ods|numbers|docx?|pdf|zip|png|jpe?g|gif)$/i.test(file.name)) return show({ ...base, fileProblem: { problem: 'notCsv' } });
    const content = await file.read();
    if (!content.ok) return show({ ...base, fileProblem: { problem: content.problem } });
    const parsed = parseUserCsv(content.bytes, this.deps.columns);
    if (!parsed.ok) return show({ ...base, fileProblem: { problem: parsed.problem, params: parsed.params } });
    const owner = state.owner!;
    const existing = await this.deps.users.list(ctx, owner.id);
    const problems = validateUserRows(parsed.rows, { customerDomains: [owner.domain], existingUsers: new Set(existing.map((u) => u.userPrincipalName.toLowerCase())) });
    if (problems.length > 0) return show({ ...base, problems: problems.slice(0, MAX_PROBLEMS), problemCount: problems.length });
    return show({ ...base, stage: 'confirm', rows: parsed.rows });
  }

  private async create(ctx: RequestContext, state: AddUsersState, usageLocation: unknown, reply: Reply): Promise<Outcome> {
    if (typeof usageLocation !== 'string' || !isIsoCountry(usageLocation)) return malformedAnswer(ctx, reply, state);
    const { id: customerId, companyName, domain } = state.owner!;
    // Each row's request id is chosen now and kept with the job: a resumed job repeats it, and Partner Center makes nobody twice.
    const items = state.rows!.map((row) => ({ ...row, requestId: randomUUID() }));
    return startJob(ctx, reply, this.deps.jobs, { kind: 'createUsers', customerId, companyName, domain, usageLocation, items });
  }

  card(ctx: RequestContext, state: AddUsersState): CardView {
    const { t } = ctx.locale;
    if (state.stage === 'pick') return { template: 'customerPick', data: { title: t('addUsers.pickTitle'), message: t('addUsers.several'), matches: state.matches, verb: 'addUsers.choose', cancelVerb: 'addUsers.cancel' } };
    const owner = state.owner!;
    if (state.stage === 'confirm') return { template: 'addUsersConfirm', data: confirmCardData(ctx.locale, owner, state.rows!) };
    return { template: 'addUsersFile', data: fileCardData(ctx.locale, owner, state, this.deps.sampleUrl(ctx.locale.language, owner.domain)) };
  }
}
