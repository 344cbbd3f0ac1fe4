/** The embedded store serves one instance: a second is refused at start instead of silently diverging. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/appServer.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { InstanceRefusedError } from '../../src/storage/instanceLock.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

const start = (env: Record<string, string>) => createApp(loadConfig(env), createLogger('silent'));

describe('one instance on the embedded store', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = mkdtempSync(path.join(os.tmpdir(), 'cab-single-'));
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses a second instance on the same DATA_DIR, and starts once the first has stopped', async () => {
    const dataDir = dir();
    const first = await start({ DATA_DIR: dataDir });
    await expect(start({ DATA_DIR: dataDir })).rejects.toThrow(InstanceRefusedError);
    await expect(start({ DATA_DIR: dataDir })).rejects.toThrow(/is in use by another running instance.*STATE_STORE=redis and CUSTOMER_BACKEND=partnercenter/s);
    await first.close();
    const again = await start({ DATA_DIR: dataDir });
    await again.close();
  });

  describe('with Redis', () => {
    let redis: TestRedis;
    beforeAll(async () => (redis = await startRedis()));
    afterAll(async () => redis?.stop());

    it('refuses a second instance of the embedded customer backend anywhere on the same Redis (each would have its own customers)', async () => {
      const env = { STATE_STORE: 'redis', REDIS_URL: redis.url };
      const first = await start({ ...env, DATA_DIR: dir() });
      await expect(start({ ...env, DATA_DIR: dir() })).rejects.toThrow(/Another instance on this Redis already serves the embedded customer directory/);
      await first.close();
      const again = await start({ ...env, DATA_DIR: dir() });
      await again.close();
    });
  });
});
