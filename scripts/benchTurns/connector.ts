import type { Activity } from 'botbuilder';
import { TestConnector, type ReceivedActivity } from '../../test/support/connector.js';

export type Reply = Partial<Activity>;

/**
 * The tests' connector as the bot's `serviceUrl`, keeping replies by the id of
 * the activity they answer only until the benchmark takes them, so it does not
 * grow over a run.
 */
export class BenchConnector {
  private readonly replies = new Map<string, Reply[]>();
  private readonly connector = new TestConnector((activity) => this.keep(activity));

  start(): Promise<string> {
    return this.connector.start();
  }

  /** The replies to one activity, removed from the connector. */
  take(activityId: string): Reply[] {
    const list = this.replies.get(activityId) ?? [];
    this.replies.delete(activityId);
    return list;
  }

  stop(): Promise<void> {
    return this.connector.stop();
  }

  private keep(activity: ReceivedActivity): void {
    const key = activity.replyToId ?? (activity.operation === 'update' ? String(activity.id) : '');
    const list = this.replies.get(key);
    if (list) list.push(activity);
    else this.replies.set(key, [activity]);
  }
}
