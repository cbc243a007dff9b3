// The package works after bundling with esbuild: for Node (run it), and for browsers (build it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sampleBytes } from './helpers.mjs';

const js = fileURLToPath(new URL('..', import.meta.url));

/** A consumer project with the package installed as npm would (package.json + dist). */
function consumer(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const installed = join(dir, 'node_modules', '@quiver', 'core');
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(js, 'package.json'), join(installed, 'package.json'));
  cpSync(join(js, 'dist'), join(installed, 'dist'), { recursive: true });
  return dir;
}

test('esbuild bundle for Node runs with the .wasm beside it', async () => {
  const dir = consumer('quiver-bundle-');
  writeFileSync(join(dir, 'data.arrows'), sampleBytes('stream'));
  writeFileSync(join(dir, 'entry.mjs'), `
import { readFileSync } from 'node:fs';
import { getTableInfo, readTableFromArrayBuffer, writeTableToIpc, freeTable } from '@quiver/core';
const h = await readTableFromArrayBuffer(readFileSync(new URL('./data.arrows', import.meta.url)));
if (!h.ok) { console.log(JSON.stringify(h)); process.exit(1); }
const info = await getTableInfo(h.value);
const out = await writeTableToIpc(h.value, true);
await freeTable(h.value);
console.log(JSON.stringify({ rows: info.ok ? info.value.rows : -1, lz4: out.ok }));
`);
  await build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, format: 'esm', platform: 'node', outfile: join(dir, 'out', 'app.mjs'), absWorkingDir: dir, logLevel: 'error' });
  copyFileSync(join(js, 'dist', 'quiver.wasm'), join(dir, 'out', 'quiver.wasm'));
  copyFileSync(join(dir, 'data.arrows'), join(dir, 'out', 'data.arrows'));
  const r = spawnSync(process.execPath, [join(dir, 'out', 'app.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(JSON.parse(r.stdout), { rows: 4, lz4: true });
});

test('esbuild bundle for browsers builds and keeps only guarded Node imports', async () => {
  const dir = consumer('quiver-web-');
  writeFileSync(join(dir, 'entry.mjs'), `
import { initWasm, readTableFromBlob } from '@quiver/core';
export async function run(blob) { const s = await initWasm(); return s.ok ? readTableFromBlob(blob) : s; }
`);
  const result = await build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, format: 'esm', platform: 'browser', outfile: join(dir, 'web.mjs'), absWorkingDir: dir, external: ['node:*'], logLevel: 'error', metafile: true });
  assert.equal(result.errors.length, 0);
  const text = readFileSync(join(dir, 'web.mjs'), 'utf8');
  assert.doesNotMatch(text, /^import .* from ["']node:/m);
  assert.match(text, /quiver\.wasm/);
});
