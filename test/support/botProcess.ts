import { spawn } from 'node:child_process';
import net from 'node:net';
import { projectRoot } from '../../src/paths.js';

export interface BotProcess {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

/** How `npm run dev` starts the bot (TypeScript through tsx). */
export const DEV_ARGS = ['--import', 'tsx', 'src/index.ts'];
/** How `npm start` starts it, once built (`npm run build`). */
export const BUILT_ARGS = ['--disable-warning=DEP0111', 'dist/src/index.js'];

/** Runs the bot (as `npm run dev` does, unless other node arguments are given), with only the given environment (no .env from the checkout). */
export function startProcess(env: Record<string, string>, args: string[] = DEV_ARGS): BotProcess {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Waits until the bot on `port` says it is ready (/readyz); fails with its stderr if it exits first or takes longer than `timeoutMs`. */
export async function waitUntilReady(run: BotProcess, port: number, timeoutMs = 30_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end || run.child.exitCode !== null) throw new Error(`the bot on ${port} did not start: ${run.output().stderr.slice(-2000)}`);
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
