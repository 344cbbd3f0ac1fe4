import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A minimal Bot Framework connector: the `serviceUrl` the bot replies to.
 * It records every activity the bot sends or updates, as a channel would.
 */
export type ReceivedActivity = Partial<Activity> & { conversationId: string; operation: 'send' | 'update' };

export class TestConnector {
  readonly received: ReceivedActivity[] = [];
  private server?: http.Server;
  private nextId = 1;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const match = req.url?.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
        // No chaining on writeHead: restify, loaded in the same process, patches it to return nothing.
        if (!match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = JSON.parse(body || '{}') as Partial<Activity>;
        const operation = req.method === 'PUT' ? 'update' : 'send';
        const id = operation === 'update' ? decodeURIComponent(match[2]!) : `reply-${this.nextId++}`;
        this.received.push({ ...activity, id, conversationId: decodeURIComponent(match[1]!), operation });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
