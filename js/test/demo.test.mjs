// The demo page (examples/browser/demo, `make serve`) in headless Chromium: the server of
// js/scripts/serve.mjs runs in-process on a random port; a Parquet file made here with
// @quiver/core is opened through the file input; the page must show its format, schema tree,
// row groups and rows, page forward, convert to Arrow (LZ4) and Parquet (ZSTD) with downloads
// that read back to the same rows in Node, open an Arrow download and an IPC stream with map,
// binary and dictionary columns, show an error for a garbage file, and open a dropped file.
// A screenshot goes to build/demo-screenshot.png. Skipped when /usr/bin/chromium is absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Binary, Dictionary, Field, Float64, Int32, Int64, List, Map_, Struct, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { freeTable, getParquetMetadata, getRows, getTableInfo, readTableFromArrayBuffer, writeTableToParquet } from '../dist/index.js';
import { createDemoServer } from '../scripts/serve.mjs';
import { expectOk } from './helpers.mjs';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT = join(root, 'build', 'demo-screenshot.png');
const ROWS = 45;

function sampleTable() {
  const ids = [];
  const names = [];
  const scores = [];
  const tags = [];
  const points = [];
  for (let i = 0; i < ROWS; i += 1) {
    ids.push(BigInt(i));
    names.push(i % 7 === 3 ? null : `name <b>${i}</b>`);
    scores.push(i * 0.5);
    tags.push(i % 5 === 0 ? null : Array.from({ length: i % 4 }, (_, k) => i + k));
    points.push(i % 6 === 5 ? null : { x: i, y: `p${i}` });
  }
  return new Table({
    id: vectorFromArray(ids, new Int64()),
    name: vectorFromArray(names, new Utf8()),
    score: vectorFromArray(scores, new Float64()),
    tags: vectorFromArray(tags, new List(new Field('item', new Int32(), true))),
    point: vectorFromArray(points, new Struct([new Field('x', new Int32(), true), new Field('y', new Utf8(), true)])),
  });
}

/** Two rows of a map, a binary and a dictionary column, as an Arrow IPC stream. */
function otherTypesStream() {
  const entries = new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false);
  return tableToIPC(new Table({
    m: vectorFromArray([new Map([['a', 1], ['b', null]]), new Map()], new Map_(entries)),
    bin: vectorFromArray([new Uint8Array([1, 2, 255]), null], new Binary()),
    d: vectorFromArray(['x', 'y'], new Dictionary(new Utf8(), new Int32())),
  }), 'stream');
}

async function rowsOf(bytes) {
  const t = expectOk(await readTableFromArrayBuffer(bytes));
  const info = expectOk(await getTableInfo(t));
  const rows = expectOk(await getRows(t));
  expectOk(await freeTable(t));
  return { info, rows };
}

test('demo page: open Parquet, inspect, page, convert to Arrow LZ4 and Parquet ZSTD, IPC stream, garbage, drop', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium', timeout: 120000 }, async () => {
  // The input: Parquet (snappy) in three row groups of at most 20 rows.
  const source = expectOk(await readTableFromArrayBuffer(tableToIPC(sampleTable(), 'stream')));
  const parquet = new Uint8Array(expectOk(await writeTableToParquet(source, { compression: 'snappy', rowGroupRows: 20 })));
  const expected = expectOk(await getRows(source));
  expectOk(await freeTable(source));

  const { chromium } = await import('playwright-core');
  const server = createDemoServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const failed = [];
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 300)}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });

    // The server: MIME types, the package under /quiver/, nothing outside its roots.
    const wasm = await page.request.get(`${base}/quiver/quiver.wasm`);
    assert.equal(wasm.headers()['content-type'], 'application/wasm');
    assert.equal((await page.request.get(`${base}/demo.js`)).headers()['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await page.request.get(`${base}/demo.css`)).headers()['content-type'], 'text/css; charset=utf-8');
    assert.equal((await page.request.get(`${base}/quiver/../../package.json`)).status(), 404);
    assert.equal((await page.request.get(`${base}/%2e%2e/%2e%2e/js/package.json`)).status(), 404);

    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById('status').dataset.state === 'ready', null, { timeout: 30000 });
    assert.match(await page.textContent('#status'), /^Ready: @quiver\/core/);

    // Open the Parquet file.
    await page.setInputFiles('#file', { name: 'sample.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(parquet) });
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Opened sample.parquet', null, { timeout: 30000 });
    assert.equal(await page.isHidden('#error'), true);
    assert.equal(await page.textContent('#format'), 'Parquet');
    assert.equal(await page.textContent('#rows'), String(ROWS));
    assert.equal(await page.textContent('#columns'), '5');
    assert.equal(await page.textContent('#parts-label'), 'Row groups');
    assert.equal(await page.textContent('#parts'), '3');
    assert.equal(await page.textContent('#codecs'), 'SNAPPY');

    // The schema tree: top-level fields, with list and struct children one level down.
    const tree = await page.evaluate(() => {
      const walk = (ul) => Array.from(ul.children, (li) => ({
        name: li.querySelector(':scope > .field-line > .field-name').textContent,
        type: li.querySelector(':scope > .field-line > .field-type').textContent,
        children: li.querySelector(':scope > ul') === null ? [] : walk(li.querySelector(':scope > ul')),
      }));
      return walk(document.getElementById('schema'));
    });
    assert.deepEqual(tree.map((f) => [f.name, f.type]), [['id', 'Int64'], ['name', 'Utf8'], ['score', 'Float64'], ['tags', 'List<Int32>'], ['point', 'Struct<x: Int32, y: Utf8>']]);
    assert.deepEqual(tree[3].children.map((f) => [f.name, f.type, f.children.length]), [['item', 'Int32', 0]]);
    assert.deepEqual(tree[4].children.map((f) => [f.name, f.type]), [['x', 'Int32'], ['y', 'Utf8']]);

    // Row groups from the footer: rows, and a codec per column chunk.
    const groups = await page.$$eval('#layout tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
    assert.deepEqual(groups.map((g) => g[1]), ['20', '20', '5']);
    assert.match(groups[0][4], /id: SNAPPY/);
    assert.match(groups[0][4], /point\.y: SNAPPY/);

    // The preview: 20 rows a page; text stays text (no markup from the data).
    const cells = () => page.$$eval('#preview tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
    const header = await page.$$eval('#preview thead th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(header, ['#', 'id', 'name', 'score', 'tags', 'point']);
    let shown = await cells();
    assert.equal(shown.length, 20);
    assert.deepEqual(shown[0], ['0', '0', 'name <b>0</b>', '0', 'null', '{"x":0,"y":"p0"}']);
    assert.deepEqual(shown[1], ['1', '1', 'name <b>1</b>', '0.5', '[1]', '{"x":1,"y":"p1"}']);
    assert.deepEqual(shown[3], ['3', '3', 'null', '1.5', '[3,4,5]', '{"x":3,"y":"p3"}']);
    assert.equal(await page.$$eval('#preview b', (bs) => bs.length), 0);
    assert.equal(await page.isDisabled('#prev'), true);
    assert.match(await page.textContent('#page'), /^Rows 1–20 of 45/);

    await page.click('#next');
    await page.waitForFunction(() => document.querySelector('#preview tbody td')?.textContent === '20');
    shown = await cells();
    assert.equal(shown.length, 20);
    assert.deepEqual(shown[0].slice(0, 4), ['20', '20', 'name <b>20</b>', '10']);
    await page.click('#next');
    await page.waitForFunction(() => document.querySelector('#preview tbody td')?.textContent === '40');
    assert.equal((await cells()).length, 5);
    assert.equal(await page.isDisabled('#next'), true);
    await page.click('#prev');
    await page.click('#prev');
    await page.waitForFunction(() => document.querySelector('#preview tbody td')?.textContent === '0');

    // Convert to an Arrow IPC file with LZ4: the download reads back to the same rows.
    const convert = async (target, codec) => {
      await page.selectOption('#target', target);
      await page.selectOption('#codec', codec);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#convert')]);
      const bytes = readFileSync(await download.path());
      assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
      return { name: download.suggestedFilename(), bytes };
    };
    const arrow = await convert('arrow-file', 'lz4');
    assert.equal(arrow.name, 'sample.lz4.arrow');
    assert.equal(arrow.bytes.subarray(0, 6).toString('latin1'), 'ARROW1');
    const arrowBack = await rowsOf(arrow.bytes);
    assert.deepEqual(arrowBack.rows, expected);
    assert.deepEqual(arrowBack.info.codecs, ['lz4']);
    assert.equal(arrowBack.info.batches, 3, 'written batch by batch');
    const progress = await page.$eval('#progress', (p) => [p.value, p.max]);
    assert.equal(progress[0], progress[1]);
    assert.equal(await page.textContent('#progress-text'), 'done');
    assert.match(await page.textContent('#result'), /^sample\.lz4\.arrow: /);

    // Convert to Parquet with ZSTD.
    const pq = await convert('parquet', 'zstd');
    assert.equal(pq.name, 'sample.zstd.parquet');
    const meta = expectOk(await getParquetMetadata(pq.bytes));
    assert.equal(meta.numRows, ROWS);
    assert.deepEqual([...new Set(meta.rowGroups.flatMap((g) => g.columns.map((c) => c.codec)))], ['ZSTD']);
    assert.deepEqual((await rowsOf(pq.bytes)).rows, expected);

    // The screenshot of the page with a file open and converted.
    mkdirSync(join(root, 'build'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(readFileSync(SCREENSHOT).length > 1000);

    // The Arrow download opened in the page: the IPC side (record batches, body codecs).
    await page.setInputFiles('#file', { name: arrow.name, mimeType: 'application/octet-stream', buffer: arrow.bytes });
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Opened sample.lz4.arrow', null, { timeout: 30000 });
    assert.equal(await page.textContent('#format'), 'Arrow IPC file');
    assert.equal(await page.textContent('#parts-label'), 'Record batches');
    assert.equal(await page.textContent('#parts'), '3');
    assert.equal(await page.textContent('#codecs'), 'lz4');
    const batches = await page.$$eval('#layout tbody tr', (trs) => trs.map((tr) => [tr.cells[1].textContent, tr.cells[3].textContent]));
    assert.deepEqual(batches, [['20', 'lz4'], ['20', 'lz4'], ['5', 'lz4']]);
    assert.deepEqual((await cells())[1], ['1', '1', 'name <b>1</b>', '0.5', '[1]', '{"x":1,"y":"p1"}']);

    // An Arrow IPC stream with a map, binary and dictionary columns: tree and rendering.
    await page.setInputFiles('#file', { name: 'types.arrows', mimeType: 'application/octet-stream', buffer: Buffer.from(otherTypesStream()) });
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Opened types.arrows', null, { timeout: 30000 });
    assert.equal(await page.textContent('#format'), 'Arrow IPC stream');
    assert.equal(await page.textContent('#codecs'), 'none');
    const mapTree = await page.$$eval('#schema > li', (lis) => lis.map((li) => Array.from(li.querySelectorAll('.field-name'), (n) => n.textContent).join(' ')));
    assert.deepEqual(mapTree, ['m entries key value', 'bin', 'd']);
    assert.deepEqual(await cells(), [['0', '[{"key":"a","value":1},{"key":"b","value":null}]', '0x0102ff', 'x'], ['1', '[]', 'null', 'y']]);

    // A garbage file: the error shows plainly, with its code, and the old table goes away.
    await page.setInputFiles('#file', { name: 'garbage.arrow', mimeType: 'application/octet-stream', buffer: Buffer.from('this file holds no Arrow data at all, only text', 'latin1') });
    await page.waitForSelector('#error:not([hidden])', { timeout: 30000 });
    assert.equal(await page.textContent('#error-code'), 'invalid_input');
    assert.match(await page.textContent('#error-message'), /^Reading garbage\.arrow: ./);
    assert.equal(await page.isHidden('#loaded'), true);
    assert.equal(await page.$eval('#status', (s) => s.dataset.state), 'error');

    // Handles: nothing left open (the garbage read freed the previous table).
    const stats = () => page.evaluate(async () => {
      const q = await import('/quiver/index.js');
      const s = await q.memoryStats();
      return s.ok ? [s.value.liveHandles, s.value.liveWriters, s.value.liveParquetReaders] : s;
    });
    assert.deepEqual(await stats(), [0, 0, 0]);

    // Drag and drop: a file dropped on the zone opens like a chosen one and clears the error.
    await page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.parquet'));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, Array.from(parquet));
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Opened dropped.parquet', null, { timeout: 30000 });
    assert.equal(await page.isHidden('#error'), true);
    assert.equal(await page.textContent('#rows'), String(ROWS));
    assert.deepEqual(await stats(), [1, 0, 0]);
  } finally {
    await browser.close();
    server.close();
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(failed, []);
});
