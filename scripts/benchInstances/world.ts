import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_ARGS, freePort, startProcess, waitUntilReady } from '../../test/support/botProcess.js';
import { projectRoot } from '../../src/paths.js';
import { partnerCenterEnv } from '../../test/support/partnerCenterBot.js';
import type { PartnerCenterServer } from '../../test/support/partnerCenterServer.js';

/** The processes of one configuration of the instances benchmark: the test Partner Center, bot or echo instances. */

/** The partner tenant every configuration works in, and how many customers its test Partner Center has besides the demo ones. */
export const PARTNER = 'bench-partner';
export const FILLER = 200;

export interface Instance {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** More node flags for the bot processes (BENCH_INSTANCES_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof", say). */
const nodeArgs = (process.env.BENCH_INSTANCES_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** Runs a TypeScript module of this folder in its own process (with IPC) and waits for its first message. */
async function startChild<T>(script: string, args: string[]): Promise<{ child: ChildProcess; first: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', path.join(here, script), ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' } });
  const first = await new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it started`)));
  });
  return { child, first };
}

const exitOf = (child: ChildProcess) => (child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

export async function startPartnerCenter(partner: string, users: number, filler: number): Promise<{ url: string; pid: number; calls(): Promise<number>; stop(): Promise<void> }> {
  const { child, first } = await startChild<{ url: string }>('partnerCenterChild.ts', [partner, String(users), String(filler)]);
  return {
    url: first.url,
    pid: child.pid!,
    calls: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { calls: number }).calls));
        child.send('calls');
      }),
    stop: async () => {
      child.disconnect();
      await exitOf(child);
    },
  };
}

export async function startEchoes(count: number): Promise<Instance[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { child, first } = await startChild<{ port: number }>('echoChild.ts', ['0']);
      return { port: first.port, pid: child.pid!, stop: async () => (child.disconnect(), exitOf(child)) };
    }),
  );
}

/** `count` bot processes as `npm start` starts them (built first: `buildBot`), on the test Partner Center as backend, each with its own DATA_DIR; resolves once each is ready. */
export async function startBots(count: number, partnerCenterUrl: string, env: Record<string, string>): Promise<Instance[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const port = await freePort();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-instance-'));
      const run = startProcess({ ...partnerCenterEnv({ url: partnerCenterUrl } as PartnerCenterServer), LOG_LEVEL: 'error', PARTNER_CENTER_REQUESTS_PER_MINUTE: '5000', ...env, DATA_DIR: dataDir, PORT: String(port) }, [...nodeArgs, ...BUILT_ARGS]);
      await waitUntilReady(run, port, 60_000);
      return {
        port,
        pid: run.child.pid!,
        stop: async () => {
          run.child.kill('SIGTERM');
          const killer = setTimeout(() => run.child.kill('SIGKILL'), 15_000);
          await run.exited;
          clearTimeout(killer);
          const { stderr } = run.output();
          if (stderr.trim()) process.stderr.write(`    (bot on ${port} wrote to stderr: ${stderr.trim().slice(-500)})\n`);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }),
  );
}

/** CPU seconds (user + system) a live process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Builds the bot as `npm start` does (tsc into dist/), once per benchmark run. */
export function buildBot(): void {
  execFileSync(process.execPath, [path.join(projectRoot(), 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: projectRoot(), stdio: 'inherit' });
}
