// The geometry plugin in headless Chromium: the same cases as in Node (test/geo/suite.mjs,
// bundled with esbuild together with apache-arrow) run in a page that loads the core from
// /quiver/ and the plugin package from /geo/ (its .wasm fetched beside its module). Every
// case must pass and leave no handle behind. Skipped when /usr/bin/chromium is absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './geo/suite.mjs';

const CHROMIUM = '/usr/bin/chromium';
const js = fileURLToPath(new URL('..', import.meta.url));
const roots = {
  '/quiver/': fileURLToPath(new URL('../dist/', import.meta.url)),
  '/geo/': fileURLToPath(new URL('../../plugins/geo/js/dist/', import.meta.url)),
};
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test('Chromium: the geometry suite of test/geo/suite.mjs', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium', timeout: 120000 }, async () => {
  const esbuild = await import('esbuild');
  const bundle = await esbuild.build({
    stdin: {
      contents: `import * as q from '/quiver/index.js'; import * as geo from '/geo/index.js'; import { cases } from './test/geo/suite.mjs';
window.runGeo = async () => {
  const out = [];
  for (const [name, run] of cases) {
    try { await run(q, geo); out.push([name, null]); } catch (e) { out.push([name, String(e && e.message ? e.message : e)]); }
  }
  const stats = await q.memoryStats();
  out.push(['no handle left', stats.ok && stats.value.liveHandles === 0 ? null : JSON.stringify(stats)]);
  return out;
};
window.ready = true;`,
      resolveDir: js,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    external: ['/quiver/*', '/geo/*'],
    logLevel: 'silent',
  });
  const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/suite.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (path === '/suite.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const file = prefix === undefined ? '' : normalize(join(roots[prefix], path.slice(prefix.length)));
    if (prefix === undefined || !file.startsWith(roots[prefix]) || !existsSync(file)) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const errors = [];
  let results;
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => window.ready === true, null, { timeout: 30000 });
    results = await tab.evaluate(() => window.runGeo());
  } finally {
    await browser.close();
    server.close();
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(results.map(([name]) => name), [...cases.map(([name]) => name), 'no handle left']);
  for (const [name, error] of results) assert.equal(error, null, `Chromium: ${name}`);
});
