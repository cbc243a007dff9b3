// Peak memory per operation (docs/design.md, "Memory"). Each operation runs in a child
// process with a fresh instance, so memoryStats().arrowBytesPeak, which only grows, is the
// peak of the core's memory pool during that operation alone (every Arrow buffer, every
// decompressed page or buffer, every encoded page and the writers' output). The bytes
// JavaScript copies in (an IPC input whole, a Parquet row group's column chunks one unit at
// a time) are outside the pool and are counted apart. Each peak must stay under the bound
// that docs/design.md states; the measured numbers are printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { Float64, Int64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { expectOk } from './helpers.mjs';

const ROWS = 400_000;
const ROW_GROUP_ROWS = 100_000;

// Runs in the child, from js/ so that '@quiver/core' resolves to this package.
const CHILD = `
import { readFileSync } from 'node:fs';
import * as q from '@quiver/core';
const [op, path, codec] = process.argv.slice(1);
const bytes = new Uint8Array(readFileSync(path));
const stats = async () => (await q.memoryStats()).value;
let table = null;
if (op.startsWith('write')) table = (await q.readTableFromArrayBuffer(bytes)).value;
const before = await stats();
let r;
if (op === 'parquet-whole') r = await q.readTableFromParquet(bytes);
if (op === 'parquet-column') r = await q.readTableFromParquet(bytes, { columns: ['x'] });
if (op === 'parquet-row-group') r = await q.readTableFromParquet(bytes, { rowGroups: [1] });
if (op === 'ipc') r = await q.readTableFromArrayBuffer(bytes);
if (op === 'write-ipc') r = await q.writeTableToIpc(table, { compression: codec });
if (op === 'write-parquet') r = await q.writeTableToParquet(table, { compression: codec, rowGroupRows: ${ROW_GROUP_ROWS} });
const after = await stats();
const out = { ok: r.ok, error: r.ok ? '' : r.code + ': ' + r.error, before, after };
if (r.ok && op.startsWith('write')) out.output = r.value.byteLength;
if (r.ok && !op.startsWith('write')) out.rows = (await q.getTableInfo(r.value)).value.rows;
console.log(JSON.stringify(out));
`;

function measure(op, path, codec = '') {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, op, path, codec], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.ok(out.ok, `${op} ${codec}: ${out.error}`);
  // The setup (a zero-copy read of an uncompressed IPC file, for the writes) allocates
  // nothing from the pool, so the peak after is the operation's own.
  assert.equal(out.before.arrowBytesPeak, 0, `${op}: the setup used the pool`);
  return out;
}

const MB = (n) => `${(n / 1e6).toFixed(2)} MB`;

test('peak memory of reads and writes stays within the documented bounds', { timeout: 300000 }, async () => {
  // Three columns: int64 ids, random doubles (they do not compress) and short strings.
  const id = new BigInt64Array(ROWS);
  const x = new Float64Array(ROWS);
  const s = new Array(ROWS);
  let seed = 1;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
  for (let i = 0; i < ROWS; i++) {
    id[i] = BigInt(i);
    x[i] = rnd();
    s[i] = `row-${Math.floor(rnd() * 1000)}-${i}`;
  }
  const source = tableToIPC(new Table({ id: vectorFromArray(id, new Int64()), x: vectorFromArray(x, new Float64()), s: vectorFromArray(s, new Utf8()) }), 'file');
  const t = expectOk(await q.readTableFromArrayBuffer(source));
  const dir = mkdtempSync(join(tmpdir(), 'quiver-peak-'));
  const files = {};
  try {
    for (const c of ['none', 'lz4', 'zstd']) {
      files[c] = new Uint8Array(expectOk(await q.writeTableToIpc(t, { compression: c })));
      writeFileSync(join(dir, `${c}.arrow`), files[c]);
    }
    files.parquet = new Uint8Array(expectOk(await q.writeTableToParquet(t, { rowGroupRows: ROW_GROUP_ROWS })));
    writeFileSync(join(dir, 'snappy.parquet'), files.parquet);
    const md = expectOk(await q.getParquetMetadata(files.parquet));
    expectOk(await q.freeTable(t));
    assert.equal(md.rowGroups.length, ROWS / ROW_GROUP_ROWS);

    // M: the table's Arrow size (the uncompressed IPC file is its buffers plus a few KB of
    // metadata); U: a row group's uncompressed size (all columns, or the column read).
    const arrowSize = files.none.byteLength;
    const largestGroup = Math.max(...md.rowGroups.map((g) => g.totalByteSize));
    const largestX = Math.max(...md.rowGroups.map((g) => g.columns.find((c) => c.path === 'x').uncompressedSize));
    const rows = [];
    const check = (name, peak, bound, extra = '') => {
      rows.push(`${name}: peak ${MB(peak)}, bound ${MB(bound)}${extra}`);
      assert.ok(peak <= bound, `${name}: peak ${peak} > bound ${bound}`);
    };

    // Parquet reads: the Arrow output plus at most 2 x one row group's uncompressed size.
    const whole = measure('parquet-whole', join(dir, 'snappy.parquet'));
    assert.equal(whole.rows, ROWS);
    check('parquet whole', whole.after.arrowBytesPeak, whole.after.arrowBytesLive + 2 * largestGroup,
      `, Arrow ${MB(whole.after.arrowBytesLive)}, file ${MB(files.parquet.byteLength)}, U ${MB(largestGroup)}, heap ${MB(whole.after.heapSize)}`);
    const column = measure('parquet-column', join(dir, 'snappy.parquet'));
    check('parquet column x', column.after.arrowBytesPeak, column.after.arrowBytesLive + 2 * largestX,
      `, Arrow ${MB(column.after.arrowBytesLive)}, U(x) ${MB(largestX)}`);
    const group = measure('parquet-row-group', join(dir, 'snappy.parquet'));
    assert.equal(group.rows, ROW_GROUP_ROWS);
    check('parquet row group 1', group.after.arrowBytesPeak, group.after.arrowBytesLive + 2 * md.rowGroups[1].totalByteSize,
      `, Arrow ${MB(group.after.arrowBytesLive)}`);
    // The bytes copied in for a Parquet read are the column chunks read, never the whole file.
    assert.ok(column.after.bytesCopiedIn < files.parquet.byteLength / 2, `column read copied ${column.after.bytesCopiedIn}`);

    // IPC reads: the input copy (N) plus the decompressed buffers, which are at most M.
    const none = measure('ipc', join(dir, 'none.arrow'));
    check('ipc none', none.after.arrowBytesPeak, 0, ` (zero copy), heap in use ${MB(none.after.heapInUse)} = N ${MB(files.none.byteLength)}`);
    assert.ok(none.after.heapInUse <= files.none.byteLength + (1 << 20));
    for (const c of ['lz4', 'zstd']) {
      const r = measure('ipc', join(dir, `${c}.arrow`));
      check(`ipc ${c}`, r.after.arrowBytesPeak, arrowSize, `, N ${MB(files[c].byteLength)}, heap ${MB(r.after.heapSize)}`);
    }

    // Writes: the output O, held in blocks that never move (at most one block, 1 MiB, not
    // yet full), plus the encoded or compressed bodies of one batch or row group, at most
    // the table's Arrow size M here (one batch).
    const BLOCK = 1 << 20;
    for (const c of ['none', 'lz4', 'zstd']) {
      const r = measure('write-ipc', join(dir, 'none.arrow'), c);
      check(`write ipc ${c}`, r.after.arrowBytesPeak, r.output + arrowSize + BLOCK, `, O ${MB(r.output)}, heap ${MB(r.after.heapSize)}`);
    }
    for (const c of ['snappy', 'zstd']) {
      const r = measure('write-parquet', join(dir, 'none.arrow'), c);
      check(`write parquet ${c}`, r.after.arrowBytesPeak, r.output + arrowSize + BLOCK, `, O ${MB(r.output)}, heap ${MB(r.after.heapSize)}`);
    }
    console.log(`M (Arrow size) ${MB(arrowSize)}\n${rows.join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
