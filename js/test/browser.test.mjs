// A smoke test in a real browser: Debian's Chromium driven by playwright-core loads the
// package from dist/ over HTTP; initWasm() finds quiver.wasm beside the module with fetch,
// and a Blob is read, inspected and written. Skipped when /usr/bin/chromium is absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleBytes } from './helpers.mjs';

const CHROMIUM = '/usr/bin/chromium';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test('Chromium: initWasm, readTableFromBlob, getSchemaSummary, writeTableToIpc', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const { chromium } = await import('playwright-core');
  const page = '<!doctype html><meta charset="utf-8"><script type="module">window.quiver = await import("./index.js"); window.ready = true;</script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
  const result = await tab.evaluate(async (bytes) => {
    const q = window.quiver;
    const started = await q.initWasm();
    if (!started.ok) return { step: 'init', started };
    const table = await q.readTableFromBlob(new Blob([new Uint8Array(bytes)]));
    if (!table.ok) return { step: 'read', table };
    const summary = await q.getSchemaSummary(table.value);
    const rows = await q.getRows(table.value, { limit: 1 });
    const lz4 = await q.writeTableToIpc(table.value, true);
    const freed = await q.freeTable(table.value);
    const again = await q.freeTable(table.value);
    return {
      columns: summary.ok ? summary.value.columns.map((c) => c.arrowType) : summary,
      firstId: rows.ok ? String(rows.value[0].id) : rows,
      lz4: lz4.ok ? lz4.value.byteLength > 0 : lz4,
      freed: freed.ok,
      again: again.ok ? 'ok' : again.code,
      garbage: (await q.readTableFromArrayBuffer(new Uint8Array([1, 2, 3, 4, 5]))).code,
    };
  }, Array.from(sampleBytes('stream')));
  await browser.close();
  server.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    columns: ['Int64', 'Utf8', 'Float64', 'Boolean', 'Timestamp(ms, "UTC")', 'List<Int32>', 'Struct<x: Int32, y: Utf8>'],
    firstId: '1',
    lz4: true,
    freed: true,
    again: 'invalid_handle',
    garbage: 'invalid_input',
  });
});
