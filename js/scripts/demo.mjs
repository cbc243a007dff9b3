// `make demo`: generates a million rows of mixed types, converts them with the quiver CLI
// between Arrow IPC uncompressed, LZ4 and ZSTD (file and stream formats) and Parquet (snappy,
// zstd, none), validates each result, and prints the schema, sizes and timings.
// The sample is built with apache-arrow (a development dependency, installed by npm ci).
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Bool, Dictionary, Field, Float64, Int32, Int64, List, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray,
} from 'apache-arrow';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli.js');
const out = join(here, '..', '..', 'build', 'demo');
mkdirSync(out, { recursive: true });

const ROWS = 1_000_000;
function sample() {
  const words = ['arrow', 'quiver', 'feather', 'parquet', 'column', 'batch', 'buffer', 'stream'];
  const ids = new BigInt64Array(ROWS);
  const prices = new Array(ROWS);
  const names = new Array(ROWS);
  const times = new Array(ROWS);
  const flags = new Array(ROWS);
  const cats = new Array(ROWS);
  const tags = new Array(ROWS);
  let state = 12345;
  for (let i = 0; i < ROWS; i += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    ids[i] = BigInt(i);
    prices[i] = i % 97 === 0 ? null : (state % 100000) / 100;
    names[i] = `${words[i % 8]}-${words[(i >> 3) % 8]}-${i % 1000}`;
    times[i] = 1767225600000 + i * 1000;
    flags[i] = (state & 1) === 1;
    // Every chunk meets the categories in the same order, so the chunks' dictionaries are
    // equal and the IPC file format (which cannot replace a dictionary) can hold them.
    cats[i] = words[i % 5];
    tags[i] = i % 10 === 0 ? null : [i % 7, i % 11];
  }
  const batch = 250_000; // several record batches, as a writer would produce
  const parts = [];
  for (let s = 0; s < ROWS; s += batch) {
    const e = s + batch;
    parts.push(new Table({
      id: vectorFromArray(ids.subarray(s, e), new Int64()),
      name: vectorFromArray(names.slice(s, e), new Utf8()),
      price: vectorFromArray(prices.slice(s, e), new Float64()),
      sold_at: vectorFromArray(times.slice(s, e), new TimestampMillisecond('UTC')),
      in_stock: vectorFromArray(flags.slice(s, e), new Bool()),
      category: vectorFromArray(cats.slice(s, e), new Dictionary(new Utf8(), new Int32())),
      tags: vectorFromArray(tags.slice(s, e), new List(new Field('item', new Int32(), true))),
    }));
  }
  return parts.reduce((a, b) => a.concat(b));
}

function run(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { ...r, ms: performance.now() - t0 };
}

const t0 = performance.now();
const table = sample();
const source = join(out, 'sample.arrows');
writeFileSync(source, tableToIPC(table, 'stream'));
console.log(`generated ${ROWS.toLocaleString('en')} rows in ${(performance.now() - t0).toFixed(0)} ms -> ${source}\n`);

const inspect = run(['inspect', source]);
process.stdout.write(inspect.stdout);
if (inspect.status !== 0) {
  process.stderr.write(inspect.stderr);
  process.exit(1);
}

const targets = [
  ['sample.arrow', 'arrow', 'none'],
  ['sample.lz4.arrow', 'arrow', 'lz4'],
  ['sample.zstd.arrow', 'arrow', 'zstd'],
  ['sample.zstd.arrows', 'arrows', 'zstd'],
  ['sample.feather', 'feather', 'lz4'],
  ['sample.parquet', 'parquet', 'snappy'],
  ['sample.zstd.parquet', 'parquet', 'zstd'],
  ['sample.none.parquet', 'parquet', 'none'],
];
const rows = [];
let failed = false;
for (const [name, format, compression] of targets) {
  const target = join(out, name);
  const conv = run(['convert', source, target, '--format', format, '--compression', compression]);
  if (conv.status !== 0) {
    const why = conv.stderr.trim().replace(/^quiver: /, '').replace(`${target}: `, '');
    rows.push([name, format, compression, '-', '-', '-', why.length > 70 ? `${why.slice(0, 67)}...` : why]);
    failed = true;
    continue;
  }
  const check = run(['validate', target]);
  if (check.status !== 0) failed = true;
  rows.push([
    name, format, compression, `${(statSync(target).size / 1048576).toFixed(1)} MiB`,
    `${conv.ms.toFixed(0)} ms`, `${check.ms.toFixed(0)} ms`, check.status === 0 ? 'valid' : check.stderr.trim(),
  ]);
}
const header = ['file', 'format', 'codec', 'size', 'convert (CLI)', 'validate (CLI)', 'result'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
console.log(`\nsource ${(statSync(source).size / 1048576).toFixed(1)} MiB (IPC stream, uncompressed)\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('\n(times include starting node and the WebAssembly module for each command)');
const head = run(['head', join(out, 'sample.zstd.arrow'), '-n', '3']);
console.log(`\nquiver head ${join('build', 'demo', 'sample.zstd.arrow')} -n 3\n${head.stdout}`);
const pq = run(['inspect', join(out, 'sample.zstd.parquet')]);
console.log(`quiver inspect ${join('build', 'demo', 'sample.zstd.parquet')}\n${pq.stdout}`);
if (pq.status !== 0) failed = true;
process.exit(failed ? 1 : 0);
