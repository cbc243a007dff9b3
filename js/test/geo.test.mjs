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
// A plugin loads once per core instance; every test shares that load.
let loaded;
const loadGeo = () => (loaded ??= q.loadPlugin(geo.geoPlugin));

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
  const t = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), null, line([[-5, 0], [3, 9]]), point(4, -1)])));
  // Loading the plugin into the running core copies no column data in or out.
  const beforeLoad = expectOk(await q.memoryStats());
  const ops = expectOk(await loadGeo());
  const afterLoad = expectOk(await q.memoryStats());
  assert.equal(afterLoad.bytesCopiedIn, beforeLoad.bytesCopiedIn);
  assert.ok(afterLoad.bytesCopiedOut - beforeLoad.bytesCopiedOut < 1000, 'only the descriptor text came out');
  assert.equal(afterLoad.arrowBytesLive, beforeLoad.arrowBytesLive);
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

test('geoParquetMetadata gives a complete geo value that the Parquet writer keeps', async () => {
  const ops = expectOk(await loadGeo());
  // Two batches, so the plugin's per-batch answers are merged.
  const one = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), null, line([[-5, 0], [3, 9]])])));
  const two = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(4, -1)])));
  const t = expectOk(await q.concatTables([one, two]));
  const value = expectOk(await ops.geoParquetMetadata(t, ['geom']));
  const bounds = expectOk(await ops.bounds(t, 'geom'));
  const parsed = JSON.parse(value);
  assert.equal(parsed.version, '1.1.0');
  assert.equal(parsed.primary_column, 'geom');
  assert.equal(parsed.columns.geom.encoding, 'WKB');
  assert.deepEqual(parsed.columns.geom.geometry_types, ['Point', 'LineString']);
  assert.deepEqual(parsed.columns.geom.bbox, [bounds.xmin, bounds.ymin, bounds.xmax, bounds.ymax]);
  assert.deepEqual(parsed.columns.geom.bbox, [-5, -1, 4, 9]);
  const file = expectOk(await q.writeTableToParquet(t, { metadata: { geo: value } }));
  assert.equal(expectOk(await q.getParquetMetadata(file)).metadata.geo, value);
  // A geo value that does not fit the table is replaced by the core's own (types unknown).
  const stale = JSON.stringify({ ...parsed, primary_column: 'gone', columns: { gone: parsed.columns.geom } });
  const replaced = expectOk(await q.writeTableToParquet(t, { metadata: { geo: stale } }));
  assert.deepEqual(JSON.parse(expectOk(await q.getParquetMetadata(replaced)).metadata.geo).columns.geom.geometry_types, []);
  expectError(await ops.geoParquetMetadata(t, []), 'invalid_argument', /expected at least one geometry column/);
  expectError(await ops.geoParquetMetadata(t, ['nope']), 'invalid_argument', /expected a column name/);
  for (const h of [one, two, t]) expectOk(await q.freeTable(h));
});

test('crs and edges GeoParquet cannot say go into the Parquet logical type and come back', async () => {
  const cases = [
    ['{"crs":"EPSG:4326","crs_type":"authority_code"}', 'GEOMETRY'],
    ['{"crs":"OGC:CRS84","edges":"vincenty"}', 'GEOGRAPHY'],
    ['{"crs":"OGC:CRS84"}', null],
    ['{"crs":"OGC:CRS84"}', 'GEOMETRY', { geometryLogicalTypes: true }],
  ];
  for (const [meta, logical, opts] of cases) {
    const field = new Field('geom', new Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', meta]]));
    const schema = new Schema([field]);
    const data = vectorFromArray([point(1, 2)], new Binary()).data[0];
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 1, children: [data] }));
    const t = expectOk(await q.readTableFromArrayBuffer(tableToIPC(new Table([batch]), 'stream')));
    const file = expectOk(await q.writeTableToParquet(t, opts));
    assert.equal(expectOk(await q.getParquetMetadata(file)).columns[0].logicalType, logical, meta);
    const again = expectOk(await q.readTableFromParquet(file));
    const f = expectOk(await q.getSchema(again)).fields[0];
    assert.equal(f.type.extensionName, 'geoarrow.wkb');
    assert.equal(f.type.extensionMetadata, meta);
    for (const h of [t, again]) expectOk(await q.freeTable(h));
  }
});

test('native point columns are written with GeoParquet 1.1 native encoding and read back', async () => {
  const ops = expectOk(await loadGeo());
  const t = expectOk(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), point(-3, 5)])));
  const native = expectOk(await ops.toNative(t, 'geom'));
  assert.equal(expectOk(await q.getSchema(native)).fields[0].type.extensionName, 'geoarrow.point');
  const value = JSON.parse(expectOk(await ops.geoParquetMetadata(native, ['geom'])));
  assert.deepEqual(value.columns.geom, { encoding: 'point', geometry_types: ['Point'], bbox: [-3, 2, 1, 5], crs: null });
  // Without a value of the caller's, the core announces the column itself (types unknown).
  for (const opts of [{ metadata: { geo: JSON.stringify(value) } }, {}]) {
    const file = expectOk(await q.writeTableToParquet(native, opts));
    const written = JSON.parse(expectOk(await q.getParquetMetadata(file)).metadata.geo);
    assert.equal(written.columns.geom.encoding, 'point');
    const again = expectOk(await q.readTableFromArrayBuffer(file));
    assert.equal(expectOk(await q.getSchema(again)).fields[0].type.extensionName, 'geoarrow.point');
    assert.deepEqual(expectOk(await ops.bounds(again, 'geom')), { xmin: -3, ymin: 2, xmax: 1, ymax: 5 });
    expectOk(await q.freeTable(again));
  }
  for (const h of [t, native]) expectOk(await q.freeTable(h));
});
