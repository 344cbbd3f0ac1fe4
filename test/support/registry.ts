import { createFlowRegistry, type FlowServices } from '../../src/flows/index.js';

/**
 * The registered flows, built with empty services: flows only keep their
 * dependencies when built, so their declarations (ids, verbs, menu entries)
 * can be read without a running bot.
 */
export const REGISTRY = createFlowRegistry({ backPhrases: [], endRelationshipRoles: [], updateCustomerRoles: [], addUsersRoles: [], transferRoles: [], backend: { kind: 'local' } } as unknown as Omit<FlowServices, 'registry'>);
export const FLOW_IDS = REGISTRY.flows.map((flow) => flow.id);
export const COMMANDS = REGISTRY.commands;
