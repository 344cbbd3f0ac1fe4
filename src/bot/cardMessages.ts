import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';

/**
 * Answers a card action with a card. In Teams the card replaces the message
 * the action came from (paging in place; a confirmation becoming a read-only
 * summary); elsewhere (Emulator, Web Chat) a new message is sent.
 */
export async function sendOrReplaceCard(context: TurnContext, card: Attachment, replace: boolean): Promise<void> {
  const { channelId, replyToId } = context.activity;
  if (replace && channelId === 'msteams' && replyToId) {
    await context.updateActivity({ type: 'message', id: replyToId, attachments: [card] });
    return;
  }
  await context.sendActivity(MessageFactory.attachment(card));
}
