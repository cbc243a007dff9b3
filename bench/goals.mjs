// The goals of issue 9 checked against one run's medians (mix dataset), as markdown rows:
// goal, measured, met. A goal without the numbers it needs says so instead of passing.
const ok = (r) => r?.status === 'ok';

function ratios(sc, pick, peer) {
  return sc.filter(pick).map((s) => (ok(s.results.quiver) && ok(s.results[peer]) ? s.results.quiver.median / s.results[peer].median : null));
}

function row(goal, xs, limit, label = (x) => `${x.toFixed(2)}x`) {
  if (!xs.length) return [goal, 'no scenario in this run', '–'];
  if (xs.some((x) => x === null)) return [goal, `${xs.filter((x) => x === null).length} of ${xs.length} scenarios without a number`, 'unknown'];
  const worst = Math.max(...xs);
  const measured = xs.length === 1 ? label(worst) : `worst ${label(worst)} over ${xs.length} scenarios (best ${label(Math.min(...xs))})`;
  return [goal, measured, worst <= limit ? 'yes' : `no (${(worst / limit).toFixed(1)}× the limit)`];
}

export function goalRows(doc, manifest) {
  const sc = doc.scenarios.filter((s) => s.ds === 'mix');
  const is = (kind, extra = {}) => (s) => s.kind === kind && Object.entries(extra).every(([k, v]) => (Array.isArray(v) ? v.includes(s[k]) : s[k] === v));
  const rows = [];
  for (const codec of ['snappy', 'zstd', 'none']) {
    rows.push(row(`Parquet read ${codec}, whole + projected: <= 0.5x parquet-wasm`, ratios(sc, is('pq-read', { codec, read: ['whole', 'column'] }), 'parquet-wasm'), 0.5));
  }
  for (const codec of ['snappy', 'zstd', 'none']) {
    rows.push(row(`Parquet write ${codec}: <= 0.5x parquet-wasm`, ratios(sc, is('pq-write', { codec }), 'parquet-wasm'), 0.5));
    rows.push(row(`Parquet write ${codec}: <= 1x DuckDB (1 thread)`, ratios(sc, is('pq-write', { codec }), 'duckdb'), 1));
  }
  for (const kind of ['ipc-write', 'ipc-read']) {
    rows.push(row(`IPC ${kind.slice(4)} LZ4: <= 0.2x apache-arrow JS + lz4js`, ratios(sc, is(kind, { compression: 'lz4' }), 'apache-arrow'), 0.2));
    rows.push(row(`IPC ${kind.slice(4)} uncompressed: <= 1x apache-arrow JS`, ratios(sc, is(kind, { compression: 'none' }), 'apache-arrow'), 1));
  }
  rows.push(['LZ4 in WASM >= 70 % (compress) / 80 % (decompress) of native', 'native figures in the microbenchmarks below; no WASM build of them yet', 'unknown']);
  const wasm = doc.sizes.find((s) => s.artifact.endsWith('quiver.wasm'));
  rows.push(['Size: core (IPC + LZ4 + ZSTD) <= 300 KB brotli', 'no core-only build variant yet', 'unknown']);
  rows.push(wasm ? row('Size: full default package <= 900 KB brotli', [wasm.brotli / 1000], 900, (x) => `${x.toFixed(0)} KB`) : ['Size', 'no js/dist', 'unknown']);
  // Memory: WASM memory (an upper bound of the peak) against file + decoded Arrow + 2 of 8 row groups.
  const mem = sc.filter(is('pq-read', { read: 'whole' })).map((s) => {
    const q = s.results.quiver;
    if (!ok(q) || !q.heapSize) return null;
    const info = manifest?.datasets[s.ds]?.files[`${s.ds}.${s.writer}.${s.codec}.parquet`];
    if (!info) return null;
    const file = info.bytes, arrow = doc.datasets[s.ds].arrowBytes;
    return q.heapSize / (file + arrow + (2 * arrow) / 8);
  });
  const memRow = row('Memory: Parquet read peak <= file + decoded Arrow + ~2 row groups (whole reads; WASM memory size / that bound)', mem, 1);
  // WASM memory never shrinks and includes the module's initial 16 MiB: above the bound it proves nothing.
  if (memRow[2].startsWith('no')) memRow[2] = 'not shown (WASM memory is only an upper bound of the peak)';
  rows.push(memRow);
  return rows;
}
