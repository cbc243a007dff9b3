// Model-based tests (test/model/model.mjs) in Node and in headless Chromium. Runs per
// environment: QUIVER_MODEL_RUNS (default 1000; `make test-long` raises it); a failure prints
// fast-check's seed and path, and QUIVER_MODEL_SEED replays a seed. Both environments load the
// geometry plugin (plugins/geo/js/dist), so its commands are part of every run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { CHROMIUM, inChromium } from './chromium_page.mjs';
import { KIND_NAMES, runModel } from './model/model.mjs';

const RUNS = Number(process.env.QUIVER_MODEL_RUNS ?? 1000);
const SEED = process.env.QUIVER_MODEL_SEED === undefined ? Date.now() % 2147483647 : Number(process.env.QUIVER_MODEL_SEED);
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const geoDist = fileURLToPath(new URL('../../plugins/geo/js/dist/', import.meta.url));
const geo = await import('../../plugins/geo/js/dist/index.js');
const COMMANDS = ['Make', 'Ipc', 'Parquet', 'Incremental', 'Select', 'Slice', 'Concat', 'Column', 'Free', 'UseAfterFree', 'MakeGeo', 'Geo'];

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
  // The suite with fast-check and apache-arrow, bundled; the package itself is loaded from dist/.
  const { result: outcome, errors } = await inChromium({
    roots: { '/quiver/': dist, '/geo/': geoDist },
    entry: `import * as q from '/quiver/index.js'; import * as geo from '/geo/index.js'; import { runModel } from './test/model/model.mjs'; window.runModel = (opts) => runModel(q, { ...opts, geo }); window.ready = true;`,
    evaluate: (tab) => tab.evaluate(
      ({ numRuns, seed, names }) => window.runModel({ numRuns, seed }).then((executed) => (names.every((n) => executed[n] > 0) ? 'ok' : JSON.stringify(executed)), (e) => String(e && e.message ? e.message : e)),
      { numRuns: RUNS, seed: SEED, names: COMMANDS },
    ),
  });
  assert.deepEqual(errors, []);
  assert.equal(outcome, 'ok');
});
