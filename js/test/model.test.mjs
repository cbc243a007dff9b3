// Model-based tests (test/model/model.mjs) in Node and in headless Chromium. Runs per
// environment: QUIVER_MODEL_RUNS (default 200; `make test-long` raises it); a failure prints
// fast-check's seed and path, and QUIVER_MODEL_SEED replays a seed. Both environments load the
// geometry plugin (plugins/geo/js/dist), so its commands are part of every run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { KIND_NAMES, runModel } from './model/model.mjs';

const RUNS = Number(process.env.QUIVER_MODEL_RUNS ?? 200);
const SEED = process.env.QUIVER_MODEL_SEED === undefined ? Date.now() % 2147483647 : Number(process.env.QUIVER_MODEL_SEED);
const CHROMIUM = '/usr/bin/chromium';
const js = fileURLToPath(new URL('..', import.meta.url));
const dist = join(js, 'dist');
const geoDist = join(js, '..', 'plugins', 'geo', 'js', 'dist');
const geo = await import('../../plugins/geo/js/dist/index.js');
const COMMANDS = ['Make', 'Ipc', 'Parquet', 'Incremental', 'Select', 'Slice', 'Concat', 'Column', 'Free', 'UseAfterFree', 'MakeGeo', 'Geo'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test(`model-based: ${RUNS} command sequences in Node (seed ${SEED})`, { timeout: 30 * 60 * 1000 }, async () => {
  console.log(`model seed ${SEED} (replay: QUIVER_MODEL_SEED=${SEED})`);
  const executed = await runModel(q, { numRuns: RUNS, seed: SEED, geo });
  console.log(`commands run: ${JSON.stringify(executed)}`);
  for (const name of COMMANDS) {
    assert.ok((executed[name] ?? 0) > 0, `command ${name} never ran`);
  }
  // Every column kind was made, by every encoder that can build it.
  const encoders = Object.keys(executed.made).map((k) => k.split(':'));
  for (const kind of KIND_NAMES) assert.ok(encoders.some(([, k]) => k === kind), `kind ${kind} never made`);
  for (const e of ['arrow', 'raw']) assert.ok(encoders.some(([x]) => x === e), `encoder ${e} never used`);
});

test(`model-based: ${RUNS} command sequences in Chromium (seed ${SEED})`, { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium', timeout: 30 * 60 * 1000 }, async () => {
  const esbuild = await import('esbuild');
  // The suite with fast-check and apache-arrow, bundled; the package itself is loaded from dist/.
  const bundle = await esbuild.build({
    stdin: {
      contents: `import * as q from '/quiver/index.js'; import * as geo from '/geo/index.js'; import { runModel } from './test/model/model.mjs'; window.runModel = (opts) => runModel(q, { ...opts, geo }); window.ready = true;`,
      resolveDir: js,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    external: ['/quiver/*', '/geo/*'],
    logLevel: 'silent',
  });
  const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/model.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (path === '/model.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
    const root = path.startsWith('/quiver/') ? dist : path.startsWith('/geo/') ? geoDist : null;
    const file = root === null ? '' : normalize(join(root, path.replace(/^\/(quiver|geo)\//, '/')));
    if (root === null || !file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
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
    ({ numRuns, seed, names }) => window.runModel({ numRuns, seed }).then((executed) => (names.every((n) => executed[n] > 0) ? 'ok' : JSON.stringify(executed)), (e) => String(e && e.message ? e.message : e)),
    { numRuns: RUNS, seed: SEED, names: COMMANDS },
  );
  await browser.close();
  server.close();
  assert.deepEqual(errors, []);
  assert.equal(outcome, 'ok');
});
