import { pageAt } from '../customers/localBackend.js';
import { directionOf } from '../rules/transferRules.js';
import type { Transfer, TransferDirection, TransferPage } from './transfer.js';

/**
 * One page of a tab (Sent or Received) from all the transfers a backend knows: the partner's side only,
 * newest first (two made at the same instant keep the order they are given in), paged by offset cursor.
 */
export function transferPage<T extends Transfer>(all: readonly T[], partnerTenantId: string, query: { direction: TransferDirection; size: number; cursor?: string }, view: (transfer: T) => Transfer = (t) => t): Promise<TransferPage> {
  const mine = all.filter((t) => directionOf(t, partnerTenantId) === query.direction).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return pageAt((offset, limit) => ({ total: mine.length, items: mine.slice(offset, offset + limit).map(view) }), { size: query.size, ...(query.cursor ? { cursor: query.cursor } : {}) });
}
