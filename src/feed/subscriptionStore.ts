import { LocalTurnSerializer, type TurnSerializer } from '../concurrency/turnSerializer.js';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { SessionStore } from '../flows/flowSessions.js';

/** A conversation that gets its partner tenant's account changes, and how to reach it. */
export interface Subscription {
  channelId: string;
  conversationId: string;
  serviceUrl: string;
  botId: string;
  /** The language of whoever subscribed it: its notices are written in it. */
  language: Language;
  subscribedAt: string;
}

/** At most this many subscribed conversations per partner tenant (a bound on what one tenant can make the bot send). */
export const MAX_SUBSCRIPTIONS = 200;

/**
 * The channel feed's subscriptions, one record per partner tenant, in the
 * bot state store. Changes to one tenant's record run one at a time (with
 * Redis: under a lease every instance respects), so two channels subscribing
 * at once are both kept.
 */
export class SubscriptionStore {
  constructor(private readonly store: SessionStore, private readonly serializer: TurnSerializer = new LocalTurnSerializer()) {}

  async list(tenantId: string): Promise<Subscription[]> {
    const key = keyOf(tenantId);
    const item = (await this.store.read([key]))[key] as { subscriptions?: unknown } | undefined;
    return Array.isArray(item?.subscriptions) ? item.subscriptions.filter(isSubscription) : [];
  }

  /** Whether the conversation is subscribed to the tenant's feed now. */
  async has(tenantId: string, conversation: { channelId: string; conversationId: string }): Promise<boolean> {
    return (await this.list(tenantId)).some((s) => sameConversation(s, conversation));
  }

  /** Adds or refreshes (a new service URL, a new language) a conversation; false when it was there already or the tenant is at its bound. */
  add(tenantId: string, subscription: Subscription): Promise<boolean> {
    return this.change(tenantId, (all) => {
      const existed = all.some((s) => sameConversation(s, subscription));
      if (!existed && all.length >= MAX_SUBSCRIPTIONS) return { all, result: false };
      return { all: [...all.filter((s) => !sameConversation(s, subscription)), subscription], result: !existed };
    });
  }

  remove(tenantId: string, conversation: { channelId: string; conversationId: string }): Promise<boolean> {
    return this.change(tenantId, (all) => {
      const kept = all.filter((s) => !sameConversation(s, conversation));
      return { all: kept, result: kept.length !== all.length };
    });
  }

  private change(tenantId: string, apply: (all: Subscription[]) => { all: Subscription[]; result: boolean }): Promise<boolean> {
    // Under a key no conversation id can have: the lease is the tenant's feed record's, not a conversation's.
    return this.serializer.run(`\u0000feeds\n${tenantId}`, async () => {
      const { all, result } = apply(await this.list(tenantId));
      const key = keyOf(tenantId);
      if (all.length === 0) await this.store.delete([key]);
      else await this.store.write({ [key]: { subscriptions: all, eTag: '*' } });
      return result;
    });
  }
}

const keyOf = (tenantId: string) => `feeds/${tenantId}`;
const sameConversation = (a: { channelId: string; conversationId: string }, b: { channelId: string; conversationId: string }) =>
  a.channelId === b.channelId && a.conversationId === b.conversationId;

function isSubscription(value: unknown): value is Subscription {
  const s = value as Partial<Subscription> | undefined;
  return typeof s?.conversationId === 'string' && typeof s.serviceUrl === 'string' && typeof s.channelId === 'string' && typeof s.botId === 'string' && isLanguage(s.language);
}
