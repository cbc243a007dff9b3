// The geometry plugin (@quiver/plugin-geo, plugins/geo) loaded into the core: WKB columns
// (built with apache-arrow as geoarrow.wkb extension fields) get bounds, types and
// conversions in place; malformed geometries name their row; the core's .wasm has no
// geometry code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { Binary, Field, Schema, Table, makeData, RecordBatch, Struct, tableToIPC, vectorFromArray } from 'apache-arrow';
import * as q from '@quiver/core';
import { expectError, expectOk } from './helpers.mjs';

const geo = await import('../../plugins/geo/js/dist/index.js');

// Little-endian ISO WKB.
function point(x, y) {
  const b = new DataView(new ArrayBuffer(21));
  b.setUint8(0, 1);
  b.setUint32(1, 1, true);
  b.setFloat64(5, x, true);
  b.setFloat64(13, y, true);
  return new Uint8Array(b.buffer);
}
function line(coords) {
  const b = new DataView(new ArrayBuffer(9 + coords.length * 16));
  b.setUint8(0, 1);
  b.setUint32(1, 2, true);
  b.setUint32(5, coords.length, true);
  coords.forEach(([x, y], i) => {
    b.setFloat64(9 + i * 16, x, true);
    b.setFloat64(17 + i * 16, y, true);
  });
  return new Uint8Array(b.buffer);
}

function wkbTable(values) {
  const field = new Field('geom', new Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', '{}']]));
  const data = vectorFromArray(values, new Binary()).data[0];
  const schema = new Schema([field]);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: values.length, children: [data] }));
  return tableToIPC(new Table([batch]), 'stream');
}

test('the geometry plugin loads and works on WKB columns in place', async () => {
  const ops = expectOk(await q.loadPlugin(geo.geoPlugin));
  const t = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), null, line([[-5, 0], [3, 9]]), point(4, -1)])));
  const schema = expectOk(await q.getSchema(t));
  assert.equal(schema.fields[0].type.extensionName, 'geoarrow.wkb');
  const before = expectOk(await q.memoryStats());
  assert.deepEqual(expectOk(await ops.bounds(t, 'geom')), { xmin: -5, ymin: -1, xmax: 4, ymax: 9 });
  const after = expectOk(await q.memoryStats());
  assert.equal(after.bytesCopiedIn, before.bytesCopiedIn, 'the column went to the plugin without a copy');
  // Out came only small text: the result, the column-name lookup and the stats themselves.
  assert.ok(after.bytesCopiedOut - before.bytesCopiedOut < 1000, `${after.bytesCopiedOut - before.bytesCopiedOut} bytes came out`);
  assert.equal(after.arrowBytesLive, before.arrowBytesLive);
  // Through an LZ4 IPC file and back (and Parquet zstd): the extension type and values survive.
  for (const bytes of [expectOk(await q.writeTableToIpc(t, { compression: 'lz4' })), expectOk(await q.writeTableToParquet(t, { compression: 'zstd' }))]) {
    const again = expectOk(await q.readTableFromArrayBuffer(bytes));
    assert.equal(expectOk(await q.getSchema(again)).fields[0].type.extensionName, 'geoarrow.wkb');
    assert.deepEqual(expectOk(await ops.bounds(again, 'geom')), { xmin: -5, ymin: -1, xmax: 4, ymax: 9 });
    expectOk(await q.freeTable(again));
  }
  const types = expectOk(await ops.geometryTypes(t, 'geom'));
  assert.deepEqual(expectOk(await q.getRows(types)).map((r) => Object.values(r)[0]), [1, null, 2, 1]);
  const wkt = expectOk(await ops.toWkt(t, 0));
  assert.deepEqual(expectOk(await q.getRows(wkt)).map((r) => Object.values(r)[0]), ['POINT (1 2)', null, 'LINESTRING (-5 0, 3 9)', 'POINT (4 -1)']);
  const back = expectOk(await ops.toWkb(wkt, 0));
  assert.deepEqual(Array.from(expectOk(await q.getRows(back))[0].geom), Array.from(point(1, 2)));
  const xy = expectOk(await ops.coordinatesXY(t, 'geom'));
  const coords = expectOk(await q.getColumn(xy, 0));
  assert.deepEqual(Array.from(coords.values), [1, 2, -5, 0, 3, 9, 4, -1]);
  for (const h of [t, types, wkt, back, xy]) expectOk(await q.freeTable(h));
  // A mixed point/linestring column has no single native type.
  const mixed = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), line([[0, 0], [1, 1]])])));
  expectError(await ops.toNative(mixed, 0), 'plugin', /plugin 'io.quiver.plugin.geo.v1': operation 'toNative' failed: /);
  expectOk(await q.freeTable(mixed));
  // A malformed geometry names its row.
  const bad = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), new Uint8Array([1, 1, 0, 0, 0, 1])])));
  expectError(await ops.bounds(bad, 0), 'plugin', /row\[1\]/);
  expectOk(await q.freeTable(bad));
  assert.equal(expectOk(await q.memoryStats()).liveHandles, 0);
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
