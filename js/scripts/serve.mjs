// `make serve`: a tiny static server for the demo page. It serves examples/browser/demo at /
// and the built package (js/dist) at /quiver/, on 127.0.0.1 only, port $PORT (default 8080).
// Import createDemoServer to run it in-process (js/test/demo.test.mjs does).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DEMO_DIR = resolve(here, '..', '..', 'examples', 'browser', 'demo');
export const DIST_DIR = resolve(here, '..', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Maps a URL path to a file under `demo` or `dist`, or null when it leaves them. */
function fileFor(pathname, demo, dist) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const [base, rest] = decoded === '/quiver' || decoded.startsWith('/quiver/') ? [dist, decoded.slice('/quiver'.length)] : [demo, decoded];
  const file = resolve(base, `.${rest.endsWith('/') || rest === '' ? `${rest}/index.html` : rest}`);
  return file === base || file.startsWith(base + sep) ? file : null;
}

/** An http.Server (not yet listening) for the demo page and the package. */
export function createDemoServer({ demo = DEMO_DIR, dist = DIST_DIR, log = false } = {}) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status, headers, body) => {
      if (log) console.log(`${status} ${req.method} ${url.pathname}`);
      res.writeHead(status, { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { allow: 'GET, HEAD' }, 'method not allowed\n');
    const file = fileFor(url.pathname, demo, dist);
    if (file === null) return send(404, { 'content-type': 'text/plain' }, 'not found\n');
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      if (info?.isDirectory()) return send(301, { location: `${url.pathname}/` }, '');
      return send(404, { 'content-type': 'text/plain' }, 'not found\n');
    }
    const body = await readFile(file).catch(() => null);
    if (body === null) return send(500, { 'content-type': 'text/plain' }, 'read failed\n');
    return send(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length }, body);
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be an integer 0..65535, not '${process.env.PORT}'`);
    process.exit(2);
  }
  const server = createDemoServer({ log: process.env.QUIVER_SERVE_LOG === '1' });
  server.on('error', (e) => {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Quiver demo: http://127.0.0.1:${server.address().port}/  (package from ${DIST_DIR} at /quiver/; Ctrl-C stops)`);
  });
}
