// Cross-implementation test: DuckDB writes Parquet files (every codec, format V1 and V2,
// several row group sizes, random seeded schemas with nested lists, structs and maps),
// reads them back itself, and Quiver's quiver_parquet_json must print identical values.
//
// Usage: node parquet_duckdb.mjs --tool PATH --out DIR [--cases N] [--seed S]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duck, diff } from './canonical.mjs';
import { rng, randomType, valueSql, typeName, LEAF_TYPES } from './gen_duckdb.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (i % 2 === 0 ? [...acc, [a.replace(/^--/, ''), xs[i + 1]]] : acc), []));
const tool = args.tool;
const outDir = args.out;
const cases = Number(args.cases ?? 40);
const baseSeed = Number(args.seed ?? 1);
if (!tool || !fs.existsSync(tool)) throw new Error(`quiver_parquet_json not found at ${tool}`);
fs.mkdirSync(outDir, { recursive: true });

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'];
const inst = await DuckDBInstance.create(':memory:');
const db = await inst.connect();

function quiver(file, extra = []) {
  let out;
  try {
    out = execFileSync(tool, [file, ...extra], { maxBuffer: 1 << 30 }).toString();
  } catch (e) {
    out = e.stdout?.toString() ?? '';
    if (!out) throw e;
  }
  return JSON.parse(out);
}

let failures = 0, checked = 0;
async function check(name, file, select, quiverArgs) {
  const reader = await db.runAndReadAll(select);
  const expected = reader.getRows().map((row) => row.map(duck));
  const got = quiver(file, quiverArgs);
  checked++;
  if (got.error) {
    failures++;
    console.log(`FAIL ${name}: quiver error ${got.error}: ${got.message}`);
    return;
  }
  const d = diff(got.rows, expected, 'rows');
  if (d) {
    failures++;
    console.log(`FAIL ${name}: ${d.slice(0, 400)}`);
  }
}

async function writeAndCheck(name, columns, rows, codec, version, rowGroupSize) {
  const file = path.join(outDir, `${name}.parquet`);
  const select = columns.map((c, i) => `${c.sql} AS c${i}`).join(', ');
  await db.run(`COPY (SELECT ${select} FROM range(${rows}) t(i) ORDER BY i) TO '${file}' ` +
    `(FORMAT parquet, COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE ${rowGroupSize})`);
  const all = `SELECT * FROM read_parquet('${file}')`;
  await check(name, file, all, []);
  // Projection, offset and limit.
  if (columns.length > 1 && rows > 0) {
    const r = rng(rows + columns.length);
    const keep = columns.map((_, i) => i).filter(() => r() < 0.6);
    if (keep.length === 0) keep.push(columns.length - 1);
    const offset = Math.floor(r() * rows), limit = Math.floor(r() * rows) + 1;
    const cols = keep.map((i) => `c${i}`);
    await check(`${name}/project`, file, `SELECT ${cols.join(', ')} FROM read_parquet('${file}') LIMIT ${limit} OFFSET ${offset}`,
      ['--columns', cols.join(','), '--offset', String(offset), '--limit', String(limit), '--batch-size', '777']);
  }
}

// 1. Every leaf type under every codec and both format versions.
const allTypes = LEAF_TYPES.map((t, i) => ({ sql: valueSql({ kind: 'leaf', type: t }, 'i', 7, i, 20), type: t }));
for (const codec of CODECS) {
  for (const version of ['V1', 'V2']) {
    await writeAndCheck(`types_${codec}_${version}`, allTypes, 3000, codec, version, 1000);
  }
}
// 2. Random nested schemas.
for (let k = 0; k < cases; k++) {
  const seed = baseSeed * 1000 + k;
  const r = rng(seed);
  const ncols = 1 + Math.floor(r() * 6);
  const columns = [];
  for (let c = 0; c < ncols; c++) {
    const t = randomType(r, 0);
    const nullPct = [0, 10, 50, 100][Math.floor(r() * 4)];
    columns.push({ sql: valueSql(t, 'i', seed, c * 100, nullPct), type: typeName(t) });
  }
  const rows = [0, 1, 100, 2500, 12000][Math.floor(r() * 5)];
  const codec = CODECS[Math.floor(r() * CODECS.length)];
  const version = r() < 0.5 ? 'V1' : 'V2';
  const rgs = [100, 1000, 100000][Math.floor(r() * 3)];
  await writeAndCheck(`random_${seed}`, columns, rows, codec, version, rgs);
}
console.log(`duckdb: ${checked - failures}/${checked} reads identical`);
if (failures) process.exit(1);
