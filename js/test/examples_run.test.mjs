// The Node examples run: examples/node/convert.ts is compiled with the package's tsc and run
// on a generated file (Arrow -> Parquet -> Arrow), and quickstart.mjs reads the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleBytes } from './helpers.mjs';

const js = fileURLToPath(new URL('..', import.meta.url));
const examples = fileURLToPath(new URL('../../examples/node/', import.meta.url));

test('examples/node: convert.ts compiles and converts; quickstart.mjs runs', () => {
  // Inside js/ so that '@quiver/core' resolves to this package.
  const dir = join(js, '.examples-node');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  // The example is copied inside js/ so that it compiles and runs as a user's module would.
  copyFileSync(join(examples, 'convert.ts'), join(dir, 'convert.ts'));
  copyFileSync(join(examples, 'quickstart.mjs'), join(dir, 'quickstart.mjs'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: { rootDir: '.', outDir: 'out', declaration: false },
    include: ['convert.ts'],
  }));
  const tsc = spawnSync(process.execPath, [join(js, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout);
  writeFileSync(join(dir, 'sample.arrow'), sampleBytes());
  const toParquet = spawnSync(process.execPath, [join(dir, 'out', 'convert.js'), join(dir, 'sample.arrow'), join(dir, 'sample.parquet')], { encoding: 'utf8' });
  assert.equal(toParquet.status, 0, toParquet.stderr);
  assert.match(toParquet.stdout, /sample\.arrow: 4 rows, 7 columns\n {2}id: Int64\n/);
  assert.match(toParquet.stdout, /sample\.parquet: \d+ bytes \(Parquet, zstd\)/);
  const back = spawnSync(process.execPath, [join(dir, 'out', 'convert.js'), join(dir, 'sample.parquet'), join(dir, 'back.arrow')], { encoding: 'utf8' });
  assert.equal(back.status, 0, back.stderr);
  assert.match(back.stdout, /sample\.parquet: 4 rows, 7 columns/);
  const bad = spawnSync(process.execPath, [join(dir, 'out', 'convert.js'), join(dir, 'missing.arrow'), join(dir, 'x.parquet')], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /\[io\]/);
  const quick = spawnSync(process.execPath, [join(dir, 'quickstart.mjs'), join(dir, 'back.arrow')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(quick.status, 0, quick.stderr);
  assert.match(quick.stdout, /id: Int64/);
});
