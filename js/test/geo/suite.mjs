// The geometry plugin's suite, shared by Node (test/geo.test.mjs) and headless Chromium
// (test/geo_browser.test.mjs, bundled with esbuild): the same cases, the same checks (`check`
// below, plain JavaScript so that it runs in both), against the core `q` and the plugin
// package `geo`. Each case frees what it makes.
import { Binary, Field, Schema, Table, makeData, RecordBatch, Struct, tableToIPC, vectorFromArray } from 'apache-arrow';

/** Canonical text of a value: bigints, bytes, maps, NaN, infinities and -0 spelled out. */
function text(v) {
  return JSON.stringify(v, (_, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0))) return Object.is(x, -0) ? '-0' : String(x);
    if (x instanceof Uint8Array) return `0x${Array.from(x, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    if (x instanceof Map) return { map: [...x] };
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]));
    return x;
  });
}

/** The checks of the suite; each throws an Error naming what differed. */
export const check = {
  ok(cond, msg = 'expected a true value') {
    if (!cond) throw new Error(msg);
  },
  equal(a, b, msg = '') {
    if (!Object.is(a, b)) throw new Error(`${msg} expected ${text(b)} but found ${text(a)}`);
  },
  deepEqual(a, b, msg = '') {
    if (text(a) !== text(b)) throw new Error(`${msg} expected ${text(b).slice(0, 400)} but found ${text(a).slice(0, 400)}`);
  },
  value(r) {
    if (!r.ok) throw new Error(`expected ok but found ${r.code}: ${r.error}`);
    return r.value;
  },
  error(r, code, re) {
    if (r.ok) throw new Error(`expected a ${code} error but the call succeeded`);
    if (r.code !== code) throw new Error(`expected a ${code} error but found ${r.code}: ${r.error}`);
    if (re !== undefined && !re.test(r.error)) throw new Error(`expected an error matching ${re} but found '${r.error}'`);
    return r;
  },
};

// A plugin loads once per core instance; every case shares that load.
const loads = new WeakMap();
function loadGeo(q, geo) {
  if (!loads.has(q)) loads.set(q, q.loadPlugin(geo.geoPlugin));
  return loads.get(q);
}

// Little-endian ISO WKB.
export function point(x, y) {
  const b = new DataView(new ArrayBuffer(21));
  b.setUint8(0, 1);
  b.setUint32(1, 1, true);
  b.setFloat64(5, x, true);
  b.setFloat64(13, y, true);
  return new Uint8Array(b.buffer);
}
export function line(coords) {
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

export function wkbTable(values) {
  const field = new Field('geom', new Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', '{}']]));
  const data = vectorFromArray(values, new Binary()).data[0];
  const schema = new Schema([field]);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: values.length, children: [data] }));
  return tableToIPC(new Table([batch]), 'stream');
}


/** The cases: [name, async (q, geo) => void]. */
export const cases = [
  ['the geometry plugin loads and works on WKB columns in place', async (q, geo) => {
  const t = check.value(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), null, line([[-5, 0], [3, 9]]), point(4, -1)])));
  // Loading the plugin into the running core copies no column data in or out.
  const beforeLoad = check.value(await q.memoryStats());
  const ops = check.value(await loadGeo(q, geo));
  const afterLoad = check.value(await q.memoryStats());
  check.equal(afterLoad.bytesCopiedIn, beforeLoad.bytesCopiedIn);
  check.ok(afterLoad.bytesCopiedOut - beforeLoad.bytesCopiedOut < 1000, 'only the descriptor text came out');
  check.equal(afterLoad.arrowBytesLive, beforeLoad.arrowBytesLive);
  const schema = check.value(await q.getSchema(t));
  check.equal(schema.fields[0].type.extensionName, 'geoarrow.wkb');
  const before = check.value(await q.memoryStats());
  check.deepEqual(check.value(await ops.bounds(t, 'geom')), { xmin: -5, ymin: -1, xmax: 4, ymax: 9 });
  const after = check.value(await q.memoryStats());
  check.equal(after.bytesCopiedIn, before.bytesCopiedIn, 'the column went to the plugin without a copy');
  // Out came only small text: the result, the column-name lookup and the stats themselves.
  check.ok(after.bytesCopiedOut - before.bytesCopiedOut < 1000, `${after.bytesCopiedOut - before.bytesCopiedOut} bytes came out`);
  check.equal(after.arrowBytesLive, before.arrowBytesLive);
  // Through an LZ4 IPC file and back (and Parquet zstd): the extension type and values survive.
  for (const bytes of [check.value(await q.writeTableToIpc(t, { compression: 'lz4' })), check.value(await q.writeTableToParquet(t, { compression: 'zstd' }))]) {
    const again = check.value(await q.readTableFromArrayBuffer(bytes));
    check.equal(check.value(await q.getSchema(again)).fields[0].type.extensionName, 'geoarrow.wkb');
    check.deepEqual(check.value(await ops.bounds(again, 'geom')), { xmin: -5, ymin: -1, xmax: 4, ymax: 9 });
    check.value(await q.freeTable(again));
  }
  const types = check.value(await ops.geometryTypes(t, 'geom'));
  check.deepEqual(check.value(await q.getRows(types)).map((r) => Object.values(r)[0]), [1, null, 2, 1]);
  const wkt = check.value(await ops.toWkt(t, 0));
  check.deepEqual(check.value(await q.getRows(wkt)).map((r) => Object.values(r)[0]), ['POINT (1 2)', null, 'LINESTRING (-5 0, 3 9)', 'POINT (4 -1)']);
  const back = check.value(await ops.toWkb(wkt, 0));
  check.deepEqual(Array.from(check.value(await q.getRows(back))[0].geom), Array.from(point(1, 2)));
  const xy = check.value(await ops.coordinatesXY(t, 'geom'));
  const coords = check.value(await q.getColumn(xy, 0));
  check.deepEqual(Array.from(coords.values), [1, 2, -5, 0, 3, 9, 4, -1]);
  for (const h of [t, types, wkt, back, xy]) check.value(await q.freeTable(h));
  // A mixed point/linestring column has no single native type.
  const mixed = check.value(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), line([[0, 0], [1, 1]])])));
  check.error(await ops.toNative(mixed, 0), 'plugin', /plugin 'io.quiver.plugin.geo.v1': operation 'toNative' failed: /);
  check.value(await q.freeTable(mixed));
  // A malformed geometry names its row.
  const bad = check.value(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), new Uint8Array([1, 1, 0, 0, 0, 1])])));
  check.error(await ops.bounds(bad, 0), 'plugin', /row\[1\]/);
  check.value(await q.freeTable(bad));
  check.equal(check.value(await q.memoryStats()).liveHandles, 0);
  }],
  ['geoParquetMetadata gives a complete geo value that the Parquet writer keeps', async (q, geo) => {
  const ops = check.value(await loadGeo(q, geo));
  // Two batches, so the plugin's per-batch answers are merged.
  const one = check.value(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), null, line([[-5, 0], [3, 9]])])));
  const two = check.value(await q.readTableFromArrayBuffer(wkbTable([point(4, -1)])));
  const t = check.value(await q.concatTables([one, two]));
  const value = check.value(await ops.geoParquetMetadata(t, ['geom']));
  const bounds = check.value(await ops.bounds(t, 'geom'));
  const parsed = JSON.parse(value);
  check.equal(parsed.version, '1.1.0');
  check.equal(parsed.primary_column, 'geom');
  check.equal(parsed.columns.geom.encoding, 'WKB');
  check.deepEqual(parsed.columns.geom.geometry_types, ['Point', 'LineString']);
  check.deepEqual(parsed.columns.geom.bbox, [bounds.xmin, bounds.ymin, bounds.xmax, bounds.ymax]);
  check.deepEqual(parsed.columns.geom.bbox, [-5, -1, 4, 9]);
  const file = check.value(await q.writeTableToParquet(t, { metadata: { geo: value } }));
  check.equal(check.value(await q.getParquetMetadata(file)).metadata.geo, value);
  // A geo value that does not fit the table is replaced by the core's own (types unknown).
  const stale = JSON.stringify({ ...parsed, primary_column: 'gone', columns: { gone: parsed.columns.geom } });
  const replaced = check.value(await q.writeTableToParquet(t, { metadata: { geo: stale } }));
  check.deepEqual(JSON.parse(check.value(await q.getParquetMetadata(replaced)).metadata.geo).columns.geom.geometry_types, []);
  check.error(await ops.geoParquetMetadata(t, []), 'invalid_argument', /expected at least one geometry column/);
  check.error(await ops.geoParquetMetadata(t, ['nope']), 'invalid_argument', /expected a column name/);
  for (const h of [one, two, t]) check.value(await q.freeTable(h));
  }],
  ['crs and edges GeoParquet cannot say go into the Parquet logical type and come back', async (q) => {
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
    const t = check.value(await q.readTableFromArrayBuffer(tableToIPC(new Table([batch]), 'stream')));
    const file = check.value(await q.writeTableToParquet(t, opts));
    check.equal(check.value(await q.getParquetMetadata(file)).columns[0].logicalType, logical, meta);
    const again = check.value(await q.readTableFromParquet(file));
    const f = check.value(await q.getSchema(again)).fields[0];
    check.equal(f.type.extensionName, 'geoarrow.wkb');
    check.equal(f.type.extensionMetadata, meta);
    for (const h of [t, again]) check.value(await q.freeTable(h));
  }
  }],
  ['native point columns are written with GeoParquet 1.1 native encoding and read back', async (q, geo) => {
  const ops = check.value(await loadGeo(q, geo));
  const t = check.value(await q.readTableFromArrayBuffer(wkbTable([point(1, 2), point(-3, 5)])));
  const native = check.value(await ops.toNative(t, 'geom'));
  check.equal(check.value(await q.getSchema(native)).fields[0].type.extensionName, 'geoarrow.point');
  const value = JSON.parse(check.value(await ops.geoParquetMetadata(native, ['geom'])));
  check.deepEqual(value.columns.geom, { encoding: 'point', geometry_types: ['Point'], bbox: [-3, 2, 1, 5], crs: null });
  // Without a value of the caller's, the core announces the column itself (types unknown).
  for (const opts of [{ metadata: { geo: JSON.stringify(value) } }, {}]) {
    const file = check.value(await q.writeTableToParquet(native, opts));
    const written = JSON.parse(check.value(await q.getParquetMetadata(file)).metadata.geo);
    check.equal(written.columns.geom.encoding, 'point');
    const again = check.value(await q.readTableFromArrayBuffer(file));
    check.equal(check.value(await q.getSchema(again)).fields[0].type.extensionName, 'geoarrow.point');
    check.deepEqual(check.value(await ops.bounds(again, 'geom')), { xmin: -3, ymin: 2, xmax: 1, ymax: 5 });
    check.value(await q.freeTable(again));
  }
  for (const h of [t, native]) check.value(await q.freeTable(h));
  }],
];
