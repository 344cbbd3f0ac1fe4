import type { FeedSubscriptions } from '../../feed/accountEvents.js';
import type { FlowOptions, ViewFlow } from '../flow.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

/**
 * "notifications on" / "notifications off" in a team channel or group chat:
 * the conversation gets (or stops getting) a short card for each change to
 * the partner tenant's customer accounts, in the subscriber's language.
 */
export class NotificationsFlow implements ViewFlow<never> {
  readonly kind = 'view';
  readonly id = 'notifications';
  readonly commands = ['notificationsOn', 'notificationsOff'] as const;
  readonly verbs = [] as const;
  readonly menu = false;
  readonly onDetails = false;

  constructor(private readonly subscriptions: FeedSubscriptions) {}

  async start(ctx: RequestContext, { command }: FlowOptions, reply: Reply): Promise<void> {
    const { t } = ctx.locale;
    if (!ctx.conversation.shared) return void reply.notice(t('notifications.sharedOnly'), { showMenu: true });
    if (command === 'notificationsOff') {
      const was = await this.subscriptions.unsubscribe(ctx);
      return void reply.notice(was ? t('notifications.off') : t('notifications.wasOff'));
    }
    const added = await this.subscriptions.subscribe(ctx);
    reply.notice(added ? t('notifications.on') : t('notifications.alreadyOn'), { style: 'good' });
  }

  async act(): Promise<void> {
    // No card of this flow carries a verb.
  }
}
