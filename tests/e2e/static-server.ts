/**
 * A small static server for the built app on 127.0.0.1, as a real deployment would serve it:
 * files from a directory that a test can swap (a new build) and a server a test can stop
 * (strictly offline), with the single-page fallback to index.html.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { SECURITY_HEADERS } from '../../scripts/security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  url: string;
  /** Serves another directory from now on (a new deployment). */
  serve(directory: string): void;
  /** Every request so far, for asserting that nothing is fetched. */
  requests: string[];
  close(): Promise<void>;
}

/** `headers: false` serves without the security headers, as a careless host would (the frame test). */
export async function startStaticServer(directory: string, { headers = true }: { headers?: boolean } = {}): Promise<StaticServer> {
  let root = directory;
  const requests: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      // A missing asset is a 404; any other path (a route such as /instruments/x/1.0.0) is the app.
      if (TYPES[extname(path)]) {
        response.writeHead(404).end();
        return;
      }
      file = join(root, 'index.html');
    }
    const body = await readFile(file);
    // The service worker and the page must be re-checked on every visit for updates to arrive.
    const fresh = file.endsWith('sw.js') || file.endsWith('index.html') || file.endsWith('.webmanifest');
    response.writeHead(200, {
      ...(headers ? SECURITY_HEADERS : {}),
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': fresh ? 'no-cache' : 'max-age=31536000, immutable',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    serve: (next) => {
      root = next;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
