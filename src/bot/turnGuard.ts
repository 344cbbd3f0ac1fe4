import type { Middleware, TurnContext } from 'botbuilder';
import { LocalActivityClaims, type ActivityClaim, type ActivityClaims } from '../concurrency/activityClaims.js';
import { LocalTurnSerializer, type TurnSerializer } from '../concurrency/turnSerializer.js';
import type { Logger } from '../logger.js';

export interface TurnGuardDeps {
  /** Who processes an activity id: this process alone (local) or exactly one instance (Redis). */
  claims?: ActivityClaims;
  /** How one conversation's turns wait for each other: in this process (local) or across instances (a lease in Redis). */
  turns?: TurnSerializer;
  /**
   * What a turn reads before its work (its user's saved language). With
   * Redis the reads go out with the claim and the lease, in one round trip.
   */
  prepare?: (context: TurnContext) => Promise<void>;
}

/** The claim of a turn that is never a repeat (an invoke, an activity without an id). */
const UNCLAIMED: ActivityClaim = { settle: async () => {} };

/**
 * Processes the turns of one conversation one at a time, in arrival order, and
 * drops an activity whose id was already claimed in that conversation (Teams
 * re-sends a turn that took longer than ~15 s). Invokes are exempt: their
 * sender waits for an answer, and card actions carry their own guards.
 */
export class ConversationTurnGuard implements Middleware {
  private readonly claims: ActivityClaims;
  private readonly turns: TurnSerializer;
  private readonly prepare: (context: TurnContext) => Promise<void>;

  constructor(private readonly logger: Logger, deps: TurnGuardDeps = {}) {
    this.claims = deps.claims ?? new LocalActivityClaims();
    this.turns = deps.turns ?? new LocalTurnSerializer();
    this.prepare = deps.prepare ?? (async () => {});
  }

  /** Every turn from its arrival (its claim included) until its lease and claim are handed back. */
  private readonly running = new Set<Promise<unknown>>();

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { answered, over } = this.handle(context, next);
    this.running.add(over);
    const forget = () => void this.running.delete(over);
    over.then(forget, forget);
    return answered;
  }

  /**
   * `answered`: the turn's work is over (or it failed, or it is a repeat): the
   * channel gets its answer then. `over`: its lease and its claim are handed
   * back too, which with Redis is one more round trip the answer need not wait for.
   */
  private handle(context: TurnContext, next: () => Promise<void>): { answered: Promise<void>; over: Promise<unknown> } {
    const { id, type, conversation } = context.activity;
    const conversationId = conversation?.id ?? '';
    const claiming = id && type !== 'invoke' ? this.claims.claim(`${conversationId}\n${id}`) : Promise.resolve(UNCLAIMED);
    // Marked done as soon as its work ends, while the lease is handed back (one round trip to Redis, not two). A failed claim is the turn's error, reported by `answered`.
    let settled: Promise<void> | undefined;
    const settle = () =>
      (settled ??= claiming.then(
        (claim) => claim?.settle().catch((err: unknown) => this.logger.warn({ err }, 'a turn could not be marked as done')),
        () => undefined,
      ));
    let workEnded: (outcome: Promise<void>) => void = () => undefined;
    const worked = new Promise<void>((resolve, reject) => (workEnded = (outcome) => void outcome.then(resolve, reject)));
    const ran = this.turns.runTurn(conversationId, {
      claimed: claiming.then((claim) => claim !== undefined),
      prepare: () => this.prepare(context),
      work: async () => {
        const outcome = (async () => next())();
        workEnded(outcome);
        try {
          await outcome;
        } finally {
          void settle();
        }
      },
    });
    const over = ran.then(settle, settle);
    const answered = (async () => {
      // A repeat returns at once, not after the turn it repeats (its place in the queue ends as soon as it comes up).
      if (!(await claiming)) {
        this.logger.info({ conversationId, activityType: type }, 'repeated activity id ignored');
        return;
      }
      // Whichever comes first: the work's end, or the failure that kept it from running (no lease in time, Redis gone).
      await Promise.race([ran.then(() => undefined), worked]);
    })();
    return { answered, over };
  }

  /** Waits for every turn that arrived in this process, running or waiting (used at shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
