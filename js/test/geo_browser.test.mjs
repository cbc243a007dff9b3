// The geometry plugin in headless Chromium: the page loads the core from /quiver/ and the
// plugin package from /geo/ (its .wasm fetched beside its module), reads a WKB table and asks
// for bounds (no column bytes copied) and WKT, and round-trips it through LZ4 IPC and Parquet
// with the plugin's GeoParquet metadata, as in Node (test/geo.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Binary, Field, Schema, Table, makeData, RecordBatch, Struct, tableToIPC, vectorFromArray } from 'apache-arrow';

const CHROMIUM = '/usr/bin/chromium';
const roots = {
  '/quiver/': fileURLToPath(new URL('../dist/', import.meta.url)),
  '/geo/': fileURLToPath(new URL('../../plugins/geo/js/dist/', import.meta.url)),
};
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

function wkb(x, y) {
  const b = new DataView(new ArrayBuffer(21));
  b.setUint8(0, 1);
  b.setUint32(1, 1, true);
  b.setFloat64(5, x, true);
  b.setFloat64(13, y, true);
  return new Uint8Array(b.buffer);
}

function table() {
  const field = new Field('geom', new Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', '{}']]));
  const schema = new Schema([field]);
  const data = vectorFromArray([wkb(1, 2), null, wkb(-3, 7)], new Binary()).data[0];
  return tableToIPC(new Table([new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 3, children: [data] }))]), 'stream');
}

test('Chromium: the geometry plugin loads into the core and works in place', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const page = '<!doctype html><meta charset="utf-8"><script type="module">window.quiver = await import("/quiver/index.js"); window.geo = await import("/geo/index.js"); window.ready = true;</script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const file = prefix === undefined ? '' : normalize(join(roots[prefix], path.slice(prefix.length)));
    if (prefix === undefined || !file.startsWith(roots[prefix]) || !existsSync(file)) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const errors = [];
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 30000 });
  const result = await tab.evaluate(async (bytes) => {
    const q = window.quiver;
    const ops = await q.loadPlugin(window.geo.geoPlugin);
    if (!ops.ok) return { step: 'load', ops };
    const t = await q.readTableFromArrayBuffer(new Uint8Array(bytes));
    if (!t.ok) return { step: 'read', t };
    const before = await q.memoryStats();
    const bounds = await ops.value.bounds(t.value, 'geom');
    const after = await q.memoryStats();
    const wkt = await ops.value.toWkt(t.value, 'geom');
    const rows = wkt.ok ? await q.getRows(wkt.value) : wkt;
    // Round trips as in Node: LZ4 IPC, and Parquet with the plugin's complete geo value.
    const trips = [];
    const geo = await ops.value.geoParquetMetadata(t.value, ['geom']);
    if (!geo.ok) return { step: 'geo', geo };
    const ipc = await q.writeTableToIpc(t.value, { compression: 'lz4' });
    const parquet = await q.writeTableToParquet(t.value, { metadata: { geo: geo.value } });
    for (const bytes of [ipc, parquet]) {
      if (!bytes.ok) return { step: 'write', bytes };
      const again = await q.readTableFromArrayBuffer(bytes.value);
      if (!again.ok) return { step: 'reread', again };
      const s = await q.getSchema(again.value);
      const b = await ops.value.bounds(again.value, 'geom');
      trips.push([s.ok ? s.value.fields[0].type.extensionName : s, b.ok ? b.value : b]);
    }
    const pm = parquet.ok ? await q.getParquetMetadata(parquet.value) : parquet;
    return {
      bounds: bounds.ok ? bounds.value : bounds,
      copiedIn: before.ok && after.ok ? after.value.bytesCopiedIn - before.value.bytesCopiedIn : null,
      wkt: rows.ok ? rows.value.map((r) => r.geom) : rows,
      trips,
      geo: pm.ok ? JSON.parse(pm.value.metadata.geo).columns.geom : pm,
    };
  }, Array.from(table()));
  await browser.close();
  server.close();
  assert.deepEqual(errors, []);
  const box = { xmin: -3, ymin: 2, xmax: 1, ymax: 7 };
  assert.deepEqual(result, {
    bounds: box,
    copiedIn: 0,
    wkt: ['POINT (1 2)', null, 'POINT (-3 7)'],
    trips: [['geoarrow.wkb', box], ['geoarrow.wkb', box]],
    geo: { encoding: 'WKB', geometry_types: ['Point'], bbox: [-3, 2, 1, 7], crs: null },
  });
});
