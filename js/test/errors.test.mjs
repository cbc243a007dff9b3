// Every error path: bad bytes, bad handles, bad options, bad arguments, traps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as q from '../dist/index.js';
import { expectError, expectOk, sampleBytes } from './helpers.mjs';

test('garbage bytes are invalid_input', async () => {
  expectError(await q.readTableFromArrayBuffer(new TextEncoder().encode('hello, world')), 'invalid_input',
    'expected Arrow IPC, Feather or Parquet data but found bytes 68 65 6c 6c');
});

test('too few bytes and empty input are truncated', async () => {
  expectError(await q.readTableFromArrayBuffer(new Uint8Array([0xff, 0xff])), 'truncated');
  expectError(await q.readTableFromArrayBuffer(new Uint8Array(0)), 'truncated');
});

test('truncated files and streams fail cleanly at every cut', async () => {
  for (const format of ['file', 'stream']) {
    const bytes = sampleBytes(format);
    for (let n = 1; n < bytes.length; n += Math.max(1, Math.floor(bytes.length / 40))) {
      const r = await q.readTableFromArrayBuffer(bytes.subarray(0, n));
      assert.equal(r.ok, false, `${format} cut at ${n} of ${bytes.length} read successfully`);
      assert.ok(['truncated', 'invalid_input'].includes(r.code), `${format} cut at ${n}: ${r.code} ${r.error}`);
    }
  }
  expectError(await q.readTableFromArrayBuffer(sampleBytes('stream').subarray(0, 100)), 'truncated');
});

test('corrupted bytes never crash the instance', async () => {
  const bytes = sampleBytes('file');
  let seed = 12345;
  for (let i = 0; i < 300; i += 1) {
    const copy = bytes.slice();
    for (let k = 0; k < 4; k += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      copy[seed % copy.length] = seed & 0xff;
    }
    const r = await q.readTableFromArrayBuffer(copy);
    if (r.ok) expectOk(await q.freeTable(r.value));
    else assert.notEqual(r.code, 'internal', `seed ${seed}: ${r.error}`);
  }
  expectOk(await q.memoryStats());
});

test('wrong format: a stream read as a file, a file as a stream', async () => {
  assert.equal((await q.readTableFromArrayBuffer(sampleBytes('stream'), { format: 'arrow-file' })).ok, false);
  assert.equal((await q.readTableFromArrayBuffer(sampleBytes('file'), { format: 'arrow-stream' })).ok, false);
  expectError(await q.readTableFromArrayBuffer(sampleBytes(), { format: 'csv' }), 'invalid_argument');
  expectError(await q.readTableFromArrayBuffer(sampleBytes(), { validate: 'paranoid' }), 'invalid_argument');
});

test('an empty Parquet footer is invalid input; Feather v1 is unsupported', async () => {
  const parquet = new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0, 0, 0x50, 0x41, 0x52, 0x31]);
  const expected = 'footer: expected more thrift bytes but found the end of the input';
  expectError(await q.readTableFromArrayBuffer(parquet), 'invalid_input', expected);
  expectError(await q.readTableFromArrayBuffer(parquet, { format: 'parquet' }), 'invalid_input', expected);
  expectError(await q.readTableFromBlob(new Blob([parquet])), 'invalid_input', expected);
  expectError(await q.readTableFromArrayBuffer(new TextEncoder().encode('FEA1....')), 'unsupported', /Feather v1/);
});

test('double free, use after free and stale handles are invalid_handle', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectOk(await q.freeTable(h));
  expectError(await q.freeTable(h), 'invalid_handle', /it was freed/);
  expectError(await q.getSchemaSummary(h), 'invalid_handle');
  expectError(await q.getRows(h), 'invalid_handle');
  expectError(await q.writeTableToIpc(h, false), 'invalid_handle');
  expectError(await q.selectColumns(h, [0]), 'invalid_handle');
  expectError(await q.slice(h, 0, 1), 'invalid_handle');
  // The slot is reused with a new generation: the old handle stays invalid.
  const h2 = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  assert.notEqual(h2.id, h.id);
  expectError(await q.getTableInfo(h), 'invalid_handle');
  expectError(await q.concatTables([h2, h]), 'invalid_handle');
  expectOk(await q.freeTable(h2));
});

test('forged handles are invalid_handle', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  for (const forged of [{ kind: 'quiver.table', id: h.id }, { ...h }, null, undefined, 42, 'x']) {
    expectError(await q.getTableInfo(forged), 'invalid_handle');
    expectError(await q.freeTable(forged), 'invalid_handle');
  }
  expectOk(await q.freeTable(h));
});

test('bad write options are invalid_argument', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await q.writeTableToIpc(h, { format: 'csv' }), 'invalid_argument', "expected format 'file' or 'stream' but found 'csv'");
  expectError(await q.writeTableToIpc(h, { compression: 'snappy' }), 'invalid_argument');
  expectError(await q.writeTableToIpc(h, { level: 1.5 }), 'invalid_argument');
  expectError(await q.writeTableToIpc(h, { metadata: { k: 7 } }), 'invalid_argument');
  expectError(await q.writeTableToIpc(h, { metadata: { 'a\0b': 'c' } }), 'invalid_argument');
  expectError(await q.writeTableToIpc(h, null), 'invalid_argument');
  expectError(await q.writeTableToIpc(h, 'yes'), 'invalid_argument');
  expectError(await q.writeTableToFeather(h, { compression: 'brotli' }), 'invalid_argument');
  expectOk(await q.freeTable(h));
});

test('bad arguments are invalid_argument', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await q.readTableFromArrayBuffer('not bytes'), 'invalid_argument');
  expectError(await q.readTableFromBlob(new Uint8Array(4)), 'invalid_argument');
  expectError(await q.readTableFromStream({}), 'invalid_argument');
  expectError(await q.selectColumns(h, ['nope']), 'invalid_argument', "expected a column name of the table but found 'nope'");
  expectError(await q.selectColumns(h, [7]), 'invalid_argument');
  expectError(await q.selectColumns(h, 'id'), 'invalid_argument');
  expectError(await q.slice(h, 3, 5), 'invalid_argument');
  expectError(await q.slice(h, -1, 1), 'invalid_argument');
  expectError(await q.slice(h, 0.5), 'invalid_argument');
  expectError(await q.concatTables([]), 'invalid_argument');
  expectError(await q.getColumn(h, 'missing'), 'invalid_argument');
  expectError(await q.getColumn(h, -1), 'invalid_argument');
  expectError(await q.getRows(h, { offset: -1 }), 'invalid_argument');
  expectError(await q.getRows(h, { offset: 9 }), 'invalid_argument');
  expectError(await q.registerPlugin(5), 'invalid_argument');
  expectError(await q.initWasm('bytes'), 'invalid_argument');
  const schemaA = expectOk(await q.selectColumns(h, [0]));
  expectError(await q.concatTables([h, schemaA]), 'invalid_argument');
  expectOk(await q.freeTable(schemaA));
  expectOk(await q.freeTable(h));
});

test('a stream that fails or yields non-bytes is an error', async () => {
  const failing = new ReadableStream({ pull(c) { c.error(new Error('network down')); } });
  expectError(await q.readTableFromStream(failing), 'io', /network down/);
  const wrong = new ReadableStream({ pull(c) { c.enqueue('text'); } });
  expectError(await q.readTableFromStream(wrong), 'invalid_argument');
  // The instance is still fine afterwards.
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectOk(await q.freeTable(h));
});

test('a trap becomes internal, marks the instance unusable, and initWasm starts a new one', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const wasm = await import('../dist/wasm.js');
  const inst = expectOk(await wasm.instance());
  const trapped = wasm.guarded(inst, () => {
    inst.module.trapForTesting();
    return { ok: true, value: undefined };
  });
  expectError(trapped, 'internal', /unusable/);
  assert.match(trapped.details.cause, /RuntimeError/);
  expectError(await q.getTableInfo(h), 'internal');
  expectError(await q.readTableFromArrayBuffer(sampleBytes()), 'internal');
  expectError(await q.memoryStats(), 'internal');
  expectOk(await q.initWasm());
  expectError(await q.getTableInfo(h), 'invalid_handle', /replaced/);
  const h2 = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectOk(await q.freeTable(h2));
});

test('writer errors: bad options, wrong schema, wrong handle kinds, use after finish', async () => {
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await q.createIpcWriter({ compression: 'gzip' }), 'invalid_argument');
  expectError(await q.createIpcWriter('x'), 'invalid_argument');
  const w = expectOk(await q.createIpcWriter());
  expectError(await q.finishIpcWriter(w), 'invalid_argument', 'expected at least one table written before finishing but found none');
  expectOk(await q.writeToIpcWriter(w, h));
  const narrow = expectOk(await q.selectColumns(h, [0]));
  expectError(await q.writeToIpcWriter(w, narrow), 'invalid_argument', /schema of the writer's first table/);
  expectError(await q.writeToIpcWriter(h, h), 'invalid_handle', /IPC writer/);
  expectError(await q.writeToIpcWriter(w, w), 'invalid_handle', /table handle/);
  expectError(await q.freeTable(w), 'invalid_handle');
  expectOk(await q.finishIpcWriter(w));
  expectError(await q.writeToIpcWriter(w, h), 'invalid_handle', /it was freed/);
  expectError(await q.finishIpcWriter(w), 'invalid_handle');
  const w2 = expectOk(await q.createIpcWriter({ format: 'stream' }));
  expectOk(await q.freeIpcWriter(w2));
  expectError(await q.freeIpcWriter(w2), 'invalid_handle');
  expectError(await q.getBatch(h, 1), 'invalid_argument', 'expected a batch index below 1 but found 1');
  expectError(await q.getBatch(h, -1), 'invalid_argument');
  expectOk(await q.freeTable(narrow));
  expectOk(await q.freeTable(h));
});
