import { SendQueue, type SendResult } from '../../src/feed/sendQueue.js';

/** A clock that only moves when the queue sleeps, so pacing is exact and the test takes no time. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), elapsed: () => now };
}

describe('SendQueue (the channel feed\'s outgoing messages)', () => {
  it('sends 30 messages for one conversation in order, never more than 7 in any second', async () => {
    const time = fakeTime();
    const queue = new SendQueue({ now: time.now, sleep: time.sleep });
    const sent: Array<{ n: number; at: number }> = [];
    for (let n = 0; n < 30; n++) queue.enqueue('conversation-a', async () => (sent.push({ n, at: time.now() }), { kind: 'sent' }));
    await queue.idle();
    expect(sent.map((s) => s.n)).toEqual([...Array(30).keys()]);
    for (const { at } of sent) expect(sent.filter((s) => s.at > at - 1000 && s.at <= at).length).toBeLessThanOrEqual(7);
    // And not slower than it must: 30 messages at 7 per second take a little over four seconds.
    expect(time.elapsed()).toBe(4000);
  });

  it('paces each conversation on its own', async () => {
    const time = fakeTime();
    const queue = new SendQueue({ now: time.now, sleep: time.sleep });
    const sent: string[] = [];
    for (let n = 0; n < 7; n++) for (const key of ['a', 'b']) queue.enqueue(key, async () => (sent.push(key), { kind: 'sent' }));
    await queue.idle();
    expect(sent.filter((k) => k === 'a')).toHaveLength(7);
    expect(time.elapsed()).toBe(0);
  });

  it('waits out a 429 for as long as the channel asks, then sends the same message again', async () => {
    const time = fakeTime();
    const queue = new SendQueue({ now: time.now, sleep: time.sleep });
    const attempts: number[] = [];
    let first = true;
    queue.enqueue('a', async (): Promise<SendResult> => {
      attempts.push(time.now());
      if (first) return (first = false), { kind: 'throttled', retryAfterMs: 3000 };
      return { kind: 'sent' };
    });
    await queue.idle();
    expect(attempts).toEqual([0, 3000]);
  });

  it('drops a conversation that answers 403, with everything still queued for it', async () => {
    const gone: string[] = [];
    const queue = new SendQueue({ ...fakeTime(), onGone: (key) => gone.push(key) });
    let calls = 0;
    for (let n = 0; n < 5; n++) queue.enqueue('removed', async () => (calls++, { kind: 'gone' }));
    await queue.idle();
    expect(calls).toBe(1);
    expect(gone).toEqual(['removed']);
  });

  it('gives up on a message that keeps failing, and goes on with the next', async () => {
    const dropped: string[] = [];
    const queue = new SendQueue({ ...fakeTime(), maxAttempts: 3, onDropped: (key) => dropped.push(key) });
    const sent: string[] = [];
    queue.enqueue('a', async () => ({ kind: 'failed' }));
    queue.enqueue('a', async () => (sent.push('second'), { kind: 'sent' }));
    await queue.idle();
    expect(dropped).toEqual(['a']);
    expect(sent).toEqual(['second']);
  });
});
