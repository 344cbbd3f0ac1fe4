import type { AuditTrail } from '../audit/auditTrail.js';
import type { CustomerBackend } from '../customers/ports.js';
import type { CustomerExport } from '../exports/customerExport.js';
import type { AccountEvents, FeedSubscriptions } from '../feed/accountEvents.js';
import type { LanguageNames } from '../i18n/languageNames.js';
import type { Localizer } from '../i18n/localizer.js';
import type { PartnerCloud } from '../rules/clouds.js';
import type { PartnerRole } from '../rules/permissions.js';
import type { JobStore } from '../jobs/bulkJob.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { ColumnNames } from '../rules/userCsv.js';
import { AddCustomerFlow } from './addCustomer/addCustomerFlow.js';
import { CustomerCreatedView } from './addCustomer/customerCreatedView.js';
import { AddUsersFlow } from './addUsers/addUsersFlow.js';
import { AssignLicencesFlow } from './assignLicences/assignLicencesFlow.js';
import { CustomerListFlow } from './customerList/customerListFlow.js';
import { EndRelationshipFlow } from './endRelationship/endRelationshipFlow.js';
import { InviteCustomerFlow } from './inviteCustomer/inviteCustomerFlow.js';
import { IndirectResellersFlow } from './indirectResellers/indirectResellersFlow.js';
import { explainedForResellers } from './resellerLimits.js';
import { NOT_FOR_INDIRECT_RESELLERS, type PartnerModels } from '../rules/partnerModel.js';
import type { Flow } from './flow.js';
import { FlowRegistry } from './flowRegistry.js';
import { LanguageFlow } from './language/languageFlow.js';
import type { LanguagePreferences } from './language/languagePreferences.js';
import { NotificationsFlow } from './notifications/notificationsFlow.js';
import { SignInFlow } from './signIn/signInFlow.js';
import { UpdateCustomerFlow } from './updateCustomer/updateCustomerFlow.js';
import { TransfersFlow } from './transfers/transfersFlow.js';

/** Everything a flow may be built with; the composition root fills it once. */
export interface FlowServices {
  backend: CustomerBackend;
  audit: AuditTrail;
  exports: CustomerExport;
  cloud: PartnerCloud;
  endRelationshipRoles: readonly PartnerRole[];
  updateCustomerRoles: readonly PartnerRole[];
  /** Direct, indirect provider or indirect reseller: what is offered, and what is explained instead. */
  partnerModels: PartnerModels;
  addUsersRoles: readonly PartnerRole[];
  transferRoles: readonly PartnerRole[];
  /** Bulk jobs (users, licences): the runner, and where they are kept. */
  jobs: JobRunner;
  jobStore: JobStore;
  /** What the users file's columns may be called, in every language. */
  columns: ColumnNames;
  sampleUrl: (language: string, domain: string) => string;
  /** Phrases that mean "back" in any language (commands.json `wizardBack`). */
  backPhrases: string[];
  localizer: Localizer;
  preferences: LanguagePreferences;
  languageNames: LanguageNames;
  /** Where flows report the changes they made (the channel feed). */
  events: AccountEvents;
  feed: FeedSubscriptions;
  /** The registry the flow is part of (for buttons that start other flows). */
  registry: () => FlowRegistry;
}

/**
 * The flows the bot offers, in menu and help order. Adding a flow is one line
 * here: its commands, menu entry, verbs and roles are declared by the flow.
 */
export const FLOWS: ReadonlyArray<(services: FlowServices) => Flow> = [
  (s) => new CustomerListFlow({ accounts: s.backend.accounts, list: s.backend.list, audit: s.audit, exports: s.exports, detailsFlows: () => s.registry().detailsFlows, indirect: s.backend.indirect, models: s.partnerModels }),
  (s) => new AddCustomerFlow({ accounts: s.backend.accounts, domains: s.backend.domains, list: s.backend.list, audit: s.audit, cloud: s.cloud, backPhrases: s.backPhrases, events: s.events, indirect: s.backend.indirect, models: s.partnerModels }),
  (s) => new CustomerCreatedView({ accounts: s.backend.accounts }),
  (s) => new InviteCustomerFlow({ requests: s.backend.relationshipRequests, indirect: s.backend.indirect, models: s.partnerModels, cloud: s.cloud, localizer: s.localizer }),
  (s) => new IndirectResellersFlow({ indirect: s.backend.indirect, models: s.partnerModels }),
  (s) => new UpdateCustomerFlow({ accounts: s.backend.accounts, list: s.backend.list, profiles: s.backend.billingProfiles, addresses: s.backend.addresses, audit: s.audit, events: s.events, allowedRoles: s.updateCustomerRoles, cloud: s.cloud }),
  (s) => new AddUsersFlow({ accounts: s.backend.accounts, list: s.backend.list, users: s.backend.users, jobs: s.jobs, cloud: s.cloud, columns: s.columns, sampleUrl: s.sampleUrl, allowedRoles: s.addUsersRoles }),
  (s) => new AssignLicencesFlow({ accounts: s.backend.accounts, list: s.backend.list, users: s.backend.users, licences: s.backend.licences, jobs: s.jobs, jobStore: s.jobStore, cloud: s.cloud }),
  (s) => new TransfersFlow({ transfers: s.backend.transfers, accounts: s.backend.accounts, list: s.backend.list, events: s.events, feed: s.feed, audit: s.audit, allowedRoles: s.transferRoles }),
  (s) => new EndRelationshipFlow({ accounts: s.backend.accounts, list: s.backend.list, audit: s.audit, allowedRoles: s.endRelationshipRoles, events: s.events }),
  (s) => new NotificationsFlow(s.feed),
  (s) => new SignInFlow(s.backend.kind === 'partnercenter'),
  (s) => new LanguageFlow({ preferences: s.preferences, localizer: s.localizer, languageNames: s.languageNames }),
];

/** Builds every flow and their registry. */
export function createFlowRegistry(services: Omit<FlowServices, 'registry'>, flows = FLOWS): FlowRegistry {
  let registry: FlowRegistry | undefined;
  const withRegistry: FlowServices = { ...services, registry: () => registry! };
  registry = new FlowRegistry(
    flows.map((create) => {
      const flow = create(withRegistry);
      return NOT_FOR_INDIRECT_RESELLERS.includes(flow.id) ? explainedForResellers(flow, services.partnerModels, services.backend.indirect) : flow;
    }),
  );
  return registry;
}
