import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export type ReceivedActivity = Partial<Activity> & { conversationId: string; operation: 'send' | 'update'; receivedAt: number };

/**
 * A minimal Bot Framework connector: the `serviceUrl` the bot replies to.
 * It records every activity the bot sends or updates, as a channel would;
 * given a listener instead (the benchmark), it keeps nothing and hands each
 * activity over, so memory stays flat over long runs.
 */
export class TestConnector {
  readonly received: ReceivedActivity[] = [];
  /** The parameters of every createConversation call (a bot opening a personal chat). */
  readonly created: Array<Record<string, unknown>> = [];
  /** The status createConversation answers; Teams answers 403 when the user has not installed the app personally. */
  createConversationStatus = 200;
  /** Decides, per activity the bot sends, to refuse it with a status (it is then not received) or never to answer; undefined = take it. */
  intercept?: (activity: Partial<Activity>, conversationId: string) => number | 'hang' | { status: number; headers: Record<string, string> } | undefined;
  /** Activities refused by `intercept`, with the status given. */
  readonly refused: Array<{ activity: Partial<Activity>; status: number }> = [];
  private server?: http.Server;
  private nextId = 1;
  /** Where it listens, once started. */
  url = '';
  /** Files users "attached": served at /files/<name>, as a channel serves attachments (contentUrl). */
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly listener?: (activity: ReceivedActivity) => void) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      // Join raw chunks before decoding: a multi-byte UTF-8 character may straddle two chunks.
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'GET' && req.url?.startsWith('/files/')) {
          const file = this.files.get(decodeURIComponent(req.url.slice('/files/'.length)));
          res.statusCode = file ? 200 : 404;
          res.end(file);
          return;
        }
        if (req.method === 'POST' && req.url === '/v3/conversations') return this.createConversation(Buffer.concat(chunks).toString('utf8'), res);
        const match = req.url?.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
        // No chaining on writeHead: restify, loaded in the same process, patches it to return nothing.
        if (!match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<Activity>;
        const intercepted = this.intercept?.(activity, decodeURIComponent(match[1]!));
        if (intercepted === 'hang') return;
        if (intercepted !== undefined) {
          const { status, headers } = typeof intercepted === 'number' ? { status: intercepted, headers: {} } : intercepted;
          this.refused.push({ activity, status });
          for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
          res.statusCode = status;
          res.end();
          return;
        }
        const operation = req.method === 'PUT' ? 'update' : 'send';
        const id = operation === 'update' ? decodeURIComponent(match[2]!) : `reply-${this.nextId++}`;
        const received: ReceivedActivity = { ...activity, id, conversationId: decodeURIComponent(match[1]!), operation, receivedAt: Date.now() };
        if (this.listener) this.listener(received);
        else this.received.push(received);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id }));
      });
    });
    // The bot keeps connections to its serviceUrl alive; so does a real channel.
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Keeps a file the bot can download; returns its link. */
  serveFile(name: string, body: Buffer | string): string {
    this.files.set(name, Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  private createConversation(body: string, res: http.ServerResponse): void {
    const parameters = JSON.parse(body || '{}') as Record<string, unknown>;
    this.created.push(parameters);
    res.setHeader('content-type', 'application/json');
    res.statusCode = this.createConversationStatus;
    if (this.createConversationStatus !== 200) {
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot is not installed for this user' } }));
      return;
    }
    const member = (parameters.members as Array<{ id?: string }> | undefined)?.[0]?.id ?? 'unknown';
    res.end(JSON.stringify({ id: `a:personal-${member}` }));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
