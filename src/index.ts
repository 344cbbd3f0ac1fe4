import 'dotenv/config';
import { createApp } from './appServer.js';
import { ConfigError, isAnonymous, loadConfig } from './config.js';
import { InstanceRefusedError } from './storage/instanceLock.js';
import { createLogger } from './logger.js';

/** Entry point: validate configuration, start the server, shut down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let app;
  try {
    app = await createApp(config, logger);
  } catch (error) {
    if (!(error instanceof InstanceRefusedError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const port = await app.listen(config.PORT);
  logger.info(
    { port, endpoint: `http://localhost:${port}/api/messages`, authentication: isAnonymous(config) ? 'none (local)' : 'Bot Framework', backend: config.CUSTOMER_BACKEND },
    'Customer Accounts Bot is listening',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A last resort: whatever still hangs, the process is gone within 10 s of the signal.
    setTimeout(() => process.exit(1), 9_000).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
