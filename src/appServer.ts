import type { AddressInfo } from 'node:net';
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Server } from 'restify';
import { createRuntime, type AppOverrides, type BotRuntime } from './app.js';
import { isLocalSandbox, type AppConfig } from './config.js';
import { ReusingBotFrameworkAuthentication } from './connectorClients.js';
import type { JobRunner } from './jobs/jobRunner.js';
import type { Logger } from './logger.js';
import { createServer } from './server.js';
import { SECOND_SANDBOX_TENANT_ID } from './transfers/sandboxPartners.js';

export interface App {
  server: Server;
  events: BotRuntime['events'];
  jobs: JobRunner;
  listen(port: number, host?: string): Promise<number>;
  /** See BotRuntime.flush. */
  flush(): Promise<void>;
  /** Stops taking requests, lets running turns finish and flushes storage. */
  close(): Promise<void>;
}

/** The runtime behind restify and botbuilder's CloudAdapter: what `npm start` serves. */
export async function createApp(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const runtime = await createRuntime(config, logger, overrides);
  const adapter = new CloudAdapter(new ReusingBotFrameworkAuthentication(authOptions(config), config.CONNECTOR_TIMEOUT_SECONDS * 1000));
  for (const middleware of runtime.middleware) adapter.use(middleware);
  adapter.onTurnError = runtime.onTurnError;
  runtime.connect(adapter, config.MicrosoftAppId ?? '');
  const sandbox = isLocalSandbox(config, runtime.backendKind);
  let stopping = false;
  const server = createServer({ adapter, bot: runtime.bot, health: runtime.health, accepting: () => !stopping, exports: runtime.exports, userFiles: runtime.userFiles, ...(sandbox ? { secondSandboxTenant: SECOND_SANDBOX_TENANT_ID } : {}) });
  // Node's 5 s default would close a keep-alive connection a load balancer is about to reuse (a reset, a 502 to the channel).
  server.server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_SECONDS * 1000;
  server.server.headersTimeout = server.server.keepAliveTimeout + 5_000;

  return {
    server,
    events: runtime.events,
    jobs: runtime.jobs,
    flush: runtime.flush,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    async close() {
      // Stop taking requests (readiness false, new activities 503); let running turns finish (bounded), write state, then drop what is still open.
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await runtime.close();
      server.server.closeAllConnections();
      await closed;
    },
  };
}

function authOptions(config: AppConfig): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(config.OAuthApiEndpoint ? { OAuthApiEndpoint: config.OAuthApiEndpoint } : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}
