import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { normalizedActivity } from './bot/activityShape.js';
import type { CustomerAccountsBot } from './bot/customerAccountsBot.js';
import type { CustomerExport, ExportDownload } from './exports/customerExport.js';
import type { UserFileDownloads } from './exports/userDownloads.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: CustomerAccountsBot;
  health: () => Promise<Record<string, unknown>>;
  /** False from the moment the instance begins to stop: `/readyz` says so and new activities are sent elsewhere. */
  accepting: () => boolean;
  exports: CustomerExport;
  userFiles: UserFileDownloads;
  /** The embedded backend without app credentials: `/api/sandbox-2/messages` lets a second Emulator conversation act as the second sandbox partner. */
  secondSandboxTenant?: string;
}

/** Card submits carry forms; forged ones may be large, and must reach the bot to get a proper answer. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP surface: the Bot Framework messaging endpoint, export downloads and a health check. */
export function createServer({ adapter, bot, health, accepting, exports, userFiles, secondSandboxTenant }: ServerDeps): restify.Server {
  // Export tokens are long (signed grants); restify's router caps parameters at 100 characters by default.
  const server = restify.createServer({ name: 'customer-accounts-bot', maxParamLength: 2048 });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  /** A request that is no JSON activity gets a plain protocol answer; a mistyped field of one is dropped (activityShape.ts). */
  const accepted = (req: restify.Request, res: restify.Response): boolean => {
    if (!req.is('application/json')) {
      res.json(415, { error: 'An activity is sent as application/json.' });
      return false;
    }
    if (!normalizedActivity(req.body)) {
      res.json(400, { error: 'The body is not a Bot Framework activity (a JSON object).' });
      return false;
    }
    return true;
  };

  /** A stopping instance takes no new turn: 503 with Retry-After, so the channel tries again (through the load balancer, elsewhere). */
  const stopping = (res: restify.Response): boolean => {
    if (accepting()) return false;
    res.setHeader('Retry-After', '1');
    res.json(503, { error: 'This instance is stopping.' });
    return true;
  };

  server.post('/api/messages', async (req, res) => {
    if (stopping(res) || !accepted(req, res)) return;
    await adapter.process(req, res, (context) => bot.run(context));
  });

  if (secondSandboxTenant) {
    server.post('/api/sandbox-2/messages', async (req, res) => {
      // Only traffic without a tenant (the Emulator's) is given the second partner's; a Teams activity keeps its own.
      if (stopping(res) || !accepted(req, res)) return;
      const body = req.body as { channelData?: { tenant?: { id?: unknown } }; conversation?: { tenantId?: unknown } } | undefined;
      if (body && typeof body === 'object' && !body.channelData?.tenant?.id && !body.conversation?.tenantId) body.channelData = { ...body.channelData, tenant: { id: secondSandboxTenant } };
      await adapter.process(req, res, (context) => bot.run(context));
    });
  }

  server.get('/exports/customers/:token', async (req, res) => {
    send(res, await exports.download(String(req.params.token ?? ''), req.header('accept-language')));
  });

  server.get('/files/:token', async (req, res) => {
    send(res, await userFiles.oneTime(String(req.params.token ?? ''), req.header('accept-language')));
  });

  server.get('/samples/users.csv', (req, res, next) => {
    const query = new URL(req.url ?? '', 'http://localhost').searchParams;
    send(res, userFiles.sample(query.get('language'), query.get('domain')));
    next();
  });

  // Whether a load balancer should send this instance traffic: not while it stops, not while its store does not answer.
  server.get('/readyz', async (_req, res) => {
    const ready = accepting() && (await health()).status === 'ok';
    res.json(ready ? 200 : 503, { ready });
  });

  server.get('/healthz', async (_req, res) => {
    const report = await health();
    // A store that does not answer makes the instance unhealthy: a load balancer takes it out.
    res.json(report.status === 'ok' ? 200 : 503, report);
  });

  return server;
}

/** A download, never cached (links are personal and short-lived), never sniffed as anything but what it says. */
function send(res: restify.Response, download: ExportDownload): void {
  res.setHeader('Content-Type', download.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (download.filename) res.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
  res.writeHead(download.status);
  res.end(download.body);
}
