/**
 * A local fixture server for the e2e tests. The browsers reach it under government host
 * names (Chromium: --host-resolver-rules; Firefox: network.dns.forceResolve), so the
 * content script's `*://*.gov.cn/*` match applies as on a real site.
 *
 * Routes: /fixtures/<path> → tests/fixtures/<path>; /pages/<path> → tests/e2e/pages/<path>.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUTES: Record<string, string> = { fixtures: join(ROOT, 'tests/fixtures'), pages: join(ROOT, 'tests/e2e/pages') };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.png': 'image/png', '.js': 'text/javascript' };

export interface FixtureServer {
  port: number;
  /** URL of a route path under a host name, e.g. url('www.example.gov.cn', '/pages/x.html'). */
  url(host: string, path: string): string;
  close(): Promise<void>;
}

export async function startServer(): Promise<FixtureServer> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, route, ...rest] = path.split('/');
    const base = route ? ROUTES[route] : undefined;
    const file = base ? normalize(join(base, ...rest)) : null;
    if (!base || !file || !file.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
