/**
 * One contract for every botbuilder Storage the bot can run on: the embedded
 * LowdbStorage and the shared RedisStorage (STATE_STORE=redis) must behave
 * alike, eTags included, because BotState and the flows rely on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Storage } from 'botbuilder';
import { LowdbStorage } from '../../src/storage/lowdbStorage.js';
import { TurnFences } from '../../src/concurrency/turnFences.js';
import { LeaseLostError, RedisStorage } from '../../src/storage/redisStorage.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

interface Subject {
  storage: Storage;
  close(): Promise<void>;
}

let redis: TestRedis;
beforeAll(async () => (redis = await startRedis()));
afterAll(async () => redis?.stop());

let stores = 0;
const BACKENDS: Array<[string, (ttlMs?: number) => Promise<Subject>]> = [
  [
    'LowdbStorage',
    async (ttlMs) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'cab-storage-'));
      const storage = new LowdbStorage({ dir, ttlMs, writeDelayMs: 5 });
      return { storage, close: async () => { await storage.flush(); rmSync(dir, { recursive: true, force: true }); } };
    },
  ],
  ['RedisStorage', async (ttlMs) => ({ storage: new RedisStorage({ redis: redis.client, prefix: `contract${stores++}`, ttlMs }), close: async () => {} })],
];

describe.each(BACKENDS)('%s', (_name, make) => {
  let subject: Subject;
  afterEach(async () => subject?.close());

  it('reads nothing for keys never written, and several keys in one call', async () => {
    subject = await make();
    expect(await subject.storage.read(['nobody'])).toEqual({});
    await subject.storage.write({ a: { n: 1 }, b: { n: 2 } });
    const items = await subject.storage.read(['a', 'b', 'c']);
    expect(Object.keys(items).sort()).toEqual(['a', 'b']);
    expect(items.b).toMatchObject({ n: 2 });
  });

  it('gives back what was written (any script), with an eTag, as a copy the caller cannot change the store through', async () => {
    subject = await make();
    const value = { name: 'ООО «Ромашка»', 中文: '北京市', nested: { list: [1, 2, 3] } };
    await subject.storage.write({ 'msteams/conversations/19:a b/c': value });
    const { 'msteams/conversations/19:a b/c': read } = await subject.storage.read(['msteams/conversations/19:a b/c']);
    expect(read).toEqual({ ...value, eTag: expect.any(String) });
    (read as { nested: { list: number[] } }).nested.list.push(4);
    const again = await subject.storage.read(['msteams/conversations/19:a b/c']);
    expect((again['msteams/conversations/19:a b/c'] as { nested: { list: number[] } }).nested.list).toEqual([1, 2, 3]);
  });

  it('takes a write with the eTag read, gives a new eTag, and refuses the old one: nothing of the refused write is stored', async () => {
    subject = await make();
    await subject.storage.write({ k: { v: 1 } });
    const first = (await subject.storage.read(['k'])).k as { eTag: string };
    await subject.storage.write({ k: { v: 2, eTag: first.eTag } });
    const second = (await subject.storage.read(['k'])).k as { eTag: string; v: number };
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
    await expect(subject.storage.write({ k: { v: 3, eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await subject.storage.read(['k'])).k).toEqual(second);
  });

  it('writes unconditionally with "*" or without an eTag (last writer wins, as botbuilder\'s saveChanges does)', async () => {
    subject = await make();
    await subject.storage.write({ k: { v: 1 } });
    await subject.storage.write({ k: { v: 2, eTag: '*' } });
    await subject.storage.write({ k: { v: 3 } });
    expect((await subject.storage.read(['k'])).k).toMatchObject({ v: 3 });
  });

  it('lets exactly one of two writers holding the same eTag win', async () => {
    subject = await make();
    await subject.storage.write({ k: { v: 0 } });
    const { eTag } = (await subject.storage.read(['k'])).k as { eTag: string };
    const outcomes = await Promise.allSettled([subject.storage.write({ k: { v: 'a', eTag } }), subject.storage.write({ k: { v: 'b', eTag } })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
    expect((await subject.storage.read(['k'])).k).toMatchObject({ v: winner === 0 ? 'a' : 'b' });
  });

  it('deletes; a key deleted by someone else can be written again', async () => {
    subject = await make();
    await subject.storage.write({ k: { v: 1 } });
    const { eTag } = (await subject.storage.read(['k'])).k as { eTag: string };
    await subject.storage.delete(['k']);
    expect(await subject.storage.read(['k'])).toEqual({});
    await subject.storage.write({ k: { v: 2, eTag } });
    expect((await subject.storage.read(['k'])).k).toMatchObject({ v: 2 });
  });

  it('forgets an entry not written for longer than its time to live; a write renews it', async () => {
    subject = await make(400);
    await subject.storage.write({ old: { v: 1 }, renewed: { v: 1 } });
    await new Promise((r) => setTimeout(r, 250));
    await subject.storage.write({ renewed: { v: 2 } });
    await new Promise((r) => setTimeout(r, 250));
    const items = await subject.storage.read(['old', 'renewed']);
    expect(Object.keys(items)).toEqual(['renewed']);
  });
});

describe('RedisStorage fenced by the turn\'s lease', () => {
  it('writes a conversation\'s state only while the writing turn holds its lease; a lapsed holder writes nothing', async () => {
    const fences = new TurnFences();
    const storage = new RedisStorage({ redis: redis.client, prefix: `fenced${stores++}`, fences });
    const lease = 'cab:lease:fenced-conversation';
    const ofConversation = { conversationId: 'fenced-conversation' };
    const asHolder = <T>(work: () => Promise<T>) => fences.run('fenced-conversation', { key: lease, token: 'token-a' }, work);
    await redis.client.set(lease, 'token-a', 'PX', 5_000);
    await asHolder(() => storage.write({ k: { v: 1 } }, ofConversation));
    expect((await storage.read(['k'])).k).toMatchObject({ v: 1 });
    // The lease lapsed and another instance took it: the old holder's write is refused, nothing changes.
    await redis.client.set(lease, 'token-b', 'PX', 5_000);
    await expect(asHolder(() => storage.write({ k: { v: 2 } }, ofConversation))).rejects.toBeInstanceOf(LeaseLostError);
    await redis.client.del(lease);
    await expect(asHolder(() => storage.write({ k: { v: 3 } }, ofConversation))).rejects.toBeInstanceOf(LeaseLostError);
    expect((await storage.read(['k'])).k).toMatchObject({ v: 1 });
    // Another conversation's state is not under this turn's lease.
    await asHolder(() => storage.write({ other: { v: 1 } }, { conversationId: 'another-conversation' }));
    expect((await storage.read(['other'])).other).toMatchObject({ v: 1 });
    // Outside a turn of the conversation (a job, the feed) no fence applies.
    await storage.write({ k: { v: 4 } }, ofConversation);
    expect((await storage.read(['k'])).k).toMatchObject({ v: 4 });
    expect(fences.of('fenced-conversation')).toBeUndefined();
  });
});
