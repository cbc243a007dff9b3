// Runs a bundled test module in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): esbuild bundles `entry` (module source resolved from js/, with the URL
// prefixes of `roots` left external), a server on 127.0.0.1 serves it as the page's module
// and the `roots` folders under their prefixes, and `evaluate(tab)` runs once the module
// has set window.ready. Shared by the browser halves of the model and geometry tests.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const js = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/** What `evaluate` returned, and the errors the page threw meanwhile. */
export async function inChromium({ entry, roots, evaluate }) {
  const esbuild = await import('esbuild');
  const bundle = await esbuild.build({
    stdin: { contents: entry, resolveDir: js, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    external: Object.keys(roots).map((p) => `${p}*`),
    logLevel: 'silent',
  });
  const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/test.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (path === '/test.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const file = prefix === undefined ? '' : normalize(join(roots[prefix], path.slice(prefix.length)));
    if (prefix === undefined || !file.startsWith(roots[prefix]) || !existsSync(file)) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => window.ready === true, null, { timeout: 30000 });
    return { result: await evaluate(tab), errors };
  } finally {
    await browser.close();
    server.close();
  }
}
