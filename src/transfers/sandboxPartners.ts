import { partnerIdOf } from '../rules/invitationLinks.js';

/**
 * The embedded backend's two partners, so a transfer can be requested by one
 * and answered by the other offline. The first is the demo tenant (the
 * Emulator's, without a tenant); the second is played by a conversation that
 * says it is that partner (the `sandbox partner` command, local backend only)
 * or by tests posting with its tenant id.
 */
export interface SandboxPartner {
  /** The bot's tenant key for it (what RequestContext.tenantId is). */
  tenantKey: string;
  /** Its Microsoft ID, as the other partner types it. */
  microsoftId: string;
  domain: string;
  name: string;
}

export const SECOND_SANDBOX_TENANT_ID = 'local-sandbox-2';

export function sandboxPartners(demoTenant: string): SandboxPartner[] {
  return [
    { tenantKey: demoTenant, microsoftId: partnerIdOf(demoTenant), domain: 'contosocloudpartner.onmicrosoft.com', name: 'Contoso Cloud Partner' },
    { tenantKey: SECOND_SANDBOX_TENANT_ID, microsoftId: partnerIdOf(SECOND_SANDBOX_TENANT_ID), domain: 'litwarecloud.onmicrosoft.com', name: 'Litware Cloud Services' },
  ];
}
