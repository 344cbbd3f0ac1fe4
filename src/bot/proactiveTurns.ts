import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/**
 * Runs `work` in a proactive turn of a conversation. A failure inside is
 * thrown to the caller, who knows what it means (a feed notice to drop, a
 * job's post to retry later), instead of going to the adapter's turn-error
 * handler, which would post an error card into that conversation.
 */
export async function inProactiveTurn<T>(adapter: CloudAdapter, appId: string, reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> {
  const outcome: { ran: boolean; value?: T; error?: unknown } = { ran: false };
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    outcome.ran = true;
    try {
      outcome.value = await work(context);
    } catch (error) {
      outcome.error = error ?? new Error('the proactive turn failed');
    }
  });
  if (!outcome.ran) throw new Error('the proactive turn did not run');
  if (outcome.error !== undefined) throw outcome.error;
  return outcome.value as T;
}
