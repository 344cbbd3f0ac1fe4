/**
 * The local page the previews are rendered in: a tiny HTTP server on
 * 127.0.0.1 (random port) serving the page, the official adaptivecards browser
 * bundle and stylesheet from node_modules, and renderer.js. Nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The directory of the installed adaptivecards package (its browser build is in dist/). */
export function adaptiveCardsDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('adaptivecards/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Card preview</title>
<link rel="stylesheet" href="/adaptivecards.css">
<style id="theme"></style>
</head>
<body>
<div id="frame"><div id="card"></div></div>
<script src="/adaptivecards.min.js"></script>
<script src="/renderer.js"></script>
</body>
</html>
`;

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

export async function startPreviewServer(): Promise<PreviewServer> {
  const sdk = path.join(adaptiveCardsDir(), 'dist');
  const files: Record<string, { type: string; load: () => Promise<string | Buffer> }> = {
    '/': { type: 'text/html; charset=utf-8', load: async () => PAGE },
    '/adaptivecards.min.js': { type: 'text/javascript; charset=utf-8', load: () => readFile(path.join(sdk, 'adaptivecards.min.js')) },
    '/adaptivecards.css': { type: 'text/css; charset=utf-8', load: () => readFile(path.join(sdk, 'adaptivecards.css')) },
    '/renderer.js': { type: 'text/javascript; charset=utf-8', load: () => readFile(path.join(here, 'renderer.js')) },
  };
  // Not chained on writeHead(): restify (loaded with the test bot) patches it to return nothing.
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file || req.method !== 'GET') {
      send(res, 404, 'text/plain', 'not found');
      return;
    }
    file.load().then(
      (body) => send(res, 200, file.type, body),
      (error: unknown) => send(res, 500, 'text/plain', String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
