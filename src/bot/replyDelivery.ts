import { CardFactory, MessageFactory, TurnContext, type AdaptiveCardInvokeResponse, type Attachment, type MessagingExtensionResponse } from 'botbuilder';
import type { SearchAnswer } from '../extensions/customerSearch.js';
import { prepareActions } from '../cards/cardActions.js';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Language } from '../i18n/languages.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Output, Placement, Reply } from '../flows/reply.js';
import type { RequestContext } from '../flows/requestContext.js';
import { REFRESH_VERB } from '../flows/flowRouter.js';
import type { Logger } from '../logger.js';
import type { SecretCardExpiry } from './secretCardExpiry.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: MESSAGE, value: text as unknown as Record<string, unknown> });
/** Teams has Universal Actions (Action.Execute); other hosts (the Emulator's Web Chat) get Action.Submit. */
const hasExecute = (channelId: string | undefined): boolean => channelId === 'msteams';

interface Rendered {
  attachment: Attachment;
  placement: Placement;
  /** A notice's text, for an invoke answered with a message instead of a card. */
  text?: string;
  undelivered?: string;
  /** The card without its secret, to put in its place later (`hiddenLater`). */
  hiddenLater?: Attachment;
}

/** Refusals worth one more try: too large (Teams sometimes refuses a card it later takes), the channel's own failures, no answer. */
function isTransient(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status !== 'number' || status === 413 || status >= 500;
}

export interface ReplyDeliveryDeps {
  cards: CardRenderer;
  localizer: Localizer;
  logger: Logger;
  secretCards?: SecretCardExpiry;
}

/**
 * Turns a Reply into what the channel understands: new messages, an update
 * of the card that was pressed, or an invoke response (Action.Execute). The
 * only place that renders cards and the last guard for secrets: a secret card
 * bound for a group chat or channel is withheld and replaced by a notice.
 */
export class ReplyDelivery {
  constructor(private readonly deps: ReplyDeliveryDeps) {}

  /** A message turn (typed text, Action.Submit): in Teams, `replace` updates the pressed card; elsewhere everything is a new message. */
  async send(context: TurnContext, reply: Reply, ctx: RequestContext): Promise<void> {
    const { replyToId } = context.activity;
    let replaced = false;
    for (const rendered of this.render(context, reply, ctx)) {
      const update = rendered.placement === 'replace' && !replaced && hasExecute(context.activity.channelId) && replyToId;
      if (update) replaced = true;
      const id = await this.deliver(context, rendered, update ? replyToId : undefined, ctx);
      if (id) this.hideLater(context, rendered, id);
    }
  }

  /**
   * Sends (or updates) one card; a refusal the channel may not repeat (413,
   * 5xx, no answer) is tried once more. A card that reports a change already
   * made, still refused, is replaced by its plain text, so the user learns
   * the change happened; any other failure is the turn's.
   */
  private async deliver(context: TurnContext, rendered: Rendered, updateId: string | undefined, ctx: RequestContext): Promise<string | undefined> {
    const attempt = async (): Promise<string | undefined> => {
      if (updateId) {
        await context.updateActivity({ type: 'message', id: updateId, attachments: [rendered.attachment] });
        return updateId;
      }
      return (await context.sendActivity(MessageFactory.attachment(rendered.attachment)))?.id;
    };
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error)) throw error;
      try {
        return await attempt();
      } catch (again) {
        if (!isTransient(again) || !rendered.undelivered) throw again;
        this.deps.logger.warn({ err: again, correlationId: ctx.correlationId }, 'a result card could not be delivered; its text was sent instead');
        await context.sendActivity(MessageFactory.text(rendered.undelivered));
        return undefined;
      }
    }
  }

  /** Where the host updates cards (Teams): the delivered message `id` loses its secret after a while. */
  private hideLater(context: TurnContext, rendered: Rendered, id: string): void {
    if (!rendered.hiddenLater || !hasExecute(context.activity.channelId)) return;
    this.deps.secretCards?.schedule(TurnContext.getConversationReference(context.activity), id, rendered.hiddenLater);
  }

  /**
   * An Action.Execute invoke. The card that takes the pressed card's place
   * (the first `replace`) is the invoke response, and the rest are sent as
   * messages. With nothing to replace, the pressed card stays as it is: a
   * reply of notices only is answered as a message Teams shows to the presser
   * alone; anything else is sent as new messages, and the presser is told so.
   */
  async answerInvoke(context: TurnContext, reply: Reply, ctx: RequestContext): Promise<AdaptiveCardInvokeResponse> {
    const replacing = reply.outputs.findIndex((o) => o.placement === 'replace');
    // The answer goes to the presser alone: in a shared chat, that is the owner, who gets the live card.
    const rendered = this.render(context, reply, ctx, replacing);
    if (replacing < 0 && rendered.every((r) => r.text !== undefined)) return messageResponse(rendered.map((r) => r.text).join('\n\n'));
    for (const [i, r] of rendered.entries()) {
      if (i === replacing) continue;
      const sent = await context.sendActivity(MessageFactory.attachment(r.attachment));
      if (sent?.id) this.hideLater(context, r, sent.id);
    }
    if (replacing < 0) return messageResponse(ctx.locale.t('notice.answeredBelow'));
    // The invoke's answer takes the place of the pressed card: the message it came from.
    if (context.activity.replyToId) this.hideLater(context, rendered[replacing]!, context.activity.replyToId);
    return { statusCode: 200, type: CARD, value: rendered[replacing]!.attachment.content as Record<string, unknown> };
  }

  /** A compose-box search's answer: each result as a preview (choosing it asks for the card) and the card to insert. */
  extensionAnswer(answer: SearchAnswer, ctx: RequestContext): MessagingExtensionResponse {
    if (answer.kind === 'message') return { composeExtension: { type: 'message', text: answer.text } };
    const attachments = answer.results.map(({ customerId, preview, card }) => ({
      ...CardFactory.adaptiveCard(this.deps.cards.expand(card.template, ctx.locale.language, card.data)),
      preview: CardFactory.thumbnailCard(preview.title, preview.text, undefined, undefined, { tap: { type: 'invoke', title: preview.title, value: { customerId } } }),
    }));
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
  }

  /** One card for a proactive message (the channel feed), in a given language and for a given channel. */
  renderCard(template: string, language: Language, channelId: string, data: Record<string, unknown>): Attachment {
    return CardFactory.adaptiveCard(prepareActions(this.deps.cards.expand(template, language, data), { execute: hasExecute(channelId) }));
  }

  /** Every output as its card; the one at `ownersIndex` (an invoke's answer to its presser) in the owner's live view. */
  private render(context: TurnContext, reply: Reply, ctx: RequestContext, ownersIndex = -1): Rendered[] {
    const execute = hasExecute(context.activity.channelId);
    return reply.outputs.map((output, i) => this.renderOne(this.withheldIfSecret(output, ctx), execute, i === ownersIndex));
  }

  private withheldIfSecret(output: Output, ctx: RequestContext): Output {
    if (output.kind !== 'card' || !output.secret || !ctx.conversation.shared) return output;
    this.deps.logger.warn({ template: output.template }, 'a secret card was kept out of a shared conversation');
    const { t } = this.deps.localizer.forLanguage(output.language);
    return { kind: 'notice', message: t('shared.secretWithheld'), style: 'warning', showMenu: false, language: output.language, placement: output.placement };
  }

  private renderOne(output: Output, execute: boolean, forOwner = false): Rendered {
    if (output.kind === 'notice') {
      const { message, title = '', style, showMenu, language, placement } = output;
      const card = this.deps.cards.expand('notice', language, { message, title, style, showMenu });
      const text = title ? `${title}\n\n${message}` : message;
      return { attachment: CardFactory.adaptiveCard(prepareActions(card, { execute })), placement, text };
    }
    const { ownerView } = output;
    let card = this.deps.cards.expand(output.template, output.language, output.data);
    if (execute && ownerView) {
      // Teams' user-specific view: everyone sees the summary; the owner's client asks for the live card (refresh.userIds).
      if (!forOwner) card = this.deps.cards.expand(ownerView.summary.template, output.language, ownerView.summary.data);
      const data = { verb: REFRESH_VERB, promptId: ownerView.promptId, owner: ownerView.owner };
      card = { ...card, refresh: { action: { type: 'Action.Execute', verb: REFRESH_VERB, data }, userIds: [ownerView.owner] } };
    }
    // Only a host that updates cards (Teams) ever shows the card without its secret: elsewhere it is not rendered.
    const hidden = execute && output.hiddenLater && CardFactory.adaptiveCard(prepareActions(this.deps.cards.expand(output.hiddenLater.template, output.language, output.hiddenLater.data), { execute }));
    return { attachment: CardFactory.adaptiveCard(prepareActions(card, { stamp: output.stamp, execute })), placement: output.placement, undelivered: output.undelivered, ...(hidden ? { hiddenLater: hidden } : {}) };
  }
}
