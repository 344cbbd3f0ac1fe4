import type { CustomerDirectory } from '../customers/customerDirectory.js';
import type { CustomerExport } from '../exports/customerExport.js';
import type { AccountEvents, FeedSubscriptions } from '../feed/accountEvents.js';
import type { LanguageNames } from '../i18n/languageNames.js';
import type { Localizer } from '../i18n/localizer.js';
import type { PartnerCloud } from '../rules/clouds.js';
import type { PartnerRole } from '../rules/permissions.js';
import { AddCustomerFlow } from './addCustomer/addCustomerFlow.js';
import { CustomerListFlow } from './customerList/customerListFlow.js';
import { EndRelationshipFlow } from './endRelationship/endRelationshipFlow.js';
import type { Flow } from './flow.js';
import { FlowRegistry } from './flowRegistry.js';
import { LanguageFlow } from './language/languageFlow.js';
import type { LanguagePreferences } from './language/languagePreferences.js';
import { NotificationsFlow } from './notifications/notificationsFlow.js';

/** Everything a flow may be built with; the composition root fills it once. */
export interface FlowServices {
  directory: CustomerDirectory;
  exports: CustomerExport;
  cloud: PartnerCloud;
  endRelationshipRoles: readonly PartnerRole[];
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
  (s) => new CustomerListFlow({ directory: s.directory, exports: s.exports, detailsFlows: () => s.registry().detailsFlows }),
  (s) => new AddCustomerFlow({ directory: s.directory, cloud: s.cloud, backPhrases: s.backPhrases, events: s.events }),
  (s) => new EndRelationshipFlow({ directory: s.directory, allowedRoles: s.endRelationshipRoles, events: s.events }),
  (s) => new NotificationsFlow(s.feed),
  (s) => new LanguageFlow({ preferences: s.preferences, localizer: s.localizer, languageNames: s.languageNames }),
];

/** Builds every flow and their registry. */
export function createFlowRegistry(services: Omit<FlowServices, 'registry'>, flows = FLOWS): FlowRegistry {
  let registry: FlowRegistry | undefined;
  const withRegistry: FlowServices = { ...services, registry: () => registry! };
  registry = new FlowRegistry(flows.map((create) => create(withRegistry)));
  return registry;
}
