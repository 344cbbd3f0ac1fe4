import type { TurnContext } from 'botbuilder';
import { ConversationTurnGuard } from '../../src/bot/turnGuard.js';
import { LocalActivityClaims, type ClaimOptions } from '../../src/concurrency/activityClaims.js';
import type { GuardedTurn, TurnSerializer } from '../../src/concurrency/turnSerializer.js';
import { createLogger } from '../../src/logger.js';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** Lets every pending promise callback run (one macrotask turn; no wall-clock waiting). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function turn(conversationId: string, id: string | undefined, type = 'message'): TurnContext {
  return { activity: { id, type, conversation: { id: conversationId } } } as unknown as TurnContext;
}

function makeGuard(options?: ClaimOptions): ConversationTurnGuard {
  return new ConversationTurnGuard(createLogger('silent'), { claims: new LocalActivityClaims(options) });
}

/** A `next` that counts its calls and resolves immediately. */
function counter(): { next: () => Promise<void>; calls: () => number } {
  let calls = 0;
  return {
    next: async () => {
      calls++;
    },
    calls: () => calls,
  };
}

describe('ConversationTurnGuard', () => {
  test('turns of one conversation do not overlap', async () => {
    const guard = makeGuard();
    const log: string[] = [];
    const first = deferred();
    const second = deferred();

    const t1 = guard.onTurn(turn('c1', 'a1'), async () => {
      log.push('start 1');
      await first.promise;
      log.push('end 1');
    });
    const t2 = guard.onTurn(turn('c1', 'a2'), async () => {
      log.push('start 2');
      await second.promise;
      log.push('end 2');
    });

    await settle();
    expect(log).toEqual(['start 1']);

    first.resolve();
    await t1;
    await settle();
    expect(log).toEqual(['start 1', 'end 1', 'start 2']);

    second.resolve();
    await t2;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  test('turns of different conversations overlap', async () => {
    const guard = makeGuard();
    const started: string[] = [];
    const gate1 = deferred();
    const gate2 = deferred();

    const t1 = guard.onTurn(turn('c1', 'a1'), async () => {
      started.push('c1');
      await gate1.promise;
    });
    const t2 = guard.onTurn(turn('c2', 'a1'), async () => {
      started.push('c2');
      await gate2.promise;
    });

    await settle();
    expect(started.sort()).toEqual(['c1', 'c2']);
    gate2.resolve();
    await t2;
    gate1.resolve();
    await t1;
  });

  test('a failing turn does not block the next turn of its conversation', async () => {
    const guard = makeGuard();
    await expect(
      guard.onTurn(turn('c1', 'a1'), async () => {
        throw new Error('turn failed');
      }),
    ).rejects.toThrow('turn failed');
    const { next, calls } = counter();
    await guard.onTurn(turn('c1', 'a2'), next);
    expect(calls()).toBe(1);
  });

  test('a repeated activity id is dropped in its conversation but processed in another', async () => {
    const guard = makeGuard();
    const { next, calls } = counter();

    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(1);
    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(1);
    await guard.onTurn(turn('c2', 'a1'), next);
    expect(calls()).toBe(2);
    await guard.onTurn(turn('c1', 'a2'), next);
    expect(calls()).toBe(3);
  });

  test('a retry that arrives while the original turn is still running is dropped without waiting', async () => {
    const guard = makeGuard();
    const gate = deferred();
    let calls = 0;
    const next = async () => {
      calls++;
      await gate.promise;
    };

    const original = guard.onTurn(turn('c1', 'a1'), next);
    await settle();
    // The retry resolves although the original turn is still blocked.
    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls).toBe(1);
    gate.resolve();
    await original;
    expect(calls).toBe(1);
  });

  test('a turn\'s first reads (prepare) come after the earlier turns of its conversation, and not at all for a repeat', async () => {
    let language = 'en';
    const seen: string[] = [];
    const guard = new ConversationTurnGuard(createLogger('silent'), { prepare: async (context) => void seen.push(`${context.activity.id} read ${language}`) });
    const gate = deferred();
    const first = guard.onTurn(turn('c1', 'switch'), async () => {
      await gate.promise;
      language = 'de';
    });
    const second = guard.onTurn(turn('c1', 'after'), async () => void seen.push('after ran'));
    await guard.onTurn(turn('c1', 'switch'), async () => void seen.push('repeat ran'));
    await settle();
    gate.resolve();
    await Promise.all([first, second]);
    expect(seen).toEqual(['switch read en', 'after read de', 'after ran']);
  });

  test('invoke activities with a repeated id are still processed', async () => {
    const guard = makeGuard();
    const { next, calls } = counter();
    await guard.onTurn(turn('c1', 'i1', 'invoke'), next);
    await guard.onTurn(turn('c1', 'i1', 'invoke'), next);
    expect(calls()).toBe(2);
  });

  test('activities without an id are never treated as repeats', async () => {
    const guard = makeGuard();
    const { next, calls } = counter();
    await guard.onTurn(turn('c1', undefined), next);
    await guard.onTurn(turn('c1', undefined), next);
    expect(calls()).toBe(2);
  });

  test('an id is accepted again after rememberForMs (injected clock)', async () => {
    let now = 1_000;
    const guard = makeGuard({ rememberForMs: 5_000, now: () => now });
    const { next, calls } = counter();

    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(1);

    now = 1_000 + 4_999;
    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(1);

    now = 1_000 + 5_001;
    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(2);

    // Accepting it again starts a new memory period.
    now += 10;
    await guard.onTurn(turn('c1', 'a1'), next);
    expect(calls()).toBe(2);
  });

  test('with maxRemembered=2 the oldest id is forgotten', async () => {
    const guard = makeGuard({ maxRemembered: 2, now: () => 0 });
    const { next, calls } = counter();
    for (const id of ['a', 'b', 'c']) await guard.onTurn(turn('c1', id), next);
    expect(calls()).toBe(3);

    await guard.onTurn(turn('c1', 'a'), next);
    expect(calls()).toBe(4);
  });

  test('with maxRemembered=2 the two most recent ids are still remembered', async () => {
    const guard = makeGuard({ maxRemembered: 2, now: () => 0 });
    const { next, calls } = counter();
    for (const id of ['a', 'b', 'c']) await guard.onTurn(turn('c1', id), next);
    expect(calls()).toBe(3);

    await guard.onTurn(turn('c1', 'b'), next);
    expect(calls()).toBe(3);
    await guard.onTurn(turn('c1', 'c'), next);
    expect(calls()).toBe(3);
  });

  test('idle() waits for running and queued turns', async () => {
    const guard = makeGuard();
    const gate1 = deferred();
    const gate2 = deferred();
    const gate3 = deferred();
    const turns = [
      guard.onTurn(turn('c1', 'a1'), () => gate1.promise),
      guard.onTurn(turn('c1', 'a2'), () => gate2.promise),
      guard.onTurn(turn('c2', 'a1'), () => gate3.promise),
    ];

    let idle = false;
    const idlePromise = guard.idle().then(() => {
      idle = true;
    });
    await settle();
    expect(idle).toBe(false);
    gate1.resolve();
    gate3.resolve();
    await settle();
    expect(idle).toBe(false);
    gate2.resolve();
    await idlePromise;
    expect(idle).toBe(true);
    await Promise.all(turns);
  });
  test('answers when the work ends, not after the lease is handed back; idle() waits for the hand-back too; a failed work fails the turn', async () => {
    const handBack = deferred();
    // A serializer whose hand-back (a round trip to Redis) takes as long as the test says.
    const turns: TurnSerializer = {
      run: (_id, work) => work(),
      async runTurn(_id: string, guarded: GuardedTurn) {
        if (!(await guarded.claimed)) return false;
        await guarded.prepare();
        try {
          await guarded.work();
        } finally {
          await handBack.promise;
        }
        return true;
      },
    };
    const guard = new ConversationTurnGuard(createLogger('silent'), { claims: new LocalActivityClaims(), turns });
    let answered = false;
    await guard.onTurn(turn('c1', 'a1'), async () => {}).then(() => (answered = true));
    expect(answered).toBe(true);
    await expect(guard.onTurn(turn('c1', 'a2'), async () => Promise.reject(new Error('the work failed')))).rejects.toThrow('the work failed');
    let idle = false;
    const idling = guard.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    handBack.resolve();
    await idling;
    expect(idle).toBe(true);
  });
});
