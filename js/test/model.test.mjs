// Model-based tests (test/model/model.mjs) in Node and in headless Chromium. Runs per
// environment: QUIVER_MODEL_RUNS (default 200; `make test-long` raises it); a failure prints
// fast-check's seed and path, and QUIVER_MODEL_SEED replays a seed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { runModel } from './model/model.mjs';

const RUNS = Number(process.env.QUIVER_MODEL_RUNS ?? 200);
const SEED = process.env.QUIVER_MODEL_SEED === undefined ? Date.now() % 2147483647 : Number(process.env.QUIVER_MODEL_SEED);
const CHROMIUM = '/usr/bin/chromium';
const js = fileURLToPath(new URL('..', import.meta.url));
const dist = join(js, 'dist');
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test(`model-based: ${RUNS} command sequences in Node (seed ${SEED})`, { timeout: 30 * 60 * 1000 }, async () => {
  console.log(`model seed ${SEED} (replay: QUIVER_MODEL_SEED=${SEED})`);
  const executed = await runModel(q, { numRuns: RUNS, seed: SEED });
  console.log(`commands run: ${JSON.stringify(executed)}`);
  for (const name of ['Make', 'Ipc', 'Parquet', 'Select', 'Slice', 'Concat', 'Column', 'Free', 'UseAfterFree']) {
    assert.ok((executed[name] ?? 0) > 0, `command ${name} never ran`);
  }
});

test(`model-based: ${RUNS} command sequences in Chromium (seed ${SEED})`, { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium', timeout: 30 * 60 * 1000 }, async () => {
  const esbuild = await import('esbuild');
  // The suite with fast-check and apache-arrow, bundled; the package itself is loaded from dist/.
  const bundle = await esbuild.build({
    stdin: {
      contents: `import * as q from '/quiver/index.js'; import { runModel } from './test/model/model.mjs'; window.runModel = (opts) => runModel(q, opts); window.ready = true;`,
      resolveDir: js,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    external: ['/quiver/*'],
    logLevel: 'silent',
  });
  const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/model.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (path === '/model.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
    const file = normalize(join(dist, path.replace(/^\/quiver\//, '/')));
    if (!path.startsWith('/quiver/') || !file.startsWith(dist) || !existsSync(file)) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 30000 });
  const outcome = await tab.evaluate(
    ({ numRuns, seed }) => window.runModel({ numRuns, seed }).then((executed) => (executed.Make > 0 && executed.Parquet > 0 ? 'ok' : JSON.stringify(executed)), (e) => String(e && e.message ? e.message : e)),
    { numRuns: RUNS, seed: SEED },
  );
  await browser.close();
  server.close();
  assert.deepEqual(errors, []);
  assert.equal(outcome, 'ok');
});
