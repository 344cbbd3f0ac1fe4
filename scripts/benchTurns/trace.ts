import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Per method: calls and summed wall time (ms; for async methods this includes waiting for the event loop). */
export type TraceTotals = Record<string, { calls: number; ms: number }>;

/**
 * Diagnostics for BENCH_TURNS_TRACE=1: wraps a few prototype methods of the
 * bot's parts (storage, card rendering, customer directory) with timers.
 * Patches this process's classes only; src/ is not changed.
 */
export async function installTrace(): Promise<() => TraceTotals> {
  const totals: TraceTotals = {};
  const [{ LowdbStorage }, { CardRenderer }, { LowdbCustomerDirectory }, botbuilder] = await Promise.all([
    import('../../src/storage/lowdbStorage.js'),
    import('../../src/cards/cardRenderer.js'),
    import('../../src/customers/lowdbCustomerDirectory.js'),
    import('botbuilder'),
  ]);
  /** `byFirstArgument`: one line per value of the first argument (e.g. the card template's name). */
  const wrap = (label: string, proto: object, method: string, byFirstArgument = false) => {
    const target = proto as Record<string, unknown>;
    const original = target[method] as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') return;
    target[method] = function (this: unknown, ...args: unknown[]) {
      const key = `${label}.${method}${byFirstArgument ? `(${String(args[0])})` : ''}`;
      const entry = (totals[key] ??= { calls: 0, ms: 0 });
      const start = performance.now();
      const settle = () => {
        entry.calls++;
        entry.ms += performance.now() - start;
      };
      const result = original.apply(this, args);
      if (result instanceof Promise) return result.finally(settle);
      settle();
      return result;
    };
  };
  for (const method of ['read', 'write']) wrap('LowdbStorage', LowdbStorage.prototype, method);
  wrap('CardRenderer', CardRenderer.prototype, 'expand', true);
  for (const method of ['query', 'count', 'get', 'create', 'isDomainAvailable']) wrap('LowdbCustomerDirectory', LowdbCustomerDirectory.prototype, method);
  wrap('TurnContext', botbuilder.TurnContext.prototype, 'sendActivities');
  return () => totals;
}

/** A CPU profile of the measured run only (BENCH_TURNS_CPU_PROFILE=<dir>); returns the file written. */
export async function startCpuProfile(dir: string, name: string): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = path.join(dir, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return file;
  };
}
