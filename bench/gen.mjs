// Generates the benchmark inputs into build/bench-data/<rows>-rows/ (skipped when the manifest says they
// are already there for the same rows, seed and datasets):
//   <ds>.arrow / <ds>.arrows            uncompressed IPC file / stream, written by apache-arrow JS
//   <ds>.<lz4|zstd>.arrow(s)            compressed IPC written by Quiver from <ds>.arrow (apache-arrow
//                                       JS 21.2 writes wrong length prefixes; see tests/compat/ipc)
//   <ds>.pw.<codec>.parquet             Parquet written by parquet-wasm (from the IPC stream)
//   <ds>.duckdb.<codec>.parquet         Parquet written by DuckDB (from <ds>.pw.none.parquet)
// with ROW_GROUPS row groups per Parquet file, and manifest.json (sizes, row groups).
//
//   node bench/gen.mjs --rows 1000000 --seed 1 --datasets mix,wide,strings,nested
import fs from 'node:fs';
import { DATASETS, PARQUET_CODECS, RG_SUBSET, ROW_GROUPS, dataPath, importQuiver, parseArgs, readBytes, require, setRows } from './common.mjs';
import { makeTable } from './datasets.mjs';

const args = parseArgs(process.argv, { rows: 1000000, seed: 1, datasets: Object.keys(DATASETS).join(',') });
setRows(args.rows);
const VERSION = 4; // bump when the data or the file set changes
const datasets = args.datasets.split(',');
const manifestPath = dataPath('manifest.json');
const old = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : null;
const manifest = old && old.version === VERSION && old.rows === args.rows && old.seed === args.seed
  ? old : { version: VERSION, rows: args.rows, seed: args.seed, datasets: {} };

const todo = datasets.filter((d) => !manifest.datasets[d]);
if (todo.length === 0) {
  console.log(`bench data: up to date in build/bench-data/${args.rows}-rows (seed ${args.seed})`);
  process.exit(0);
}
fs.mkdirSync(dataPath('.'), { recursive: true });

const A = require('apache-arrow');
const pq = require('parquet-wasm');
const { parquetMetadata } = await import(require.resolve('hyparquet'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const q = await importQuiver();
if (!q) throw new Error('js/dist is missing: run `make js-build` first');
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run('SET threads=1');

const PW_CODEC = { snappy: 'SNAPPY', zstd: 'ZSTD', none: 'UNCOMPRESSED' };
const DUCK_CODEC = { snappy: 'snappy', zstd: 'zstd', none: 'uncompressed' };
const unwrap = (r, what) => {
  if (!r.ok) throw new Error(`${what}: ${r.code}: ${r.error}`);
  return r.value;
};

for (const ds of todo) {
  const rows = Math.max(1, Math.round(args.rows * DATASETS[ds].rowsFactor));
  const groupRows = Math.ceil(rows / ROW_GROUPS);
  const t0 = performance.now();
  const table = makeTable(A, ds, rows, args.seed);
  const files = {};
  const put = (name, bytes) => {
    fs.writeFileSync(dataPath(name), bytes);
    files[name] = { bytes: bytes.byteLength };
  };
  put(`${ds}.arrow`, A.tableToIPC(table, 'file'));
  put(`${ds}.arrows`, A.tableToIPC(table, 'stream'));

  const handle = unwrap(await q.readTableFromArrayBuffer(readBytes(`${ds}.arrow`)), `Quiver reading ${ds}.arrow`);
  for (const compression of ['lz4', 'zstd']) {
    for (const [format, ext] of [['file', 'arrow'], ['stream', 'arrows']]) {
      put(`${ds}.${compression}.${ext}`, new Uint8Array(unwrap(await q.writeTableToIpc(handle, { format, compression }), `Quiver writing ${ds}`)));
    }
  }
  await q.freeTable(handle);

  for (const codec of PARQUET_CODECS) {
    const pwTable = pq.Table.fromIPCStream(readBytes(`${ds}.arrows`));
    const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression[PW_CODEC[codec]]).setMaxRowGroupSize(groupRows).build();
    put(`${ds}.pw.${codec}.parquet`, pq.writeParquet(pwTable, props));
  }
  const src = dataPath(`${ds}.pw.none.parquet`).replaceAll("'", "''");
  for (const codec of PARQUET_CODECS) {
    const name = `${ds}.duckdb.${codec}.parquet`;
    const out = dataPath(name).replaceAll("'", "''");
    await duck.run(`COPY (SELECT * FROM read_parquet('${src}')) TO '${out}' (FORMAT parquet, COMPRESSION ${DUCK_CODEC[codec]}, ROW_GROUP_SIZE ${groupRows})`);
    files[name] = { bytes: fs.statSync(dataPath(name)).size };
  }
  // Row groups of every Parquet file, and the rows of the subset the row-group scenario reads.
  for (const [name, info] of Object.entries(files)) {
    if (!name.endsWith('.parquet')) continue;
    const bytes = readBytes(name);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const groupSizes = meta.row_groups.map((g) => Number(g.num_rows));
    const starts = groupSizes.map((_, i) => groupSizes.slice(0, i).reduce((a, b) => a + b, 0));
    const subset = RG_SUBSET.filter((g) => g < groupSizes.length);
    info.rowGroups = groupSizes.length;
    info.subset = { groups: subset, rowStart: starts[subset[0]] ?? 0, rows: subset.reduce((a, g) => a + groupSizes[g], 0) };
  }
  manifest.datasets[ds] = { rows, columns: table.schema.fields.map((f) => f.name), arrowBytes: files[`${ds}.arrow`].bytes, files };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  console.log(`bench data: ${ds}, ${rows} rows, ${Object.keys(files).length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
