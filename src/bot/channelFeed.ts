import { MessageFactory, type Attachment, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AccountEvent, AccountEvents, FeedSubscriptions } from '../feed/accountEvents.js';
import type { Notice, NoticeQueue } from '../feed/noticeQueue.js';
import type { SendResult } from '../feed/sendQueue.js';
import type { Subscription, SubscriptionStore } from '../feed/subscriptionStore.js';
import type { RequestContext } from '../flows/requestContext.js';
import { counted, type Localizer } from '../i18n/localizer.js';
import type { Logger } from '../logger.js';
import { inProactiveTurn } from './proactiveTurns.js';
import type { ReplyDelivery } from './replyDelivery.js';

export interface ChannelFeedDeps {
  store: SubscriptionStore;
  /** Where notices wait to be sent (this process, or Redis for every instance). */
  notices: NoticeQueue;
  delivery: ReplyDelivery;
  localizer: Localizer;
  logger: Logger;
  turnOf: (ctx: RequestContext) => TurnContext | undefined;
}

/**
 * The channel feed at the edge: keeps how to reach each subscribed
 * conversation (from the turn that subscribed it) and posts each account
 * change there proactively, through a queue that keeps Teams' pace (7 per
 * second per conversation), waits out 429s and forgets a conversation that
 * answers 403. Publishing returns at once: a change is never slowed or failed
 * by its notices.
 */
export class ChannelFeed implements FeedSubscriptions, AccountEvents {
  private adapter?: { adapter: CloudAdapter; appId: string };

  constructor(private readonly deps: ChannelFeedDeps) {}

  connect(adapter: CloudAdapter, appId: string): void {
    this.adapter = { adapter, appId };
    this.deps.notices.process((notice) => this.send(notice));
  }

  async subscribe(ctx: RequestContext): Promise<boolean> {
    const activity = this.deps.turnOf(ctx)?.activity;
    if (!activity?.serviceUrl || !activity.recipient?.id) return false;
    const { channelId, id } = ctx.conversation;
    const subscription: Subscription = { channelId, conversationId: id, serviceUrl: activity.serviceUrl, botId: activity.recipient.id, language: ctx.locale.language, subscribedAt: ctx.now().toISOString() };
    return this.deps.store.add(ctx.tenantId, subscription);
  }

  async remember(ctx: RequestContext, key: string): Promise<void> {
    const activity = this.deps.turnOf(ctx)?.activity;
    if (ctx.conversation.shared || !activity?.serviceUrl || !activity.recipient?.id) return;
    const { channelId, id } = ctx.conversation;
    await this.deps.store.add(rememberedKey(key), { channelId, conversationId: id, serviceUrl: activity.serviceUrl, botId: activity.recipient.id, language: ctx.locale.language, subscribedAt: ctx.now().toISOString() });
  }

  unsubscribe(ctx: RequestContext): Promise<boolean> {
    return this.deps.store.remove(ctx.tenantId, { channelId: ctx.conversation.channelId, conversationId: ctx.conversation.id });
  }

  publish(event: AccountEvent): void {
    this.deps.store.list(event.tenantId).then(
      async (subscriptions) => {
        // A remembered conversation is told once, then forgotten.
        const remembered = event.notify ? await this.deps.store.list(rememberedKey(event.notify)) : [];
        if (event.notify && remembered.length) await this.deps.store.remove(rememberedKey(event.notify), remembered[0]!);
        const feeds = new Set(subscriptions.map((s) => `${s.channelId}\n${s.conversationId}`));
        const all = [...subscriptions, ...remembered.filter((r) => !feeds.has(`${r.channelId}\n${r.conversationId}`))];
        for (const subscription of all) await this.deps.notices.enqueue({ event, subscription, remembered: !feeds.has(`${subscription.channelId}\n${subscription.conversationId}`) });
      },
      (err: unknown) => this.deps.logger.warn({ err }, 'feed subscriptions could not be read'),
    ).catch((err: unknown) => this.deps.logger.warn({ err }, 'a remembered conversation could not be read'));
  }

  /** Waits until every queued notice is sent or dropped. */
  idle(): Promise<void> {
    return this.deps.notices.idle();
  }

  /** Stops sending from this instance (what waits in Redis is left to the others). */
  close(): Promise<void> {
    return this.deps.notices.close();
  }

  /** The notice card for one change, in the subscription's language. */
  noticeCard(event: AccountEvent, subscription: Pick<Subscription, 'language' | 'channelId'>): Attachment {
    const locale = this.deps.localizer.forLanguage(subscription.language);
    const { t, formatDay, formatMoment } = locale;
    return this.deps.delivery.renderCard('feedEvent', subscription.language, subscription.channelId, {
      title: t(`feed.${event.kind}`, {
        company: event.companyName,
        partner: event.partnerName ?? '',
        deadline: event.deadline ? formatDay(new Date(event.deadline)) : '',
        ...counted(locale, event.count ?? 0),
      }),
      customerId: event.customerId,
      companyName: event.companyName,
      domain: event.domain,
      by: event.actorName,
      // Numeric month: a German "21. Nov." at the start of a line would be read as a numbered list by Teams' markdown.
      when: formatMoment(new Date(event.at)),
    });
  }

  private async send({ event, subscription, remembered }: Notice): Promise<SendResult> {
    if (!this.adapter) return { kind: 'gone' };
    // A feed that ended (unsubscribed, or the bot was removed there) while this waited gets nothing more.
    if (!remembered && !(await this.deps.store.has(event.tenantId, subscription))) return { kind: 'gone' };
    const card = this.noticeCard(event, subscription);
    const reference: Partial<ConversationReference> = {
      channelId: subscription.channelId,
      serviceUrl: subscription.serviceUrl,
      conversation: { id: subscription.conversationId, isGroup: true, conversationType: '', name: '', tenantId: event.tenantId },
      bot: { id: subscription.botId, name: '' },
    };
    let failure: unknown;
    try {
      await inProactiveTurn(this.adapter.adapter, this.adapter.appId, reference, (context) => context.sendActivity(MessageFactory.attachment(card)));
      return { kind: 'sent' };
    } catch (error) {
      failure = error;
    }
    const status = (failure as { statusCode?: unknown }).statusCode;
    if (status === 403 || status === 404) {
      // The bot was removed or blocked there: the subscription ends (the queue drops what is left for it).
      await this.deps.store.remove(event.tenantId, subscription);
      this.deps.logger.info({ channelId: subscription.channelId }, 'feed subscription ended: the bot can no longer post there');
      return { kind: 'gone' };
    }
    if (status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(failure) };
    this.deps.logger.warn({ err: failure }, 'a feed notice could not be sent');
    return { kind: 'failed' };
  }
}

/** Where a remembered conversation is kept: beside the feeds, under a key no tenant id can have. */
const rememberedKey = (key: string): string => `\u0000remembered\n${key}`;

/** The channel's Retry-After (seconds), bounded; one second when it gives none. */
function retryAfterMs(error: unknown): number {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> } }).response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : 1000;
}
