import { createFlowRegistry, type FlowServices } from '../../src/flows/index.js';

/**
 * The registered flows, built with empty services: flows only keep their
 * dependencies when built, so their declarations (ids, verbs, menu entries)
 * can be read without a running bot.
 */
export const REGISTRY = createFlowRegistry({ backPhrases: [], endRelationshipRoles: [], updateCustomerRoles: [], addUsersRoles: [], transferRoles: [], backend: { kind: 'local' } } as unknown as Omit<FlowServices, 'registry'>);
/** Flows a user starts (a menu button, a details button or a command) and so names: the ones with a `menu.<id>` label. */
export const NAMED_FLOW_IDS = REGISTRY.flows.filter((flow) => flow.menu || flow.onDetails || (flow.commands ?? [flow.id]).length > 0).map((flow) => flow.id);
export const COMMANDS = REGISTRY.commands;
