// Cross-implementation test of the Parquet writer: DuckDB writes seeded random data, Quiver
// (the @quiver/core package, js/dist) reads it and rewrites it with random writer options
// (codec and level, page v1/v2, dictionary on/off and fallback, per-column encodings, row
// group and page sizes). Then:
//   - DuckDB reads Quiver's file: its rows must equal DuckDB's rows of the original;
//   - parquet-wasm reads Quiver's file into Arrow IPC, which Quiver reads back: the rows must
//     equal Quiver's rows of the original;
//   - the statistics DuckDB reads from Quiver's file (min, max, null count per chunk) must
//     match the data of each row group;
//   - hyparquet (pure JS) reads Quiver's file as it reads DuckDB's original, where it can:
//     hyparquet decodes only SNAPPY and uncompressed pages without its optional codec
//     package, and DuckDB's UUID columns carry a UUID annotation that Quiver's file does not
//     (Quiver reads them as fixed_size_binary(16)), so those cases are counted apart.
// INTERVAL is left out of the schemas: Quiver reads Parquet INTERVAL as month_day_nano, which
// Parquet's INTERVAL (months, days, millis) cannot hold, so writing it is `unsupported` (as
// in pyarrow); a dedicated check pins that error.
//
// Usage: node parquet_write.mjs --out DIR [--cases N] [--seed S]
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as pq from 'parquet-wasm';
import { parquetReadObjects } from 'hyparquet';
import * as q from '../../js/dist/index.js';
import { duck, diff } from './canonical.mjs';
import { LEAF_TYPES, rng, randomType, valueSql, typeName } from './gen_duckdb.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (i % 2 === 0 ? [...acc, [a.replace(/^--/, ''), xs[i + 1]]] : acc), []));
const outDir = args.out;
const cases = Number(args.cases ?? 30);
const baseSeed = Number(args.seed ?? 1);
fs.mkdirSync(outDir, { recursive: true });

const LEAVES = LEAF_TYPES.filter((t) => t !== 'INTERVAL');
const CODECS = ['snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw', 'none'];
const LEVELS = { zstd: [1, 3, 9, -5], gzip: [1, 6, 9], brotli: [1, 5, 11], lz4_raw: [1, 9] };
// Encodings per Arrow type id of a top-level leaf column. Quiver also writes
// BYTE_STREAM_SPLIT for INT32/INT64/FIXED_LEN_BYTE_ARRAY (format 2.11), but DuckDB 1.5 reads
// it for FLOAT and DOUBLE only ("BYTE_STREAM_SPLIT encoding is only supported for FLOAT or
// DOUBLE data"), so the peers are given it on floats; Quiver's own tests cover the rest.
const ENCODINGS = {
  int8: ['plain', 'delta_binary_packed'], int16: ['plain', 'delta_binary_packed'],
  int32: ['plain', 'delta_binary_packed'], int64: ['plain', 'delta_binary_packed'],
  uint8: ['plain', 'delta_binary_packed'], uint16: ['plain', 'delta_binary_packed'],
  uint32: ['plain', 'delta_binary_packed'], uint64: ['plain', 'delta_binary_packed'],
  float32: ['plain', 'byte_stream_split'], float64: ['plain', 'byte_stream_split'], bool: ['plain', 'rle'],
  utf8: ['plain', 'delta_length_byte_array', 'delta_byte_array'], binary: ['plain', 'delta_length_byte_array', 'delta_byte_array'],
  date32: ['plain', 'delta_binary_packed'], timestamp: ['plain', 'delta_binary_packed'],
};

const inst = await DuckDBInstance.create(':memory:');
const db = await inst.connect();
await db.run('SET threads=1');
let failures = 0, checked = 0, hyparquetChecked = 0, hyparquetNotApplicable = 0;

async function hyparquetRows(bytes) {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return text(await parquetReadObjects({ file: ab }));
}

function fail(name, message) {
  failures++;
  console.log(`FAIL ${name}: ${message}`);
}

function must(what, r) {
  if (!r.ok) throw new Error(`${what}: ${r.code}: ${r.error}`);
  return r.value;
}

function text(rows) {
  return JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v instanceof Map ? [...v.entries()] : v));
}

async function duckRows(file) {
  return db.runAndReadAll(`SELECT * FROM read_parquet('${file}')`).then(
    (r) => r.getRows().map((row) => row.map(duck)),
    (e) => ({ duckdbError: String(e.message ?? e) }),
  );
}

function randomOptions(r, schema) {
  const o = {};
  const codec = CODECS[Math.floor(r() * CODECS.length)];
  o.compression = codec;
  if (LEVELS[codec] && r() < 0.5) o.compressionLevel = LEVELS[codec][Math.floor(r() * LEVELS[codec].length)];
  o.pageVersion = r() < 0.5 ? 1 : 2;
  if (r() < 0.3) o.dictionary = false;
  if (r() < 0.3) o.dictionaryPageBytes = 256;  // forces the fallback to plain mid-chunk
  o.rowGroupRows = [100, 1000, 1 << 20][Math.floor(r() * 3)];
  if (r() < 0.3) o.dataPageBytes = [64, 4096][Math.floor(r() * 2)];
  if (r() < 0.2) o.statistics = false;
  if (r() < 0.2) o.pageIndex = false;
  const columns = {};
  for (const f of schema.fields) {
    const encs = ENCODINGS[f.type.id];
    if (encs && r() < 0.5) columns[f.name] = { encoding: encs[Math.floor(r() * encs.length)] };
  }
  if (Object.keys(columns).length > 0) o.columns = columns;
  return o;
}

// DuckDB's per-chunk statistics of Quiver's file against the data of each row group.
async function checkStatistics(name, file, columns) {
  const meta = (await db.runAndReadAll(`SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count, row_group_num_rows FROM parquet_metadata('${file}') ORDER BY row_group_id, column_id`)).getRows();
  let start = 0, group = -1;
  for (const [g, col, min, max, nulls, rows] of meta) {
    if (Number(g) !== group) {
      if (group >= 0) start += Number(meta.find((m) => Number(m[0]) === group)[5]);
      group = Number(g);
    }
    const c = columns.find((x) => x.name === String(col));
    if (!c) continue;  // nested leaves: their values are not one per row
    const sql = `SELECT min(${c.name})::VARCHAR, max(${c.name})::VARCHAR, count(*) - count(${c.name}) FROM (SELECT * FROM read_parquet('${file}') LIMIT ${Number(rows)} OFFSET ${start})`;
    const [want] = (await db.runAndReadAll(sql)).getRows();
    checked++;
    const got = [min === null ? null : String(min), max === null ? null : String(max), nulls === null ? null : BigInt(nulls)];
    if (got[2] !== null && got[2] !== want[2]) fail(name, `row group ${g} column ${col}: null count ${got[2]}, data has ${want[2]}`);
    if (got[0] !== null && (got[0] !== want[0] || got[1] !== want[1])) {
      fail(name, `row group ${g} column ${col}: statistics [${got[0]}, ${got[1]}], data [${want[0]}, ${want[1]}]`);
    }
  }
}

for (let k = 0; k < cases; k++) {
  const seed = baseSeed * 5000 + k;
  const r = rng(seed);
  const ncols = 1 + Math.floor(r() * 5);
  const columns = [];
  for (let c = 0; c < ncols; c++) {
    const t = randomType(r, 0, LEAVES);
    columns.push({ name: `c${c}`, t, sql: valueSql(t, 'i', seed, c * 100, [0, 10, 50, 100][Math.floor(r() * 4)]) });
  }
  const rows = [0, 1, 500, 3000][Math.floor(r() * 4)];
  const src = path.join(outDir, `src_${seed}.parquet`);
  await db.run(`COPY (SELECT ${columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')} FROM range(${rows}) t(i) ORDER BY i) TO '${src}' (FORMAT parquet)`);
  const table = must(`read ${src}`, await q.readTableFromArrayBuffer(new Uint8Array(fs.readFileSync(src))));
  const schema = must('schema', await q.getSchema(table));
  const options = randomOptions(r, schema);
  const name = `write_${seed} ${JSON.stringify(options)} ${columns.map((c) => typeName(c.t)).join(', ')}`;
  const written = await q.writeTableToParquet(table, options);
  if (!written.ok) {
    fail(name, `write failed: ${written.code}: ${written.error}`);
    must('free', await q.freeTable(table));
    continue;
  }
  const out = path.join(outDir, `quiver_${seed}.parquet`);
  fs.writeFileSync(out, new Uint8Array(written.value));
  // DuckDB reads it as it reads the original.
  checked++;
  const d = diff(await duckRows(out), await duckRows(src), 'rows');
  if (d) fail(`${name} [duckdb]`, d.slice(0, 400));
  // parquet-wasm reads it; its Arrow is what Quiver read from the original.
  checked++;
  const viaPeer = pq.readParquet(new Uint8Array(written.value)).intoIPCStream();
  const back = must('peer ipc', await q.readTableFromArrayBuffer(viaPeer));
  const want = text(must('rows', await q.getRows(table)));
  const got = text(must('rows', await q.getRows(back)));
  if (got !== want) fail(`${name} [parquet-wasm]`, `got ${got.slice(0, 200)}\n  want ${want.slice(0, 200)}`);
  must('free', await q.freeTable(back));
  must('free', await q.freeTable(table));
  if ((options.compression === 'snappy' || options.compression === 'none') && !columns.some((c) => typeName(c.t).includes('UUID'))) {
    checked++;
    hyparquetChecked++;
    const mine = await hyparquetRows(new Uint8Array(written.value));
    const theirs = await hyparquetRows(new Uint8Array(fs.readFileSync(src)));
    if (mine !== theirs) fail(`${name} [hyparquet]`, `got ${mine.slice(0, 200)}\n  want ${theirs.slice(0, 200)}`);
  } else {
    hyparquetNotApplicable++;
  }
  if (options.statistics !== false) {
    const flat = columns.filter((c) => c.t.kind === 'leaf' && /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|VARCHAR|VARCHAR_LOWCARD|DATE)$/.test(c.t.type));
    await checkStatistics(name, out, flat);
  }
}

// INTERVAL cannot be written: the error names the column and the type.
{
  const src = path.join(outDir, 'interval.parquet');
  await db.run(`COPY (SELECT INTERVAL 1 DAY AS iv) TO '${src}' (FORMAT parquet)`);
  const table = must('read', await q.readTableFromArrayBuffer(new Uint8Array(fs.readFileSync(src))));
  const w = await q.writeTableToParquet(table);
  checked++;
  if (w.ok || w.code !== 'unsupported' || !/iv/.test(w.error)) fail('interval', JSON.stringify(w));
  must('free', await q.freeTable(table));
}

// GeoParquet: a geoarrow.wkb column is announced under the `geo` key; DuckDB reads the key and
// the column as geometry.
{
  // apache-arrow from the package's development dependencies (tests/compat does not list it).
  const arrow = await import('../../js/node_modules/apache-arrow/Arrow.node.mjs');
  const wkb = new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 64]);  // POINT (1 2)
  const field = new arrow.Field('geom', new arrow.Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', '{"crs":"OGC:CRS84"}']]));
  const schema = new arrow.Schema([field]);
  const data = arrow.vectorFromArray([wkb, null], new arrow.Binary()).data[0];
  const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: 2, children: [data] }));
  const t = must('geo table', await q.readTableFromArrayBuffer(arrow.tableToIPC(new arrow.Table([batch]), 'stream')));
  const file = path.join(outDir, 'geo.parquet');
  fs.writeFileSync(file, new Uint8Array(must('geo write', await q.writeTableToParquet(t))));
  must('free', await q.freeTable(t));
  const kv = (await db.runAndReadAll(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('${file}') WHERE decode(key) = 'geo'`)).getRows();
  checked++;
  const want = '{"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[]}}}';
  if (kv.length !== 1 || kv[0][1] !== want) fail('geoparquet', `DuckDB sees geo = ${JSON.stringify(kv)}`);
  // DuckDB reads the column as geometry in OGC:CRS84 (GeoParquet's default) with our values.
  const rows = (await db.runAndReadAll(`SELECT typeof(geom), geom::VARCHAR FROM read_parquet('${file}')`)).getRows();
  checked++;
  const expected = [["GEOMETRY('OGC:CRS84')", 'POINT (1 2)'], ["GEOMETRY('OGC:CRS84')", null]];
  if (JSON.stringify(rows) !== JSON.stringify(expected)) fail('geoparquet values', JSON.stringify(rows));
}

// GeoParquet with the geometry plugin: its complete `geo` value (bbox and geometry types
// computed from the data) is kept by the writer and read by DuckDB as written; crs and edges
// GeoParquet cannot say go into GEOMETRY/GEOGRAPHY logical types, which DuckDB reads too;
// a malformed `geo` value in DuckDB's file is only a warning for our reader.
{
  const arrow = await import('../../js/node_modules/apache-arrow/Arrow.node.mjs');
  const geo = await import('../../plugins/geo/js/dist/index.js');
  const ops = must('load geo plugin', await q.loadPlugin(geo.geoPlugin));
  const le = (type, coords) => {
    const b = new DataView(new ArrayBuffer(9 + coords.length * 16));
    b.setUint8(0, 1);
    b.setUint32(1, type, true);
    b.setUint32(5, coords.length, true);
    coords.forEach(([x, y], i) => { b.setFloat64(9 + i * 16, x, true); b.setFloat64(17 + i * 16, y, true); });
    return new Uint8Array(b.buffer);
  };
  const pointWkb = (x, y) => { const l = le(1, [[x, y]]); return new Uint8Array([...l.subarray(0, 5), ...l.subarray(9)]); };
  const makeTable = async (meta, values) => {
    const field = new arrow.Field('geom', new arrow.Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', meta]]));
    const schema = new arrow.Schema([field]);
    const data = arrow.vectorFromArray(values, new arrow.Binary()).data[0];
    const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: values.length, children: [data] }));
    return must('geo table', await q.readTableFromArrayBuffer(arrow.tableToIPC(new arrow.Table([batch]), 'stream')));
  };
  const t = await makeTable('{"crs":"OGC:CRS84"}', [pointWkb(1, 2), null, le(2, [[-5, 0], [3, 9]]), pointWkb(7, -3)]);
  const value = must('geoParquetMetadata', await ops.geoParquetMetadata(t, ['geom']));
  const b = must('bounds', await ops.bounds(t, 'geom'));
  const file = path.join(outDir, 'geo_plugin.parquet');
  fs.writeFileSync(file, new Uint8Array(must('geo write', await q.writeTableToParquet(t, { metadata: { geo: value } }))));
  must('free', await q.freeTable(t));
  const kv = (await db.runAndReadAll(`SELECT decode(value) FROM parquet_kv_metadata('${file}') WHERE decode(key) = 'geo'`)).getRows();
  checked++;
  const seen = kv.length === 1 ? JSON.parse(kv[0][0]).columns.geom : null;
  if (seen === null || JSON.stringify(seen.bbox) !== JSON.stringify([b.xmin, b.ymin, b.xmax, b.ymax]) ||
      JSON.stringify(seen.bbox) !== '[-5,-3,7,9]' || JSON.stringify(seen.geometry_types) !== '["Point","LineString"]') {
    fail('geoparquet plugin metadata', `DuckDB sees geo = ${JSON.stringify(kv)}, the plugin's bounds ${JSON.stringify(b)}`);
  }
  const rows = (await db.runAndReadAll(`SELECT geom::VARCHAR FROM read_parquet('${file}')`)).getRows();
  checked++;
  if (JSON.stringify(rows) !== JSON.stringify([['POINT (1 2)'], [null], ['LINESTRING (-5 0, 3 9)'], ['POINT (7 -3)']])) {
    fail('geoparquet plugin values', JSON.stringify(rows));
  }
  // Logical types: DuckDB reads the columns as geometry with our values.
  for (const [name, meta] of [['geometry_epsg', '{"crs":"EPSG:4326","crs_type":"authority_code"}'], ['geography', '{"crs":"OGC:CRS84","edges":"spherical"}']]) {
    const lt = await makeTable(meta, [pointWkb(1, 2)]);
    const f = path.join(outDir, `${name}.parquet`);
    fs.writeFileSync(f, new Uint8Array(must(name, await q.writeTableToParquet(lt))));
    must('free', await q.freeTable(lt));
    checked++;
    const got = await db.runAndReadAll(`SELECT typeof(geom), geom::VARCHAR FROM read_parquet('${f}')`).then(
      (r) => r.getRows(), (e) => [[String(e.message ?? e)]]);
    if (got.length !== 1 || !/^(GEOMETRY|GEOGRAPHY)/.test(String(got[0][0])) || got[0][1] !== 'POINT (1 2)') fail(name, JSON.stringify(got));
  }
  const bad = path.join(outDir, 'geo_malformed.parquet');
  await db.run(`COPY (SELECT '\\x01'::BLOB AS geom) TO '${bad}' (FORMAT parquet, KV_METADATA {geo: '{"columns": 3'})`);
  const read = await q.readTableFromArrayBuffer(new Uint8Array(fs.readFileSync(bad)));
  checked++;
  if (!read.ok) {
    fail('malformed geo', JSON.stringify(read));
  } else {
    const s = must('schema', await q.getSchema(read.value));
    if (s.fields[0].type.extensionName !== undefined || s.metadata.geo !== '{"columns": 3') fail('malformed geo', JSON.stringify(s));
    // The warning reaches the package's user.
    const info = must('info', await q.getTableInfo(read.value));
    checked++;
    if (info.warnings.length !== 1 || !/^geo metadata ignored: /.test(info.warnings[0])) fail('malformed geo warning', JSON.stringify(info.warnings));
    must('free', await q.freeTable(read.value));
  }
}

const stats = must('stats', await q.memoryStats());
checked++;
if (stats.liveHandles !== 0) fail('memory', JSON.stringify(stats));
console.log(`writer: ${checked - failures}/${checked} checks passed (DuckDB and parquet-wasm read Quiver's files; hyparquet ${hyparquetChecked} files, ${hyparquetNotApplicable} not applicable: codec or UUID, see the header)`);
if (failures) process.exit(1);
