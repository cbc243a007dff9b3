// Shared pieces of the benchmark suite: paths, arguments, the seeded RNG, the datasets'
// shapes, the timing loop and the peers' codec set-up. Paths are relative to the repository.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');
export const RESULTS_DIR = path.join(ROOT, 'build', 'bench-results');
/** js/dist, or the snapshot of it that run.mjs takes so one run never mixes two builds. */
export const QUIVER_DIST = process.env.QUIVER_BENCH_DIST ?? path.join(ROOT, 'js', 'dist');
export const DIST_SNAPSHOT = path.join(BENCH_DIR, 'node_modules', '.quiver-dist');
export const require = createRequire(path.join(BENCH_DIR, 'package.json'));

/** `--key value` pairs; numbers stay numbers when the default is a number. */
export function parseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in args)) throw new Error(`unknown argument ${argv[i]}`);
    args[k] = typeof defaults[k] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  return args;
}

/** mulberry32, as tests/compat/rng.mjs: floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The datasets, with their row count as a fraction of --rows and the column used by the
 * projected-read scenarios. mix: the 7-column mix; wide: 60 numeric columns;
 * strings: 4 utf8 columns of short to long values; nested: list<int32> and struct.
 */
export const DATASETS = {
  mix: { rowsFactor: 1, projected: 'f64' },
  wide: { rowsFactor: 0.1, projected: 'c7' },
  strings: { rowsFactor: 0.25, projected: 'medium' },
  nested: { rowsFactor: 0.5, projected: 'tags' },
};

export const PARQUET_CODECS = ['snappy', 'zstd', 'none'];
export const IPC_COMPRESSIONS = ['none', 'lz4', 'zstd'];
/** Row groups per Parquet input file (each writer is given rows / this as its group size). */
export const ROW_GROUPS = 8;
/** The row groups the row-group-subset scenario reads. */
export const RG_SUBSET = [1, 2];

let dataDir = path.join(ROOT, 'build', 'bench-data');

/** Inputs of each size live apart (build/bench-data/<rows>-rows), so quick and full runs coexist. */
export function setRows(rows) {
  dataDir = path.join(ROOT, 'build', 'bench-data', `${rows}-rows`);
}

export function dataPath(name) {
  return path.join(dataDir, name);
}

export function readBytes(name) {
  const b = fs.readFileSync(dataPath(name));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `op` `warmup` times untimed, then `reps` times timed. `before` (untimed) makes each
 * run's input; `after` (untimed) receives what `op` returned (to check and free it).
 */
export async function timeIt({ before, op, after }, { warmup, reps }) {
  const times = [];
  for (let i = 0; i < warmup + reps; i++) {
    const input = before ? await before() : undefined;
    const t0 = performance.now();
    const out = await op(input);
    const dt = performance.now() - t0;
    if (i >= warmup) times.push(dt);
    await after(out);
  }
  return { times, median: median(times) };
}

/** Registers LZ4_FRAME (lz4js) and ZSTD (zstd-codec to write, fzstd to read) in apache-arrow JS. */
export async function registerArrowCodecs(A) {
  const lz4 = require('lz4js');
  const fzstd = require('fzstd');
  const { ZstdCodec } = require('zstd-codec');
  A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {
    encode: (data) => lz4.compress(data),
    decode: (data) => new Uint8Array(lz4.decompress(data)),
  });
  const zstd = await new Promise((resolve) => ZstdCodec.run((z) => resolve(new z.Simple())));
  // fzstd may return an unaligned view, which apache-arrow JS 21.2 cannot wrap: copy it.
  A.compressionRegistry.set(A.CompressionType.ZSTD, {
    encode: (data) => zstd.compress(data, 3),
    decode: (data) => fzstd.decompress(data).slice(),
  });
}

export const ARROW_COMPRESSION = (A, c) => ({ none: null, lz4: A.CompressionType.LZ4_FRAME, zstd: A.CompressionType.ZSTD })[c];

/** Quiver's package from js/dist, or null when it is not built. */
export async function importQuiver() {
  const entry = path.join(QUIVER_DIST, 'index.js');
  if (!fs.existsSync(entry)) return null;
  return import(entry);
}
