// Every public function on good input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as q from '../dist/index.js';
import { readTableFromFile } from '../dist/node.js';
import { expectError, expectOk, sampleBytes } from './helpers.mjs';

test('initWasm with and without bytes', async () => {
  expectOk(await q.initWasm());
  expectOk(await q.initWasm(readFileSync(new URL('../dist/quiver.wasm', import.meta.url))));
});

test('readTableFromArrayBuffer detects file and stream; getSchemaSummary', async () => {
  for (const format of ['file', 'stream']) {
    const bytes = sampleBytes(format);
    for (const data of [bytes, bytes.slice().buffer]) {
      const h = expectOk(await q.readTableFromArrayBuffer(data));
      assert.equal(h.kind, 'quiver.table');
      const summary = expectOk(await q.getSchemaSummary(h));
      assert.deepEqual(summary.columns.map((c) => [c.name, c.arrowType, c.nullable]), [
        ['id', 'Int64', true],
        ['name', 'Utf8', true],
        ['score', 'Float64', true],
        ['flag', 'Boolean', true],
        ['at', 'Timestamp(ms, "UTC")', true],
        ['tags', 'List<Int32>', true],
        ['point', 'Struct<x: Int32, y: Utf8>', true],
      ]);
      expectOk(await q.freeTable(h));
    }
  }
});

test('explicit formats', async () => {
  const file = sampleBytes('file');
  for (const format of ['arrow-file', 'feather']) {
    const h = expectOk(await q.readTableFromArrayBuffer(file, { format }));
    expectOk(await q.freeTable(h));
  }
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes('stream'), { format: 'arrow-stream', validate: 'full' }));
  expectOk(await q.freeTable(h));
});

test('getTableInfo and getSchema', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const info = expectOk(await q.getTableInfo(h));
  assert.equal(info.rows, 4);
  assert.equal(info.columns, 7);
  assert.equal(info.batches, 1);
  assert.ok(info.bytes > 0);
  assert.deepEqual(info.codecs, ['none']);
  const schema = expectOk(await q.getSchema(h));
  const at = schema.fields[4];
  assert.equal(at.type.id, 'timestamp');
  assert.equal(at.type.unit, 'ms');
  assert.equal(at.type.timezone, 'UTC');
  const tags = schema.fields[5];
  assert.equal(tags.type.children[0].type.name, 'Int32');
  assert.deepEqual(schema.fields[6].type.children.map((f) => f.name), ['x', 'y']);
  expectOk(await q.freeTable(h));
});

test('getRows converts every kind of value', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const rows = expectOk(await q.getRows(h));
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], { id: 1n, name: 'a', score: 0.5, flag: true, at: 0n, tags: [1, 2], point: { x: 1, y: 'p' } });
  assert.equal(rows[1].name, null);
  assert.ok(Number.isNaN(rows[2].score));
  assert.equal(rows[2].tags, null);
  assert.equal(rows[2].point, null);
  assert.deepEqual(expectOk(await q.getRows(h, { offset: 3, limit: 10 })).map((r) => r.id), [4n]);
  assert.deepEqual(expectOk(await q.getRows(h, { offset: 4 })), []);
  expectOk(await q.freeTable(h));
});

test('getColumn: typed arrays, validity and value arrays', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const id = expectOk(await q.getColumn(h, 'id'));
  assert.ok(id.values instanceof BigInt64Array);
  assert.deepEqual([...id.values], [1n, 2n, 3n, 4n]);
  assert.equal(id.validity, null);
  const score = expectOk(await q.getColumn(h, 2));
  assert.ok(score.values instanceof Float64Array);
  const name = expectOk(await q.getColumn(h, 'name'));
  assert.deepEqual(name.values, ['a', null, 'c', 'd']);
  assert.equal(name.nullCount, 1);
  const tags = expectOk(await q.getColumn(h, 'tags'));
  assert.deepEqual(tags.values, [[1, 2], [], null, [3]]);
  const asArray = expectOk(await q.getColumn(h, 'id', { asArray: true }));
  assert.deepEqual(asArray.values, [1n, 2n, 3n, 4n]);
  expectOk(await q.freeTable(h));
});

test('getColumn with nulls in a numeric column gives validity', async () => {
  const { Table, Int32, vectorFromArray, tableToIPC } = await import('apache-arrow');
  const t = new Table({ v: vectorFromArray([1, null, 3], new Int32()) });
  const h = expectOk(await q.readTableFromArrayBuffer(tableToIPC(t, 'stream')));
  const col = expectOk(await q.getColumn(h, 'v'));
  assert.ok(col.values instanceof Int32Array);
  assert.deepEqual([...col.validity], [1, 0, 1]);
  assert.deepEqual(expectOk(await q.getColumn(h, 'v', { asArray: true })).values, [1, null, 3]);
  expectOk(await q.freeTable(h));
});

test('selectColumns, slice and concatTables make new handles that share data', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const sel = expectOk(await q.selectColumns(h, ['score', 0]));
  assert.deepEqual(expectOk(await q.getSchemaSummary(sel)).columns.map((c) => c.name), ['score', 'id']);
  const sl = expectOk(await q.slice(h, 1, 2));
  assert.deepEqual(expectOk(await q.getRows(sl)).map((r) => r.id), [2n, 3n]);
  const rest = expectOk(await q.slice(h, 3));
  assert.equal(expectOk(await q.getTableInfo(rest)).rows, 1);
  const cat = expectOk(await q.concatTables([h, sl, rest]));
  assert.equal(expectOk(await q.getTableInfo(cat)).rows, 7);
  expectOk(await q.freeTable(h));
  assert.deepEqual(expectOk(await q.getRows(cat, { offset: 4 })).map((r) => r.id), [2n, 3n, 4n]);
  for (const x of [sel, sl, rest, cat]) expectOk(await q.freeTable(x));
});

test('writeTableToIpc: boolean and options round trip', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const plain = expectOk(await q.writeTableToIpc(h, false));
  assert.ok(plain instanceof ArrayBuffer);
  assert.equal(new TextDecoder().decode(new Uint8Array(plain, 0, 6)), 'ARROW1');
  const lz4 = expectOk(await q.writeTableToIpc(h, true));
  for (const options of [{}, { format: 'stream' }, { compression: 'zstd', level: 5 }, { format: 'stream', compression: 'lz4', metadata: { origin: 'test' } }]) {
    const bytes = expectOk(await q.writeTableToIpc(h, options));
    const back = expectOk(await q.readTableFromArrayBuffer(bytes));
    const info = expectOk(await q.getTableInfo(back));
    assert.equal(info.rows, 4);
    assert.deepEqual(info.codecs, [options.compression ?? 'none']);
    if (options.metadata) assert.equal(expectOk(await q.getSchema(back)).metadata.origin, 'test');
    expectOk(await q.freeTable(back));
  }
  const fromLz4 = expectOk(await q.readTableFromArrayBuffer(lz4));
  assert.deepEqual(expectOk(await q.getTableInfo(fromLz4)).codecs, ['lz4']);
  assert.deepEqual(expectOk(await q.getRows(fromLz4, { limit: 1 }))[0].name, 'a');
  expectOk(await q.freeTable(fromLz4));
  const feather = expectOk(await q.writeTableToFeather(h, { compression: 'zstd' }));
  const fromFeather = expectOk(await q.readTableFromArrayBuffer(feather, { format: 'feather' }));
  expectOk(await q.freeTable(fromFeather));
  expectOk(await q.freeTable(h));
});

test('readTableFromBlob, readTableFromStream and readTableFromFile', async () => {
  const bytes = sampleBytes('stream');
  const a = expectOk(await q.readTableFromBlob(new Blob([bytes.subarray(0, 10), bytes.subarray(10)])));
  const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 100), bytes.subarray(100)];
  const stream = new ReadableStream({
    pull(controller) {
      const c = chunks.shift();
      if (c === undefined) controller.close();
      else controller.enqueue(c);
    },
  });
  const b = expectOk(await q.readTableFromStream(stream));
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = `${mkdtempSync(`${tmpdir()}/quiver-`)}/t.arrows`;
  writeFileSync(path, bytes);
  const c = expectOk(await readTableFromFile(path));
  for (const h of [a, b, c]) {
    assert.equal(expectOk(await q.getTableInfo(h)).rows, 4);
    expectOk(await q.freeTable(h));
  }
  expectError(await readTableFromFile(`${path}.missing`), 'io', /cannot open/);
});

test('registerPlugin reports that no plugin is registered', async () => {
  expectError(await q.registerPlugin('geo'), 'plugin', "no plugin 'geo' is loaded");
  expectError(await q.registerPlugin(''), 'invalid_argument');
});

test('memoryStats counts handles and copies', async () => {
  const before = expectOk(await q.memoryStats());
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const during = expectOk(await q.memoryStats());
  assert.equal(during.liveHandles, before.liveHandles + 1);
  assert.ok(during.bytesCopiedIn > before.bytesCopiedIn);
  assert.ok(during.heapSize >= during.heapInUse);
  assert.ok(during.heapPeak >= during.heapInUse);
  expectOk(await q.freeTable(h));
  assert.equal(expectOk(await q.memoryStats()).liveHandles, before.liveHandles);
});

test('Symbol.dispose frees the handle', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const live = expectOk(await q.memoryStats()).liveHandles;
  h[Symbol.dispose]();
  assert.equal(expectOk(await q.memoryStats()).liveHandles, live - 1);
  expectError(await q.getTableInfo(h), 'invalid_handle');
  h[Symbol.dispose](); // a second dispose does nothing
});

test('buildInfo lists the codecs', async () => {
  const info = expectOk(await q.buildInfo());
  assert.equal(info.codecs.lz4, true);
  assert.equal(info.codecs.zstd, true);
});

test('getBatch iterates batches; the incremental writer streams bytes out', async () => {
  const { tableFromIPC } = await import('apache-arrow');
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const twice = expectOk(await q.concatTables([h, h]));
  const info = expectOk(await q.getTableInfo(twice));
  assert.equal(info.batches, 2);
  for (const format of ['file', 'stream']) {
    const writer = expectOk(await q.createIpcWriter({ format, compression: 'lz4', metadata: { part: 'yes' } }));
    assert.equal(writer.kind, 'quiver.writer');
    const parts = [];
    for (let i = 0; i < info.batches; i += 1) {
      const batch = expectOk(await q.getBatch(twice, i));
      assert.equal(expectOk(await q.getTableInfo(batch)).rows, 4);
      parts.push(new Uint8Array(expectOk(await q.writeToIpcWriter(writer, batch))));
      expectOk(await q.freeTable(batch));
    }
    parts.push(new Uint8Array(expectOk(await q.finishIpcWriter(writer))));
    assert.equal(expectOk(await q.memoryStats()).liveWriters, 0);
    const whole = new Uint8Array(await new Blob(parts).arrayBuffer());
    const back = expectOk(await q.readTableFromArrayBuffer(whole));
    assert.equal(expectOk(await q.getTableInfo(back)).rows, 8);
    assert.equal(expectOk(await q.getSchema(back)).metadata.part, 'yes');
    expectOk(await q.freeTable(back));
  }
  expectOk(await q.freeTable(twice));
  expectOk(await q.freeTable(h));
});

test('getRows gives float16 and float32 values exactly as stored (found by the model-based test)', async () => {
  const { Float16, Float32, Table: ArrowTable, tableToIPC, vectorFromArray } = await import('apache-arrow');
  const halfs = [0.0999755859375, 65504, 5.960464477539063e-8, -2.5, -0, Infinity];
  const singles = [1147.1572265625, Math.fround(0.1), 3.4028234663852886e38, 1.401298464324817e-45, -0, -Infinity];
  const source = new ArrowTable({ h: vectorFromArray(halfs, new Float16()), f: vectorFromArray(singles, new Float32()) });
  const t = expectOk(await q.readTableFromArrayBuffer(tableToIPC(source, 'stream')));
  const rows = expectOk(await q.getRows(t));
  assert.deepEqual(rows.map((r) => r.h), halfs);
  assert.deepEqual(rows.map((r) => r.f), singles);
  assert.deepEqual(Array.from(expectOk(await q.getColumn(t, 'f')).values), singles);
  expectOk(await q.freeTable(t));
});
