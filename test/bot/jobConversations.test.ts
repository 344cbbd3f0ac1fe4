import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { BotJobConversations } from '../../src/bot/jobConversations.js';
import type { PartnerCenterSignIn } from '../../src/bot/partnerCenterSignIn.js';
import { ReplyDelivery } from '../../src/bot/replyDelivery.js';
import type { TurnContexts } from '../../src/bot/requestContext.js';
import type { BulkJob } from '../../src/jobs/bulkJob.js';
import { createLogger } from '../../src/logger.js';
import { cardText } from '../support/cards.js';
import { projectCardRenderer } from '../support/flows.js';
import { localizer } from '../support/requestContext.js';

/** An adapter whose proactive turns record what the bot sends or updates. */
function recordingAdapter() {
  const sent: Array<{ operation: 'send' | 'update'; activity: Partial<Activity> }> = [];
  const adapter = {
    continueConversationAsync: async (_appId: string, _reference: unknown, logic: (context: TurnContext) => Promise<void>) =>
      logic({
        sendActivity: async (activity: Partial<Activity>) => void sent.push({ operation: 'send', activity }),
        updateActivity: async (activity: Partial<Activity>) => void sent.push({ operation: 'update', activity }),
      } as unknown as TurnContext),
  } as unknown as CloudAdapter;
  return { adapter, sent };
}

const job = (shared: boolean, cardId?: string): BulkJob => ({
  id: '00000000-0000-4000-8000-000000000009', kind: 'createUsers', tenantId: 't', customerId: 'c', companyName: 'Contoso', domain: 'contoso.onmicrosoft.com',
  actor: { key: 'u', name: 'Anna' }, language: 'de', timeZone: 'UTC', status: 'done', startedAt: '2026-12-01T10:00:00Z',
  destination: { channelId: 'msteams', conversationId: 'conv', serviceUrl: 'https://smba.example', botId: 'b', shared, ...(cardId ? { cardId } : {}) }, items: [],
});

describe('a job\'s conversation (the edge)', () => {
  const conversations = (adapter: CloudAdapter) =>
    new BotJobConversations({ adapter, appId: '', turns: undefined as unknown as TurnContexts, delivery: new ReplyDelivery({ cards: projectCardRenderer(), localizer, logger: createLogger('silent') }), signIn: undefined as unknown as PartnerCenterSignIn, localizer, logger: createLogger('silent') });
  const result = { template: 'notice', data: { message: 'Kennwort: Geheim-123!', title: '', style: 'default', showMenu: false } };

  it('never posts a secret into a shared conversation: the notice says where to see it, in the job\'s language', async () => {
    const { adapter, sent } = recordingAdapter();
    await conversations(adapter).post(job(true), result, { update: false, secret: true });
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0]!.activity)).not.toContain('Geheim-123!');
    expect(cardText(sent[0]!.activity)).toContain('Dieses Ergebnis enthält ein Kennwort');
  });

  it('in a personal chat it updates the job\'s card in place, or posts a new one', async () => {
    const { adapter, sent } = recordingAdapter();
    await conversations(adapter).post(job(false, 'card-1'), result, { update: true, secret: true });
    await conversations(adapter).post(job(false), result, { update: false });
    expect(sent.map((s) => [s.operation, s.activity.id])).toEqual([['update', 'card-1'], ['send', undefined]]);
    expect(cardText(sent[0]!.activity)).toContain('Geheim-123!');
  });
});
