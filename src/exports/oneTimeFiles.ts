import { randomBytes } from 'node:crypto';
import type { Language } from '../i18n/languages.js';

export interface OneTimeFile {
  body: Buffer;
  contentType: string;
  filename: string;
  /** The language of the refusal once the link is used or expired. */
  language: Language;
}

export type TakenFile = { ok: true; file: OneTimeFile } | { ok: false; reason: 'gone'; language: Language } | { ok: false; reason: 'unknown' };

/** Where one-time files wait for their download: this process (OneTimeFiles) or Redis, for every instance (RedisOneTimeFiles). */
export interface OneTimeFileStore {
  /** Keeps the file; returns the token of its link. */
  put(file: OneTimeFile): Promise<{ token: string; expiresAt: number }>;
  /** The file, once: afterwards (or after its time) the link says it is gone. */
  take(token: string): Promise<TakenFile>;
}

/** Files kept at once; the oldest go first (each holds at most a hundred users' passwords). */
const MAX_FILES = 200;

/**
 * Files with secrets (temporary passwords) behind a link that works once and
 * for a short time, kept only in this process's memory: never on disk, so a
 * restart loses them (the user is told so). A used or expired link is
 * remembered as such, without its file, until it would have expired.
 */
export class OneTimeFiles implements OneTimeFileStore {
  private readonly files = new Map<string, { file?: OneTimeFile; language: Language; expiresAt: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  /** Keeps the file; returns the token of its link. */
  async put(file: OneTimeFile): Promise<{ token: string; expiresAt: number }> {
    this.forgetExpired();
    while (this.files.size >= MAX_FILES) this.files.delete(this.files.keys().next().value!);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.files.set(token, { file, language: file.language, expiresAt });
    return { token, expiresAt };
  }

  /** The file, once: afterwards (or after its time) the link says it is gone. */
  async take(token: string): Promise<TakenFile> {
    const entry = token.length <= 64 ? this.files.get(token) : undefined;
    if (!entry) return { ok: false, reason: 'unknown' };
    if (!entry.file || this.now() >= entry.expiresAt) return { ok: false, reason: 'gone', language: entry.language };
    const { file } = entry;
    // The password file leaves memory with its first download.
    entry.file = undefined;
    return { ok: true, file };
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, entry] of this.files) if (now >= entry.expiresAt) this.files.delete(token);
  }
}
