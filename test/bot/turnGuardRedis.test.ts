/** The turn guard across instances (STATE_STORE=redis): two guards on one Redis stand for two bot processes. */
import type { TurnContext } from 'botbuilder';
import { ConversationTurnGuard } from '../../src/bot/turnGuard.js';
import { RedisActivityClaims } from '../../src/concurrency/activityClaims.js';
import { TurnFences } from '../../src/concurrency/turnFences.js';
import { LeaseTimeoutError, RedisTurnSerializer } from '../../src/concurrency/turnSerializer.js';
import { createLogger } from '../../src/logger.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';
import { Redis } from 'ioredis';

const turn = (conversationId: string, id: string): TurnContext => ({ activity: { id, type: 'message', conversation: { id: conversationId } } }) as unknown as TurnContext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('turn guard on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => (redis = await startRedis()));
  afterAll(async () => redis?.stop());
  let conversations = 0;
  const conversation = () => `conversation-${++conversations}`;

  const instance = (options: { leaseMs?: number; waitMs?: number } = {}) => {
    const fences = new TurnFences();
    const guard = new ConversationTurnGuard(createLogger('silent'), { claims: new RedisActivityClaims(redis.client), turns: new RedisTurnSerializer(redis.client, fences, options) });
    return { guard, fences };
  };

  it('runs one conversation\'s turns one at a time even when they reach different instances; other conversations overlap', async () => {
    const [a, b] = [instance(), instance()];
    const c1 = conversation();
    const c2 = conversation();
    const log: string[] = [];
    const slow = (name: string) => async () => {
      log.push(`start ${name}`);
      await sleep(150);
      log.push(`end ${name}`);
    };
    await Promise.all([a.guard.onTurn(turn(c1, 'x1'), slow('1')), sleep(20).then(() => b.guard.onTurn(turn(c1, 'x2'), slow('2'))), sleep(20).then(() => b.guard.onTurn(turn(c2, 'y1'), slow('other')))]);
    const one = log.filter((entry) => !entry.endsWith('other'));
    expect(one).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    // The other conversation did not wait for the first.
    expect(log.indexOf('start other')).toBeLessThan(log.indexOf('end 1'));
  });

  it('processes an activity id once, whichever instance a retry reaches', async () => {
    const [a, b] = [instance(), instance()];
    const c = conversation();
    let calls = 0;
    const next = async () => void calls++;
    await a.guard.onTurn(turn(c, 'retried'), next);
    await b.guard.onTurn(turn(c, 'retried'), next);
    await Promise.all([a.guard.onTurn(turn(c, 'raced'), next), b.guard.onTurn(turn(c, 'raced'), next)]);
    expect(calls).toBe(2);
    await b.guard.onTurn(turn(conversation(), 'retried'), next);
    expect(calls).toBe(3);
  });

  it('a retry of a turn whose instance died mid-turn is processed once the dead claim lapses; a finished turn stays claimed', async () => {
    const c = conversation();
    const dying = new Redis(redis.url);
    const first = new RedisActivityClaims(dying, { runningMs: 300 });
    const other = new RedisActivityClaims(redis.client, { runningMs: 300 });
    expect(await first.claim(`${c}\nlost`)).toBeDefined();
    // While its instance is alive the claim is renewed: a retry is a repeat.
    await sleep(450);
    expect(await other.claim(`${c}\nlost`)).toBeUndefined();
    // The instance dies (no more renewals): the retry after the claim lapsed is processed.
    dying.disconnect();
    await sleep(450);
    const taken = await other.claim(`${c}\nlost`);
    expect(taken).toBeDefined();
    await taken!.settle();
    await sleep(450);
    expect(await first.claim(`${c}\nlost`).catch(() => undefined)).toBeUndefined();
    expect(await other.claim(`${c}\nlost`)).toBeUndefined();
  });

  it('marks a turn done when it ends, also when it fails: its id is remembered, not renewed as running', async () => {
    const { guard } = instance();
    const c = conversation();
    const key = (id: string) => `cab:activity:${c}\n${id}`;
    let during = '';
    await guard.onTurn(turn(c, 'ok'), async () => void (during = (await redis.client.get(key('ok'))) ?? ''));
    await expect(guard.onTurn(turn(c, 'fails'), async () => Promise.reject(new Error('the turn failed')))).rejects.toThrow('the turn failed');
    expect(during).toBe('running');
    await guard.idle();
    for (const id of ['ok', 'fails']) {
      expect(await redis.client.get(key(id))).toBe('settled');
      // Remembered for minutes, not the running claim's seconds.
      expect(await redis.client.pttl(key(id))).toBeGreaterThan(60_000);
    }
  });

  it('reads a turn\'s first state (prepare) after the turn before it, also when that turn ran on another instance', async () => {
    const key = `language-${conversations}`;
    const seen: string[] = [];
    const withPrepare = () =>
      new ConversationTurnGuard(createLogger('silent'), {
        claims: new RedisActivityClaims(redis.client),
        turns: new RedisTurnSerializer(redis.client, new TurnFences()),
        prepare: async (context) => void seen.push(`${context.activity.id} read ${(await redis.client.get(key)) ?? 'en'}`),
      });
    const [a, b] = [withPrepare(), withPrepare()];
    const c = conversation();
    // Its first try for the lease fails while the switch runs on A: what it read with that try is read again.
    await Promise.all([
      a.onTurn(turn(c, 'switch'), async () => {
        await sleep(150);
        await redis.client.set(key, 'de');
      }),
      sleep(40).then(() => b.onTurn(turn(c, 'after'), async () => void seen.push('after ran'))),
    ]);
    expect(seen.filter((entry) => !entry.startsWith('after read en'))).toEqual(['switch read en', 'after read de', 'after ran']);
    // A repeat runs nothing, its reads are not used.
    await b.onTurn(turn(c, 'after'), async () => void seen.push('repeat ran'));
    expect(seen).not.toContain('repeat ran');
  });

  it('gives the running turn its fence (the lease key and the token Redis holds), and releases the lease after it is answered', async () => {
    const a = instance();
    const c = conversation();
    let seen: { key: string; token: string } | undefined;
    let held: string | null = null;
    await a.guard.onTurn(turn(c, 'f1'), async () => {
      seen = a.fences.of(c);
      held = await redis.client.get(seen!.key);
    });
    expect(seen!.key).toBe(RedisTurnSerializer.leaseKey(c));
    expect(held).toBe(seen!.token);
    // Handed back once the turn is answered (the answer does not wait for it).
    await a.guard.idle();
    expect(await redis.client.exists(seen!.key)).toBe(0);
    expect(a.fences.of(c)).toBeUndefined();
  });

  it('keeps the lease while a turn runs longer than the lease, and a dead holder\'s lease lapses so the next turn runs', async () => {
    const a = instance({ leaseMs: 300 });
    const b = instance({ leaseMs: 300, waitMs: 2_000 });
    const c = conversation();
    const order: string[] = [];
    await Promise.all([
      a.guard.onTurn(turn(c, 'long'), async () => {
        await sleep(800); // more than two lease times: extended meanwhile
        order.push('long');
      }),
      sleep(50).then(() => b.guard.onTurn(turn(c, 'after'), async () => void order.push('after'))),
    ]);
    expect(order).toEqual(['long', 'after']);
    // A holder that died: its key stays until it expires, then the turn goes on.
    await redis.client.set(RedisTurnSerializer.leaseKey(c), 'dead-instance', 'PX', 300);
    const started = Date.now();
    await b.guard.onTurn(turn(c, 'later'), async () => void order.push('later'));
    expect(order.at(-1)).toBe('later');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('fails a turn that waited longer than waitMs for a lease another instance keeps', async () => {
    const b = instance({ waitMs: 200 });
    const c = conversation();
    await redis.client.set(RedisTurnSerializer.leaseKey(c), 'someone-else', 'PX', 5_000);
    await expect(b.guard.onTurn(turn(c, 'blocked'), async () => undefined)).rejects.toBeInstanceOf(LeaseTimeoutError);
  });
});
