import type { Redis } from 'ioredis';
import type { CustomerSummary } from '../customers/customerQuery.js';
import type { ExportSnapshots } from './customerExport.js';

/**
 * Lists read from Partner Center for an export link, kept in Redis for the
 * link's lifetime, so the download works whichever instance it reaches.
 */
export class RedisExportSnapshots implements ExportSnapshots {
  constructor(private readonly redis: Redis, private readonly ttlMs: number) {}

  async set(nonce: string, items: CustomerSummary[]): Promise<void> {
    await this.redis.set(`cab:export:${nonce}`, JSON.stringify(items), 'PX', this.ttlMs);
  }

  async get(nonce: string): Promise<CustomerSummary[] | undefined> {
    const text = await this.redis.get(`cab:export:${nonce}`);
    return text === null ? undefined : (JSON.parse(text) as CustomerSummary[]);
  }
}
