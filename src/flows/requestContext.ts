import type { UserCredentials } from '../customers/ports.js';
import type { TurnLocale } from '../i18n/localizer.js';

/** Who is acting in a turn. */
export interface Actor {
  /** The channel's id for the user (Teams: "29:…"); keys their flows and preferences. */
  key: string;
  /** The user's Entra object id, when the channel sends it (Teams does). */
  aadObjectId?: string;
  /** The display name the channel gave, bounded; shown to others in a shared chat ("Anna's task"). */
  name: string;
}

/**
 * One turn as the flows see it: plain values, built once at the edge, never a
 * botbuilder type. Every backend call takes the tenant and the actor from here.
 */
export interface RequestContext {
  /** The partner tenant: the user's Teams tenant, or the local sandbox. */
  tenantId: string;
  user: Actor;
  /** The language of this turn; the language flow replaces it after a switch, so the rest of the turn speaks the new one. */
  locale: TurnLocale;
  conversation: {
    /** The channel ("msteams", "emulator", …) and the conversation id, which together key the flows kept for it. */
    channelId: string;
    id: string;
    /** A group chat or a team channel: flows belong to their starter, and nothing secret is posted. */
    shared: boolean;
  };
  /** Ties the log lines and the backend calls of one turn together (Partner Center's `MS-CorrelationId`). */
  correlationId: string;
  /** The id of the activity this turn answers: a retry of the same activity (Teams re-sends) carries the same one. */
  activityId?: string;
  /** The user's Partner Center token, for backends that act as the user. */
  credentials: UserCredentials;
  now(): Date;
}

/** The id roles and audit entries are recorded under: the Entra object id where known. */
export const principalOf = (user: Actor): string => user.aadObjectId ?? user.key;
