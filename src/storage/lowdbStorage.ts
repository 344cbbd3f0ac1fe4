import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { CoalescingWriter } from '../concurrency/coalescingWriter.js';
import { KeyedQueue } from '../concurrency/keyedQueue.js';

/** One key's file: `{ key, eTag, updatedAt, value }` as JSON. */
interface StoredEntry {
  key: string;
  eTag: string;
  /** Epoch milliseconds of the last write; drives expiry. */
  updatedAt: number;
  value: Record<string, unknown>;
}

/**
 * An entry as kept in memory: the value as JSON text, made once per write.
 * The same text goes into the file, and each read parses a private copy from
 * it, so callers can never change what is stored, and memory behaves exactly
 * like a restart from disk (JSON in, JSON out).
 */
interface CachedEntry {
  key: string;
  eTag: string;
  updatedAt: number;
  valueText: string;
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
  /** How long changes wait in memory before their files are written, so a burst of turns costs one write per key (default 500 ms). */
  writeDelayMs?: number;
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
 * within `writeDelayMs` or so, at most one file write per key at a time with
 * the newest value; `flush()` writes and waits for them (the app flushes at
 * shutdown). A crash can lose the last half second of changes; one process
 * owns a directory.
 */
export class LowdbStorage implements Storage {
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;
  /** key → entry, or null when the key is known to have no file. Map order = least recently used first. */
  private readonly cache = new Map<string, CachedEntry | null>();
  private readonly maxCached: number;
  private readonly files = new CoalescingWriter();
  /** Changes whose file write has not started yet (null: delete the file). */
  private readonly dirty = new Map<string, CachedEntry | null>();
  private dirtyTimer: NodeJS.Timeout | undefined;

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
          if (entry) items[key] = { ...(JSON.parse(entry.valueText) as Record<string, unknown>), eTag: entry.eTag };
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
          const entry: CachedEntry = { key, eTag: randomUUID(), updatedAt: this.now(), valueText: JSON.stringify(value) };
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
      const entry = await readEntryFile(path.join(this.options.dir, name)).catch(() => null);
      if (!entry || !this.isExpired(entry)) continue;
      // Judge again inside the key's queue: a turn may have written it since.
      if (await this.queue.run(entry.key, async () => (await this.load(entry.key)) === null)) removed++;
    }
    return removed;
  }

  /** Resolves once every queued read and write has finished and every change is on disk. */
  async flush(): Promise<void> {
    await this.queue.idle();
    this.startWrites();
    await this.files.idle();
  }

  /** Puts the newest state of a key on disk in the background, after the write delay (see CoalescingWriter). */
  private writeBehind(key: string, entry: CachedEntry | null): void {
    this.dirty.set(key, entry);
    const delay = this.options.writeDelayMs ?? 500;
    if (delay <= 0) return this.startWrites();
    if (!this.dirtyTimer) {
      this.dirtyTimer = setTimeout(() => this.startWrites(), delay);
      // Shutdown flushes; a pending timer must not keep the process alive.
      this.dirtyTimer.unref();
    }
  }

  private startWrites(): void {
    clearTimeout(this.dirtyTimer);
    this.dirtyTimer = undefined;
    for (const [key, entry] of this.dirty) {
      const job = entry ? () => new TextFile(this.pathOf(key)).write(fileText(entry)) : () => rm(this.pathOf(key), { force: true });
      this.files.write(key, job).catch((error: unknown) => this.options.onWriteError?.(error));
    }
    this.dirty.clear();
  }

  private async load(key: string): Promise<CachedEntry | null> {
    // Memory first (it holds every entry whose file write is pending), then disk.
    let entry = this.cache.get(key);
    if (entry === undefined) {
      const read = await readEntryFile(this.pathOf(key));
      entry = read && read.key === key ? { key, eTag: read.eTag, updatedAt: read.updatedAt, valueText: JSON.stringify(read.value) } : null;
    }
    if (entry && this.isExpired(entry)) {
      // Expired entries come from disk or memory, never from a pending write (those are fresh): remove the file now.
      await rm(this.pathOf(key), { force: true });
      entry = null;
    }
    this.remember(key, entry);
    return entry;
  }

  /**
   * Marks the key as most recently used and keeps the cache within its bound.
   * An entry whose file write is still pending stays: disk does not have it yet.
   */
  private remember(key: string, entry: CachedEntry | null): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxCached) break;
      if (!this.dirty.has(oldest) && !this.files.isPending(oldest)) this.cache.delete(oldest);
    }
  }

  private isExpired(entry: Pick<StoredEntry, 'updatedAt'>): boolean {
    return this.options.ttlMs !== undefined && this.now() - entry.updatedAt > this.options.ttlMs;
  }

  /** Keys come from channel data (conversation ids); hashing keeps them out of the path. */
  private pathOf(key: string): string {
    return path.join(this.options.dir, createHash('sha256').update(key).digest('hex') + '.json');
  }
}

/** The file's text: the value's JSON is put in as made at write time, not serialized again. */
function fileText({ key, eTag, updatedAt, valueText }: CachedEntry): string {
  return `{"key":${JSON.stringify(key)},"eTag":${JSON.stringify(eTag)},"updatedAt":${updatedAt},"value":${valueText}}`;
}

async function readEntryFile(file: string): Promise<StoredEntry | null> {
  const text = await new TextFile(file).read();
  return text === null ? null : (JSON.parse(text) as StoredEntry);
}
