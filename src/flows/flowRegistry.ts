import type { CardFlow, Flow, ViewFlow } from './flow.js';

/** Commands that are not flows: they work the same whatever runs. */
export const BASE_COMMANDS = ['menu', 'help', 'cancel'] as const;
export type BaseCommand = (typeof BASE_COMMANDS)[number];
export const isBaseCommand = (value: string): value is BaseCommand => (BASE_COMMANDS as readonly string[]).includes(value);

/**
 * The registered flows, looked up by id (a command, a menu button) and by
 * verb (a card action). Menu, help and the details card's buttons are built
 * from it, so a new flow is one registration (src/flows/index.ts).
 */
export class FlowRegistry {
  private readonly byId = new Map<string, Flow>();
  private readonly byVerb = new Map<string, Flow>();
  private readonly byCommand = new Map<string, Flow>();

  constructor(readonly flows: readonly Flow[]) {
    for (const flow of flows) {
      if (this.byId.has(flow.id) || isBaseCommand(flow.id)) throw new Error(`Flow id "${flow.id}" is taken`);
      this.byId.set(flow.id, flow);
      for (const command of flow.commands ?? [flow.id]) {
        if (this.byCommand.has(command) || isBaseCommand(command)) throw new Error(`Command "${command}" of flow "${flow.id}" is taken`);
        this.byCommand.set(command, flow);
      }
      for (const verb of flow.verbs) {
        if (!verb.startsWith(`${flow.id}.`)) throw new Error(`Verb "${verb}" of flow "${flow.id}" must start with "${flow.id}."`);
        if (this.byVerb.has(verb)) throw new Error(`Verb "${verb}" is declared twice`);
        this.byVerb.set(verb, flow);
      }
    }
  }

  /** The flow a command starts. */
  startedBy(command: string): Flow | undefined {
    return this.byCommand.get(command);
  }

  cardFlow(id: string): CardFlow | undefined {
    const flow = this.byId.get(id);
    return flow?.kind === 'card' ? flow : undefined;
  }

  /** The flow that declared this verb. */
  ownerOf(verb: string): Flow | undefined {
    return this.byVerb.get(verb);
  }

  view(verb: string): ViewFlow | undefined {
    const flow = this.byVerb.get(verb);
    return flow?.kind === 'view' ? flow : undefined;
  }

  /** Everything a user can type or press to start something: base commands, then flows in registration order. */
  get commands(): string[] {
    return [...BASE_COMMANDS, ...this.byCommand.keys()];
  }

  /** Every verb a card may carry: commands and the flows' own verbs. */
  get verbs(): string[] {
    return [...this.commands, ...this.byVerb.keys()];
  }

  get menuFlows(): Flow[] {
    return this.flows.filter((f) => f.menu);
  }

  get detailsFlows(): Flow[] {
    return this.flows.filter((f) => f.onDetails);
  }
}
