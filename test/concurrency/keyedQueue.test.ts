import { KeyedQueue } from '../../src/concurrency/keyedQueue.js';

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (one macrotask turn; no wall-clock waiting). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  test('tasks of one key run one at a time, in arrival order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const results = gates.map((gate, i) =>
      queue.run('a', async () => {
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );

    await settle();
    expect(log).toEqual(['start 0']);

    // Releasing a later task first must not let it jump the queue.
    gates[2]!.resolve();
    await settle();
    expect(log).toEqual(['start 0']);

    gates[0]!.resolve();
    await settle();
    expect(log).toEqual(['start 0', 'end 0', 'start 1']);

    gates[1]!.resolve();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  test('tasks of different keys run concurrently', async () => {
    const queue = new KeyedQueue();
    const started: string[] = [];
    const gateA = deferred();
    const gateB = deferred();
    const a = queue.run('a', async () => {
      started.push('a');
      await gateA.promise;
    });
    const b = queue.run('b', async () => {
      started.push('b');
      await gateB.promise;
    });

    await settle();
    expect(started.sort()).toEqual(['a', 'b']);

    // b can finish while a is still running.
    gateB.resolve();
    await b;
    gateA.resolve();
    await a;
  });

  test('a rejected task reaches its caller and does not block the next task of the key', async () => {
    const queue = new KeyedQueue();
    const gate = deferred();
    const failing = queue.run('a', async () => {
      await gate.promise;
      throw new Error('boom');
    });
    let nextRan = false;
    const next = queue.run('a', async () => {
      nextRan = true;
      return 'ok';
    });

    await settle();
    expect(nextRan).toBe(false);
    gate.resolve();
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(nextRan).toBe(true);
  });

  test('idle() resolves only after every queued task has settled', async () => {
    const queue = new KeyedQueue();
    const gateA1 = deferred();
    const gateA2 = deferred();
    const gateB = deferred();
    const runs = [
      queue.run('a', () => gateA1.promise),
      queue.run('a', () => gateA2.promise),
      queue.run('b', () => gateB.promise.then(() => Promise.reject(new Error('b failed')))),
    ];
    runs.forEach((run) => run.catch(() => undefined));

    let idle = false;
    const idlePromise = queue.idle().then(() => {
      idle = true;
    });

    await settle();
    expect(idle).toBe(false);
    gateA1.resolve();
    await settle();
    expect(idle).toBe(false);
    gateB.resolve();
    await settle();
    expect(idle).toBe(false);
    gateA2.resolve();
    await idlePromise;
    expect(idle).toBe(true);
  });

  test('idle() resolves at once for an empty queue', async () => {
    await expect(new KeyedQueue().idle()).resolves.toBeUndefined();
  });

  test('the key map empties once tasks settle, including rejected ones', async () => {
    const queue = new KeyedQueue();
    expect(queue.size).toBe(0);
    const gateA = deferred();
    const gateB = deferred();
    const a1 = queue.run('a', () => gateA.promise);
    const a2 = queue.run('a', async () => 'second');
    const b = queue.run('b', () => gateB.promise);
    b.catch(() => undefined);

    expect(queue.size).toBe(2);
    gateA.resolve();
    await Promise.all([a1, a2]);
    await settle();
    expect(queue.size).toBe(1);

    gateB.reject(new Error('nope'));
    await expect(b).rejects.toThrow('nope');
    await settle();
    expect(queue.size).toBe(0);

    // A key can be reused after it was forgotten.
    await expect(queue.run('a', async () => 'again')).resolves.toBe('again');
    await settle();
    expect(queue.size).toBe(0);
  });
});
