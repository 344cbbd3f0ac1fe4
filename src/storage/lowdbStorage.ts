import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { JSONFile } from 'lowdb/node';
import { KeyedQueue } from '../concurrency/keyedQueue.js';

interface StoredEntry {
  key: string;
  eTag: string;
  /** Epoch milliseconds of the last write; drives expiry. */
  updatedAt: number;
  value: Record<string, unknown>;
}

export interface LowdbStorageOptions {
  dir: string;
  /** Entries untouched for longer than this read as absent and are swept. */
  ttlMs?: number;
  now?: () => number;
  /** How many entries stay in memory (least recently used go first; they are read from disk again when needed). */
  maxCached?: number;
  /** Told about a background file write that failed (the entry stays in memory and is written again on its next change). */
  onWriteError?: (error: unknown) => void;
}

/** Raised for a write whose eTag is stale; BotState callers treat it like any storage conflict. */
export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder `Storage` on lowdb: one small JSON file per key, so a turn's write
 * cost does not grow with the number of conversations. lowdb's writer replaces
 * files atomically (temp file + rename). eTag semantics match botbuilder's
 * MemoryStorage: no eTag or `*` = last writer wins, a stale eTag is rejected.
 * Recently used entries stay in memory, so a turn reads no file. Files are
 * written behind: a write is in memory (with its new eTag) at once and on disk
 * shortly after, at most one file write per key at a time with the newest
 * value; `flush()` waits for them (the app flushes at shutdown). A crash can
 * lose the last moment's changes; one process owns a directory.
 */
export class LowdbStorage implements Storage {
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;
  /** key → entry, or null when the key is known to have no file. Map order = least recently used first. */
  private readonly cache = new Map<string, StoredEntry | null>();
  private readonly maxCached: number;
  /** key → the newest entry (null = delete) not yet on disk, and the write under way for it. */
  private readonly unwritten = new Map<string, { entry: StoredEntry | null; running: Promise<void> }>();

  constructor(private readonly options: LowdbStorageOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.now = options.now ?? Date.now;
    this.maxCached = options.maxCached ?? 10_000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map((key) =>
        this.queue.run(key, async () => {
          const entry = await this.load(key);
          if (entry) items[key] = { ...structuredClone(entry.value), eTag: entry.eTag };
        }),
      ),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, item]) =>
        this.queue.run(key, async () => {
          const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
          const current = await this.load(key);
          if (current && typeof eTag === 'string' && eTag !== '*' && eTag !== current.eTag) throw new ETagConflictError(key);
          const entry: StoredEntry = { key, eTag: randomUUID(), updatedAt: this.now(), value: structuredClone(value) };
          this.remember(key, entry);
          this.writeBehind(key, entry);
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.queue.run(key, async () => {
          this.remember(key, null);
          this.writeBehind(key, null);
        }),
      ),
    );
  }

  /** Removes expired entries; returns how many. */
  async sweepExpired(): Promise<number> {
    if (this.options.ttlMs === undefined) return 0;
    let removed = 0;
    for (const name of await readdir(this.options.dir)) {
      if (!name.endsWith('.json')) continue;
      const entry = await new JSONFile<StoredEntry>(path.join(this.options.dir, name)).read().catch(() => null);
      if (!entry || !this.isExpired(entry)) continue;
      // Judge again inside the key's queue: a turn may have written it since.
      if (await this.queue.run(entry.key, async () => (await this.load(entry.key)) === null)) removed++;
    }
    return removed;
  }

  /** Resolves once every queued read and write has finished. */
  async flush(): Promise<void> {
    await this.queue.idle();
    while (this.unwritten.size > 0) await Promise.all([...this.unwritten.values()].map((pending) => pending.running));
  }

  /** Puts the newest state of a key on disk; writes for one key never overlap, and only the latest value is written. */
  private writeBehind(key: string, entry: StoredEntry | null): void {
    const pending = this.unwritten.get(key);
    if (pending) {
      pending.entry = entry;
      return;
    }
    const record: { entry: StoredEntry | null; running: Promise<void> } = { entry, running: Promise.resolve() };
    this.unwritten.set(key, record);
    record.running = (async () => {
      let written: StoredEntry | null | undefined;
      while (record.entry !== written) {
        written = record.entry;
        try {
          if (written) await this.file(key).write(written);
          else await rm(this.pathOf(key), { force: true });
        } catch (error) {
          this.options.onWriteError?.(error);
        }
      }
      this.unwritten.delete(key);
    })();
  }

  private async load(key: string): Promise<StoredEntry | null> {
    // Newest first: a value waiting for its file write, then memory, then disk.
    let entry = this.unwritten.has(key) ? this.unwritten.get(key)!.entry : this.cache.get(key);
    if (entry === undefined) {
      const read = await this.file(key).read();
      entry = read && read.key === key ? read : null;
    }
    if (entry && this.isExpired(entry)) {
      // Expired entries come from disk or memory, never from a pending write (those are fresh): remove the file now.
      await rm(this.pathOf(key), { force: true });
      entry = null;
    }
    this.remember(key, entry);
    return entry;
  }

  /** Marks the key as most recently used and keeps the cache within its bound. */
  private remember(key: string, entry: StoredEntry | null): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxCached) break;
      this.cache.delete(oldest);
    }
  }

  private isExpired(entry: StoredEntry): boolean {
    return this.options.ttlMs !== undefined && this.now() - entry.updatedAt > this.options.ttlMs;
  }

  private file(key: string): JSONFile<StoredEntry> {
    return new JSONFile<StoredEntry>(this.pathOf(key));
  }

  /** Keys come from channel data (conversation ids); hashing keeps them out of the path. */
  private pathOf(key: string): string {
    return path.join(this.options.dir, createHash('sha256').update(key).digest('hex') + '.json');
  }
}
