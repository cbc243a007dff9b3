// The package contract: name, exports map, types, bin, and no runtime dependencies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(js, 'package.json'), 'utf8'));

const API = [
  'buildInfo', 'closeParquetReader', 'concatTables', 'createIpcWriter', 'createParquetWriter', 'finishIpcWriter',
  'finishParquetWriter', 'freeIpcWriter', 'freeParquetWriter', 'freeTable', 'fromArrowJS', 'getBatch', 'getColumn',
  'getParquetMetadata', 'getRows', 'getSchema', 'getSchemaSummary', 'getTableInfo', 'initWasm', 'loadPlugin', 'memoryStats',
  'openParquetReader', 'readNextBatch', 'readTableFromArrayBuffer', 'readTableFromBlob', 'readTableFromParquet',
  'readTableFromStream', 'registerPlugin', 'selectColumns', 'slice', 'toArrowJS', 'writeTableToFeather',
  'writeTableToIpc', 'writeTableToParquet', 'writeToIpcWriter', 'writeToParquetWriter',
];

test('package.json', () => {
  assert.equal(pkg.name, '@quiver/core');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' });
  assert.deepEqual(pkg.exports['./node'], { types: './dist/node.d.ts', default: './dist/node.js' });
  assert.equal(pkg.bin.quiver, './dist/cli.js');
  assert.equal(pkg.dependencies, undefined, 'no runtime dependencies');
  assert.equal(pkg.peerDependencies, undefined);
  for (const target of [pkg.exports['.'].types, pkg.exports['.'].default, pkg.exports['./node'].default, pkg.exports['./quiver.wasm'], pkg.bin.quiver]) {
    assert.ok(existsSync(join(js, target)), `${target} is missing`);
  }
  assert.match(readFileSync(join(js, pkg.bin.quiver), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('the exports map resolves by name and exposes exactly the API', async () => {
  const core = await import('@quiver/core');
  assert.deepEqual(Object.keys(core).sort(), API);
  const node = await import('@quiver/core/node');
  assert.deepEqual(Object.keys(node), ['openFileSource', 'readTableFromFile']);
});

test('every exported function returns Promise<Result<...>> in the types', () => {
  const dts = ['index.d.ts', 'node.d.ts', 'parquet.d.ts', 'parquet_write.d.ts', 'plugins.d.ts'].map((f) => readFileSync(join(js, 'dist', f), 'utf8')).join('\n');
  const fns = [...dts.matchAll(/export declare function (\w+)(?:<[^>]*>)?\(([\s\S]*?)\): ([^;]+);/g)];
  assert.equal(fns.length, API.length + 2);
  for (const [, name, , ret] of fns) assert.match(ret, /^Promise<Result<.+>>$/, name);
});

test('the browser entry imports no Node built-ins statically', () => {
  for (const f of readdirSync(join(js, 'dist')).filter((x) => /\.(m?js)$/.test(x) && !['cli.js', 'node.js'].includes(x))) {
    const text = readFileSync(join(js, 'dist', f), 'utf8');
    assert.doesNotMatch(text, /^\s*import[^(]*from\s*['"]node:/m, f);
    assert.doesNotMatch(text, /\brequire\(['"]/.test(text) && f !== 'quiver.mjs' ? /require\(/ : /^$^/, f);
  }
});

test('runtime imports are relative or node: built-ins only', () => {
  for (const f of readdirSync(join(js, 'dist')).filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(join(js, 'dist', f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
      assert.ok(m[1].startsWith('./') || m[1].startsWith('node:'), `${f} imports ${m[1]}`);
    }
  }
});
