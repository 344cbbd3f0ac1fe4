import type { Translate } from '../i18n/i18n.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './requestContext.js';
import type { PartnerRole } from '../rules/permissions.js';

/** How a flow is started: from a typed command (with what followed it), a menu button or a customer's details card. */
export interface FlowOptions {
  /** Text typed after the command, e.g. the search term in "Kundenliste contoso". */
  argument: string;
  /** Which of the flow's commands started it (a flow may declare several: "notifications on" / "off"). */
  command?: string;
  /** Set when the flow starts from a customer's details card. */
  customerId?: string;
  /** The rest of the pressed button's data, for the flow to validate (a job id on a result card). */
  data?: Record<string, unknown>;
}

/** What reading an attached file came to: its bytes, or why there are none (bounded: larger files are not read). */
export type FileContent = { ok: true; bytes: Buffer } | { ok: false; problem: 'tooLarge' | 'unreadable' };

/** A file the user attached to a message; read only by a flow that waits for one. */
export interface IncomingFile {
  /** The file's name as the channel gave it, bounded. */
  name: string;
  read(): Promise<FileContent>;
}

/** What the user did on a flow's card, or typed while it waited. */
export type Answer<V extends string> = { kind: 'action'; verb: V; data: Record<string, unknown> } | { kind: 'text'; text: string };

/** After a start or an answer: show the flow's card for this state, or the flow is over. */
export type Step<S> = { kind: 'show'; state: S } | { kind: 'done' };

export const show = <S>(state: S): Step<S> => ({ kind: 'show', state });
export const done = <S>(): Step<S> => ({ kind: 'done' });

/** A card action the bot cannot use (forged, malformed, or not meant for this card): said the same way by every flow. */
export function reportMalformed(ctx: RequestContext, reply: Reply, options: { showMenu: boolean }): void {
  reply.notice(ctx.locale.t('notice.malformedAction'), { style: 'warning', showMenu: options.showMenu });
}

/** An answer the current card cannot have sent: say so and show that card again (no menu button: the card is what to use). */
export function malformedAnswer<S>(ctx: RequestContext, reply: Reply, state: S): Step<S> {
  reportMalformed(ctx, reply, { showMenu: false });
  return show(state);
}

/** A card template and its data; the router stamps its actions and the edge renders it in the turn's language. */
export interface CardView {
  template: string;
  data: Record<string, unknown>;
}

/** What every flow declares about itself; the router, menu, help and details card are built from it. */
export interface FlowDescriptor<V extends string = string> {
  /** Also the prefix of its verbs ("addCustomer.next") and its key in locales (`menu.<id>`, `help.commands.<id>`, commands.json). */
  readonly id: string;
  /** Card verbs this flow answers, declared once as a typed union. */
  readonly verbs: readonly V[];
  /** The commands (keys of commands.json) that start it; just its id when not given. */
  readonly commands?: readonly string[];
  /** A button on the main menu (label `menu.<id>`). */
  readonly menu: boolean;
  /** A button on an active customer's details card, starting the flow for that customer. */
  readonly onDetails: boolean;
  /** That button's label, where it is not the menu's (`menu.<id>`): 21Vianet's portal says "Edit" for updating account info. */
  detailsTitle?(t: Translate): string | undefined;
}

/**
 * A flow with state across turns (a wizard, a confirmation). Handlers take a
 * RequestContext and plain answers, add what to show to the Reply, and return
 * the next state; the router keeps the state per conversation (per user in
 * shared chats) and waits on the card it shows.
 */
export interface CardFlow<S = unknown, V extends string = string> extends FlowDescriptor<V> {
  readonly kind: 'card';
  /** Roles needed to start it and to go on with it; the router checks them before every step. */
  readonly roles?: readonly PartnerRole[];
  /** Shows secrets (a temporary password): started in a shared chat, it moves to the user's personal chat. */
  readonly private?: boolean;
  /** Runs on top of the active flow, which is shown again when it ends (the language picker). */
  readonly overlay?: boolean;
  start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Step<S>>;
  answer(ctx: RequestContext, state: S, answer: Answer<V>, reply: Reply): Promise<Step<S>>;
  /** A file attached while the flow waits (only flows that take files have it; others get the message's text). */
  receiveFile?(ctx: RequestContext, state: S, file: IncomingFile, reply: Reply): Promise<Step<S>>;
  /** The card for a state, in the turn's language (also when shown again after a language switch). */
  card(ctx: RequestContext, state: S): CardView;
  /** Whether saved state is one this version can continue (state of an older version ends with the stale-card notice). */
  readable(state: unknown): state is S;
}

/**
 * A flow without state (the customer list): every card it sends carries all it
 * needs, so any of its cards keeps working and it never interrupts a waiting flow.
 */
export interface ViewFlow<V extends string = string> extends FlowDescriptor<V> {
  readonly kind: 'view';
  start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<void>;
  act(ctx: RequestContext, verb: V, data: Record<string, unknown>, reply: Reply): Promise<void>;
}

export type Flow = CardFlow<unknown, string> | ViewFlow<string>;

/** Opens the user's personal chat with the bot and runs a flow's start there (Teams: createConversation). */
export interface PrivateChats {
  /** 'opened' after `run`'s reply was delivered there; 'unavailable' when the chat cannot be opened (the app is not installed for the user). */
  open(ctx: RequestContext, run: (privateCtx: RequestContext, reply: Reply) => Promise<void>): Promise<'opened' | 'unavailable'>;
}
