import { TestAdapter, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { ReplyDelivery } from '../../src/bot/replyDelivery.js';
import type { RequestContext } from '../../src/flows/requestContext.js';
import { createLogger } from '../../src/logger.js';
import { cardText } from '../support/cards.js';
import { projectCardRenderer } from '../support/flows.js';
import { localizer, replyFor, requestContext } from '../support/requestContext.js';

const WITHHELD = {
  'en-US': 'This result contains a password and is not shown in a shared chat.',
  'de-DE': 'Dieses Ergebnis enthält ein Kennwort und wird in einem gemeinsamen Chat nicht angezeigt.',
  'zh-CN': '此结果包含密码，不会在共享聊天中显示。',
  'ru-RU': 'Этот результат содержит пароль и не отображается в общем чате.',
} as const;
type Locale = keyof typeof WITHHELD;

const delivery = new ReplyDelivery({ cards: projectCardRenderer(), localizer, logger: createLogger('silent') });
const RESULT = { id: 'c-1', domain: 'x.onmicrosoft.com', adminUserName: 'admin@x.onmicrosoft.com', temporaryPassword: 'Secret-Passw0rd!', passwordShown: true, created: 'Created', agreement: 'Needed' };

/** Delivers a reply through botbuilder's TestAdapter and returns what reached the channel. */
async function deliver(ctx: RequestContext, build: (reply: ReturnType<typeof replyFor>) => void, activity: Partial<Activity> = {}) {
  const reply = replyFor(ctx);
  build(reply);
  let response: AdaptiveCardInvokeResponse | undefined;
  const adapter = new TestAdapter(async (context) => {
    if (context.activity.type === 'invoke') response = await delivery.answerInvoke(context, reply, ctx);
    else await delivery.send(context, reply, ctx);
  });
  await adapter.processActivity({ type: 'message', channelId: 'msteams', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' }, ...activity } as Activity);
  const sent: Partial<Activity>[] = [];
  for (let next = adapter.getNextReply(); next; next = adapter.getNextReply()) sent.push(next);
  return { sent, response };
}

describe('ReplyDelivery', () => {
  it.each(Object.keys(WITHHELD) as Locale[])('%s: a secret card bound for a shared conversation is withheld and replaced by a notice', async (locale) => {
    const shared = requestContext(locale, { conversation: { channelId: 'msteams', id: '19:g', shared: true } });
    const { sent } = await deliver(shared, (r) => r.card('addCustomerResult', RESULT, { secret: true }));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent)).not.toContain('Secret-Passw0rd!');
    expect(cardText(sent[0])).toContain(WITHHELD[locale]);

    const personal = requestContext(locale, { conversation: { channelId: 'msteams', id: 'a:p', shared: false } });
    const { sent: privately } = await deliver(personal, (r) => r.card('addCustomerResult', RESULT, { secret: true }));
    expect(cardText(privately[0])).toContain('Secret-Passw0rd!');
  });

  it('answers an Action.Execute invoke with the replacing card, sends the rest, and turns notices alone into a message for the presser', async () => {
    const ctx = requestContext('en-US');
    const invoke = { type: 'invoke', name: 'adaptiveCard/action' } as Partial<Activity>;
    const withCard = await deliver(ctx, (r) => r.notice('First').card('help', { commands: [] }, { placement: 'replace' }), invoke);
    expect(withCard.response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: withCard.response!.value }] })).toContain('Commands');
    expect(withCard.sent.map((a) => cardText(a))).toEqual(['First']);

    const notices = await deliver(ctx, (r) => r.notice('Only you see this.'), invoke);
    expect(notices.response).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Only you see this.' });
    expect(notices.sent).toHaveLength(0);

    const newCards = await deliver(ctx, (r) => r.card('help', { commands: [] }), invoke);
    expect(newCards.response).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done: my answer is below.' });
    expect(newCards.sent).toHaveLength(1);
  });
});
