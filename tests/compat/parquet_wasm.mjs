// Cross-implementation test with parquet-wasm (arrow-rs compiled to WebAssembly): DuckDB
// makes seeded random data, parquet-wasm reads it into Arrow and rewrites it with random
// writer properties (per-column encodings: DELTA_*, BYTE_STREAM_SPLIT, RLE; dictionary on
// or off; tiny page sizes; writer version 1 or 2; every codec). parquet-wasm then reads its
// own file back into an Arrow IPC stream. Quiver must print the same values from the
// Parquet file (its Parquet reader) as from that stream (its IPC reader).
//
// Usage: node parquet_wasm.mjs --tool PATH --out DIR [--cases N] [--seed S]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as pq from 'parquet-wasm';
import { diff } from './canonical.mjs';
import { rng, valueSql, typeName } from './gen_duckdb.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (i % 2 === 0 ? [...acc, [a.replace(/^--/, ''), xs[i + 1]]] : acc), []));
const tool = args.tool, outDir = args.out;
const cases = Number(args.cases ?? 20), baseSeed = Number(args.seed ?? 1);
if (!tool || !fs.existsSync(tool)) throw new Error(`quiver_parquet_json not found at ${tool}`);
fs.mkdirSync(outDir, { recursive: true });

// Types arrow-rs reads from DuckDB files, with the encodings valid for each.
const TYPES = {
  TINYINT: ['PLAIN', 'DELTA_BINARY_PACKED'], SMALLINT: ['PLAIN', 'DELTA_BINARY_PACKED'],
  INTEGER: ['PLAIN', 'DELTA_BINARY_PACKED', 'BYTE_STREAM_SPLIT'], BIGINT: ['PLAIN', 'DELTA_BINARY_PACKED', 'BYTE_STREAM_SPLIT'],
  UINTEGER: ['PLAIN', 'DELTA_BINARY_PACKED'], UBIGINT: ['PLAIN', 'DELTA_BINARY_PACKED'],
  FLOAT: ['PLAIN', 'BYTE_STREAM_SPLIT'], DOUBLE: ['PLAIN', 'BYTE_STREAM_SPLIT'], BOOLEAN: ['PLAIN', 'RLE'],
  VARCHAR: ['PLAIN', 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY'], VARCHAR_LOWCARD: ['PLAIN', 'DELTA_BYTE_ARRAY'],
  BLOB: ['PLAIN', 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY'], DATE: ['PLAIN', 'DELTA_BINARY_PACKED'],
  TIMESTAMP: ['PLAIN', 'DELTA_BINARY_PACKED'], TIMESTAMP_MS: ['PLAIN'], TIMESTAMPTZ: ['PLAIN', 'DELTA_BINARY_PACKED'],
  'DECIMAL(9,3)': ['PLAIN'], 'DECIMAL(18,6)': ['PLAIN'], 'DECIMAL(30,10)': ['PLAIN'],
};
const CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];

const inst = await DuckDBInstance.create(':memory:');
const db = await inst.connect();

function quiver(file, extra) {
  let out;
  try {
    out = execFileSync(tool, [file, ...extra], { maxBuffer: 1 << 30 }).toString();
  } catch (e) {
    out = e.stdout?.toString() ?? '';
    if (!out) throw e;
  }
  return JSON.parse(out);
}

let failures = 0, checked = 0, prunedRows = 0, totalRows = 0;
for (let k = 0; k < cases; k++) {
  const seed = baseSeed * 7000 + k;
  const r = rng(seed);
  const names = Object.keys(TYPES);
  const ncols = 1 + Math.floor(r() * 5);
  const cols = [];
  for (let c = 0; c < ncols; c++) {
    const leaf = names[Math.floor(r() * names.length)];
    const x = r();
    const t = x < 0.15 ? { kind: 'list', elem: { kind: 'leaf', type: leaf } }
      : x < 0.25 ? { kind: 'struct', fields: [{ kind: 'leaf', type: leaf }, { kind: 'leaf', type: 'INTEGER' }] }
      : { kind: 'leaf', type: leaf };
    cols.push({ t, leaf, sql: valueSql(t, 'i', seed, c * 100, [0, 10, 50][Math.floor(r() * 3)]) });
  }
  const rows = [1, 100, 3000, 10000][Math.floor(r() * 4)];
  const src = path.join(outDir, `src_${seed}.parquet`);
  await db.run(`COPY (SELECT ${cols.map((c, i) => `${c.sql} AS c${i}`).join(', ')} FROM range(${rows}) t(i) ORDER BY i) TO '${src}' (FORMAT parquet)`);
  const table = pq.readParquet(new Uint8Array(fs.readFileSync(src)));
  let b = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression[CODECS[Math.floor(r() * CODECS.length)]])
    .setWriterVersion(r() < 0.5 ? pq.WriterVersion.V1 : pq.WriterVersion.V2)
    .setDictionaryEnabled(r() < 0.5)
    .setDataPageSizeLimit([64, 1024, 1 << 20][Math.floor(r() * 3)])
    .setMaxRowGroupSize([100, 1000, 1 << 20][Math.floor(r() * 3)]);
  const chosen = [];
  cols.forEach((c, i) => {
    if (c.t.kind !== 'leaf') return;
    const encs = TYPES[c.leaf];
    const enc = encs[Math.floor(r() * encs.length)];
    chosen.push(`c${i}:${enc}`);
    if (enc !== 'PLAIN') b = b.setColumnDictionaryEnabled(`c${i}`, false).setColumnEncoding(`c${i}`, pq.Encoding[enc]);
  });
  const file = path.join(outDir, `pw_${seed}.parquet`);
  const name = `parquet-wasm ${seed} (${cols.map((c) => typeName(c.t)).join(', ')}; ${chosen.join(' ')})`;
  checked++;
  try {
    fs.writeFileSync(file, pq.writeParquet(table, b.build()));
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: parquet-wasm could not write: ${e}`);
    continue;
  }
  const ipcFile = path.join(outDir, `pw_${seed}.arrows`);
  fs.writeFileSync(ipcFile, pq.readParquet(new Uint8Array(fs.readFileSync(file))).intoIPCStream());
  const expected = quiver(ipcFile, ['--ipc', '1']);
  const got = quiver(file, []);
  if (expected.error) {
    failures++;
    console.log(`FAIL ${name}: Quiver's IPC reader failed on parquet-wasm's output: ${expected.message}`);
    continue;
  }
  if (got.error) {
    failures++;
    console.log(`FAIL ${name}: ${got.error}: ${got.message}`);
    continue;
  }
  const d = diff(got.rows, expected.rows, 'rows');
  if (d) {
    failures++;
    console.log(`FAIL ${name}: ${d.slice(0, 300)}`);
    continue;
  }
  // Pruning by statistics and page index: the rows that satisfy `c > pivot` must be the
  // same with and without the predicate; the pruned read may return fewer other rows.
  const intCol = cols.findIndex((c) => c.t.kind === 'leaf' && ['INTEGER', 'BIGINT'].includes(c.leaf));
  if (intCol >= 0 && got.rows.length > 0) {
    const values = got.rows.map((row) => row[intCol]).filter((v) => v !== null).map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (values.length === 0) continue;
    const pivot = values[Math.floor(values.length * 0.9)];
    const matches = (rows) => rows.filter((row) => row[intCol] !== null && BigInt(row[intCol]) > pivot);
    const pruned = quiver(file, ['--predicate', `c${intCol}:gt:${pivot}`]);
    checked++;
    const dp = pruned.error ? `${pruned.error}: ${pruned.message}` : diff(matches(pruned.rows), matches(got.rows), 'matching rows');
    if (dp) {
      failures++;
      console.log(`FAIL ${name} predicate c${intCol} > ${pivot}: ${dp.slice(0, 300)}`);
    } else {
      prunedRows += got.rows.length - pruned.rows.length;
      totalRows += got.rows.length;
    }
  }
}
console.log(`parquet-wasm: predicate pruning skipped ${prunedRows} of ${totalRows} rows`);
console.log(`parquet-wasm: ${checked - failures}/${checked} reads identical`);
if (failures) process.exit(1);
