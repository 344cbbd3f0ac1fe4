import type { AppConfig } from './config.js';
import { partnerCenterApiUrl } from './config.js';
import { seedDemoData } from './customers/demoData.js';
import { seedDemoTransfers } from './transfers/demoTransfers.js';
import { LocalCustomerBackend } from './customers/localBackend.js';
import { LowdbCustomerDirectory } from './customers/lowdbCustomerDirectory.js';
import type { CustomerSummary } from './customers/customerQuery.js';
import type { CustomerBackend } from './customers/ports.js';
import type { Logger } from './logger.js';
import { SANDBOX_TENANT_ID } from './bot/tenancy.js';
import { PartnerCenterBackend, type PartnerCenterBackendOptions } from './partnerCenter/partnerCenterBackend.js';

/** The backend CUSTOMER_BACKEND names: the embedded one (with demo data), or Partner Center as the signed-in user. */
export interface BackendHooks {
  backend?: CustomerBackend;
  store?: LowdbCustomerDirectory;
  /** How often Partner Center's list is read again (tests: at once). */
  partnerCenterRefreshMs?: number;
  /** Customers that appeared in Partner Center without the bot: an invitation accepted. */
  onCustomersArrived?: (tenantId: string, customers: CustomerSummary[]) => void;
  /** What several instances share (STATE_STORE=redis). */
  shared?: PartnerCenterBackendOptions['shared'];
}

export async function backendOf(config: AppConfig, overrides: BackendHooks, dataDir: string, logger: Logger, now: () => Date): Promise<CustomerBackend> {
  if (overrides.backend) return overrides.backend;
  if (config.CUSTOMER_BACKEND === 'partnercenter') {
    const { partnerCenterRefreshMs: refreshAfterMs, onCustomersArrived, shared } = overrides;
    return new PartnerCenterBackend({ baseUrl: partnerCenterApiUrl(config), dataDir, timeoutMs: config.PARTNER_CENTER_TIMEOUT_SECONDS * 1000, logger, ...(refreshAfterMs !== undefined ? { refreshAfterMs } : {}), onCustomersArrived, transferType: config.TRANSFER_TYPE, requestsPerMinute: config.PARTNER_CENTER_REQUESTS_PER_MINUTE, ...(shared ? { shared } : {}) });
  }
  return localBackend(config, overrides.store, dataDir, logger, now);
}

/** The embedded backend on lowdb, with its demo data seeded once. */
async function localBackend(config: AppConfig, given: LowdbCustomerDirectory | undefined, dataDir: string, logger: Logger, now: () => Date): Promise<CustomerBackend> {
  const store = given ?? new LowdbCustomerDirectory({ dataDir, onCompactionError: (err: unknown) => logger.error({ err }, 'customer file could not be rewritten; its journal keeps the changes') });
  if (config.SEED_DEMO_DATA && (await seedDemoData(store, SANDBOX_TENANT_ID, now()))) logger.info({ tenant: SANDBOX_TENANT_ID }, 'seeded demo customers');
  const backend = new LocalCustomerBackend(store, SANDBOX_TENANT_ID, now);
  // The second sandbox partner, so a transfer can be requested by one and answered by the other.
  if (config.SEED_DEMO_DATA && (await seedDemoTransfers(store, backend.transfers, SANDBOX_TENANT_ID, now()))) logger.info('seeded the second sandbox partner and demo transfers');
  return backend;
}

