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

// LZ4 in WASM against native, from bench/codec_throughput.cc run both ways on the same data.
function lz4Row(ct) {
  const goal = 'LZ4 in WASM >= 70 % (compress) / 80 % (decompress) of native';
  const nat = ct?.native?.codecs?.find((c) => c.codec === 'lz4_frame');
  const wasm = ct?.wasm?.codecs?.find((c) => c.codec === 'lz4_frame');
  if (!nat || !wasm) return [goal, `no measurement (${ct?.native?.error ?? ct?.wasm?.error ?? 'codec throughput not run'})`, 'unknown'];
  const c = wasm.compressMBps / nat.compressMBps, d = wasm.decompressMBps / nat.decompressMBps;
  const met = [c >= 0.7 ? null : `compress ${Math.round(c * 100)} % < 70 %`, d >= 0.8 ? null : `decompress ${Math.round(d * 100)} % < 80 %`].filter(Boolean);
  return [goal, `compress ${Math.round(c * 100)} % (${Math.round(wasm.compressMBps)} / ${Math.round(nat.compressMBps)} MB/s), `
    + `decompress ${Math.round(d * 100)} % (${Math.round(wasm.decompressMBps)} / ${Math.round(nat.decompressMBps)} MB/s)`, met.length ? `no (${met.join(', ')})` : 'yes'];
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
  rows.push(lz4Row(doc.codecThroughput));
  // Results from before the variants were named list js/dist's module by artifact only.
  const size = (variant, goal, limit, artifact = null) => {
    const s = doc.sizes.find((x) => x.variant?.startsWith(variant) || (artifact && !x.variant && x.artifact === artifact));
    if (!s || s.missing) return [goal, s?.missing ?? 'no such variant in this run', 'unknown'];
    return row(goal, [s.brotli / 1000], limit, (x) => `${x.toFixed(0)} KB (${s.brotli.toLocaleString('en')} bytes)`);
  };
  rows.push(size('core, IPC only', 'Size: core (IPC + LZ4 + ZSTD) <= 300 KB brotli', 300));
  rows.push(size('core, full package', 'Size: full default package <= 900 KB brotli', 900, 'js/dist/quiver.wasm'));
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
