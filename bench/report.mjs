// Writes the results of the benchmark suite into docs/performance.md (or --doc), between the
// markers <!-- bench:begin --> and <!-- bench:end --> (appended when absent; the rest of the
// file is kept), and the chart of ratios as bench-ratios.svg beside it. Native
// microbenchmarks from build/bench-results/native.json (make bench-native) are added when
// present. Without --results: build/bench-results/full.json (the last `make bench`).
//
//   node bench/report.mjs [--results build/bench-results/full.json] [--doc docs/performance.md]
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, ROOT, parseArgs } from './common.mjs';
import { ratioChart } from './chart.mjs';
import { goalRows } from './goals.mjs';

const args = parseArgs(process.argv, { results: '', doc: 'docs/performance.md' });
const mdPath = path.resolve(ROOT, args.doc);
const svgPath = path.join(path.dirname(mdPath), 'bench-ratios.svg');
const fullFile = path.join(RESULTS_DIR, 'full.json');
const resultsFile = args.results || (fs.existsSync(fullFile) ? fullFile : null);
const doc = resultsFile ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : null;
const nativeFile = path.join(RESULTS_DIR, 'native.json');
const native = fs.existsSync(nativeFile) ? JSON.parse(fs.readFileSync(nativeFile, 'utf8')) : null;

const BEGIN = '<!-- bench:begin -->', END = '<!-- bench:end -->';
const NAMES = { quiver: 'Quiver', 'apache-arrow': 'apache-arrow JS', 'parquet-wasm': 'parquet-wasm', hyparquet: 'hyparquet', duckdb: 'DuckDB (1 thread)' };
const notes = [];
const note = (text) => {
  let i = notes.indexOf(text);
  if (i < 0) i = notes.push(text) - 1;
  return `[${i + 1}]`;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mib = (b) => (b / (1 << 20)).toFixed(1);
const cell = (r, lib) => {
  if (!r) return '';
  if (r.status === 'ok') return ms(r.median);
  const reason = r.reason.startsWith(`${lib} `) || r.reason.startsWith(`${lib}: `) ? r.reason.slice(lib.length).replace(/^:? /, '') : r.reason;
  return `${r.status === 'na' ? 'n/a' : r.status} ${note(`${NAMES[lib]}: ${reason}`)}`;
};
const ratio = (q, p) => (q?.status === 'ok' && p?.status === 'ok' ? `${(q.median / p.median).toFixed(2)}x` : '–');
const heap = (q) => (q?.heapPeak ? `${mib(q.heapPeak)} / ${mib(q.heapSize)}` : '–');
const pwMem = (p) => (p?.wasmMemory ? mib(p.wasmMemory) : '–');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function ipcTable(list) {
  return table(['dataset', 'op', 'format', 'compression', 'Quiver ms', 'apache-arrow JS ms', 'parquet-wasm ms', 'Q / apache-arrow', 'Q / parquet-wasm',
    'Quiver heap peak / WASM memory (MiB)'],
  list.map((s) => [s.ds, s.kind === 'ipc-read' ? 'read' : 'write', s.format, s.compression,
    cell(s.results.quiver, 'quiver'), cell(s.results['apache-arrow'], 'apache-arrow'), cell(s.results['parquet-wasm'], 'parquet-wasm'),
    ratio(s.results.quiver, s.results['apache-arrow']), ratio(s.results.quiver, s.results['parquet-wasm']), heap(s.results.quiver)]));
}

function readTable(list) {
  const peers = ['parquet-wasm', 'hyparquet', 'duckdb'];
  return table(['dataset', 'file by', 'codec', 'read', 'Quiver ms', ...peers.map((p) => `${NAMES[p]} ms`), ...peers.map((p) => `Q / ${p}`), 'Quiver heap peak / WASM memory (MiB)', 'parquet-wasm WASM memory (MiB)'],
    list.map((s) => [s.ds, s.writer === 'pw' ? 'parquet-wasm' : 'DuckDB', s.codec, s.read, cell(s.results.quiver, 'quiver'),
      ...peers.map((p) => cell(s.results[p], p)), ...peers.map((p) => ratio(s.results.quiver, s.results[p])), heap(s.results.quiver), pwMem(s.results['parquet-wasm'])]));
}

function writeTable(list) {
  const peers = ['parquet-wasm', 'duckdb'];
  const size = (r) => (r?.outputBytes ? mib(r.outputBytes) : '–');
  return table(['dataset', 'codec', 'Quiver ms', ...peers.map((p) => `${NAMES[p]} ms`), ...peers.map((p) => `Q / ${p}`), 'output MiB (Q / pw / duck)', 'WASM memory MiB (Q / pw)'],
    list.map((s) => [s.ds, s.codec, cell(s.results.quiver, 'quiver'), ...peers.map((p) => cell(s.results[p], p)),
      ...peers.map((p) => ratio(s.results.quiver, s.results[p])), ['quiver', ...peers].map((p) => size(s.results[p])).join(' / '),
      `${s.results.quiver?.heapSize ? mib(s.results.quiver.heapSize) : '–'} / ${pwMem(s.results['parquet-wasm'])}`]));
}

function loadRange(scenarios) {
  const xs = scenarios.flatMap((s) => Object.values(s.results).map((r) => r.load1)).filter((x) => typeof x === 'number');
  return xs.length ? `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}` : '?';
}

function initLine(scenarios) {
  const xs = scenarios.map((s) => s.results.quiver?.initMs).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!xs.length) return 'Quiver `initWasm`: no measurement (js/dist not built?).';
  return `Quiver \`initWasm()\` in a fresh process (after \`import\`), over ${xs.length} processes: median ${ms(xs[xs.length >> 1])} ms, `
    + `min ${ms(xs[0])} ms, max ${ms(xs[xs.length - 1])} ms.`;
}

function codecSection(ct) {
  if (!ct) return [];
  const out = ['### LZ4 and ZSTD: WASM against native', '',
    '`bench/codec_throughput.cc` compresses and decompresses every buffer of the mix dataset\'s IPC file, one buffer at a time '
    + 'as the IPC writer does, through Quiver\'s codec layer at the default levels (LZ4 frame fast, ZSTD 3); the same source '
    + 'built natively (clang -O3, Debian\'s liblz4/libzstd) and to WebAssembly (emscripten -O3, the same library versions built '
    + 'from Debian\'s sources; run under Node with `--no-liftoff`, i.e. optimized code from the start). MB = 10^6 bytes of uncompressed '
    + 'data per second: the median pass of each process, then the median of three processes per side, run alternately.', ''];
  const where = ['native', 'wasm'];
  for (const w of where) if (ct[w]?.error) out.push(`${w}: ${ct[w].error}`, '');
  const get = (w, c) => ct[w]?.codecs?.find((x) => x.codec === c);
  const rows = ['lz4_frame', 'zstd'].map((c) => {
    const nat = get('native', c), wa = get('wasm', c);
    const pct = (a, b) => (a && b ? `${Math.round((100 * a) / b)} %` : '–');
    const f = (x, k) => (x ? String(Math.round(x[k])) : '–');
    return [c, f(nat, 'compressMBps'), f(wa, 'compressMBps'), pct(wa?.compressMBps, nat?.compressMBps), f(nat, 'decompressMBps'),
      f(wa, 'decompressMBps'), pct(wa?.decompressMBps, nat?.decompressMBps),
      nat && wa ? `${(nat.bytes / nat.compressed).toFixed(2)} / ${(wa.bytes / wa.compressed).toFixed(2)}` : '–'];
  });
  out.push(table(['codec', 'native compress MB/s', 'WASM compress MB/s', 'WASM / native', 'native decompress MB/s', 'WASM decompress MB/s',
    'WASM / native', 'ratio native / WASM'], rows), '');
  out.push('LZ4\'s ratio differs because on 32-bit targets LZ4 hashes 4 bytes instead of 5 (toolchain.md); the frames are standard.', '');
  return out;
}

function chromiumSection(c) {
  if (!c) return [];
  const out = ['### Headless Chromium', ''];
  if (c.error) return [...out, `Not measured: ${c.error}.`, ''];
  out.push(`${c.browser}, headless, pages served on 127.0.0.1 by \`bench/chromium.mjs\`; each library in a fresh browser context, `
    + `${c.warmup} warm-up + ${c.reps} timed runs, medians in ms; inputs fetched before timing. Quiver is js/dist; apache-arrow JS its ES `
    + 'modules with lz4js (LZ4), zstd-codec (ZSTD writes) and fzstd (ZSTD reads), as in Node; parquet-wasm its web build (`esm/`).', '');
  out.push(table(['scenario', 'Quiver ms', 'apache-arrow JS ms', 'parquet-wasm ms', 'Q / apache-arrow', 'Q / parquet-wasm'],
    c.scenarios.map((s) => [s.id, cell(s.results.quiver, 'quiver'), cell(s.results['apache-arrow'], 'apache-arrow'), cell(s.results['parquet-wasm'], 'parquet-wasm'),
      ratio(s.results.quiver, s.results['apache-arrow']), ratio(s.results.quiver, s.results['parquet-wasm'])])), '');
  return out;
}

function nativeSection() {
  if (!native) return [];
  const ns = (b) => b.cpu_time * { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit];
  const time = (t) => (t >= 1e6 ? `${(t / 1e6).toFixed(2)} ms` : t >= 1e3 ? `${(t / 1e3).toFixed(1)} µs` : `${t.toFixed(0)} ns`);
  const rows = native.benchmarks.filter((b) => b.run_type !== 'aggregate').map((b) => [b.name, time(ns(b)),
    b.bytes_per_second ? `${(b.bytes_per_second / 1e6).toFixed(0)} MB/s` : '', b.items_per_second ? `${(b.items_per_second / 1e6).toFixed(0)} M/s` : '', b.label ?? '']);
  return ['### Native microbenchmarks (`make bench-native`)', '',
    `Google Benchmark, \`quiver_bench\` (build/bench-native, clang -O3), ${native.context.date}; ${native.context.num_cpus} CPUs, `
    + `load ${(native.context.load_avg ?? []).map((x) => x.toFixed(2)).join(' ')}.`, '',
    table(['benchmark', 'CPU time', 'bytes/s', 'items/s', ''], rows), ''];
}

const lines = [BEGIN, '## Benchmark suite (`make bench`)', ''];
if (doc) {
  const m = doc.meta;
  const sc = doc.scenarios;
  lines.push(`Generated by \`bench/report.mjs\` from a **${m.mode}** run on ${m.date.slice(0, 16).replace('T', ' ')} UTC (${m.seconds} s): `
    + `${m.warmup} warm-up + ${m.reps} timed runs per library and scenario, each library in its own Node process; medians in ms. `
    + `Node ${m.node}, ${m.cores} × ${m.cpu}; 1-minute load average ${loadRange(sc)} during the runs (the machine is shared with builds: `
    + `expect ±20 % and more on runs under 10 ms). js/dist \`quiver.wasm\` sha256 ${m.quiverWasmSha256 ?? '?'}…. `
    + `Ratios are Quiver's median / the peer's median: lower is better, below 1 Quiver is faster.`, '');
  lines.push('Datasets (seeded, `bench/datasets.mjs`): '
    + Object.entries(doc.datasets).map(([d, v]) => `${d} ${v.rows.toLocaleString('en')} rows × ${v.columns.length} columns (${mib(v.arrowBytes)} MiB as IPC)`).join('; ')
    + '. Parquet inputs have 8 row groups; the row-group read takes groups 1 and 2.', '');
  lines.push('What each library does: Quiver reads into a table handle in WASM memory (`readTableFromArrayBuffer`) and writes '
    + 'from a handle to an ArrayBuffer; apache-arrow JS (LZ4: lz4js; ZSTD: zstd-codec to write, fzstd to read) `tableFromIPC` / '
    + '`RecordBatch{File,Stream}Writer.writeAll`; parquet-wasm `readParquet` into its Table in WASM memory (projected: '
    + '`ParquetFile.read({columns})` over an in-memory Blob, because `readParquet` 0.8.0 ignores `columns` and returns every '
    + 'column), `writeParquet` from a Table (a fresh one per run, untimed: it takes ownership); hyparquet `parquetRead` with `onChunk` (decoded column arrays, no row assembly; row-group subset as '
    + 'the equivalent row range; ZSTD from hyparquet-compressors); DuckDB (`SET threads=1`) `CREATE TEMP TABLE t AS SELECT ... '
    + 'FROM read_parquet(file)` reading the file from disk (row-group subset: a `file_row_number` range), and '
    + '`COPY src TO file` from an in-memory table. Inputs are in memory before timing; freeing and checks are untimed. '
    + 'Every result is checked (rows and columns) before its time counts. Writers use their default settings '
    + '(row group size, dictionary encoding, codec level) apart from the codec. Quiver\'s heap peak is sampled when a '
    + 'package function returns (scratch freed inside a call is not seen); its WASM memory size bounds the true peak.', '');
  lines.push('![Quiver time / peer time per scenario (log scale; left of 1 is faster)](bench-ratios.svg)', '');
  const manifestFile = path.join(ROOT, 'build', 'bench-data', `${m.rows}-rows`, 'manifest.json');
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : null;
  lines.push('### Goals of issue 9 (mix dataset, this run)', '', table(['goal', 'measured (Quiver / peer)', 'met'], goalRows(doc, manifest)), '');
  lines.push('### Arrow IPC', '', 'hyparquet (Parquet only) and DuckDB (Arrow IPC only through the nanoarrow community extension, '
    + 'which is not on npm) are not IPC peers.', '', ipcTable(sc.filter((s) => s.kind.startsWith('ipc'))), '');
  lines.push('### Parquet read', '', readTable(sc.filter((s) => s.kind === 'pq-read')), '');
  lines.push('### Parquet write', '', writeTable(sc.filter((s) => s.kind === 'pq-write')), '');
  lines.push('### Start-up and size', '', initLine(sc), '');
  if (doc.sizes.length) {
    const n = (x) => (typeof x === 'number' ? x.toLocaleString('en') : '–');
    lines.push('Sizes per build variant (`bench/run.mjs`: gzip level 9, brotli quality 11, both from Node\'s zlib). '
      + 'The IPC-only core is `make wasm-ipc` (`QUIVER_WITH_PARQUET=OFF`, no Snappy/GZIP/Brotli; its Parquet entry points answer '
      + '`unsupported`); `node bench/wasm_size.mjs FILE.wasm` shows what a module\'s code is made of.', '');
    lines.push(table(['variant', 'artifact', 'bytes', 'gzip -9', 'brotli -q 11'], doc.sizes.map((s) => [s.variant ?? '', `${s.artifact}`,
      s.missing ? `n/a ${note(`${s.variant}: ${s.missing}`)}` : n(s.raw), n(s.gzip), n(s.brotli)])), '');
  }
  lines.push(...codecSection(doc.codecThroughput));
  lines.push(...chromiumSection(doc.chromium));
  fs.writeFileSync(svgPath, ratioChart(sc, `${m.mode} run, ${m.date.slice(0, 10)}`));
} else {
  lines.push('No results yet: run `make bench` (or `make bench-quick`).', '');
}
lines.push(...nativeSection());
if (notes.length) lines.push('Notes (n/a: the library cannot do it or this build lacks it; error: it failed):', '', ...notes.map((n, i) => `${i + 1}. ${n.replaceAll('|', '\\|')}`), '');
lines.push(END);

const md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : '# Performance\n';
const a = md.indexOf(BEGIN), b = md.indexOf(END);
const next = a >= 0 && b > a ? md.slice(0, a) + lines.join('\n') + md.slice(b + END.length) : `${md.trimEnd()}\n\n${lines.join('\n')}\n`;
fs.writeFileSync(mdPath, next);
const rel = (p) => path.relative(ROOT, p);
console.log(`bench: ${rel(mdPath)} updated${doc ? ` and ${rel(svgPath)} written` : ''} (${notes.length} notes)`);
