import { MessageFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { UserCredentials } from '../customers/ports.js';
import type { CardView } from '../flows/flow.js';
import type { RequestContext } from '../flows/requestContext.js';
import type { BulkJob, JobDestination } from '../jobs/bulkJob.js';
import type { JobConversations } from '../jobs/jobRunner.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Logger } from '../logger.js';
import type { PartnerCenterSignIn } from './partnerCenterSignIn.js';
import { inProactiveTurn } from './proactiveTurns.js';
import type { ReplyDelivery } from './replyDelivery.js';
import type { TurnContexts } from './requestContext.js';

export interface BotJobConversationsDeps {
  adapter: CloudAdapter;
  appId: string;
  turns: TurnContexts;
  delivery: ReplyDelivery;
  signIn: PartnerCenterSignIn;
  localizer: Localizer;
  logger: Logger;
}

/**
 * A bulk job's conversation at the edge: where the turn that started it
 * came from, proactive posts and in-place updates there (Teams updates the
 * job's card; other hosts get new messages), and the user's token fetched
 * through the token service in a short proactive turn, as Partner Center
 * calls need it.
 */
export class BotJobConversations implements JobConversations {
  constructor(private readonly deps: BotJobConversationsDeps) {}

  capture(ctx: RequestContext): JobDestination | undefined {
    const activity = this.deps.turns.turnOf(ctx)?.activity;
    if (!activity?.serviceUrl || !activity.recipient?.id) return undefined;
    // Teams updates the card that was pressed (the job's card takes its place); other hosts cannot update.
    const cardId = activity.channelId === 'msteams' && activity.replyToId ? activity.replyToId : undefined;
    return { channelId: ctx.conversation.channelId, conversationId: ctx.conversation.id, serviceUrl: activity.serviceUrl, botId: activity.recipient.id, shared: ctx.conversation.shared, ...(cardId ? { cardId } : {}) };
  }

  answered(ctx: RequestContext): Promise<void> {
    return this.deps.turns.ended(ctx);
  }

  async post(job: BulkJob, view: CardView, options: { update: boolean; secret?: boolean }): Promise<void> {
    const { destination } = job;
    let { template, data } = view;
    if (options.secret && destination.shared) {
      // The last guard for secrets, as for replies: never in a shared conversation.
      this.deps.logger.warn({ template }, 'a secret job card was kept out of a shared conversation');
      ({ template, data } = { template: 'notice', data: { message: this.deps.localizer.forLanguage(job.language).t('shared.secretWithheld'), title: '', style: 'warning', showMenu: false } });
    }
    const attachment = this.deps.delivery.renderCard(template, job.language, destination.channelId, data);
    await this.inTurn(job, async (context) => {
      if (options.update && destination.cardId) await context.updateActivity({ type: 'message', id: destination.cardId, attachments: [attachment] });
      else await context.sendActivity(MessageFactory.attachment(attachment));
    });
  }

  credentials(job: BulkJob): UserCredentials {
    let token: Promise<string> | undefined;
    return {
      accessToken: () => {
        token ??= this.inTurn(job, (context) => this.deps.signIn.credentialsOf(context).accessToken());
        token.catch(() => (token = undefined));
        return token;
      },
      invalidate: async () => {
        token = undefined;
        await this.inTurn(job, (context) => this.deps.signIn.credentialsOf(context).invalidate());
      },
    };
  }

  /** Runs `work` in a proactive turn of the job's conversation, as its user. */
  private inTurn<T>(job: BulkJob, work: (context: TurnContext) => Promise<T>): Promise<T> {
    const { destination } = job;
    const reference: Partial<ConversationReference> = {
      channelId: destination.channelId,
      serviceUrl: destination.serviceUrl,
      conversation: { id: destination.conversationId, isGroup: destination.shared, conversationType: '', name: '', tenantId: job.tenantId },
      bot: { id: destination.botId, name: '' },
      user: { id: job.actor.key, name: job.actor.name, ...(job.actor.aadObjectId ? { aadObjectId: job.actor.aadObjectId } : {}) },
    };
    return inProactiveTurn(this.deps.adapter, this.deps.appId, reference, work);
  }
}
