import type { AddressInfo } from 'node:net';
import { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import restify from 'restify';

export interface EchoBot {
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The floor: a bare botbuilder bot behind restify with the same body parser as
 * src/server.ts, no state, replying to every message with a tiny Adaptive Card
 * that echoes the text (or the submitted data).
 */
export function createEchoBot(): EchoBot {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const { text, value } = context.activity;
    const echoed = text ?? JSON.stringify(value ?? null);
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: `Echo: ${echoed}`, wrap: true }],
      actions: [{ type: 'Action.Submit', title: 'Again', data: { verb: 'echo' } }],
    });
    await context.sendActivity(MessageFactory.attachment(card));
    await next();
  });
  const server = restify.createServer({ name: 'echo-floor' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
