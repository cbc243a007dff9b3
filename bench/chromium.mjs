// The core scenarios of the benchmark suite in headless Chromium (Debian's chromium driven
// by playwright-core from js/node_modules, pages served on 127.0.0.1): Arrow IPC file read
// and write (none, LZ4, ZSTD) and Parquet read (snappy, whole table, file by DuckDB), Quiver
// (js/dist, or QUIVER_BENCH_DIST) against apache-arrow JS (its ES modules, with lz4js for LZ4,
// zstd-codec to compress and fzstd to decompress ZSTD, as in Node) and parquet-wasm's web build.
// Each (scenario, library) pair runs in a fresh browser context: warm-up, then timed runs,
// median. Inputs are fetched before timing. Prints one line `CHROMIUM-RESULT {json}`.
//
//   node bench/chromium.mjs [--rows N] [--reps N] [--warmup N]
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BENCH_DIR, QUIVER_DIST, ROOT, dataPath, parseArgs, setRows } from './common.mjs';

const CHROMIUM = '/usr/bin/chromium';
const args = parseArgs(process.argv, { rows: 100000, reps: 5, warmup: 2 });
setRows(args.rows);
const fail = (error) => {
  process.stdout.write(`CHROMIUM-RESULT ${JSON.stringify({ error })}\n`);
  process.exit(0);
};
if (!fs.existsSync(CHROMIUM)) fail('no /usr/bin/chromium (Debian package chromium)');
let chromium;
try {
  ({ chromium } = createRequire(path.join(ROOT, 'js', 'package.json'))('playwright-core'));
} catch (e) {
  fail(`playwright-core not installed in js/node_modules: ${String(e.message ?? e).slice(0, 200)}`);
}
const manifest = JSON.parse(fs.readFileSync(dataPath('manifest.json'), 'utf8')).datasets.mix;
const NM = path.join(BENCH_DIR, 'node_modules');

// lz4js and zstd-codec are CommonJS: a minimal loader exposing each as a global (the Node
// built-ins zstd-codec's Emscripten loader names are only used in its Node branch).
function cjsBundle(global, dir, files, entry) {
  const mods = files.map((f) => `'./${f}': function (module, exports, require) {\n${fs.readFileSync(path.join(NM, dir, f), 'utf8')}\n}`);
  return `(function () {\n  var defs = {${mods.join(',\n')}};\n  var cache = {};\n`
    + '  function req(name) { name = name.replace(/^.*\\//, \'./\'); if (!defs[name]) return {}; '
    + 'if (!cache[name]) { var m = { exports: {} }; cache[name] = m; defs[name](m, m.exports, req); } return cache[name].exports; }\n'
    + `  window.${global} = req('./${entry}');\n})();\n`;
}
const BUNDLES = {
  '/lz4js.js': () => cjsBundle('lz4js', 'lz4js', ['util.js', 'xxh32.js', 'lz4.js'], 'lz4.js'),
  '/zstd-codec.js': () => cjsBundle('zstdCodec', 'zstd-codec/lib', ['constants.js', 'helpers.js', 'module.js', 'zstd-codec-binding-wasm.js', 'zstd-codec.js'], 'zstd-codec.js'),
};

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
// apache-arrow JS as its ES modules (Arrow.dom.mjs) through an import map: its minified UMD
// bundle renames option properties, so it ignores `compressionType`.
const IMPORTS = { flatbuffers: '/nm/flatbuffers/mjs/flatbuffers.js', tslib: '/nm/tslib/tslib.es6.mjs', 'json-with-bigint': '/nm/json-with-bigint/json-with-bigint.js' };
const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="importmap">${JSON.stringify({ imports: IMPORTS })}</script>
<script src="/lz4js.js"></script><script src="/zstd-codec.js"></script><script src="/nm/fzstd/umd/index.js"></script>
<script type="module">window.Arrow = await import('/nm/apache-arrow/Arrow.dom.mjs'); window.ready = true;</script>`;
const ROOTS = { '/q/': QUIVER_DIST, '/nm/': NM, '/data/': dataPath('.') };
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x').pathname;
  if (url === '/' || url === '/index.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  if (BUNDLES[url]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(BUNDLES[url]());
  const prefix = Object.keys(ROOTS).find((p) => url.startsWith(p));
  const base = prefix && path.resolve(ROOTS[prefix]);
  const file = base && path.resolve(base, `.${decodeURIComponent(url.slice(prefix.length - 1))}`);
  if (!file || !file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
  return undefined;
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const SCENARIOS = [];
for (const compression of ['none', 'lz4', 'zstd']) {
  for (const kind of ['ipc-read', 'ipc-write']) SCENARIOS.push({ id: `${kind} mix file ${compression}`, kind, ds: 'mix', format: 'file', compression, libs: ['quiver', 'apache-arrow'] });
}
SCENARIOS.push({ id: 'pq-read mix duckdb snappy whole', kind: 'pq-read', ds: 'mix', writer: 'duckdb', codec: 'snappy', read: 'whole', libs: ['quiver', 'parquet-wasm'] });

// Runs in the page: one library's side of one scenario.
async function inPage({ s, lib, rows, warmup, reps }) {
  const bytesOf = async (name) => new Uint8Array(await (await fetch(`/data/${name}`)).arrayBuffer());
  const ipcName = `mix${s.compression === 'none' ? '' : `.${s.compression}`}.arrow`;
  const A = window.Arrow;
  const na = (reason) => ({ status: 'na', reason });
  let op, after = () => {}, extra = {};
  if (lib === 'quiver') {
    const q = await import('/q/index.js');
    const t0 = performance.now();
    const init = await q.initWasm();
    extra.initMs = performance.now() - t0;
    if (!init.ok) return { status: 'error', reason: `initWasm: ${init.code}: ${init.error}` };
    const must = (r, what) => { if (!r.ok) throw new Error(`${what}: ${r.code}: ${r.error}`); return r.value; };
    const checkFree = async (r, what) => {
      const h = must(r, what);
      const info = must(await q.getTableInfo(h), 'getTableInfo');
      if (info.rows !== rows) throw new Error(`quiver: expected ${rows} rows but got ${info.rows}`);
      const m = await q.memoryStats();
      if (m.ok) extra.heapSize = m.value.heapSize;
      await q.freeTable(h);
    };
    if (s.kind === 'ipc-read') {
      const bytes = await bytesOf(ipcName);
      op = () => q.readTableFromArrayBuffer(bytes, { format: 'arrow-file' });
      after = (r) => checkFree(r, 'readTableFromArrayBuffer');
    } else if (s.kind === 'ipc-write') {
      const source = must(await q.readTableFromArrayBuffer(await bytesOf('mix.arrow')), 'reading mix.arrow');
      op = () => q.writeTableToIpc(source, { format: 'file', compression: s.compression });
      after = (r) => { extra.outputBytes = must(r, 'writeTableToIpc').byteLength; };
    } else {
      const bytes = await bytesOf(`mix.${s.writer}.${s.codec}.parquet`);
      op = () => q.readTableFromArrayBuffer(bytes, { format: 'parquet' });
      after = (r) => checkFree(r, 'readTableFromArrayBuffer(parquet)');
    }
  } else if (lib === 'apache-arrow') {
    if (!A) return { status: 'error', reason: 'apache-arrow JS did not load' };
    A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {
      encode: (d) => window.lz4js.compress(d),
      decode: (d) => new Uint8Array(window.lz4js.decompress(d)),
    });
    // As in Node (common.mjs): zstd-codec writes, fzstd reads (it may return an unaligned
    // view, which apache-arrow JS cannot wrap: copy).
    const zstd = await new Promise((resolve) => window.zstdCodec.run((z) => resolve(new z.Simple())));
    A.compressionRegistry.set(A.CompressionType.ZSTD, { encode: (d) => zstd.compress(d, 3), decode: (d) => window.fzstd.decompress(d).slice() });
    if (s.kind === 'ipc-read') {
      const bytes = await bytesOf(ipcName);
      op = () => A.tableFromIPC(bytes);
      after = (t) => { if (t.numRows !== rows) throw new Error(`apache-arrow: expected ${rows} rows but got ${t.numRows}`); };
    } else {
      const table = A.tableFromIPC(await bytesOf('mix.arrow'));
      const compressionType = { none: null, lz4: A.CompressionType.LZ4_FRAME, zstd: A.CompressionType.ZSTD }[s.compression];
      op = () => A.RecordBatchFileWriter.writeAll(table, { compressionType }).toUint8Array(true);
      after = (b) => { extra.outputBytes = b.byteLength; };
    }
  } else {
    let pq;
    try {
      pq = await import('/nm/parquet-wasm/esm/parquet_wasm.js');
      await pq.default();
    } catch (e) {
      return na(`parquet-wasm web build did not load: ${String(e.message ?? e).slice(0, 200)}`);
    }
    const bytes = await bytesOf(`mix.${s.writer}.${s.codec}.parquet`);
    op = () => pq.readParquet(bytes, {});
    after = (t) => {
      let n = 0;
      for (let i = 0; i < t.numBatches; i++) n += t.recordBatch(i).numRows;
      extra.wasmMemory = pq.wasmMemory().buffer.byteLength;
      t.free();
      if (n !== rows) throw new Error(`parquet-wasm: expected ${rows} rows but got ${n}`);
    };
  }
  const times = [];
  try {
    for (let i = 0; i < warmup + reps; i++) {
      const t0 = performance.now();
      const out = await op();
      const dt = performance.now() - t0;
      if (i >= warmup) times.push(dt);
      await after(out);
    }
  } catch (e) {
    return { status: 'error', reason: String(e.message ?? e).slice(0, 300), ...extra };
  }
  const sorted = [...times].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return { status: 'ok', median: sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2, min: sorted[0], times, ...extra };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const version = browser.version();
const scenarios = [];
for (const s of SCENARIOS) {
  const { libs, ...spec } = s;
  const row = { ...spec, results: {} };
  for (const lib of libs) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
    try {
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => window.ready === true, null, { timeout: 30000 });
      row.results[lib] = await page.evaluate(inPage, { s: spec, lib, rows: manifest.rows, warmup: args.warmup, reps: args.reps });
    } catch (e) {
      row.results[lib] = { status: 'error', reason: String(e.message ?? e).split('\n')[0].slice(0, 300) };
    }
    if (errors.length && row.results[lib].status === 'ok') row.results[lib].pageErrors = errors;
    await context.close();
  }
  console.log(`chromium ${s.id}: ${libs.map((l) => `${l} ${row.results[l].status === 'ok' ? `${row.results[l].median.toFixed(1)} ms` : row.results[l].status}`).join(', ')}`);
  scenarios.push(row);
}
await browser.close();
server.close();
process.stdout.write(`CHROMIUM-RESULT ${JSON.stringify({ browser: `Chromium ${version}`, warmup: args.warmup, reps: args.reps, scenarios })}\n`);
