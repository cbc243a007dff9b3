// An SVG bar chart of Quiver's time / the main peer's time per scenario, on a log2 scale
// around 1 (left of 1: Quiver is faster). Scenarios where Quiver or the peer has no number
// are listed with the reason's status instead of a bar. No dependencies.
const PEERS = { 'ipc-read': ['apache-arrow'], 'ipc-write': ['apache-arrow'], 'pq-read': ['parquet-wasm'], 'pq-write': ['parquet-wasm', 'duckdb'] };
const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function ratioChart(scenarios, subtitle) {
  const rows = [];
  for (const s of scenarios) {
    for (const peer of PEERS[s.kind]) {
      const q = s.results.quiver, p = s.results[peer];
      const label = `${s.id} vs ${peer}`;
      if (q?.status === 'ok' && p?.status === 'ok') rows.push({ label, ratio: q.median / p.median });
      else {
        const st = (r) => (r?.status === 'na' ? 'n/a' : r?.status ?? 'missing');
        rows.push({ label, missing: q?.status !== 'ok' ? `Quiver ${st(q)}` : `${peer} ${st(p)}` });
      }
    }
  }
  const rowH = 16, top = 48, left = 330, plotW = 480, width = left + plotW + 90;
  const height = top + rows.length * rowH + 30;
  const span = 4; // 2^-4 .. 2^4
  const x = (r) => left + ((Math.max(-span, Math.min(span, Math.log2(r))) + span) / (2 * span)) * plotW;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">Quiver time / peer time (median; lower is better)</text>`,
    `<text x="10" y="34" fill="#555">${esc(subtitle)}; log scale, bars left of 1 are faster than the peer</text>`];
  for (let k = -span + 1; k < span; k++) {
    const gx = x(2 ** k);
    out.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + rows.length * rowH}" stroke="${k === 0 ? '#333' : '#ddd'}"/>`,
      `<text x="${gx}" y="${top + rows.length * rowH + 14}" text-anchor="middle" fill="#555">${k < 0 ? `1/${2 ** -k}` : 2 ** k}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${left - 6}" y="${y + 11}" text-anchor="end">${esc(r.label)}</text>`);
    if (r.missing) {
      out.push(`<text x="${x(1) + 4}" y="${y + 11}" fill="#999">${esc(r.missing)}</text>`);
      return;
    }
    const x0 = x(1), x1 = x(r.ratio);
    const color = r.ratio <= 1 ? '#2e7d32' : '#c62828';
    out.push(`<rect x="${Math.min(x0, x1)}" y="${y + 2}" width="${Math.max(1, Math.abs(x1 - x0))}" height="${rowH - 4}" fill="${color}"/>`,
      `<text x="${x1 + (r.ratio <= 1 ? -4 : 4)}" y="${y + 11}" text-anchor="${r.ratio <= 1 ? 'end' : 'start'}" fill="#000">${r.ratio.toFixed(2)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
