// Round trips with apache-arrow JS, including LZ4 and ZSTD bodies (lz4js and fzstd as its codecs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompressionType, compressionRegistry, tableFromIPC, tableToIPC } from 'apache-arrow';
import lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';
import * as q from '../dist/index.js';
import { expectOk, sampleArrowTable } from './helpers.mjs';

compressionRegistry.set(CompressionType.LZ4_FRAME, {
  encode: (data) => lz4.compress(data),
  decode: (data) => lz4.decompress(data).slice(),
});
// apache-arrow views decoded bodies in place, so they must start 8-aligned: copy them.
compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => zstdDecompress(data).slice() });

function plain(table) {
  return table.toArray().map((row) => {
    const o = row.toJSON();
    for (const [k, v] of Object.entries(o)) {
      if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') o[k] = v.toJSON();
      if (v !== null && typeof v === 'object' && typeof v.toArray === 'function') o[k] = Array.from(v.toArray());
    }
    return JSON.stringify(o, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
  });
}

test('apache-arrow -> quiver -> apache-arrow, every format and codec', async () => {
  const source = sampleArrowTable();
  for (const inFormat of ['file', 'stream']) {
    const h = expectOk(await q.readTableFromArrayBuffer(tableToIPC(source, inFormat)));
    for (const format of ['file', 'stream']) {
      for (const compression of ['none', 'lz4', 'zstd']) {
        const bytes = expectOk(await q.writeTableToIpc(h, { format, compression }));
        const back = tableFromIPC(new Uint8Array(bytes));
        assert.equal(back.numRows, 4, `${inFormat} -> ${format}/${compression}`);
        assert.deepEqual(back.schema.fields.map((f) => `${f.name}:${f.type}`), source.schema.fields.map((f) => `${f.name}:${f.type}`));
        assert.deepEqual(plain(back), plain(source), `${inFormat} -> ${format}/${compression}`);
      }
    }
    expectOk(await q.freeTable(h));
  }
});

test('apache-arrow reads LZ4 written by quiver, quiver reads LZ4 written by apache-arrow', async () => {
  const source = sampleArrowTable();
  const h = expectOk(await q.fromArrowJS(source, tableToIPC));
  const lz4File = expectOk(await q.writeTableToIpc(h, true));
  assert.deepEqual(plain(tableFromIPC(new Uint8Array(lz4File))), plain(source));
  expectOk(await q.freeTable(h));
});

test('toArrowJS and fromArrowJS', async () => {
  const source = sampleArrowTable();
  const h = expectOk(await q.fromArrowJS(source, tableToIPC));
  const sliced = expectOk(await q.slice(h, 1, 2));
  const arrow = expectOk(await q.toArrowJS(sliced, tableFromIPC));
  assert.equal(arrow.numRows, 2);
  assert.equal(arrow.getChild('id').get(0), 2n);
  assert.equal(arrow.getChild('name').get(0), null);
  const failing = await q.toArrowJS(h, () => {
    throw new Error('boom');
  });
  assert.equal(failing.ok, false);
  assert.equal(failing.code, 'invalid_argument');
  expectOk(await q.freeTable(sliced));
  expectOk(await q.freeTable(h));
});

test('dictionary columns from apache-arrow', async () => {
  const { tableFromArrays } = await import('apache-arrow');
  const t = tableFromArrays({ city: ['Oslo', 'Lima', 'Oslo', 'Pune'], n: Int32Array.from([1, 2, 3, 4]) });
  const h = expectOk(await q.readTableFromArrayBuffer(tableToIPC(t, 'stream')));
  const summary = expectOk(await q.getSchemaSummary(h));
  assert.equal(summary.columns[0].arrowType, 'Dictionary<Int32, Utf8>');
  assert.deepEqual(expectOk(await q.getColumn(h, 'city')).values, ['Oslo', 'Lima', 'Oslo', 'Pune']);
  const back = tableFromIPC(new Uint8Array(expectOk(await q.writeTableToIpc(h, { compression: 'zstd' }))));
  assert.deepEqual(back.getChild('city').toArray(), ['Oslo', 'Lima', 'Oslo', 'Pune']);
  expectOk(await q.freeTable(h));
});
