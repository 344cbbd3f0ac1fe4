import type { Activity } from 'botbuilder';

/** The partner tenant used for traffic that carries no tenant (Emulator, Web Chat). Demo data lives here. */
export const SANDBOX_TENANT_ID = 'local-sandbox';

/**
 * The partner tenant an activity belongs to: the user's Teams tenant. All
 * customer data is partitioned by it, so one partner never sees another's.
 */
export function partnerTenantOf(activity: Partial<Activity>): string {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof fromChannelData === 'string' && fromChannelData ? fromChannelData : activity.conversation?.tenantId;
  return tenantId || SANDBOX_TENANT_ID;
}
