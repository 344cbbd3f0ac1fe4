import type { Activity } from 'botbuilder';

/** The partner tenant used for traffic that carries no tenant (Emulator, Web Chat). Demo data lives here. */
export const SANDBOX_TENANT_ID = 'local-sandbox';

/**
 * The fixed fake tenants Microsoft's local test tools send (the Agents
 * Playground, the Teams App Test Tool): without app credentials they are the
 * sandbox, so a newcomer trying the bot there sees the demo customers.
 */
export const LOCAL_TOOL_TENANT_IDS: readonly string[] = ['00000000-0000-0000-0000-0000000000001', '00000000-0000-0000-0000-000000000001'];

/** SANDBOX_TENANT_IDS when set (`none`: only tenant-less traffic); else the local tools' ids where nothing real can come (no app credentials, the embedded backend). */
export function sandboxTenantsOf(setting: string | undefined, localSandbox: boolean): Set<string> {
  if (setting !== undefined) return new Set(setting.split(',').map((id) => id.trim()).filter((id) => id && id !== 'none'));
  return new Set(localSandbox ? LOCAL_TOOL_TENANT_IDS : []);
}

/**
 * The partner tenant an activity belongs to: the user's Teams tenant. All
 * customer data is partitioned by it, so one partner never sees another's.
 * No tenant, or one of the configured sandbox tenants, is the sandbox.
 */
export function partnerTenantOf(activity: Partial<Activity>, sandboxTenantIds: ReadonlySet<string> = new Set()): string {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof fromChannelData === 'string' && fromChannelData ? fromChannelData : activity.conversation?.tenantId;
  return !tenantId || sandboxTenantIds.has(tenantId) ? SANDBOX_TENANT_ID : tenantId;
}
