import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { CustomerAccountsBot } from './bot/customerAccountsBot.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: CustomerAccountsBot;
  health: () => Record<string, unknown>;
}

/** Card submits carry forms; forged ones may be large, and must reach the bot to get a proper answer. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP surface: the Bot Framework messaging endpoint and a health check. */
export function createServer({ adapter, bot, health }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'customer-accounts-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.json(200, health());
    next();
  });

  return server;
}
