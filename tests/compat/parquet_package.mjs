// The Parquet paths of @quiver/core (js/dist) on files DuckDB writes: every way in (bytes,
// Blob, path, a counting RandomAccessSource, the batch reader) must give the rows of the
// in-memory reader (readTableFromStream, the path the native cross tests check against
// DuckDB), with and without a selection; getParquetMetadata must agree with DuckDB's
// parquet_metadata(); a flat file's rows must equal DuckDB's own; a one-column read of a wide
// file must fetch only a fraction of it; nothing may stay allocated.
//
// Usage: node parquet_package.mjs --out DIR [--cases N] [--seed S]
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as q from '../../js/dist/index.js';
import { openFileSource, readTableFromFile } from '../../js/dist/node.js';
import { rng, randomType, valueSql, typeName } from './gen_duckdb.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (i % 2 === 0 ? [...acc, [a.replace(/^--/, ''), xs[i + 1]]] : acc), []));
const outDir = args.out;
const cases = Number(args.cases ?? 12);
const baseSeed = Number(args.seed ?? 1);
fs.mkdirSync(outDir, { recursive: true });

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw'];
const inst = await DuckDBInstance.create(':memory:');
const db = await inst.connect();
let failures = 0, checked = 0;

function fail(name, message) {
  failures++;
  console.log(`FAIL ${name}: ${message}`);
}

function must(name, r) {
  if (!r.ok) throw new Error(`${name}: ${r.code}: ${r.error}`);
  return r.value;
}

// Rows as text, independent of batch boundaries (bigints and bytes spelled out).
function text(rows) {
  return JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v instanceof Map ? [...v.entries()] : v));
}

async function rowsOf(name, handle) {
  const h = must(name, handle);
  const rows = must(name, await q.getRows(h));
  must(name, await q.freeTable(h));
  return text(rows);
}

/** A RandomAccessSource over a file that counts the bytes it serves. */
function countingSource(bytes) {
  const source = { size: bytes.byteLength, served: 0, read: async (offset, length) => {
    source.served += length;
    return bytes.subarray(offset, offset + length);
  } };
  return source;
}

async function viaReader(name, input, opts) {
  const reader = must(name, await q.openParquetReader(input, opts));
  const rows = [];
  for (;;) {
    const b = must(name, await q.readNextBatch(reader));
    if (b === null) break;
    const info = must(name, await q.getTableInfo(b));
    if (opts.batchSize !== undefined && info.rows > opts.batchSize) fail(name, `a batch of ${info.rows} rows > batchSize ${opts.batchSize}`);
    rows.push(...must(name, await q.getRows(b)));
    must(name, await q.freeTable(b));
  }
  must(name, await q.closeParquetReader(reader));
  return text(rows);
}

async function checkSelection(name, file, bytes, opts) {
  const expected = await rowsOf(`${name}/stream`, await q.readTableFromStream(new Blob([bytes]).stream(), opts));
  const ways = {
    arrayBuffer: async () => rowsOf(name, await q.readTableFromArrayBuffer(bytes, opts)),
    blob: async () => rowsOf(name, await q.readTableFromBlob(new Blob([bytes]), opts)),
    path: async () => rowsOf(name, await readTableFromFile(file, opts)),
    source: async () => rowsOf(name, await q.readTableFromParquet(countingSource(bytes), opts)),
    reader: async () => viaReader(name, new Blob([bytes]), opts),
  };
  for (const [way, read] of Object.entries(ways)) {
    checked++;
    const got = await read();
    if (got !== expected) fail(`${name}/${way}`, `rows differ from the in-memory reader's\n  got      ${got.slice(0, 300)}\n  expected ${expected.slice(0, 300)}`);
  }
}

async function checkMetadata(name, file, bytes) {
  checked++;
  const meta = must(name, await q.getParquetMetadata(new Blob([bytes])));
  const duck = (await db.runAndReadAll(`SELECT row_group_id, row_group_num_rows, column_id, compression, num_values FROM parquet_metadata('${file}') ORDER BY row_group_id, column_id`)).getRows();
  const groups = new Set(duck.map((r) => Number(r[0])));
  if (meta.rowGroups.length !== groups.size) return fail(name, `${meta.rowGroups.length} row groups, DuckDB says ${groups.size}`);
  for (const [g, rows, c, codec, values] of duck) {
    const chunk = meta.rowGroups[Number(g)]?.columns[Number(c)];
    if (meta.rowGroups[Number(g)].numRows !== Number(rows)) return fail(name, `row group ${g}: ${meta.rowGroups[Number(g)].numRows} rows, DuckDB says ${rows}`);
    if (!chunk || chunk.codec !== String(codec) || chunk.numValues !== Number(values)) {
      return fail(name, `row group ${g} column ${c}: ${chunk?.codec}/${chunk?.numValues}, DuckDB says ${codec}/${values}`);
    }
  }
}

async function writeFile(name, columns, rows, codec, rowGroupSize) {
  const file = path.join(outDir, `${name}.parquet`);
  const select = columns.map((c, i) => `${c.sql} AS c${i}`).join(', ');
  await db.run(`COPY (SELECT ${select} FROM range(${rows}) t(i) ORDER BY i) TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rowGroupSize})`);
  return file;
}

// 1. Random schemas, codecs and row group sizes; whole reads and random selections.
for (let k = 0; k < cases; k++) {
  const seed = baseSeed * 1000 + k;
  const r = rng(seed);
  const ncols = 1 + Math.floor(r() * 5);
  const columns = [];
  for (let c = 0; c < ncols; c++) {
    const t = randomType(r, 0);
    columns.push({ sql: valueSql(t, 'i', seed, c * 100, [0, 10, 50, 100][Math.floor(r() * 4)]), type: typeName(t) });
  }
  const rows = [0, 1, 3000, 9000][Math.floor(r() * 4)];
  const codec = CODECS[Math.floor(r() * CODECS.length)];
  const name = `pkg_${seed}_${codec}`;
  const file = await writeFile(name, columns, rows, codec, 2048);
  const bytes = new Uint8Array(fs.readFileSync(file));
  await checkMetadata(name, file, bytes);
  await checkSelection(`${name}/all`, file, bytes, {});
  const meta = must(name, await q.getParquetMetadata(bytes));
  const keep = columns.map((_, i) => `c${i}`).filter(() => r() < 0.6);
  const opts = { batchSize: 1 + Math.floor(r() * 3000) };
  if (keep.length > 0) opts.columns = keep;
  if (meta.rowGroups.length > 1) opts.rowGroups = meta.rowGroups.map((_, i) => i).filter(() => r() < 0.6).reverse();
  if (opts.rowGroups?.length === 0) delete opts.rowGroups;
  if (rows > 0) {
    opts.offset = Math.floor(r() * rows / 2);
    opts.limit = Math.floor(r() * rows);
  }
  await checkSelection(`${name}/select`, file, bytes, opts);
}

// 2. A flat file against DuckDB's own values, and a projected read fetching little.
{
  const file = await writeFile('pkg_flat', [
    { sql: 'i::INTEGER' }, { sql: "'name' || i" }, { sql: 'CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE' },
    ...Array.from({ length: 20 }, (_, k) => ({ sql: `(hash(i, ${k}) % 1000000007)::BIGINT` })),
  ], 20000, 'snappy', 4096);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const duck = (await db.runAndReadAll(`SELECT c0, c1, c2 FROM read_parquet('${file}') WHERE c0 >= 5000 AND c0 < 5100 ORDER BY c0`)).getRows();
  const source = countingSource(bytes);
  const h = must('flat', await q.readTableFromParquet(source, { columns: ['c0', 'c1', 'c2'], offset: 5000, limit: 100 }));
  const rows = must('flat', await q.getRows(h));
  must('flat', await q.freeTable(h));
  checked++;
  const want = JSON.stringify(duck.map(([a, b, c]) => ({ c0: a, c1: b, c2: c })));
  if (JSON.stringify(rows) !== want) fail('flat/duckdb', `rows differ from DuckDB's: ${JSON.stringify(rows).slice(0, 200)}`);
  checked++;
  const one = countingSource(bytes);
  must('flat', await q.freeTable(must('flat', await q.readTableFromParquet(one, { columns: ['c0'] }))));
  if (one.served > bytes.byteLength / 8) fail('flat/projection', `reading 1 of 23 columns fetched ${one.served} of ${bytes.byteLength} bytes`);
  console.log(`projection: 1 of 23 columns fetched ${one.served} of ${bytes.byteLength} bytes; rows 5000..5100 of 3 columns fetched ${source.served}`);
  const fileSource = must('flat', await openFileSource(file));
  checked++;
  const meta = must('flat', await q.getParquetMetadata(fileSource));
  await fileSource.close();
  if (meta.numRows !== 20000 || meta.columns.length !== 23 || meta.rowGroups[0].columns[0].statistics?.min !== 0) {
    fail('flat/metadata', JSON.stringify({ numRows: meta.numRows, columns: meta.columns.length, stats: meta.rowGroups[0].columns[0].statistics }));
  }
}

// 3. Nothing left behind.
const stats = must('stats', await q.memoryStats());
checked++;
if (stats.liveHandles !== 0 || stats.liveParquetReaders !== 0) fail('memory', JSON.stringify(stats));
console.log(`package: ${checked - failures}/${checked} Parquet package checks passed`);
if (failures) process.exit(1);
