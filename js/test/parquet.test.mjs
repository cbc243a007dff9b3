// Parquet entry points of @quiver/core: argument checks, sources that fail, handles of the
// batch reader, and corrupt footers. Reading real files (DuckDB's, every way in) is checked
// by tests/compat/parquet_package.mjs in `make test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as q from '@quiver/core';
import { openFileSource } from '@quiver/core/node';
import { expectError, expectOk, sampleBytes } from './helpers.mjs';

// PAR1, a 0-byte footer, PAR1: well framed, but the footer cannot decode.
const EMPTY_FOOTER = new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0, 0, 0x50, 0x41, 0x52, 0x31]);
const FOOTER_ERROR = 'footer: expected more thrift bytes but found the end of the input';

test('ReadOptions are checked before anything is read', async () => {
  const bad = [
    [{ columns: [] }, 'expected columns to be a non-empty array of names'],
    [{ columns: ['a', ''] }, 'expected every column to be a non-empty name but found ""'],
    [{ rowGroups: [] }, 'expected rowGroups to be a non-empty array of indices'],
    [{ rowGroups: [1, -1] }, 'expected every row group to be a non-negative integer but found -1'],
    [{ offset: -1 }, 'expected offset to be an integer >= 0 but found -1'],
    [{ limit: 1.5 }, 'expected limit to be an integer >= 0 but found 1.5'],
    [{ batchSize: 0 }, 'expected batchSize to be an integer >= 1 but found 0'],
  ];
  for (const [opts, message] of bad) {
    expectError(await q.readTableFromArrayBuffer(EMPTY_FOOTER, opts), 'invalid_argument', message);
    expectError(await q.openParquetReader(EMPTY_FOOTER, opts), 'invalid_argument', message);
  }
  expectError(await q.openParquetReader(EMPTY_FOOTER, { format: 'arrow-file' }), 'invalid_argument',
    "expected format 'parquet' for a Parquet reader but found 'arrow-file'");
  expectError(await q.readTableFromParquet(EMPTY_FOOTER, { format: 'feather' }), 'invalid_argument',
    "expected format 'parquet' but found 'feather'");
});

test('Parquet-only options are refused for IPC input; columns, offset and limit are not', async () => {
  expectError(await q.readTableFromArrayBuffer(sampleBytes(), { rowGroups: [0] }), 'invalid_argument',
    'expected rowGroups only for Parquet input but found arrow-file input');
  expectError(await q.readTableFromArrayBuffer(sampleBytes('stream'), { batchSize: 2 }), 'invalid_argument',
    'expected batchSize only for Parquet input but found arrow-stream input');
  const h = expectOk(await q.readTableFromArrayBuffer(sampleBytes(), { columns: ['name', 'id'], offset: 1, limit: 2 }));
  assert.deepEqual(expectOk(await q.getRows(h)), [{ name: null, id: 2n }, { name: 'c', id: 3n }]);
  expectOk(await q.freeTable(h));
  expectError(await q.readTableFromArrayBuffer(sampleBytes(), { columns: ['nope'] }), 'invalid_argument',
    "expected a column named 'nope' but the table has none");
});

test('corrupt footers are errors through every input', async () => {
  expectError(await q.getParquetMetadata(EMPTY_FOOTER), 'invalid_input', FOOTER_ERROR);
  expectError(await q.getParquetMetadata(new Blob([EMPTY_FOOTER])), 'invalid_input', FOOTER_ERROR);
  expectError(await q.openParquetReader(EMPTY_FOOTER), 'invalid_input', FOOTER_ERROR);
  const badMagic = EMPTY_FOOTER.slice();
  badMagic[11] = 0x58;
  expectError(await q.readTableFromParquet(badMagic), 'invalid_input', "expected magic PAR1 at the end of the file but found 'PARX'");
  const long = EMPTY_FOOTER.slice();
  long[4] = 0xff;
  expectError(await q.readTableFromParquet(long), 'invalid_input', 'expected footer length <= 0 (file size - 12) but found 255');
  expectError(await q.readTableFromParquet(EMPTY_FOOTER.subarray(0, 7)), 'invalid_input', 'expected a Parquet file of at least 12 bytes but found 7');
  const stats = expectOk(await q.memoryStats());
  assert.equal(stats.liveParquetReaders, 0);
});

test('a source that fails or lies gives io; anything else is invalid_argument', async () => {
  const rejecting = { size: 100, read: () => Promise.reject(new Error('disk on fire')) };
  expectError(await q.getParquetMetadata(rejecting), 'io', /reading bytes \[0, \+100\) of the source failed: Error: disk on fire/);
  const short = { size: 100, read: async () => new Uint8Array(3) };
  expectError(await q.getParquetMetadata(short), 'io', 'expected the source to return 100 bytes at 0 but it returned 3');
  const throwing = { size: 100, read: () => { throw new Error('sync'); } };
  expectError(await q.readTableFromParquet(throwing), 'io', /failed: Error: sync/);
  expectError(await q.getParquetMetadata({ size: -1, read: async () => new Uint8Array(0) }), 'invalid_argument',
    "expected the source's size to be a non-negative integer but found -1");
  expectError(await q.getParquetMetadata(42), 'invalid_argument', 'expected an ArrayBuffer, Uint8Array, Blob or RandomAccessSource');
  expectError(await q.getParquetMetadata({ read: 1 }), 'invalid_argument', 'expected an ArrayBuffer, Uint8Array, Blob or RandomAccessSource');
  expectError(await openFileSource('/nonexistent/x.parquet'), 'io', /^cannot open \/nonexistent\/x.parquet: /);
});

test('reader handles are checked', async () => {
  expectError(await q.readNextBatch({ kind: 'quiver.parquet', id: 1 }), 'invalid_handle',
    'expected a Parquet reader made by @quiver/core but found another value');
  expectError(await q.closeParquetReader({ kind: 'quiver.parquet', id: 1 }), 'invalid_handle');
  const table = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await q.readNextBatch(table), 'invalid_handle', 'expected a Parquet reader made by @quiver/core but found another value');
  expectOk(await q.freeTable(table));
});

async function rowsText(handle) {
  return JSON.stringify(expectOk(await q.getRows(handle)), (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

test('tables round-trip through Parquet with every codec and page version, every way back in', async () => {
  const t = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const want = await rowsText(t);
  const wantSchema = expectOk(await q.getSchema(t));
  for (const compression of ['snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw', 'none']) {
    for (const pageVersion of [1, 2]) {
      const bytes = expectOk(await q.writeTableToParquet(t, { compression, pageVersion, rowGroupRows: 3 }));
      for (const read of [(b) => q.readTableFromArrayBuffer(b), (b) => q.readTableFromBlob(new Blob([b])), (b) => q.readTableFromStream(new Blob([b]).stream())]) {
        const back = expectOk(await read(bytes));
        assert.equal(await rowsText(back), want, `${compression} v${pageVersion}`);
        assert.deepEqual(expectOk(await q.getSchema(back)).fields, wantSchema.fields, 'ARROW:schema restores the types');
        expectOk(await q.freeTable(back));
      }
      const meta = expectOk(await q.getParquetMetadata(bytes));
      assert.equal(meta.numRows, 4);
      assert.equal(meta.rowGroups.length, 2);
      assert.equal(meta.rowGroups[0].columns[0].codec, compression === 'none' ? 'UNCOMPRESSED' : compression.toUpperCase());
      assert.deepEqual([meta.rowGroups[0].columns[0].statistics.min, meta.rowGroups[0].columns[0].statistics.max], [1n, 3n]);
      assert.ok('ARROW:schema' in meta.metadata);
    }
  }
  expectOk(await q.freeTable(t));
});

test('the batch reader yields batchSize rows at a time and its handle dies with close', async () => {
  const t = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const bytes = expectOk(await q.writeTableToParquet(t, { rowGroupRows: 3 }));
  const reader = expectOk(await q.openParquetReader(new Blob([bytes]), { columns: ['id'], batchSize: 2 }));
  const sizes = [];
  for (let b = expectOk(await q.readNextBatch(reader)); b !== null; b = expectOk(await q.readNextBatch(reader))) {
    sizes.push(expectOk(await q.getRows(b)).map((r) => r.id));
    expectOk(await q.freeTable(b));
  }
  assert.deepEqual(sizes, [[1n, 2n], [3n], [4n]]);
  assert.equal(expectOk(await q.readNextBatch(reader)), null, 'stays at the end');
  assert.equal(expectOk(await q.memoryStats()).liveParquetReaders, 1);
  expectOk(await q.closeParquetReader(reader));
  expectError(await q.readNextBatch(reader), 'invalid_handle', /it was freed/);
  expectError(await q.closeParquetReader(reader), 'invalid_handle', /it was freed/);
  assert.equal(expectOk(await q.memoryStats()).liveParquetReaders, 0);
  expectOk(await q.freeTable(t));
});

test('the incremental Parquet writer streams row groups out', async () => {
  const t = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const w = expectOk(await q.createParquetWriter({ rowGroupRows: 4, compression: 'zstd' }));
  const parts = [];
  for (let i = 0; i < 3; i++) parts.push(new Uint8Array(expectOk(await q.writeToParquetWriter(w, t))));
  parts.push(new Uint8Array(expectOk(await q.finishParquetWriter(w))));
  assert.ok(parts.slice(0, 3).every((p) => p.byteLength > 0), 'each full row group leaves at once');
  expectError(await q.finishParquetWriter(w), 'invalid_handle');
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.byteLength), 0);
  const back = expectOk(await q.readTableFromArrayBuffer(all));
  assert.equal(expectOk(await q.getTableInfo(back)).rows, 12);
  expectOk(await q.freeTable(back));
  const other = expectOk(await q.selectColumns(t, ['id']));
  const w2 = expectOk(await q.createParquetWriter());
  expectOk(await q.writeToParquetWriter(w2, t));
  expectError(await q.writeToParquetWriter(w2, other), 'invalid_argument', /expected a table with the schema of the writer's first table/);
  expectOk(await q.freeParquetWriter(w2));
  expectError(await q.writeToParquetWriter(w2, t), 'invalid_handle');
  expectError(await q.writeToIpcWriter(w, t), 'invalid_handle', 'expected an IPC writer made by @quiver/core but found another value');
  for (const h of [t, other]) expectOk(await q.freeTable(h));
  assert.equal(expectOk(await q.memoryStats()).liveWriters, 0);
});

test('bad write options name the option', async () => {
  const t = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await q.writeTableToParquet(t, { compression: 'lzo' }), 'invalid_argument',
    "expected compression 'snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw' or 'none' but found 'lzo'");
  expectError(await q.writeTableToParquet(t, { compressionLevel: 99, compression: 'zstd' }), 'invalid_argument', /level/);
  expectError(await q.writeTableToParquet(t, { columns: { score: { encoding: 'delta_binary_packed' } } }), 'invalid_argument',
    /expected an encoding valid for DOUBLE .*but found DELTA_BINARY_PACKED/);
  expectError(await q.writeTableToParquet(t, { columns: { nope: { dictionary: false } } }), 'invalid_argument', /nope/);
  expectError(await q.writeTableToParquet(t, { rowGroupRows: 1.5 }), 'invalid_argument', 'expected rowGroupRows to be an integer but found 1.5');
  expectError(await q.writeTableToParquet(t, { colour: 'red' }), 'invalid_argument', "expected a Parquet write option but found 'colour'");
  expectError(await q.createParquetWriter({ pageVersion: 3 }), 'invalid_argument', /page_version 1 or 2 but found 3/);
  expectOk(await q.freeTable(t));
});
