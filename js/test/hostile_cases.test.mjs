// The named hostile inputs of issue 8 through the package, each crafted on purpose (the
// random cuts, flips and 2^31 words are in hostile.test.mjs): every offset of files with
// several messages, dictionaries, row groups and pages (so every message and page boundary),
// 2^31 rows, 2^40-byte buffers, 2^20 nesting, declared-size decompression bombs, dictionary
// ids that do not exist, footers and blocks pointing outside the file, and offsets that
// point back to their parent (what a cycle in flatbuffer metadata needs). Each gives its
// error code and message; afterwards nothing is left allocated and a good file still reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as q from '@quiver/core';
import { Dictionary, Field, Int32, List, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { expectError, expectOk, sampleBytes } from './helpers.mjs';

const DATA_ERRORS = new Set(['invalid_input', 'truncated', 'unsupported', 'limit_exceeded']);

// --- A minimal flatbuffer reader over an IPC message's metadata ---------------------------

const u32 = (dv, p) => dv.getUint32(p, true);
function table(dv, p) {
  return { p, vt: p - dv.getInt32(p, true) };
}
// Position of field `i` of table `t`, or 0 when absent (a default value).
function field(dv, t, i) {
  const size = dv.getUint16(t.vt, true);
  const off = 4 + 2 * i < size ? dv.getUint16(t.vt + 4 + 2 * i, true) : 0;
  return off === 0 ? 0 : t.p + off;
}
const deref = (dv, p) => p + u32(dv, p);
function vector(dv, t, i) {
  const f = field(dv, t, i);
  if (f === 0) return { at: 0, length: 0 };
  const v = deref(dv, f);
  return { at: v + 4, length: u32(dv, v) };
}

// The messages of an IPC stream (offset 0) or file (offset 8): where each starts, its
// Message table, header type (1 schema, 2 dictionary, 3 record batch) and header table,
// where its body starts and how long it is.
function messages(bytes, start) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  let p = start;
  while (p + 8 <= bytes.length && u32(dv, p) === 0xffffffff) {
    const len = dv.getInt32(p + 4, true);
    if (len === 0) break;
    const msg = table(dv, deref(dv, p + 8));
    const type = dv.getUint8(field(dv, msg, 1));
    const header = table(dv, deref(dv, field(dv, msg, 2)));
    const bodyField = field(dv, msg, 3);
    const bodyLength = bodyField === 0 ? 0 : Number(dv.getBigInt64(bodyField, true));
    out.push({ start: p, type, header, body: p + 8 + len, bodyLength, end: p + 8 + len + bodyLength });
    p += 8 + len + bodyLength;
  }
  return { dv, messages: out };
}

// --- A minimal thrift compact writer for Parquet footers ---------------------------------

const T = { i32: 5, i64: 6, binary: 8, list: 9, struct: 12 };
function varint(out, v) {
  let x = BigInt(v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}
const zigzag = (v) => (BigInt(v) << 1n) ^ (BigInt(v) < 0n ? -1n : 0n);
// A struct from [[id, type, value], ...] in increasing id order; value by type: number or
// bigint (i32, i64), string (binary), [type, items] (list), array of fields (struct).
function struct(out, fields) {
  let last = 0;
  for (const [id, type, value] of fields) {
    out.push(((id - last) << 4) | type);
    last = id;
    write(out, type, value);
  }
  out.push(0);
}
function write(out, type, value) {
  if (type === T.i32 || type === T.i64) varint(out, zigzag(value));
  else if (type === T.binary) {
    const b = new TextEncoder().encode(value);
    varint(out, b.length);
    out.push(...b);
  } else if (type === T.list) {
    const [etype, items] = value;
    if (items.length < 15) out.push((items.length << 4) | etype);
    else {
      out.push(0xf0 | etype);
      varint(out, items.length);
    }
    for (const item of items) write(out, etype, item);
  } else if (value instanceof Uint8Array) {
    for (const b of value) out.push(b);  // a struct encoded already
  } else struct(out, value);
}
const PAGE_VALUES = [7, 8, 9, 10];
// A Parquet file of one required int32 column `v` with one PLAIN data page of PAGE_VALUES;
// `edit` may change the footer's parts before it is encoded.
function parquetFile(edit = (f) => f) {
  const data = new Uint8Array(new Int32Array(PAGE_VALUES).buffer);
  const parts = edit({
    schema: [[[4, T.binary, 'schema'], [5, T.i32, 1]], [[1, T.i32, 1], [3, T.i32, 0], [4, T.binary, 'v']]],
    numRows: 4n,
    pageValues: PAGE_VALUES.length,
    dataPageOffset: 4n,
  });
  const page = [];
  struct(page, [[1, T.i32, 0], [2, T.i32, data.length], [3, T.i32, data.length],
    [5, T.struct, [[1, T.i32, parts.pageValues], [2, T.i32, 0], [3, T.i32, 3], [4, T.i32, 3]]]]);
  const chunkSize = page.length + data.length;
  parts.chunkSize = chunkSize;
  const meta = [[1, T.i32, 1], [2, T.list, [T.i32, [0]]], [3, T.list, [T.binary, ['v']]], [4, T.i32, 0],
    [5, T.i64, parts.numRows], [6, T.i64, parts.chunkSize], [7, T.i64, parts.chunkSize], [9, T.i64, parts.dataPageOffset]];
  const footer = [];
  struct(footer, [[1, T.i32, 1], [2, T.list, [T.struct, parts.schema]], [3, T.i64, parts.numRows],
    [4, T.list, [T.struct, [[[1, T.list, [T.struct, [[[2, T.i64, 4n], [3, T.struct, meta]]]]], [2, T.i64, chunkSize], [3, T.i64, parts.numRows]]]]]]);
  const out = new Uint8Array(4 + chunkSize + footer.length + 8);
  const magic = new TextEncoder().encode('PAR1');
  out.set(magic, 0);
  out.set(page, 4);
  out.set(data, 4 + page.length);
  out.set(footer, 4 + chunkSize);
  new DataView(out.buffer).setUint32(4 + chunkSize + footer.length, footer.length, true);
  out.set(magic, out.length - 4);
  return out;
}

// --- Helpers ------------------------------------------------------------------------------

async function read(bytes, opts) {
  const r = await q.readTableFromArrayBuffer(bytes, opts);
  if (r.ok) expectOk(await q.freeTable(r.value));
  return r;
}

async function readsAfterwards(baseline) {
  const good = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  assert.equal(expectOk(await q.getTableInfo(good)).rows, 4);
  expectOk(await q.freeTable(good));
  const after = expectOk(await q.memoryStats());
  assert.equal(after.liveHandles, baseline.liveHandles);
  assert.equal(after.liveParquetReaders, baseline.liveParquetReaders);
  assert.equal(after.arrowBytesLive, baseline.arrowBytesLive);
}

// Three batches; `d` dictionary-encoded (id 0), `e` a second dictionary (id 1).
function dictionaryTable(batches) {
  const parts = [];
  for (let b = 0; b < batches; b++) {
    const n = 3 + b;
    parts.push(new Table({
      v: vectorFromArray(Array.from({ length: n }, (_, i) => i + 10 * b), new Int32()),
      d: vectorFromArray(Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]), new Dictionary(new Utf8(), new Int32(), 0)),
      e: vectorFromArray(Array.from({ length: n }, (_, i) => ['p', 'q'][i % 2]), new Dictionary(new Utf8(), new Int32(), 1)),
      l: vectorFromArray(Array.from({ length: n }, (_, i) => [i, i + 1]), new List(new Field('item', new Int32(), true))),
    }));
  }
  return parts.reduce((a, t) => a.concat(t));
}

test('the hand-made Parquet file is valid, so the edits below are what fails', async () => {
  const t = expectOk(await q.readTableFromArrayBuffer(parquetFile()));
  assert.deepEqual(expectOk(await q.getColumn(t, 'v')).values, Int32Array.from(PAGE_VALUES));
  expectOk(await q.freeTable(t));
});

test('every offset of multi-message IPC and multi-page Parquet files, so every boundary', { timeout: 600000 }, async () => {
  const baseline = expectOk(await q.memoryStats());
  const source = expectOk(await q.readTableFromArrayBuffer(tableToIPC(dictionaryTable(3), 'stream')));
  const files = {
    'arrow stream': new Uint8Array(expectOk(await q.writeTableToIpc(source, { format: 'stream' }))),
    'arrow file lz4': new Uint8Array(expectOk(await q.writeTableToIpc(source, { compression: 'lz4' }))),
    'parquet v1': new Uint8Array(expectOk(await q.writeTableToParquet(source, { rowGroupRows: 4, dataPageBytes: 16 }))),
    'parquet v2 zstd': new Uint8Array(expectOk(await q.writeTableToParquet(source, { rowGroupRows: 5, dataPageBytes: 16, pageVersion: 2, compression: 'zstd' }))),
  };
  expectOk(await q.freeTable(source));
  const { messages: ms } = messages(files['arrow stream'], 0);
  assert.ok(ms.filter((m) => m.type === 3).length >= 3 && ms.filter((m) => m.type === 2).length >= 2, 'several batches and dictionaries');
  const md = expectOk(await q.getParquetMetadata(files['parquet v1']));
  assert.ok(md.rowGroups.length >= 3);
  // A stream cut exactly after a message is a valid shorter stream (Arrow streams may end
  // without their end-of-stream marker); every other cut of every file is an error.
  const messageEnds = new Set(ms.map((m) => m.end));
  const seen = {};
  for (const [name, bytes] of Object.entries(files)) {
    for (let n = 0; n < bytes.length; n++) {
      const r = await read(bytes.subarray(0, n), { validate: 'full' });
      if (name === 'arrow stream' && messageEnds.has(n)) {
        assert.equal(r.ok, true, `${name} cut after a message at ${n}: ${r.code}: ${r.error}`);
        seen.ok = (seen.ok ?? 0) + 1;
        continue;
      }
      assert.equal(r.ok, false, `${name} cut at ${n} of ${bytes.length} read`);
      assert.ok(DATA_ERRORS.has(r.code), `${name} cut at ${n}: ${r.code}: ${r.error}`);
      seen[r.code] = (seen[r.code] ?? 0) + 1;
    }
  }
  assert.equal(seen.ok, messageEnds.size);
  // And with the end-of-stream marker after each batch.
  for (const m of ms.filter((x) => x.type === 3)) {
    const cut = new Uint8Array(m.end + 8);
    cut.set(files['arrow stream'].subarray(0, m.end));
    new DataView(cut.buffer).setUint32(m.end, 0xffffffff, true);
    const r = expectOk(await q.readTableFromArrayBuffer(cut, { validate: 'full' }));
    assert.ok(expectOk(await q.getTableInfo(r)).rows > 0);
    expectOk(await q.freeTable(r));
  }
  console.log(`every-offset outcomes: ${JSON.stringify(seen)}`);
  await readsAfterwards(baseline);
});

test('absurd declared sizes: 2^31 rows, 2^40-byte buffers, declared-size bombs', async () => {
  const baseline = expectOk(await q.memoryStats());
  const stream = tableToIPC(new Table({ v: vectorFromArray(new Int32Array(7).fill(1), new Int32()) }), 'stream');
  const batchOf = (bytes) => {
    const { dv, messages: ms } = messages(bytes, 0);
    return { dv, batch: ms.find((m) => m.type === 3) };
  };

  // 2^31 rows: the batch and its column declare 2^31 rows over a 28-byte buffer.
  {
    const bytes = stream.slice();
    const { dv, batch } = batchOf(bytes);
    dv.setBigInt64(field(dv, batch.header, 0), 2n ** 31n, true);
    const nodes = vector(dv, batch.header, 1);
    for (let i = 0; i < nodes.length; i++) dv.setBigInt64(nodes.at + 16 * i, 2n ** 31n, true);
    expectError(await read(bytes), 'invalid_input', "record_batch[0].column['v']: values buffer needs 8589934592 bytes but has 32");
  }
  // A 2^40-byte values buffer.
  {
    const bytes = stream.slice();
    const { dv, batch } = batchOf(bytes);
    const buffers = vector(dv, batch.header, 2);
    dv.setBigInt64(buffers.at + 16 * 1 + 8, 2n ** 40n, true);
    expectError(await read(bytes), 'invalid_input',
      "record_batch[0].column['v']: buffer 1 [0, +1099511627776) is outside the message body of 32 bytes");
  }
  // An LZ4 buffer that declares 2^40 bytes once decompressed (its 8-byte length prefix).
  {
    const ones = tableToIPC(new Table({ v: vectorFromArray(new Int32Array(1000).fill(1), new Int32()) }), 'stream');
    const t = expectOk(await q.readTableFromArrayBuffer(ones));
    const bytes = new Uint8Array(expectOk(await q.writeTableToIpc(t, { format: 'stream', compression: 'lz4' })));
    expectOk(await q.freeTable(t));
    const { dv, batch } = batchOf(bytes);
    const buffers = vector(dv, batch.header, 2);
    const values = batch.body + Number(dv.getBigInt64(buffers.at + 16, true));
    assert.equal(dv.getBigInt64(values, true), 4000n);
    dv.setBigInt64(values, 2n ** 40n, true);
    expectError(await read(bytes), 'limit_exceeded',
      "record_batch[0].column['v'].buffer[1]: uncompressed length 1099511627776 exceeds the buffer size limit of 2147483647 bytes");
  }
  // Parquet: 2^31 rows declared over a page of 4 values, and a page declaring 2^31 values.
  expectError(await read(parquetFile((f) => ({ ...f, numRows: 2n ** 31n }))), 'invalid_input',
    "row_group[0].column['v']: expected the column chunk to hold rows [0, 2147483648) but its pages hold rows [0, 4)");
  expectError(await read(parquetFile((f) => ({ ...f, pageValues: 2 ** 31 - 1 }))), 'invalid_input',
    "row_group[0].column['v'].page[0]: expected a page value count in [0, 268435456] but found 2147483647");
  await readsAfterwards(baseline);
});

test('2^20 nested groups in a Parquet schema are a limit, not a stack overflow', async () => {
  const baseline = expectOk(await q.memoryStats());
  // The root, 2^20 - 2 optional groups of one child each, the leaf: 2^20 schema elements,
  // as many as a thrift list may hold, nested 2^20 - 1 deep.
  const group = [];
  struct(group, [[3, T.i32, 1], [4, T.binary, 'g'], [5, T.i32, 1]]);
  const encoded = Uint8Array.from(group);
  const bytes = parquetFile((f) => {
    const schema = [[[4, T.binary, 'schema'], [5, T.i32, 1]]];
    for (let i = 0; i < 2 ** 20 - 2; i++) schema.push(encoded);
    schema.push([[1, T.i32, 1], [3, T.i32, 1], [4, T.binary, 'v']]);
    return { ...f, schema };
  });
  const r = await read(bytes);
  expectError(r, 'limit_exceeded', 'expected schema nesting depth <= 64 but found more');
  // One more element is over the thrift list limit, before any schema is built.
  const over = parquetFile((f) => ({ ...f, schema: [...f.schema, ...Array(2 ** 20 - 1).fill(encoded)] }));
  expectError(await read(over), 'limit_exceeded', 'footer: expected thrift list size <= 1048576 but found 1048577');
  await readsAfterwards(baseline);
});

test('dictionary ids that do not exist', async () => {
  const baseline = expectOk(await q.memoryStats());
  const stream = tableToIPC(dictionaryTable(1), 'stream');
  const { messages: ms } = messages(stream, 0);
  // A dictionary batch whose id (1, stored) becomes 7, which no field uses.
  {
    const bytes = stream.slice();
    const { dv, messages: m2 } = messages(bytes, 0);
    const dict = m2.filter((m) => m.type === 2).find((m) => field(dv, m.header, 0) !== 0);
    dv.setBigInt64(field(dv, dict.header, 0), 7n, true);
    expectError(await read(bytes), 'invalid_input', 'dictionary_batch[1]: expected a dictionary id used by a schema field but found id 7');
  }
  // The dictionaries left out: the batch uses ids never defined.
  {
    const keep = ms.filter((m) => m.type !== 2);
    const parts = keep.map((m) => stream.subarray(m.start, m.end));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total + 8);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    new DataView(bytes.buffer).setUint32(at, 0xffffffff, true);
    expectError(await read(bytes), 'invalid_input',
      "record_batch[0].column['d']: expected a dictionary batch for dictionary id 0 before its first use but found none");
  }
  await readsAfterwards(baseline);
});

test('footers and blocks pointing outside the file', async () => {
  const baseline = expectOk(await q.memoryStats());
  const file = new Uint8Array(sampleBytes('file'));
  const footerAt = (bytes) => {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const len = dv.getInt32(bytes.length - 10, true);
    return { dv, len, start: bytes.length - 10 - len };
  };
  // The footer's length beyond the file.
  {
    const bytes = file.slice();
    const { dv } = footerAt(bytes);
    dv.setInt32(bytes.length - 10, 0x7fffffff, true);
    expectError(await read(bytes), 'invalid_input', /^expected a footer length in \[1, \d+\] but found 2147483647$/);
  }
  // The first record batch block at 2^40, and at the footer itself.
  for (const offset of [2n ** 40n, null]) {
    const bytes = file.slice();
    const { dv, start } = footerAt(bytes);
    const footer = table(dv, deref(dv, start));
    const blocks = vector(dv, footer, 3);
    assert.ok(blocks.length >= 1);
    dv.setBigInt64(blocks.at, offset ?? BigInt(start), true);
    expectError(await read(bytes), 'invalid_input',
      new RegExp(`^footer.record_batches\\[0\\]: expected a block inside the file's data \\[8, ${start}\\) but found offset ${offset ?? start}, `));
  }
  // Parquet: a column chunk whose pages start at 2^40, and a footer length past the start.
  expectError(await read(parquetFile((f) => ({ ...f, dataPageOffset: 2n ** 40n }))), 'invalid_input',
    "row_group[0].column['v']: expected column chunk bytes [1099511627776, 1099511627776 + 33) within the data region [4, 37)");
  {
    const bytes = parquetFile();
    new DataView(bytes.buffer).setUint32(bytes.length - 8, bytes.length, true);
    expectError(await read(bytes), 'invalid_input', `expected footer length <= ${bytes.length - 12} (file size - 12) but found ${bytes.length}`);
  }
  await readsAfterwards(baseline);
});

test('a child offset pointing back at its parent (a cycle) is refused', async () => {
  const baseline = expectOk(await q.memoryStats());
  const stream = tableToIPC(dictionaryTable(1), 'stream');
  const bytes = stream.slice();
  const { dv, messages: ms } = messages(bytes, 0);
  const schema = ms.find((m) => m.type === 1).header;
  const fields = vector(dv, schema, 1);
  // Field `l` (a list): its children vector's first element points back at `l` itself;
  // uoffsets are unsigned and only go forward, so that is 2^32 - distance (wrapping).
  const l = table(dv, deref(dv, fields.at + 4 * 3));
  const children = vector(dv, l, 5);
  assert.equal(children.length, 1);
  dv.setUint32(children.at, (2 ** 32 - (children.at - l.p)) >>> 0, true);
  expectError(await read(bytes), 'invalid_input', /^message\[0\]: expected a valid Message flatbuffer in \d+ bytes of message metadata but verification failed/);
  await readsAfterwards(baseline);
});
