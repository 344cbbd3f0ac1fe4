import http from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, startProcess, waitFor } from '../support/botProcess.js';

describe('the bot process', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-process-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
  ])('stops with exit code 1 and names the bad variable for %p', async (env, variable) => {
    const run = startProcess({ DATA_DIR: dataDir, ...env });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain('Invalid configuration');
    expect(run.output().stderr).toMatch(new RegExp(`- ${variable}: `));
  });

  it('refuses a second process on the same DATA_DIR at start, with exit code 1 and what to do instead', async () => {
    const first = startProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    await waitFor(() => first.output().stdout.includes('is listening'), 'the first instance');
    const second = startProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toContain(`DATA_DIR ${dataDir} is in use by another running instance of the bot.`);
    expect(second.output().stderr).toContain('set STATE_STORE=redis and CUSTOMER_BACKEND=partnercenter');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('serves, then on SIGTERM closes the server, flushes storage and exits 0', async () => {
    const port = await freePort();
    const run = startProcess({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'debug' });
    await waitFor(() => run.output().stdout.includes('is listening'), 'the server to listen');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', backend: 'local' });
    // The demo partner and the second sandbox partner (transfers).
    expect(readdirSync(path.join(dataDir, 'tenants'))).toHaveLength(2);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('shutting down');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('exits within 10 s of SIGTERM while a turn waits on a connector that never answers', async () => {
    // A channel that takes every request and answers none.
    const connector = http.createServer(() => {});
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(connector.address() as net.AddressInfo).port}`;
    const port = await freePort();
    const run = startProcess({ DATA_DIR: dataDir, PORT: String(port) });
    try {
      await waitFor(() => run.output().stdout.includes('is listening'), 'the server to listen');
      const activity = { type: 'message', id: 'a-1', channelId: 'emulator', serviceUrl, text: 'help', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };
      const pending = fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      await pending;
    } finally {
      connector.closeAllConnections();
      connector.close();
    }
  }, 20_000);
});
