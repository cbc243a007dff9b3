// The geometry plugin in headless Chromium: the same cases as in Node (test/geo/suite.mjs,
// bundled with esbuild together with apache-arrow) run in a page that loads the core from
// /quiver/ and the plugin package from /geo/ (its .wasm fetched beside its module). Every
// case must pass and leave no handle behind. Skipped when /usr/bin/chromium is absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, inChromium } from './chromium_page.mjs';
import { cases } from './geo/suite.mjs';

const roots = {
  '/quiver/': fileURLToPath(new URL('../dist/', import.meta.url)),
  '/geo/': fileURLToPath(new URL('../../plugins/geo/js/dist/', import.meta.url)),
};

test('Chromium: the geometry suite of test/geo/suite.mjs', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium', timeout: 120000 }, async () => {
  const { result: results, errors } = await inChromium({
    roots,
    entry: `import * as q from '/quiver/index.js'; import * as geo from '/geo/index.js'; import { cases } from './test/geo/suite.mjs';
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
    evaluate: (tab) => tab.evaluate(() => window.runGeo()),
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(results.map(([name]) => name), [...cases.map(([name]) => name), 'no handle left']);
  for (const [name, error] of results) assert.equal(error, null, `Chromium: ${name}`);
});
