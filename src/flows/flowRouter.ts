import { MAX_FIELD_LENGTH, MAX_TYPED_LENGTH, submittedTooLarge, typedTooLong } from '../rules/inputBounds.js';
import { randomUUID } from 'node:crypto';
import { cleanSubmitted, withoutInvisibles } from '../text/inputHygiene.js';
import { BackendRefusal } from '../customers/ports.js';
import { refusalMessage } from './refusals.js';
import { roleLabel } from '../i18n/labels.js';
import type { RoleDirectory } from '../permissions/roleDirectory.js';
import { isAllowed } from '../rules/permissions.js';
import { parseCardAction } from './cardAction.js';
import type { CommandRecognizer } from './commandRecognizer.js';
import type { Answer, CardFlow, FlowOptions, IncomingFile, PrivateChats } from './flow.js';
import type { FlowRegistry } from './flowRegistry.js';
import type { FlowFrame, FlowSession, FlowSessions } from './flowSessions.js';
import type { Menus } from './menus.js';
import type { Placement, Reply } from './reply.js';
import { principalOf, type RequestContext } from './requestContext.js';

/** The verb of a card's `refresh` action (Teams' user-specific views). */
export const REFRESH_VERB = 'refresh';

/** What reached the bot in a turn: text typed (maybe with a file attached), or a card action's data (Action.Submit or Action.Execute alike). */
export type TurnInput = { kind: 'text'; text: string; file?: IncomingFile } | { kind: 'action'; value: unknown };

export interface FlowRouterDeps {
  registry: FlowRegistry;
  sessions: FlowSessions;
  menus: Menus;
  recognizer: CommandRecognizer;
  roles: RoleDirectory;
  privateChats: PrivateChats;
}

/**
 * The one place a turn is decided, by verb: typed commands (any language),
 * card actions and answers to the user's running flow. It knows flows only
 * through the registry, and speaks RequestContext and Reply, not botbuilder.
 */
export class FlowRouter {
  constructor(private readonly deps: FlowRouterDeps) {}

  /**
   * One turn. A backend's refusal (Partner Center said no, or is unavailable)
   * ends the turn with its reason and changes nothing: the flow's state is
   * saved only after a handler returns, so the card shown stays answerable.
   */
  async handle(ctx: RequestContext, input: TurnInput, reply: Reply): Promise<void> {
    const mark = reply.outputs.length;
    try {
      await this.decide(ctx, input, reply);
    } catch (error) {
      if (!(error instanceof BackendRefusal)) throw error;
      reply.outputs.splice(mark);
      reply.notice(refusalMessage(ctx, error), { style: 'warning', showMenu: true });
    }
  }

  private async decide(ctx: RequestContext, input: TurnInput, reply: Reply): Promise<void> {
    // Bounded at intake: an over-long message or card is answered, and no flow sees or keeps any of it.
    if (input.kind === 'action' ? submittedTooLarge(input.value) : typedTooLong(input.text)) {
      const max = ctx.locale.formatNumber(input.kind === 'action' ? MAX_FIELD_LENGTH : MAX_TYPED_LENGTH);
      return void reply.notice(ctx.locale.t('notice.inputTooLong', { max }), { style: 'warning', showMenu: true });
    }
    // Cleaned in one place: no flow stores or compares an invisible character.
    if (input.kind === 'action') return this.action(ctx, cleanSubmitted(input.value), reply);
    input = { ...input, text: withoutInvisibles(input.text) };
    const recognized = this.deps.recognizer.recognize(input.text);
    if (recognized?.command === 'menu') {
      // A greeting or "menu" typed while a flow waits does not throw it away: its card comes again (cancel ends it).
      const waiting = await this.deps.sessions.load(ctx);
      if (waiting?.frames.length) {
        reply.notice(ctx.locale.t('notice.flowKept'));
        this.showAgain(ctx, waiting, reply);
        return this.deps.sessions.save(ctx, waiting);
      }
    }
    if (recognized) return this.command(ctx, recognized.command, { argument: recognized.argument }, reply);
    const session = await this.deps.sessions.load(ctx);
    if (session?.frames.length) return this.continueFlow(ctx, session, { kind: 'text', text: input.text }, reply, input.file);
    if (input.file) return void reply.notice(ctx.locale.t('notice.fileWithoutFlow'), { showMenu: true });
    await this.deps.menus.welcome(ctx, reply, ctx.locale.t('notice.unknownCommand'));
  }

  /**
   * The same card answer again (Teams re-sent it: the instance that acted on it
   * stopped before its answer went out). Nothing is done twice: the card it led
   * to comes again, or, where it ended its flow, a notice says it was done.
   */
  private replay(ctx: RequestContext, session: FlowSession, reply: Reply): void {
    const frame = session.frames.at(-1);
    const flow = frame && this.deps.registry.cardFlow(frame.flow);
    if (frame && flow?.readable(frame.state)) return this.showCard(ctx, flow, frame, 'replace', reply);
    reply.notice(ctx.locale.t('notice.answerRepeated'), { showMenu: true, placement: 'replace' });
  }

  /** Forgets the user's flows in this conversation (after a turn failed inside one). */
  reset(ctx: RequestContext): Promise<void> {
    return this.deps.sessions.clear(ctx);
  }

  private async action(ctx: RequestContext, value: unknown, reply: Reply): Promise<void> {
    const action = parseCardAction(value);
    if (!action) return this.deps.menus.malformed(ctx, reply);
    const { verb, promptId, owner, customerId } = action;
    if (verb === REFRESH_VERB) return this.refresh(ctx, promptId, owner, reply);
    if (promptId) {
      const session = await this.deps.sessions.load(ctx);
      const frame = session?.frames.at(-1);
      if (session && frame?.promptId === promptId) {
        if (this.deps.registry.ownerOf(verb)?.id !== frame.flow) return this.deps.menus.malformed(ctx, reply);
        return this.continueFlow(ctx, session, { kind: 'action', verb, data: action }, reply);
      }
      if (session && ctx.activityId && session.answered?.activityId === ctx.activityId && session.answered.promptId === promptId) return this.replay(ctx, session, reply);
      // Pressed on someone else's card: their flow is theirs (this user's own state never had that showing).
      if (ctx.conversation.shared && owner && owner !== ctx.user.key) return this.notYours(ctx, owner, reply);
      return this.deps.menus.stale(ctx, reply);
    }
    if (this.deps.registry.commands.includes(verb)) return this.command(ctx, verb, { argument: '', customerId, data: action }, reply);
    const view = this.deps.registry.view(verb);
    if (view) return view.act(ctx, verb, action, reply);
    this.deps.menus.malformed(ctx, reply);
  }

  private async command(ctx: RequestContext, command: string, options: FlowOptions, reply: Reply): Promise<void> {
    const { t } = ctx.locale;
    switch (command) {
      case 'cancel': {
        const session = await this.deps.sessions.load(ctx);
        if (!session?.frames.length) return void reply.notice(t('cancel.nothing'), { showMenu: true });
        await this.deps.sessions.clear(ctx);
        return void reply.notice(t('cancel.done'), { showMenu: true });
      }
      case 'help':
        // Help interrupts nothing: the running flow keeps waiting.
        return this.deps.menus.help(ctx, reply);
      case 'menu':
        await this.deps.sessions.clear(ctx);
        return this.deps.menus.welcome(ctx, reply);
    }
    const flow = this.deps.registry.startedBy(command);
    if (!flow) return this.deps.menus.malformed(ctx, reply);
    // A view shows data and leaves a waiting flow as it is.
    if (flow.kind === 'view') return flow.start(ctx, { ...options, command }, reply);
    return this.startFlow(ctx, flow, { ...options, command }, reply);
  }

  private async startFlow(ctx: RequestContext, flow: CardFlow, options: FlowOptions, reply: Reply): Promise<void> {
    if (flow.private && ctx.conversation.shared) return this.moveToPersonalChat(ctx, flow, options, reply);
    if (!(await this.allowed(ctx, flow, reply))) return;
    const session = (await this.deps.sessions.load(ctx)) ?? { owner: { key: ctx.user.key, name: ctx.user.name }, frames: [] };
    // An overlay (the language picker) runs over the flow in progress; anything else replaces it.
    session.frames = flow.overlay ? session.frames.filter((f) => f.flow !== flow.id) : [];
    const step = await flow.start(ctx, options, reply);
    if (step.kind === 'show') {
      const frame: FlowFrame = { flow: flow.id, state: step.state, promptId: randomUUID() };
      session.frames.push(frame);
      this.showCard(ctx, flow, frame, 'new', reply);
    } else if (flow.overlay) {
      await this.afterOverlay(ctx, session, reply);
    }
    await this.deps.sessions.save(ctx, session);
  }

  /** A file sent with the message is the answer of a flow that takes files; any other gets the message's text. */
  private async continueFlow(ctx: RequestContext, session: FlowSession, answer: Answer<string>, reply: Reply, file?: IncomingFile): Promise<void> {
    const frame = session.frames.at(-1)!;
    const flow = this.deps.registry.cardFlow(frame.flow);
    // State this version cannot continue (an older version's, a flow since removed): end it with the stale notice.
    if (!flow || !flow.readable(frame.state)) {
      await this.deps.sessions.clear(ctx);
      return this.deps.menus.stale(ctx, reply);
    }
    if (!(await this.allowed(ctx, flow, reply))) return this.deps.sessions.clear(ctx);
    const mark = reply.outputs.length;
    if (answer.kind === 'action' && ctx.activityId) session.answered = { activityId: ctx.activityId, promptId: frame.promptId };
    const step = file && flow.receiveFile ? await flow.receiveFile(ctx, frame.state, file, reply) : await flow.answer(ctx, frame.state, answer, reply);
    if (step.kind === 'show') {
      frame.state = step.state;
      frame.promptId = randomUUID();
      // The next card takes the place of the one answered (in Teams); a typed answer gets a new card below it.
      this.showCard(ctx, flow, frame, answer.kind === 'action' ? 'replace' : 'new', reply);
    } else {
      // The end of a flow, answered on its card (a result, "cancelled"), takes that card's place.
      if (answer.kind === 'action') reply.replaceFrom(mark);
      session.frames.pop();
      if (flow.overlay) await this.afterOverlay(ctx, session, reply);
    }
    await this.deps.sessions.save(ctx, session);
  }

  /** After an overlay (the language picker): the flow under it again, or else the welcome, both in the language just chosen. */
  private async afterOverlay(ctx: RequestContext, session: FlowSession, reply: Reply): Promise<void> {
    if (!this.showAgain(ctx, session, reply)) await this.deps.menus.welcome(ctx, reply);
  }

  /** The flow under an overlay, shown again; its old card no longer counts. False when there is none to show. */
  private showAgain(ctx: RequestContext, session: FlowSession, reply: Reply): boolean {
    const frame = session.frames.at(-1);
    const flow = frame && this.deps.registry.cardFlow(frame.flow);
    if (!frame || !flow || !flow.readable(frame.state)) return false;
    frame.promptId = randomUUID();
    this.showCard(ctx, flow, frame, 'new', reply);
    return true;
  }

  private showCard(ctx: RequestContext, flow: CardFlow, frame: FlowFrame, placement: Placement, reply: Reply): void {
    const { template, data } = flow.card(ctx, frame.state);
    const shared = ctx.conversation.shared;
    const owner = shared ? ctx.user.key : undefined;
    const ownerView = shared ? { summary: this.summary(ctx, flow.id, ctx.user.name), owner: ctx.user.key, promptId: frame.promptId } : undefined;
    reply.card(template, data, { placement, stamp: { verbPrefix: `${flow.id}.`, fields: { promptId: frame.promptId, owner } }, ownerView });
  }

  /** What the rest of a shared chat sees of someone's flow card: whose it is, and how to start one's own. */
  private summary(ctx: RequestContext, flowId: string, ownerName: string): { template: string; data: Record<string, unknown> } {
    const { t } = ctx.locale;
    const { task, command } = taskOf(ctx, flowId);
    return { template: 'flowInProgress', data: { title: t('shared.inProgress', { name: ownerName, task }), hint: t('shared.startYourOwn', { command }) } };
  }

  /**
   * Teams asks for a card's current view (a `refresh`, automatic for the
   * owner): the owner gets the live card of the showing, unchanged; anyone
   * else, the summary; a showing that is over, the stale notice.
   */
  private async refresh(ctx: RequestContext, promptId: string | undefined, owner: string | undefined, reply: Reply): Promise<void> {
    const own = await this.deps.sessions.load(ctx);
    const frame = own?.frames.at(-1);
    const flow = frame && this.deps.registry.cardFlow(frame.flow);
    if (frame && flow?.readable(frame.state) && promptId && frame.promptId === promptId) return this.showCard(ctx, flow, frame, 'replace', reply);
    const theirs = owner && owner !== ctx.user.key ? await this.deps.sessions.load(ctx, owner) : undefined;
    const their = theirs?.frames.at(-1);
    if (theirs && their && their.promptId === promptId) {
      const { template, data } = this.summary(ctx, their.flow, theirs.owner.name);
      return void reply.card(template, data, { placement: 'replace' });
    }
    this.deps.menus.stale(ctx, reply);
  }

  private async notYours(ctx: RequestContext, ownerKey: string, reply: Reply): Promise<void> {
    const theirs = await this.deps.sessions.load(ctx, ownerKey);
    const flowId = theirs?.frames.at(-1)?.flow;
    if (!theirs || !flowId) return this.deps.menus.stale(ctx, reply);
    reply.notice(ctx.locale.t('shared.notYours', { name: theirs.owner.name, ...taskOf(ctx, flowId) }), { style: 'warning' });
  }

  /** A flow that shows secrets, started in a group chat or channel, runs in the user's personal chat instead. */
  private async moveToPersonalChat(ctx: RequestContext, flow: CardFlow, options: FlowOptions, reply: Reply): Promise<void> {
    const { t } = ctx.locale;
    const opened = await this.deps.privateChats.open(ctx, (privateCtx, privateReply) => this.startFlow(privateCtx, flow, options, privateReply));
    const { task } = taskOf(ctx, flow.id);
    if (opened === 'opened') reply.notice(t('shared.movedToPersonal', { task }));
    else reply.notice(t('shared.personalUnavailable', { task }), { style: 'warning' });
  }

  private async allowed(ctx: RequestContext, flow: CardFlow, reply: Reply): Promise<boolean> {
    if (!flow.roles) return true;
    const roles = await this.deps.roles.rolesOf(ctx.tenantId, principalOf(ctx.user));
    if (isAllowed(roles, flow.roles)) return true;
    const { t, formatLocale } = ctx.locale;
    const names = new Intl.ListFormat(formatLocale, { type: 'disjunction' }).format(flow.roles.map((role) => roleLabel(t, role)));
    const how = t(`roles.howAssigned.${this.deps.roles.sourceOf(ctx.tenantId)}`);
    reply.notice(`${t(`${flow.id}.notAllowed`, { roles: names })} ${how}`, { style: 'warning', showMenu: true });
    return false;
  }
}

/** A flow as users know it: its menu label, and the first phrase of its command (to tell someone how to start their own). */
function taskOf(ctx: RequestContext, flowId: string): { task: string; command: string } {
  const { t } = ctx.locale;
  return { task: t(`menu.${flowId}`), command: t(`${flowId}.0`, { ns: 'commands' }) };
}
