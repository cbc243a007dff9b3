// Plugins as side modules sharing the core's memory (test plugins: plugins/testing/*.c,
// built by cmake/plugins.cmake into the wasm build's js/plugins/): loading, registration
// errors, the import check, operations on columns in place (no copies), failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as q from '@quiver/core';
import { expectError, expectOk, sampleBytes } from './helpers.mjs';

const pluginDir = fileURLToPath(new URL('../../build/wasm-release/js/plugins/', import.meta.url));
const goodBytes = () => readFileSync(`${pluginDir}quiver_test_plugin.wasm`);
const badBytes = () => readFileSync(`${pluginDir}quiver_bad_plugin.wasm`);

// The typed face of the test plugin, as a plugin package would export it.
const testPlugin = {
  id: 'io.quiver.plugin.test.v1',
  entry: 'quiver_plugin_entry',
  wasmUrl: new URL(`file://${pluginDir}quiver_test_plugin.wasm`),
  bind: (call) => ({
    length: async (table, column) => {
      const r = await call('length', table, column);
      return r.ok ? { ok: true, value: r.value.values.map((v) => v.length) } : r;
    },
    same: async (table, column) => {
      const r = await call('same', table, column);
      return r.ok ? { ok: true, value: r.value.table } : r;
    },
    fail: (table, column) => call('fail', table, column),
  }),
};

test('a plugin loads into the core, and its operations work on tables in place', async () => {
  const unknown = await q.registerPlugin('io.quiver.plugin.test.v1');
  expectError(unknown, 'plugin', "no plugin 'io.quiver.plugin.test.v1' is loaded");
  const ops = expectOk(await q.loadPlugin(testPlugin, goodBytes()));
  const table = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  assert.deepEqual(expectOk(await ops.length(table, 'name')), [4]);
  const before = expectOk(await q.memoryStats());
  const same = expectOk(await ops.same(table, 'name'));
  const after = expectOk(await q.memoryStats());
  assert.equal(after.arrowBytesLive, before.arrowBytesLive, 'no Arrow buffer was allocated: the column was shared');
  assert.deepEqual(expectOk(await q.getRows(same)).map((r) => r.name), ['a', null, 'c', 'd']);
  expectOk(await q.freeTable(table));
  assert.deepEqual(expectOk(await q.getRows(same)).map((r) => r.name), ['a', null, 'c', 'd'], 'the result keeps the shared buffers alive');
  expectOk(await q.freeTable(same));
  expectError(await ops.fail(same, 0), 'invalid_handle');
  const t2 = expectOk(await q.readTableFromArrayBuffer(sampleBytes()));
  expectError(await ops.fail(t2, 0), 'plugin', "plugin 'io.quiver.plugin.test.v1': operation 'fail' failed: asked to fail");
  expectError(await ops.same(t2, 'nope'), 'invalid_argument', "expected a column name of the table but found 'nope'");
  expectOk(await q.freeTable(t2));
  // Loading it again: the id is taken.
  expectError(await q.loadPlugin(testPlugin, goodBytes()), 'plugin', /already loaded/);
  expectError(await q.registerPlugin('io.quiver.plugin.test.v1'), 'plugin', /already registered/);
});

test('a plugin importing what the core does not export is refused before it runs', async () => {
  const bad = { ...testPlugin, id: 'io.quiver.plugin.bad.v1' };
  expectError(await q.loadPlugin(bad, badBytes()), 'plugin',
    "plugin 'io.quiver.plugin.bad.v1' imports what the core does not export: quiver_host_not_in_the_abi");
  expectError(await q.loadPlugin(bad, new Uint8Array([0, 1, 2])), 'plugin', /not a WebAssembly module/);
  expectError(await q.loadPlugin({ id: 'x' }), 'invalid_argument', 'expected a plugin object with id, entry, wasmUrl and bind');
});

test('the core exports the whole plugin ABI list; the package checks plugins against it', async () => {
  const check = (await import('node:child_process')).spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/gen_plugin_abi.mjs', import.meta.url)), '--check'], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const list = readFileSync(new URL('../../bindings/wasm/plugin_exports.txt', import.meta.url), 'utf8')
    .split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const core = await WebAssembly.compile(readFileSync(new URL('../dist/quiver.wasm', import.meta.url)));
  const exported = new Set(WebAssembly.Module.exports(core).map((e) => e.name));
  // abort is implemented in JavaScript by Emscripten: exported as a function of the module.
  for (const name of list) assert.ok(exported.has(name) || name === 'abort', `the core does not export ${name}`);
  // Imports of the good test plugin are all covered.
  const imports = WebAssembly.Module.imports(await WebAssembly.compile(goodBytes()))
    .filter((i) => i.module === 'env' && i.kind === 'function').map((i) => i.name);
  for (const name of imports) assert.ok(list.includes(name), `the test plugin imports ${name}, which is not in the ABI list`);
});
