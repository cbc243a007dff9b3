// 10,000 read/free cycles: handles back to zero and the heap back to its baseline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as q from '../dist/index.js';
import { expectOk, sampleBytes } from './helpers.mjs';

test('10,000 read/free cycles leak nothing', async () => {
  const bytes = sampleBytes('file');
  const lz4 = await (async () => {
    const h = expectOk(await q.readTableFromArrayBuffer(bytes));
    const out = expectOk(await q.writeTableToIpc(h, true));
    expectOk(await q.freeTable(h));
    return out;
  })();
  // Warm up once so that lazily allocated state (codec contexts, free lists) is counted in the baseline.
  // The handle table's vectors grow to two slots (a table and its slice) and stay so.
  for (const b of [bytes, lz4]) {
    const h = expectOk(await q.readTableFromArrayBuffer(b));
    const derived = expectOk(await q.slice(h, 1, 2));
    expectOk(await q.getRows(derived));
    expectOk(await q.freeTable(derived));
    expectOk(await q.freeTable(h));
  }
  const base = expectOk(await q.memoryStats());
  for (let i = 0; i < 10000; i += 1) {
    const h = expectOk(await q.readTableFromArrayBuffer(i % 2 === 0 ? bytes : lz4));
    if (i % 1000 === 0) {
      const derived = expectOk(await q.slice(h, 1, 2));
      expectOk(await q.getRows(derived));
      expectOk(await q.freeTable(derived));
    }
    expectOk(await q.freeTable(h));
  }
  const after = expectOk(await q.memoryStats());
  assert.equal(after.liveHandles, 0);
  assert.equal(after.arrowBytesLive, base.arrowBytesLive);
  assert.equal(after.heapInUse, base.heapInUse, `heap in use grew from ${base.heapInUse} to ${after.heapInUse}`);
  assert.equal(after.heapSize, base.heapSize);
});

test('a handle garbage-collected without freeTable is freed with a warning', async () => {
  const { spawnSync } = await import('node:child_process');
  const script = `
    import * as q from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
    import { sampleBytes } from ${JSON.stringify(new URL('./helpers.mjs', import.meta.url).href)};
    await q.initWasm();
    (await q.readTableFromArrayBuffer(sampleBytes())).ok || process.exit(3);
    for (let i = 0; i < 20 && (await q.memoryStats()).value.liveHandles > 0; i += 1) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(JSON.stringify((await q.memoryStats()).value.liveHandles));
  `;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '0');
  assert.match(r.stderr, /table handle \d+ was garbage-collected without freeTable\(\); freed it now/);
});
