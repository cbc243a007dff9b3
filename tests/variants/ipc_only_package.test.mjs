// The npm package running on the IPC-only module (`make wasm-ipc`): js/dist with its
// quiver.mjs/quiver.wasm replaced by the variant's, in a copy under the variant's build
// directory. It reads and writes LZ4 and ZSTD IPC, and every Parquet entry answers
// `unsupported` with "this build has no Parquet support" for a Parquet file that the full
// package (js/dist itself, in the same process) writes and reads back.
//
//   node --test tests/variants/ipc_only_package.test.mjs     (QUIVER_IPC_BUILD: default build/wasm-ipc)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const variantBuild = path.resolve(root, process.env.QUIVER_IPC_BUILD ?? 'build/wasm-ipc');
const dist = path.join(root, 'js', 'dist');
const copy = path.join(variantBuild, 'package');
const NO_PARQUET = { ok: false, code: 'unsupported', error: 'this build has no Parquet support' };

function must(r) {
  assert.equal(r.ok, true, r.ok ? '' : `${r.code}: ${r.error}`);
  return r.value;
}

test('the package on the IPC-only module', async () => {
  for (const f of ['index.js', 'quiver.wasm']) assert.ok(fs.existsSync(path.join(dist, f)), `js/dist/${f} is missing: make js-build`);
  for (const f of ['quiver.mjs', 'quiver.wasm']) assert.ok(fs.existsSync(path.join(variantBuild, 'js', f)), `the variant is not built: make wasm-ipc`);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(dist, copy, { recursive: true });
  for (const f of ['quiver.mjs', 'quiver.wasm']) fs.copyFileSync(path.join(variantBuild, 'js', f), path.join(copy, f));
  const full = await import(pathToFileURL(path.join(dist, 'index.js')).href);
  const ipc = await import(pathToFileURL(path.join(copy, 'index.js')).href);
  must(await full.initWasm());
  must(await ipc.initWasm());

  const info = must(await ipc.buildInfo());
  assert.deepEqual(info.codecs, { lz4: true, zstd: true, snappy: false, gzip: false, brotli: false });
  assert.deepEqual(info.formats.read, ['arrow-file', 'arrow-stream', 'feather']);

  // 5,000 compressible rows made with apache-arrow JS (from js/node_modules), read by both.
  const A = createRequire(path.join(root, 'js', 'package.json'))('apache-arrow');
  const n = 5000;
  const arrow = A.tableFromArrays({
    i: Int32Array.from({ length: n }, (_, k) => k % 97),
    x: Float64Array.from({ length: n }, (_, k) => (k % 13) / 4),
    s: Array.from({ length: n }, (_, k) => `name-${k % 11}`),
  });
  const stream = A.tableToIPC(arrow, 'stream');
  const src = must(await full.readTableFromArrayBuffer(stream));
  const table = must(await ipc.readTableFromArrayBuffer(stream));
  const want = must(await ipc.getRows(table));
  assert.equal(want.length, n);
  for (const compression of ['lz4', 'zstd']) {
    for (const format of ['file', 'stream']) {
      const bytes = must(await ipc.writeTableToIpc(table, { format, compression }));
      const back = must(await ipc.readTableFromArrayBuffer(new Uint8Array(bytes)));
      assert.deepEqual(must(await ipc.getTableInfo(back)).codecs, [compression]);
      assert.deepEqual(must(await ipc.getRows(back)), want);
      // The full package reads what the variant wrote.
      const other = must(await full.readTableFromArrayBuffer(new Uint8Array(bytes)));
      assert.deepEqual(must(await full.getRows(other)), want);
      must(await full.freeTable(other));
      must(await ipc.freeTable(back));
    }
  }

  // Parquet: a real file (the full package writes and reads it), refused by the variant.
  const parquet = new Uint8Array(must(await full.writeTableToParquet(src, { compression: 'snappy' })));
  must(await full.freeTable(must(await full.readTableFromArrayBuffer(parquet))));
  const strip = (r) => ({ ok: r.ok, code: r.code, error: r.error });
  assert.deepEqual(strip(await ipc.readTableFromArrayBuffer(parquet)), NO_PARQUET);
  assert.deepEqual(strip(await ipc.readTableFromArrayBuffer(parquet, { format: 'parquet' })), NO_PARQUET);
  assert.deepEqual(strip(await ipc.readTableFromBlob(new Blob([parquet]))), NO_PARQUET);
  assert.deepEqual(strip(await ipc.getParquetMetadata(parquet)), NO_PARQUET);
  assert.deepEqual(strip(await ipc.openParquetReader(parquet)), NO_PARQUET);
  assert.deepEqual(strip(await ipc.writeTableToParquet(table, { compression: 'snappy' })), NO_PARQUET);
  assert.deepEqual(strip(await ipc.createParquetWriter({})), NO_PARQUET);
  // The instance is still usable, and nothing leaked.
  must(await ipc.freeTable(table));
  assert.equal(must(await ipc.memoryStats()).liveHandles, 0);
  must(await full.freeTable(src));
});
