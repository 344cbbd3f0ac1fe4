/** A stopping instance takes no new turn and tells the load balancer so (the server alone, with stand-ins for the bot). */
import type { AddressInfo } from 'node:net';
import { createServer, type ServerDeps } from '../../src/server.js';

describe('an instance that is stopping', () => {
  it('answers new activities 503 with Retry-After and /readyz 503, and takes them again while it is not stopping', async () => {
    let accepting = true;
    let processed = 0;
    const deps = {
      adapter: { process: async (_req: unknown, res: { send(status: number): void }) => void (processed++, res.send(200)) },
      bot: { run: async () => undefined },
      health: async () => ({ status: 'ok' }),
      accepting: () => accepting,
      exports: {},
      userFiles: {},
    } as unknown as ServerDeps;
    const server = createServer(deps);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = () => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi' }) });
    try {
      expect((await post()).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      accepting = false;
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      const ready = await fetch(`${base}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([503, { ready: false }]);
      expect(processed).toBe(1);
    } finally {
      server.close();
    }
  });
});
