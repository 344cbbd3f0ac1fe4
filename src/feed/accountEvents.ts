import type { RequestContext } from '../flows/requestContext.js';

/** A change to a partner's customer accounts, as the channel feed reports it. */
export interface AccountEvent {
  kind: 'customerCreated' | 'relationshipEnded' | 'accountUpdated' | 'usersAdded' | 'invitationAccepted' | 'transferRequested' | 'transferAccepted' | 'transferRejected' | 'transferExpiring';
  tenantId: string;
  customerId: string;
  companyName: string;
  domain: string;
  /** Who made the change: their display name, as their chat shows it (empty when it came from outside the bot). */
  actorName: string;
  /** ISO 8601. */
  at: string;
  /** How many (users added). */
  count?: number;
  /** The other partner of a transfer. */
  partnerName?: string;
  /** When a pending transfer request expires (ISO 8601). */
  deadline?: string;
  /** A conversation remembered under this key (FeedSubscriptions.remember: a requester's own chat) is told too, once. */
  notify?: string;
}

export const ACCOUNT_EVENT_KINDS = ['customerCreated', 'relationshipEnded', 'accountUpdated', 'usersAdded', 'invitationAccepted', 'transferRequested', 'transferAccepted', 'transferRejected', 'transferExpiring'] as const satisfies ReadonlyArray<AccountEvent['kind']>;

/** Where flows report a change once it is stored. Publishing only queues: it never waits for or fails on delivery. */
export interface AccountEvents {
  publish(event: AccountEvent): void;
}

/** Subscribing a conversation to its partner tenant's account changes (the edge keeps how to reach it). */
export interface FeedSubscriptions {
  /** True when the conversation was not subscribed before. */
  subscribe(ctx: RequestContext): Promise<boolean>;
  /** True when it was subscribed. */
  unsubscribe(ctx: RequestContext): Promise<boolean>;
  /** Remembers the turn's personal conversation under `key`, so the one event published with `notify: key` reaches it (a shared chat is not remembered: its feed is its own). */
  remember(ctx: RequestContext, key: string): Promise<void>;
}
