import type { AccountEvents } from '../feed/accountEvents.js';
import { deadlineOf } from '../rules/transferRules.js';
import type { Transfers } from './transfer.js';

/**
 * Tells the current partner's channel feed of each pending transfer request
 * that expires within days (REMINDER_DAYS), once per request. Returns how
 * many were told.
 */
export async function remindExpiringTransfers(transfers: Transfers, events: AccountEvents, now: Date): Promise<number> {
  if (!transfers.remindersDue) return 0;
  const due = await transfers.remindersDue();
  for (const transfer of due) {
    events.publish({
      kind: 'transferExpiring',
      tenantId: transfer.source.tenantId,
      customerId: transfer.customerId,
      companyName: transfer.customerName,
      domain: '',
      actorName: '',
      at: now.toISOString(),
      partnerName: transfer.target.name,
      deadline: deadlineOf(transfer).toISOString(),
    });
  }
  return due.length;
}
