// The geometry plugin (@quiver/plugin-geo, plugins/geo) loaded into the core: the cases of
// test/geo/suite.mjs (WKB columns get bounds, types and conversions in place, no copies;
// malformed geometries name their row; LZ4 IPC and Parquet round trips with GeoParquet
// metadata; crs and edges in Parquet's logical types; native encodings), which
// test/geo_browser.test.mjs runs in Chromium too; and the core's .wasm has no geometry code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as q from '@quiver/core';
import { cases } from './geo/suite.mjs';

const geo = await import('../../plugins/geo/js/dist/index.js');

for (const [name, run] of cases) {
  test(name, () => run(q, geo));
}

test('the suite left no handle behind', async () => {
  const stats = await q.memoryStats();
  assert.equal(stats.ok && stats.value.liveHandles, 0);
});

test('the core module contains no geometry code', () => {
  const core = readFileSync(new URL('../dist/quiver.wasm', import.meta.url));
  // The core knows the name geoarrow.wkb (its Parquet layer maps GeoParquet columns to it),
  // but nothing of the geometry code: its native types, WKT keywords or plugin entry point.
  for (const marker of ['geoarrow.multipolygon', 'LINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION', 'quiver_plugin_entry']) {
    assert.equal(core.includes(Buffer.from(marker)), false, `the core .wasm contains '${marker}'`);
  }
  const plugin = readFileSync(new URL('../../plugins/geo/js/dist/quiver_geo.wasm', import.meta.url));
  for (const marker of ['geoarrow.multipolygon', 'LINESTRING', 'quiver_plugin_entry']) {
    assert.ok(plugin.includes(Buffer.from(marker)), `the plugin contains '${marker}'`);
  }
});
