import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { AppOverrides } from '../../src/app.js';
import { createApp, type App } from '../../src/appServer.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { TestConnector, type ReceivedActivity } from './connector.js';

export interface HttpBot {
  app: App;
  baseUrl: string;
  dataDir: string;
  connector: TestConnector;
  /** POSTs a Bot Framework activity to /api/messages; returns the HTTP status, the response body (an invoke's answer) and the bot's replies to it (by replyToId). */
  post(activity: Partial<Activity>, path?: string): Promise<{ status: number; body: unknown; replies: ReceivedActivity[] }>;
  close(removeData?: boolean): Promise<void>;
}

/** The real server (restify + CloudAdapter, no credentials) on a free port, replying to a TestConnector. */
export async function startHttpBot(options: { dataDir?: string; connector?: TestConnector; overrides?: AppOverrides; env?: Record<string, string>; logger?: Logger } = {}): Promise<HttpBot> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cab-http-'));
  const connector = options.connector ?? new TestConnector();
  // A connector already running (a second bot process replying to the same channel) is used as it is.
  const serviceUrl = connector.url || (await connector.start());
  let app: App | undefined;
  let port: number;
  try {
    app = await createApp(loadConfig({ DATA_DIR: dataDir, ...options.env }), options.logger ?? createLogger('silent'), options.overrides);
    port = await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A bot that cannot start (e.g. a locale lacks a card's string) must fail its tests, not leave a server that keeps jest from exiting.
    await app?.close();
    await connector.stop();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  let nextId = 1;

  const started = app;
  return {
    app: started,
    baseUrl,
    dataDir,
    connector,
    async post(activity, path = '/api/messages') {
      const body = {
        type: 'message',
        id: `http-${nextId++}`,
        channelId: 'emulator',
        serviceUrl,
        from: { id: 'user-1', name: 'Test User' },
        recipient: { id: 'bot-1', name: 'Customer Accounts Bot' },
        conversation: { id: 'http-conversation-1' },
        ...activity,
      };
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      const answer: unknown = text ? JSON.parse(text) : undefined;
      return { status: response.status, body: answer, replies: connector.received.filter((reply) => reply.replyToId === body.id) };
    },
    async close(removeData = false) {
      await started.close();
      await connector.stop();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
