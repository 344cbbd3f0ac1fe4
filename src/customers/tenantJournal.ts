import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Customer } from './customer.js';

/** The content of one tenant file (the snapshot lowdb writes). */
export interface TenantData {
  partnerTenantId: string;
  customers: Customer[];
  /** The last journal record this snapshot includes; later records are replayed on load. */
  journalSeq?: number;
}

/** One change: customers as they are now (new or changed). One JSON line. */
export interface JournalRecord {
  seq: number;
  upsert?: Customer[];
}

/**
 * The tenant file's write-ahead log, `<tenant file>.journal`, one JSON line
 * per change. A change is one synchronous append of a few hundred bytes, so
 * it is on disk before the user is told, without rewriting the whole tenant
 * file or waiting on the event loop. The snapshot is rewritten now and then
 * (compaction) and records it includes are dropped. A line cut short by a
 * crash is ignored: the change it held was never confirmed to anyone.
 */
export class TenantJournal {
  /** The newest record's number (0: none yet). */
  private seq = 0;
  /** Records in the file that the snapshot does not include yet. */
  private pending = 0;

  constructor(readonly file: string) {}

  get lastSeq(): number {
    return this.seq;
  }

  get pendingRecords(): number {
    return this.pending;
  }

  /**
   * The snapshot with every later record applied; remembers where the journal
   * stands. With `repair`, a line cut short by a crash is removed from the file
   * first, so the next append does not land behind it.
   */
  replay(snapshot: TenantData, { repair }: { repair: boolean }): TenantData {
    let data = snapshot;
    const since = snapshot.journalSeq ?? 0;
    this.seq = since;
    this.pending = 0;
    const { records, torn } = this.read();
    if (torn && repair) this.rewrite(records);
    for (const record of records) {
      if (record.seq <= since) continue;
      data = applyRecord(data, record);
      this.seq = record.seq;
      this.pending++;
    }
    return data;
  }

  /** Writes one change; throws (and writes nothing usable) if the disk refuses it. */
  append(change: Omit<JournalRecord, 'seq'>): void {
    const record: JournalRecord = { seq: this.seq + 1, ...change };
    appendFileSync(this.file, lineOf(record), 'utf8');
    this.seq = record.seq;
    this.pending++;
  }

  /** After a snapshot with records up to `seq` is on disk: keeps only later records (atomically), or removes the file. */
  trim(seq: number): void {
    const later = this.read().records.filter((record) => record.seq > seq);
    this.rewrite(later);
    this.pending = later.length;
  }

  private rewrite(records: JournalRecord[]): void {
    if (records.length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, records.map(lineOf).join(''), 'utf8');
    renameSync(temp, this.file);
  }

  private read(): { records: JournalRecord[]; torn: boolean } {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], torn: false };
      throw error;
    }
    const lines = text.split('\n');
    const records: JournalRecord[] = [];
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      const record = parseRecord(line);
      if (record) {
        records.push(record);
        continue;
      }
      // Only the last line may be incomplete (a crash during its append); anything else is damage.
      if (index === lines.length - 1) return { records, torn: true };
      throw new Error(`Journal ${this.file} line ${index + 1} is damaged.`);
    }
    return { records, torn: false };
  }
}

const lineOf = (record: JournalRecord): string => JSON.stringify(record) + '\n';

function parseRecord(line: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<JournalRecord>;
    return typeof value === 'object' && value !== null && Number.isInteger(value.seq) ? (value as JournalRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The data with one record applied: customers replaced by id or added. */
export function applyRecord(data: TenantData, record: JournalRecord): TenantData {
  let customers = data.customers;
  if (record.upsert?.length) {
    customers = customers.slice();
    const at = new Map(customers.map((customer, index) => [customer.id, index]));
    for (const customer of record.upsert) {
      const index = at.get(customer.id);
      if (index === undefined) at.set(customer.id, customers.push(customer) - 1);
      else customers[index] = customer;
    }
  }
  return { ...data, customers };
}
