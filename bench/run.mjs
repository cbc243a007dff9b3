// The benchmark suite: generates the inputs (gen.mjs), runs every (scenario, library) pair
// in its own Node process (run_case.mjs) with warm-up and repetitions, records medians, the
// .wasm sizes and the machine, writes build/bench-results/<mode>.json and updates the
// marked section of docs/performance.md (full mode) or build/bench-results/quick.md (report.mjs).
//
//   node bench/run.mjs [--mode full|quick] [--rows N] [--reps N] [--warmup N]
//                      [--datasets mix,wide,...] [--only REGEX] [--report yes|no] [--doc FILE]
//                      [--ipc-build DIR] [--native-build DIR] [--chromium yes|no]
// --ipc-build: the build directory of the IPC-only variant (`make wasm-ipc`), which also holds
// the WASM quiver_codec_throughput; --native-build: where the native one is (`make bench-tools`).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH_DIR, DATASETS, DIST_SNAPSHOT, IPC_COMPRESSIONS, PARQUET_CODECS, RESULTS_DIR, ROOT, dataPath, median, parseArgs, setRows } from './common.mjs';

const MODES = {
  full: { rows: 1000000, reps: 5, warmup: 3, datasets: Object.keys(DATASETS).join(',') },
  quick: { rows: 100000, reps: 3, warmup: 2, datasets: 'mix' },
};
const cli = parseArgs(process.argv, {
  mode: 'full', rows: 0, reps: 0, warmup: -1, datasets: '', only: '', report: 'yes', doc: '',
  'ipc-build': 'build/wasm-ipc', 'native-build': 'build/bench-native', chromium: 'yes',
});
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

// The .wasm of each build variant (issue 9's size goals), raw, gzip -9 and brotli -q 11.
// A variant that is not built is listed with the reason, never left out silently.
const IPC_BUILD = path.resolve(ROOT, cli['ipc-build']);
const NATIVE_BUILD = path.resolve(ROOT, cli['native-build']);
function wasmSizes() {
  const variants = [
    { variant: 'core, full package (IPC, Parquet, all codecs)', artifact: 'js/dist/quiver.wasm', file: path.join(DIST_SNAPSHOT, 'quiver.wasm') },
    { variant: 'core, IPC only (IPC + LZ4 + ZSTD)', artifact: 'quiver.wasm of `make wasm-ipc`', file: path.join(IPC_BUILD, 'js', 'quiver.wasm') },
    { variant: 'geometry plugin (side module)', artifact: 'plugins/geo/js/dist/quiver_geo.wasm', file: path.join(ROOT, 'plugins', 'geo', 'js', 'dist', 'quiver_geo.wasm') },
    { variant: 'JS loader of the core', artifact: 'js/dist/quiver.mjs', file: path.join(DIST_SNAPSHOT, 'quiver.mjs') },
  ];
  return variants.map(({ file, ...v }) => {
    if (!fs.existsSync(file)) return { ...v, missing: `not built (${path.relative(ROOT, file)})` };
    const bytes = fs.readFileSync(file);
    return {
      ...v,
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
    };
  });
}

// LZ4/ZSTD MB/s of the same program (bench/codec_throughput.cc) natively and in WASM under
// Node, on the mix dataset's IPC buffers. Three processes per side, alternating, and per codec
// and direction the median of the three (one process's figure moves by up to a third when
// the machine is loaded). Node runs with --no-liftoff, so the WASM side is measured in
// optimized code from the start rather than while V8 tiers up in a background thread that a
// loaded machine starves.
function codecThroughput() {
  const input = dataPath('mix.arrow');
  const seconds = String(cfg.mode === 'full' ? 2 : 0.5);
  const sides = {
    native: [path.join(NATIVE_BUILD, 'quiver_codec_throughput'), [input, seconds]],
    wasm: [process.execPath, ['--no-experimental-fetch', '--no-liftoff', path.join(IPC_BUILD, 'quiver_codec_throughput.js'), input, seconds]],
  };
  const runs = { native: [], wasm: [] };
  const out = {};
  for (let round = 0; round < 3; round++) {
    for (const [where, [cmd, args]] of Object.entries(sides)) {
      if (out[where]) continue;
      const program = where === 'native' ? cmd : args[2];
      if (!fs.existsSync(program)) {
        out[where] = { error: `not built: ${path.relative(ROOT, program)}` };
        continue;
      }
      const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24, timeout: 10 * 60 * 1000 });
      if (r.status !== 0) {
        out[where] = { error: `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(0, 300)}` };
        continue;
      }
      runs[where].push(r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
    }
  }
  for (const where of Object.keys(sides)) {
    if (out[where]) continue;
    const codecs = runs[where][0].map((c) => {
      const all = runs[where].map((run) => run.find((x) => x.codec === c.codec));
      return { ...c, processes: all.length, compressMBps: median(all.map((x) => x.compressMBps)), decompressMBps: median(all.map((x) => x.decompressMBps)),
        compressRuns: all.map((x) => x.compressMBps), decompressRuns: all.map((x) => x.decompressMBps) };
    });
    out[where] = { codecs };
  }
  return out;
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
const codecs = codecThroughput();
for (const [where, r] of Object.entries(codecs)) {
  console.log(`codec throughput ${where}: ${r.error ?? r.codecs.map((c) => `${c.codec} ${c.compressMBps} / ${c.decompressMBps} MB/s`).join(', ')}`);
}
// The core scenarios in headless Chromium (bench/chromium.mjs), Quiver against apache-arrow JS
// and parquet-wasm; at least 5 timed runs even in quick mode (the scenarios are few).
let chromium = { error: 'not run (--chromium no)' };
if (cli.chromium === 'yes') {
  const reps = String(Math.max(5, cfg.reps));
  const r = spawnSync(process.execPath, [path.join(BENCH_DIR, 'chromium.mjs'), '--rows', String(cfg.rows), '--reps', reps, '--warmup', String(Math.max(1, cfg.warmup))],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 30 * 60 * 1000, env: { ...process.env, QUIVER_BENCH_DIST: DIST_SNAPSHOT } });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('CHROMIUM-RESULT '));
  chromium = line ? JSON.parse(line.slice(16)) : { error: `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` };
  console.log(`chromium: ${chromium.error ?? `${chromium.scenarios.length} scenarios`}`);
}
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
  codecThroughput: codecs,
  chromium,
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
