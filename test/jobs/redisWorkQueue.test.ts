/** The BullMQ wrapper every shared queue uses (hides, jobs, the feed), on the tests' own Redis. */
import { RedisWorkQueue } from '../../src/jobs/redisWorkQueue.js';
import { startRedis, until, type TestRedis } from '../support/redisServer.js';

describe('RedisWorkQueue', () => {
  let redis: TestRedis;
  beforeAll(async () => (redis = await startRedis()));
  afterAll(async () => redis?.stop());
  let queues = 0;

  it('starts no worker once closing began (a job resumed as the instance stops): the work stays in Redis for another instance', async () => {
    const name = `test-queue-${++queues}`;
    const stopping = new RedisWorkQueue<{ n: number }>(redis.url, name, { concurrency: 1 });
    await stopping.close();
    const ranOnStopped: number[] = [];
    stopping.process(async (job) => void ranOnStopped.push(job.data.n));

    const other = new RedisWorkQueue<{ n: number }>(redis.url, name, { concurrency: 1 });
    try {
      await other.add('work', { n: 1 }, { jobId: 'one' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ranOnStopped).toEqual([]);
      expect(await other.pending()).toBe(1);
      const ranOnOther: number[] = [];
      other.process(async (job) => void ranOnOther.push(job.data.n));
      await until(() => ranOnOther.length === 1, 5_000);
      expect(ranOnOther).toEqual([1]);
      expect(ranOnStopped).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
