/** The Redis state stores as the app wires them: a turn's flow session is written under its conversation's lease. */
import { RedisTurnSerializer } from '../../src/concurrency/turnSerializer.js';
import { FlowSessions, type FlowSession } from '../../src/flows/flowSessions.js';
import type { RequestContext } from '../../src/flows/requestContext.js';
import { createStateStores, type StateStores } from '../../src/storage/stateStores.js';
import { LeaseLostError } from '../../src/storage/redisStorage.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

const ctxOf = (conversationId: string) => ({ conversation: { channelId: 'msteams', id: conversationId, shared: false }, user: { key: 'user-1', name: 'User One' } }) as RequestContext;
const session = (step: string): FlowSession => ({ owner: { key: 'user-1', name: 'User One' }, frames: [{ flow: 'addCustomer', state: { step }, promptId: `p-${step}` }] });

describe('state stores on Redis', () => {
  let redis: TestRedis;
  let stores: StateStores;
  beforeAll(async () => {
    redis = await startRedis();
    stores = createStateStores({ STATE_STORE: 'redis', REDIS_URL: redis.url, dataDir: '/nonexistent', conversationTtlMs: 60_000, onWriteError: () => undefined });
  });
  afterAll(async () => {
    await stores?.close();
    await redis?.stop();
  });

  it('writes a turn\'s flow session only while the turn holds its conversation\'s lease', async () => {
    const sessions = new FlowSessions(stores.conversations);
    const ctx = ctxOf('fenced-turn');
    await stores.turns.run('fenced-turn', () => sessions.save(ctx, session('company')));
    expect((await sessions.load(ctx))?.frames[0]?.promptId).toBe('p-company');
    // The lease lapses mid-turn and another instance takes it: this turn's save is refused and nothing changes.
    await expect(
      stores.turns.run('fenced-turn', async () => {
        await redis.client.set(RedisTurnSerializer.leaseKey('fenced-turn'), 'another-instance', 'PX', 5_000);
        await sessions.save(ctx, session('address'));
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    expect((await sessions.load(ctx))?.frames[0]?.promptId).toBe('p-company');
    // Another conversation's turn is not held up by it.
    await stores.turns.run('other-turn', () => sessions.save(ctxOf('other-turn'), session('address')));
    expect((await sessions.load(ctxOf('other-turn')))?.frames[0]?.promptId).toBe('p-address');
  });
});
