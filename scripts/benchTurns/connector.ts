import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export type Reply = Partial<Activity>;

/**
 * A minimal Bot Framework connector (the bot's `serviceUrl`): accepts the
 * bot's sends/replies/updates and keeps them by the id of the activity they
 * answer, until the benchmark takes them. Holds nothing else, so it does not
 * grow over a run.
 */
export class BenchConnector {
  private readonly replies = new Map<string, Reply[]>();
  private server?: http.Server;
  private nextId = 1;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = req.url?.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
        // No chaining on writeHead: restify, loaded in the same process, patches it to return nothing.
        if (!match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Reply;
        const id = req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `reply-${this.nextId++}`;
        const key = activity.replyToId ?? (match[2] === undefined ? '' : decodeURIComponent(match[2]));
        const list = this.replies.get(key);
        if (list) list.push({ ...activity, id });
        else this.replies.set(key, [{ ...activity, id }]);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id }));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The replies to one activity, removed from the connector. */
  take(activityId: string): Reply[] {
    const list = this.replies.get(activityId) ?? [];
    this.replies.delete(activityId);
    return list;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
