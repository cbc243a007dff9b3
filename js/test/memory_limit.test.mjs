// Reads that need more memory than WebAssembly can give end in `out_of_memory`, and the
// instance stays usable. A child process starts the core with memory capped at 64 MiB (the
// quiver_wasm_small build: the same module, a smaller declared maximum) and reads: an 80 MB
// IPC input (the copy into memory fails), a small Parquet file and a small ZSTD-compressed
// IPC stream that each decode to 128 MB (decompression bombs whose declared sizes are true:
// the decoded data does not fit), then a small table, which must still work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { expectOk, sampleBytes } from './helpers.mjs';

const smallDir = fileURLToPath(new URL('../../build/wasm-release/js/small/', import.meta.url));

const CHILD = `
import { readFileSync } from 'node:fs';
import * as q from './dist/index.js';
import { Float64, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
const [parquet, good, ipcBomb] = process.argv.slice(2);
const out = {};
out.init = (await q.initWasm()).ok;
const big = tableToIPC(new Table({ x: vectorFromArray(new Float64Array(10_000_000), new Float64()) }), 'stream');
const r1 = await q.readTableFromArrayBuffer(big);
out.bigIpc = r1.ok ? 'ok' : r1.code;
const r2 = await q.readTableFromArrayBuffer(readFileSync(parquet));
out.bigParquet = r2.ok ? 'ok' : r2.code;
out.bigParquetError = r2.ok ? '' : r2.error;
const r4 = await q.readTableFromArrayBuffer(readFileSync(ipcBomb));
out.ipcBomb = r4.ok ? 'ok' : r4.code;
out.ipcBombError = r4.ok ? '' : r4.error;
const r3 = await q.readTableFromArrayBuffer(readFileSync(good));
out.afterwards = r3.ok ? (await q.getTableInfo(r3.value)).value.rows : r3.code;
if (r3.ok) await q.freeTable(r3.value);
const stats = await q.memoryStats();
out.liveHandles = stats.value.liveHandles;
out.arrowBytesLive = stats.value.arrowBytesLive;
out.heapSize = stats.value.heapSize;
console.log(JSON.stringify(out));
`;

test('out of memory is an error, and the instance stays usable', { timeout: 180000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-oom-'));
  // 16M int64 zeros: 128 MB decoded, a few KB as zstd Parquet (written by the normal module).
  const { Int64, Table, tableToIPC, vectorFromArray } = await import('apache-arrow');
  const wide = expectOk(await q.readTableFromArrayBuffer(tableToIPC(new Table({ v: vectorFromArray(new BigInt64Array(16_000_000), new Int64()) }), 'stream')));
  const parquet = expectOk(await q.writeTableToParquet(wide, { compression: 'zstd', rowGroupRows: 16_000_000 }));
  const ipc = expectOk(await q.writeTableToIpc(wide, { format: 'stream', compression: 'zstd' }));
  expectOk(await q.freeTable(wide));
  assert.ok(parquet.byteLength < 1_000_000, `the Parquet file is small (${parquet.byteLength} bytes)`);
  assert.ok(ipc.byteLength < 1_000_000, `the IPC stream is small (${ipc.byteLength} bytes)`);
  writeFileSync(join(dir, 'zeros.parquet'), new Uint8Array(parquet));
  writeFileSync(join(dir, 'zeros.arrows'), new Uint8Array(ipc));
  writeFileSync(join(dir, 'good.arrows'), sampleBytes('stream'));
  // The child runs a copy of dist/ whose module is the capped build; it lives inside js/ so
  // that apache-arrow resolves from the package's node_modules.
  const home = fileURLToPath(new URL(`../.oom-${process.pid}/`, import.meta.url));
  cpSync(fileURLToPath(new URL('../dist/', import.meta.url)), join(home, 'dist'), { recursive: true });
  copyFileSync(join(smallDir, 'quiver_small.mjs'), join(home, 'dist', 'quiver.mjs'));
  copyFileSync(join(smallDir, 'quiver_small.wasm'), join(home, 'dist', 'quiver.wasm'));
  writeFileSync(join(home, 'child.mjs'), CHILD);
  const r = spawnSync(process.execPath, [join(home, 'child.mjs'), join(dir, 'zeros.parquet'), join(dir, 'good.arrows'), join(dir, 'zeros.arrows')], { encoding: 'utf8' });
  rmSync(home, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.equal(out.init, true);
  assert.equal(out.bigIpc, 'out_of_memory');
  assert.equal(out.bigParquet, 'out_of_memory', out.bigParquetError);
  assert.equal(out.ipcBomb, 'out_of_memory', out.ipcBombError);
  assert.equal(out.ipcBombError, "record_batch[0].column['v'].buffer[1]: failed to allocate 128000000 bytes");
  assert.equal(out.afterwards, 4);
  assert.equal(out.liveHandles, 0);
  assert.equal(out.arrowBytesLive, 0);
  assert.ok(out.heapSize <= 64 * 1024 * 1024, `heap ${out.heapSize} within the cap`);
});
