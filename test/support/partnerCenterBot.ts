import type { Activity } from 'botbuilder';
import type { ReceivedActivity } from './connector.js';
import type { PartnerCenterServer } from './partnerCenterServer.js';

/** The partner tenant of the Partner Center tests (its Teams tenant id). */
export const PARTNER = '72f988bf-0000-4000-8000-00000000c5b1';
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/** A partner user of that tenant in a personal chat (the one `server.tokens.signIn('user-a', PARTNER)` signs in), as an activity's fields. */
export const PARTNER_USER = { channelData: { tenant: { id: PARTNER } }, from: { id: 'user-a', name: 'Anna', aadObjectId: 'aad-a' }, conversation: { id: 'conv-a' } as Activity['conversation'] };

/** The environment of a bot that works on Partner Center as the signed-in user, against the test Partner Center and token service. */
export const partnerCenterEnv = (server: PartnerCenterServer): Record<string, string> => ({
  CUSTOMER_BACKEND: 'partnercenter',
  PARTNER_CENTER_API_URL: server.url,
  PARTNER_CENTER_CONNECTION: 'PartnerCenter',
  OAuthApiEndpoint: server.url,
});

export const oauthCardOf = (reply: ReceivedActivity | undefined) => reply?.attachments?.find((a) => a.contentType === OAUTH_CARD)?.content as { text?: string; connectionName?: string; buttons?: Array<{ type: string; title: string; value: string }> } | undefined;

