/** Idle keep-alive connections: closed by the load balancer in front, not by the bot under its feet (Node's own default is 5 s). */
import net from 'node:net';
import { startHttpBot } from '../support/httpBot.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IDLE_MS = 2_500;

/** On one raw keep-alive connection: GET /healthz, then again after IDLE_MS; what came back. */
async function afterIdle(baseUrl: string): Promise<{ answers: number; closed: boolean }> {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  const get = () => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  get();
  await sleep(IDLE_MS);
  if (!closed) get();
  await sleep(300);
  socket.destroy();
  return { answers: received.match(/HTTP\/1\.1 200 /g)?.length ?? 0, closed };
}

describe('keep-alive connections', () => {
  it('stay open while idle under HTTP_KEEP_ALIVE_SECONDS (75 s by default, not Node\'s 5 s) and are closed by the bot after it', async () => {
    const bots = await Promise.all([startHttpBot(), startHttpBot({ env: { HTTP_KEEP_ALIVE_SECONDS: '1' } })]);
    try {
      const [byDefault, short] = bots.map((bot) => bot.app.server.server);
      expect([byDefault!.keepAliveTimeout, short!.keepAliveTimeout]).toEqual([75_000, 1_000]);
      // Node's parser must wait for a request's headers at least as long as the connection may idle.
      expect(byDefault!.headersTimeout).toBeGreaterThan(75_000);
      const [kept, closed] = await Promise.all(bots.map((bot) => afterIdle(bot.baseUrl)));
      expect(kept).toEqual({ answers: 2, closed: false });
      expect(closed).toEqual({ answers: 1, closed: true });
    } finally {
      await Promise.all(bots.map((bot) => bot.close()));
    }
  });
});
