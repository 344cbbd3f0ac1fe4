/** Commands a user can type or press on a card, in any of the four languages. */
export const FLOW_COMMANDS = ['customerList', 'addCustomer', 'endRelationship'] as const;
export const COMMANDS = ['menu', 'help', 'cancel', 'language', ...FLOW_COMMANDS] as const;

export type Command = (typeof COMMANDS)[number];
export type FlowCommand = (typeof FLOW_COMMANDS)[number];
/** Flows that are dialogs (they keep state across turns); the customer list is a view. */
export type DialogFlow = Exclude<FlowCommand, 'customerList'>;

export const isCommand = (value: unknown): value is Command => typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);
export const isFlowCommand = (value: unknown): value is FlowCommand =>
  typeof value === 'string' && (FLOW_COMMANDS as readonly string[]).includes(value);
