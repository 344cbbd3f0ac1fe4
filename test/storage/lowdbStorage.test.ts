import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, TestAdapter, type StoreItems } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { ETagConflictError, LowdbStorage } from '../../src/storage/lowdbStorage.js';

/**
 * LowdbStorage writes files behind its writes; these tests check what is on
 * disk, which is defined once flush() has resolved. This subclass flushes
 * after every write and delete, so each assertion sees the files.
 */
class FlushedStorage extends LowdbStorage {
  override async write(changes: StoreItems): Promise<void> {
    await super.write(changes);
    await this.flush();
  }

  override async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    await this.flush();
  }
}

const fileName = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;

interface StoredFile {
  key: string;
  eTag: string;
  updatedAt: number;
  value: Record<string, unknown>;
}

let root: string;
let dir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-lowdb-storage-'));
  dir = path.join(root, 'a', 'b', 'store');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function readStored(key: string): StoredFile {
  return JSON.parse(fs.readFileSync(path.join(dir, fileName(key)), 'utf8')) as StoredFile;
}

function eTagOf(items: StoreItems, key: string): string {
  const eTag = (items[key] as { eTag?: unknown } | undefined)?.eTag;
  if (typeof eTag !== 'string') throw new Error(`no eTag for ${key}`);
  return eTag;
}

/** Every file below `root`, relative to it. */
function allFiles(base: string): string[] {
  return (fs.readdirSync(base, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(base, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('LowdbStorage basics', () => {
  test('reading missing keys returns an empty object', async () => {
    const storage = new FlushedStorage({ dir });
    await expect(storage.read(['nope', 'also-missing'])).resolves.toEqual({});
    await expect(storage.read([])).resolves.toEqual({});
  });

  test('write then read returns the value plus an eTag', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ k1: { count: 1, nested: { list: ['x', 'y'] } }, k2: { name: 'two' } });
    const items = await storage.read(['k1', 'k2', 'missing']);
    expect(Object.keys(items).sort()).toEqual(['k1', 'k2']);
    expect(items['k1']).toEqual({ count: 1, nested: { list: ['x', 'y'] }, eTag: expect.any(String) });
    expect(items['k2']).toEqual({ name: 'two', eTag: expect.any(String) });
    expect(eTagOf(items, 'k1')).not.toBe('');
    expect(eTagOf(items, 'k1')).not.toBe(eTagOf(items, 'k2'));
  });

  test('values read are copies: mutating them does not change the store', async () => {
    const storage = new FlushedStorage({ dir });
    const written = { list: [1] };
    await storage.write({ k: written });
    written.list.push(2);
    const first = await storage.read(['k']);
    (first['k'] as { list: number[] }).list.push(3);
    expect((await storage.read(['k']))['k']).toMatchObject({ list: [1] });
  });

  test('a write with the eTag just read succeeds and changes the eTag', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ k: { v: 1 } });
    const first = eTagOf(await storage.read(['k']), 'k');

    await storage.write({ k: { v: 2, eTag: first } });
    const items = await storage.read(['k']);
    expect(items['k']).toMatchObject({ v: 2 });
    const second = eTagOf(items, 'k');
    expect(second).not.toBe(first);

    await storage.write({ k: { v: 3, eTag: second } });
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 3 });
  });

  test('a write with a stale eTag rejects with ETagConflictError and leaves the value unchanged', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ k: { v: 1 } });
    const stale = eTagOf(await storage.read(['k']), 'k');
    await storage.write({ k: { v: 2, eTag: stale } });
    const current = await storage.read(['k']);
    const before = fs.readFileSync(path.join(dir, fileName('k')), 'utf8');

    const attempt = storage.write({ k: { v: 99, eTag: stale } });
    await expect(attempt).rejects.toBeInstanceOf(ETagConflictError);
    await expect(storage.write({ k: { v: 98, eTag: 'made-up' } })).rejects.toThrow(/eTag conflict/);

    expect(await storage.read(['k'])).toEqual(current);
    expect(fs.readFileSync(path.join(dir, fileName('k')), 'utf8')).toBe(before);
  });

  test("'*' and a missing eTag overwrite whatever is stored", async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ k: { v: 1 } });
    const first = eTagOf(await storage.read(['k']), 'k');

    await storage.write({ k: { v: 2, eTag: '*' } });
    const afterStar = await storage.read(['k']);
    expect(afterStar['k']).toMatchObject({ v: 2 });
    expect(eTagOf(afterStar, 'k')).not.toBe(first);

    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 3 });
    expect(readStored('k').value).toEqual({ v: 3 });
  });

  test('a new key can be written with any eTag', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ fresh: { v: 1, eTag: 'from-elsewhere' } });
    expect((await storage.read(['fresh']))['fresh']).toMatchObject({ v: 1 });
  });

  test('delete removes the entries and their files, and ignores missing keys', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    await storage.delete(['a', 'c', 'never-written']);
    expect(await storage.read(['a', 'b', 'c'])).toEqual({ b: { v: 2, eTag: expect.any(String) } });
    expect(fs.readdirSync(dir)).toEqual([fileName('b')]);
  });

  test('a new instance on the same directory reads what the first wrote (restart)', async () => {
    const first = new FlushedStorage({ dir });
    await first.write({ 'msteams/conversations/19:abc': { dialogState: { stack: [{ id: 'x' }] } }, other: { n: 1 } });
    await first.flush();
    const eTag = eTagOf(await first.read(['other']), 'other');

    const second = new FlushedStorage({ dir });
    const items = await second.read(['msteams/conversations/19:abc', 'other']);
    expect(items['msteams/conversations/19:abc']).toMatchObject({ dialogState: { stack: [{ id: 'x' }] } });
    expect(eTagOf(items, 'other')).toBe(eTag);
    // Optimistic concurrency carries over the restart too.
    await expect(second.write({ other: { n: 2, eTag: 'stale' } })).rejects.toBeInstanceOf(ETagConflictError);
    await second.write({ other: { n: 2, eTag } });
    expect((await second.read(['other']))['other']).toMatchObject({ n: 2 });
  });
});

describe('LowdbStorage files', () => {
  const awkwardKeys = [
    '../../x',
    '../../../../../../../../tmp/evil',
    'a/b/c',
    'C:\\windows\\system32',
    'msteams/conversations/19:meeting_abc@thread.v2;messageid=123',
    'Unterhaltung/äöüß/Разговор/对话/🙂',
    '',
    '.json',
  ];

  test('each key is exactly one file, named by the sha256 of the key, inside the directory', async () => {
    const storage = new FlushedStorage({ dir });
    for (const [i, key] of awkwardKeys.entries()) await storage.write({ [key]: { i } });

    const expected = awkwardKeys.map((key) => path.join('a', 'b', 'store', fileName(key))).sort();
    expect(allFiles(root)).toEqual(expected);
    for (const [i, key] of awkwardKeys.entries()) {
      expect(readStored(key)).toMatchObject({ key, value: { i } });
      expect((await storage.read([key]))[key]).toMatchObject({ i });
    }
  });

  test('after many writes no temp files remain and every file is valid JSON', async () => {
    const storage = new FlushedStorage({ dir });
    const keys = Array.from({ length: 20 }, (_, i) => `conversation-${i}`);
    for (let round = 0; round < 5; round++) {
      await Promise.all(keys.map((key) => storage.write({ [key]: { round, key, eTag: '*' } })));
    }
    await storage.flush();

    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(keys.map(fileName).sort());
    for (const key of keys) {
      expect(readStored(key)).toEqual({ key, eTag: expect.any(String), updatedAt: expect.any(Number), value: { round: 4, key } });
    }
  });

  test('writing one key touches only that key\'s file', async () => {
    const storage = new FlushedStorage({ dir });
    const others = Array.from({ length: 15 }, (_, i) => `other-${i}`);
    await storage.write(Object.fromEntries(others.map((key) => [key, { key }])));
    await storage.write({ A: { v: 1 } });

    const snapshot = (key: string) => {
      const file = path.join(dir, fileName(key));
      const stat = fs.statSync(file, { bigint: true });
      return { ino: stat.ino, mtimeNs: stat.mtimeNs, content: fs.readFileSync(file, 'utf8') };
    };
    const before = Object.fromEntries(others.map((key) => [key, snapshot(key)]));
    const beforeA = snapshot('A');

    await storage.write({ A: { v: 2 } });
    await storage.flush();

    expect(Object.fromEntries(others.map((key) => [key, snapshot(key)]))).toEqual(before);
    expect(snapshot('A').content).not.toBe(beforeA.content);
    expect(fs.readdirSync(dir)).toHaveLength(others.length + 1);
  });

  test("a key's file holds only that key's entry, without the eTag inside the value", async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ A: { secretOfA: 'alpha', eTag: '*' }, B: { secretOfB: 'beta' } });
    const eTag = eTagOf(await storage.read(['A']), 'A');

    const raw = fs.readFileSync(path.join(dir, fileName('A')), 'utf8');
    expect(JSON.parse(raw)).toEqual({ key: 'A', eTag, updatedAt: expect.any(Number), value: { secretOfA: 'alpha' } });
    expect(raw).not.toContain('secretOfB');
    expect(raw).not.toContain('beta');
    expect(raw).not.toContain('"*"');
  });

  test('concurrent writes to one key with "*" all settle and the final value is one of them', async () => {
    const storage = new FlushedStorage({ dir });
    const writes = Array.from({ length: 12 }, (_, i) => storage.write({ k: { i, eTag: '*' } }));
    const results = await Promise.allSettled(writes);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);

    const final = (await storage.read(['k']))['k'] as { i: number };
    expect(Array.from({ length: 12 }, (_, i) => i)).toContain(final.i);
    expect(fs.readdirSync(dir)).toEqual([fileName('k')]);
    expect(readStored('k').value).toEqual({ i: final.i });
  });

  test('concurrent writes with the same eTag: exactly one wins, the others conflict', async () => {
    const storage = new FlushedStorage({ dir });
    await storage.write({ k: { v: 0 } });
    const eTag = eTagOf(await storage.read(['k']), 'k');

    const results = await Promise.allSettled([1, 2, 3, 4].map((v) => storage.write({ k: { v, eTag } })));
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(3);
    for (const result of rejected) expect(result.reason).toBeInstanceOf(ETagConflictError);

    const winner = results.findIndex((result) => result.status === 'fulfilled') + 1;
    expect((await storage.read(['k']))['k']).toMatchObject({ v: winner });
  });
});

describe('LowdbStorage expiry', () => {
  test('an entry older than ttlMs reads as absent and its file is removed; a fresh one survives', async () => {
    let now = 1_000_000;
    const storage = new FlushedStorage({ dir, ttlMs: 1_000, now: () => now });
    await storage.write({ old: { v: 'old' } });
    now += 900;
    await storage.write({ fresh: { v: 'fresh' } });

    now += 500; // old is 1400 ms old, fresh 500 ms
    expect(await storage.read(['old', 'fresh'])).toEqual({ fresh: { v: 'fresh', eTag: expect.any(String) } });
    expect(fs.readdirSync(dir)).toEqual([fileName('fresh')]);
  });

  test('an entry exactly ttlMs old is still there; rewriting it restarts its lifetime', async () => {
    let now = 0;
    const storage = new FlushedStorage({ dir, ttlMs: 1_000, now: () => now });
    await storage.write({ k: { v: 1 } });
    now = 1_000;
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 1 });
    await storage.write({ k: { v: 2 } });
    now = 1_900;
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 2 });
    now = 2_001;
    expect(await storage.read(['k'])).toEqual({});
  });

  test('an expired entry does not cause an eTag conflict: it is gone', async () => {
    let now = 0;
    const storage = new FlushedStorage({ dir, ttlMs: 1_000, now: () => now });
    await storage.write({ k: { v: 1 } });
    now = 5_000;
    await storage.write({ k: { v: 2, eTag: 'stale-from-long-ago' } });
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 2 });
  });

  test('sweepExpired() removes only expired entries and returns how many', async () => {
    let now = 0;
    const storage = new FlushedStorage({ dir, ttlMs: 1_000, now: () => now });
    await storage.write({ a: { v: 'a' }, b: { v: 'b' } });
    now = 800;
    await storage.write({ c: { v: 'c' } });
    now = 1_500;

    await expect(storage.sweepExpired()).resolves.toBe(2);
    expect(fs.readdirSync(dir)).toEqual([fileName('c')]);
    expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['c']);
    await expect(storage.sweepExpired()).resolves.toBe(0);
    expect(fs.readdirSync(dir)).toEqual([fileName('c')]);
  });

  test('sweepExpired() also sees entries written by an earlier instance', async () => {
    let now = 0;
    await new FlushedStorage({ dir, ttlMs: 1_000, now: () => now }).write({ a: { v: 1 }, b: { v: 2 } });
    now = 10_000;
    const restarted = new FlushedStorage({ dir, ttlMs: 1_000, now: () => now });
    await expect(restarted.sweepExpired()).resolves.toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('sweepExpired() does not delete an entry rewritten after the sweep judged it expired', async () => {
    let now = 0;
    let onClock: (() => void) | undefined;
    const storage = new FlushedStorage({
      dir,
      ttlMs: 1_000,
      now: () => {
        // The sweep reads the clock right after reading a file; a turn's write arrives at that moment.
        const hook = onClock;
        onClock = undefined;
        hook?.();
        return now;
      },
    });
    await storage.write({ k: { v: 'old' } });
    now = 5_000;

    let turnWrite: Promise<void> | undefined;
    onClock = () => {
      turnWrite = storage.write({ k: { v: 'new', eTag: '*' } });
    };
    await storage.sweepExpired();
    expect(turnWrite).toBeDefined();
    await turnWrite;
    await storage.flush();

    // The entry was written at `now`, so it is not expired and must survive.
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 'new' });
  });

  test('entries in a storage without ttlMs never expire', async () => {
    let now = 0;
    const storage = new FlushedStorage({ dir, now: () => now });
    await storage.write({ k: { v: 1 } });
    now = 10 * 365 * 24 * 60 * 60 * 1000;
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 1 });
    await expect(storage.sweepExpired()).resolves.toBe(0);
    expect(fs.readdirSync(dir)).toEqual([fileName('k')]);
  });
});

describe('LowdbStorage behind botbuilder state', () => {
  /** One "process": fresh storage, state and dialogs on the same directory, driven by TestAdapter. */
  function startBot() {
    const storage = new FlushedStorage({ dir });
    const conversationState = new ConversationState(storage);
    const dialogState = conversationState.createProperty<DialogState>('dialogState');
    const turns = conversationState.createProperty<number>('turns');
    const dialogs = new DialogSet(dialogState);
    dialogs.add(new TextPrompt('namePrompt'));
    dialogs.add(
      new WaterfallDialog('greet', [
        async (step) => step.prompt('namePrompt', 'What is your name?'),
        async (step) => {
          await step.context.sendActivity(`Hello ${String(step.result)}`);
          return step.endDialog();
        },
      ]),
    );
    const adapter = new TestAdapter(async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('greet');
      await context.sendActivity(`turn ${count}`);
      await conversationState.saveChanges(context);
    });
    return { adapter, storage };
  }

  test('conversation and dialog state survive a new storage instance (restart)', async () => {
    const first = startBot();
    await first.adapter.send('hi').assertReply('What is your name?').assertReply('turn 1');
    await first.storage.flush();
    expect(fs.readdirSync(dir)).toHaveLength(1);

    const second = startBot();
    await second.adapter.send('Ada').assertReply('Hello Ada').assertReply('turn 2');
    await second.adapter.send('again').assertReply('What is your name?').assertReply('turn 3');
  });

});

describe('LowdbStorage memory bound', () => {
  test('entries pushed out of memory are read back from disk, with their eTags', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-storage-lru-'));
    try {
      const storage = new FlushedStorage({ dir, maxCached: 2 });
      await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
      const all = await storage.read(['a', 'b', 'c']);
      expect([all['a']?.v, all['b']?.v, all['c']?.v]).toEqual([1, 2, 3]);
      // The eTag read back from disk still guards writes.
      await storage.write({ a: { v: 10, eTag: all['a']!.eTag } });
      await expect(storage.write({ a: { v: 11, eTag: all['a']!.eTag } })).rejects.toThrow(ETagConflictError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LowdbStorage write-behind', () => {
  test('a write is readable at once; its file appears by flush(), with the newest value only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-storage-behind-'));
    try {
      const storage = new LowdbStorage({ dir });
      await Promise.all([storage.write({ k: { v: 1 } }), storage.write({ k: { v: 2 } }), storage.write({ k: { v: 3 } })]);
      expect((await storage.read(['k']))['k']?.v).toBe(3);
      await storage.flush();
      expect((await new LowdbStorage({ dir }).read(['k']))['k']?.v).toBe(3);
      await storage.delete(['k']);
      expect(await storage.read(['k'])).toEqual({});
      await storage.flush();
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('changes within the write delay share one file write, made without flush once the delay has passed', async () => {
    const storage = new LowdbStorage({ dir, writeDelayMs: 50 });
    const file = path.join(dir, fileName('k'));
    await storage.write({ k: { step: 'company' } });
    await storage.write({ k: { step: 'address' } });
    await storage.write({ k: { step: 'contact' } });
    expect(fs.existsSync(file)).toBe(false);
    for (let i = 0; i < 200 && !fs.existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(readStored('k').value).toEqual({ step: 'contact' });
    const { ino, mtimeMs } = fs.statSync(file);
    await storage.flush();
    // Nothing left to write: flush did not touch the file again.
    expect(fs.statSync(file)).toMatchObject({ ino, mtimeMs });
  });

  test('reads give what a restart would: JSON values (a Date comes back as its ISO string, undefined fields are gone)', async () => {
    const storage = new LowdbStorage({ dir });
    await storage.write({ k: { at: new Date('2026-11-21T10:00:00Z'), gone: undefined, n: 1 } });
    const { eTag: _eTag, ...value } = (await storage.read(['k']))['k'] as Record<string, unknown>;
    expect(value).toEqual({ at: '2026-11-21T10:00:00.000Z', n: 1 });
    await storage.flush();
    const { eTag: _again, ...restarted } = (await new LowdbStorage({ dir }).read(['k']))['k'] as Record<string, unknown>;
    expect(restarted).toEqual(value);
  });
});
