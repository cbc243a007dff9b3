// Hostile inputs through the package: valid Arrow (file, stream, LZ4) and Parquet files cut at
// every offset of their first kilobytes and at seeded random ones, with seeded bit flips, and
// with absurd declared sizes. Each read is an error of a data kind (or, for flips that keep the
// data valid, a table that passes full validation), never `internal`; afterwards nothing is
// left allocated and a good file still reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as q from '@quiver/core';
import { expectOk, sampleBytes } from './helpers.mjs';

const DATA_ERRORS = new Set(['invalid_input', 'truncated', 'unsupported', 'limit_exceeded']);

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function inputs() {
  const t = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  const out = {
    'arrow file': new Uint8Array(expectOk(await q.writeTableToIpc(t, false))),
    'arrow stream lz4': new Uint8Array(expectOk(await q.writeTableToIpc(t, { format: 'stream', compression: 'lz4' }))),
    'arrow file zstd': new Uint8Array(expectOk(await q.writeTableToIpc(t, { compression: 'zstd' }))),
    'parquet snappy': new Uint8Array(expectOk(await q.writeTableToParquet(t, { rowGroupRows: 2 }))),
    'parquet zstd v2': new Uint8Array(expectOk(await q.writeTableToParquet(t, { compression: 'zstd', pageVersion: 2, dictionary: false }))),
  };
  expectOk(await q.freeTable(t));
  return out;
}

async function attempt(name, bytes, seen) {
  const r = await q.readTableFromArrayBuffer(bytes, { validate: 'full' });
  if (r.ok) {
    expectOk(await q.freeTable(r.value));
    seen.ok = (seen.ok ?? 0) + 1;
    return;
  }
  assert.ok(DATA_ERRORS.has(r.code), `${name}: ${r.code}: ${r.error}`);
  seen[r.code] = (seen[r.code] ?? 0) + 1;
}

test('truncations, bit flips and absurd sizes give data errors and leak nothing', { timeout: 600000 }, async () => {
  const baseline = expectOk(await q.memoryStats());
  const seen = {};
  const r = rng(7);
  for (const [kind, bytes] of Object.entries(await inputs())) {
    const cuts = new Set();
    for (let n = 0; n < Math.min(bytes.length, 1024); n++) cuts.add(n);
    for (let k = 0; k < 200; k++) cuts.add(Math.floor(r() * bytes.length));
    for (const n of cuts) await attempt(`${kind} cut at ${n}`, bytes.subarray(0, n), seen);
    for (let k = 0; k < 400; k++) {
      const copy = bytes.slice();
      const at = Math.floor(r() * copy.length);
      copy[at] ^= 1 << Math.floor(r() * 8);
      await attempt(`${kind} bit flip at ${at}`, copy, seen);
    }
    // Absurd sizes: every aligned 4-byte word set to 0x7fffffff, one at a time (first 2 KB).
    for (let at = 0; at + 4 <= Math.min(bytes.length, 2048); at += 4) {
      const copy = bytes.slice();
      new DataView(copy.buffer).setInt32(at, 0x7fffffff, true);
      await attempt(`${kind} 2^31 at ${at}`, copy, seen);
    }
  }
  console.log(`outcomes: ${JSON.stringify(seen)}`);
  assert.ok((seen.invalid_input ?? 0) > 100 && (seen.truncated ?? 0) > 100);
  const after = expectOk(await q.memoryStats());
  assert.equal(after.liveHandles, baseline.liveHandles);
  assert.equal(after.arrowBytesLive, baseline.arrowBytesLive);
  const good = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  assert.equal(expectOk(await q.getTableInfo(good)).rows, 4);
  expectOk(await q.freeTable(good));
});
