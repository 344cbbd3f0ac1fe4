import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createRuntime, type AppOverrides, type BotRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

export interface TestBot {
  runtime: BotRuntime;
  adapter: TestAdapter;
  dataDir: string;
  /** Sends one activity through the full middleware pipeline and returns the bot's replies. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Closes the runtime; the data dir is kept unless `removeData`. */
  close(removeData?: boolean): Promise<void>;
}

export const USER = { id: 'user-1', name: 'Test User' };
export const BOT = { id: 'bot-1', name: 'Customer Accounts Bot' };

/** The real runtime (storage, dialogs, middleware) driven by botbuilder's TestAdapter. */
export async function startTestBot(options: { env?: Record<string, string>; overrides?: AppOverrides; dataDir?: string } = {}): Promise<TestBot> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cab-bot-'));
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, ...options.env }), createLogger('silent'), options.overrides);
  const adapter = new TestAdapter((context) => runtime.bot.run(context));
  for (const middleware of runtime.middleware) adapter.use(middleware);
  adapter.onTurnError = runtime.onTurnError;
  let nextId = 1;

  return {
    runtime,
    adapter,
    dataDir,
    async send(activity) {
      await adapter.processActivity({
        type: 'message',
        id: `activity-${nextId++}`,
        channelId: 'emulator',
        from: USER,
        recipient: BOT,
        conversation: { id: 'conversation-1' } as Activity['conversation'],
        ...activity,
      } as Activity);
      const replies: Partial<Activity>[] = [];
      for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) replies.push(reply);
      return replies;
    },
    async close(removeData = false) {
      await runtime.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
