// The benchmark suite: generates the inputs (gen.mjs), runs every (scenario, library) pair
// in its own Node process (run_case.mjs) with warm-up and repetitions, records medians, the
// .wasm sizes and the machine, writes build/bench-results/<mode>.json and updates the
// marked section of docs/performance.md (full mode) or build/bench-results/quick.md (report.mjs).
//
//   node bench/run.mjs [--mode full|quick] [--rows N] [--reps N] [--warmup N]
//                      [--datasets mix,wide,...] [--only REGEX] [--report yes|no] [--doc FILE]
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH_DIR, DATASETS, DIST_SNAPSHOT, IPC_COMPRESSIONS, PARQUET_CODECS, RESULTS_DIR, ROOT, dataPath, parseArgs, setRows } from './common.mjs';

const MODES = {
  full: { rows: 1000000, reps: 5, warmup: 3, datasets: Object.keys(DATASETS).join(',') },
  quick: { rows: 100000, reps: 3, warmup: 2, datasets: 'mix' },
};
const cli = parseArgs(process.argv, { mode: 'full', rows: 0, reps: 0, warmup: -1, datasets: '', only: '', report: 'yes', doc: '' });
const mode = MODES[cli.mode];
if (!mode) throw new Error(`unknown mode ${cli.mode}`);
const cfg = {
  mode: cli.mode,
  rows: cli.rows || mode.rows,
  reps: cli.reps || mode.reps,
  warmup: cli.warmup >= 0 ? cli.warmup : mode.warmup,
  datasets: (cli.datasets || mode.datasets).split(','),
};

const IPC_LIBS = ['quiver', 'apache-arrow', 'parquet-wasm'];
const PQ_READ_LIBS = ['quiver', 'parquet-wasm', 'hyparquet', 'duckdb'];
const PQ_WRITE_LIBS = ['quiver', 'parquet-wasm', 'duckdb'];

/** The scenarios: the whole matrix on `mix`, a core subset on the other datasets. */
function scenarios() {
  const out = [];
  for (const ds of cfg.datasets) {
    const full = ds === 'mix';
    for (const kind of ['ipc-read', 'ipc-write']) {
      for (const format of full ? ['file', 'stream'] : ['file']) {
        for (const compression of full ? IPC_COMPRESSIONS : ['none', 'lz4']) {
          out.push({ id: `${kind} ${ds} ${format} ${compression}`, kind, ds, format, compression, libs: IPC_LIBS });
        }
      }
    }
    for (const writer of ['duckdb', 'pw']) {
      for (const codec of full ? PARQUET_CODECS : ['snappy']) {
        for (const read of full ? ['whole', 'column', 'rowgroups'] : ['whole', 'column']) {
          out.push({ id: `pq-read ${ds} ${writer} ${codec} ${read}`, kind: 'pq-read', ds, writer, codec, read, libs: PQ_READ_LIBS });
        }
      }
    }
    for (const codec of full ? PARQUET_CODECS : ['snappy']) {
      out.push({ id: `pq-write ${ds} ${codec}`, kind: 'pq-write', ds, codec, libs: PQ_WRITE_LIBS });
    }
  }
  return cli.only ? out.filter((s) => new RegExp(cli.only).test(s.id)) : out;
}

function wasmSizes() {
  const sizes = [];
  for (const name of ['quiver.wasm', 'quiver.mjs']) {
    const file = path.join(DIST_SNAPSHOT, name);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    sizes.push({
      artifact: `js/dist/${name}`,
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes;
}

function runNode(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// Snapshot js/dist (it may be rebuilt while the suite runs); every process uses the copy.
const distDir = path.join(ROOT, 'js', 'dist');
if (!fs.existsSync(path.join(distDir, 'index.js'))) throw new Error('js/dist is missing: run `make js-build`');
fs.rmSync(DIST_SNAPSHOT, { recursive: true, force: true });
fs.cpSync(distDir, DIST_SNAPSHOT, { recursive: true });
process.env.QUIVER_BENCH_DIST = DIST_SNAPSHOT;
const wasmHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(DIST_SNAPSHOT, 'quiver.wasm'))).digest('hex').slice(0, 12);

const started = new Date();
process.stdout.write(runNode([path.join(BENCH_DIR, 'gen.mjs'), '--rows', String(cfg.rows), '--datasets', cfg.datasets.join(',')]));
const list = scenarios();
const pairs = list.reduce((n, s) => n + s.libs.length, 0);
console.log(`bench (${cfg.mode}): ${list.length} scenarios, ${pairs} processes, ${cfg.warmup} warm-up + ${cfg.reps} timed runs each`);
const results = [];
let done = 0;
for (const s of list) {
  const { libs, ...spec } = s;
  const row = { ...spec, results: {} };
  for (const lib of libs) {
    const r = spawnSync(process.execPath, [path.join(BENCH_DIR, 'run_case.mjs'), JSON.stringify({ ...spec, lib }), String(cfg.warmup), String(cfg.reps), String(cfg.rows)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 20 * 60 * 1000 });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH-RESULT '));
    row.results[lib] = line ? JSON.parse(line.slice(13)) : { status: 'error', reason: `process exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' | ')}` };
    done++;
  }
  const cells = libs.map((l) => {
    const x = row.results[l];
    return `${l} ${x.status === 'ok' ? `${x.median.toFixed(1)} ms` : x.status}`;
  });
  console.log(`[${done}/${pairs}] ${s.id}: ${cells.join(', ')}`);
  results.push(row);
}

setRows(cfg.rows);
const manifest = JSON.parse(fs.readFileSync(dataPath('manifest.json'), 'utf8'));
const doc = {
  meta: {
    date: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    ...cfg,
    quiverWasmSha256: wasmHash,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  },
  datasets: Object.fromEntries(cfg.datasets.map((d) => [d, { rows: manifest.datasets[d].rows, columns: manifest.datasets[d].columns, arrowBytes: manifest.datasets[d].arrowBytes }])),
  sizes: wasmSizes(),
  scenarios: results,
};
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const out = path.join(RESULTS_DIR, `${cfg.mode}.json`);
fs.writeFileSync(out, JSON.stringify(doc, null, 1));
console.log(`bench: results in ${path.relative(ROOT, out)} (${doc.meta.seconds} s)`);
// A full run updates docs/performance.md; a quick one (a check that the suite works) writes
// build/bench-results/quick.md instead, so the committed numbers stay those of a full run.
const docOut = cli.doc || (cfg.mode === 'full' ? 'docs/performance.md' : `build/bench-results/${cfg.mode}.md`);
if (cli.report === 'yes') process.stdout.write(runNode([path.join(BENCH_DIR, 'report.mjs'), '--results', out, '--doc', docOut]));
