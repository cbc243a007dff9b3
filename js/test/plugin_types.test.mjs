// Plugins are typed end to end: the operations loadPlugin returns carry the plugin package's
// types, so calling one with wrong arguments does not compile. Each `@ts-expect-error` line
// below must be an error for tsc to pass (an unused expectation is itself an error).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));

const SOURCE = `
import { loadPlugin } from '../src/index.js';
import type { QuiverPlugin, Result, TableHandle } from '../src/index.js';

interface Bounds { readonly xmin: number; readonly ymin: number; readonly xmax: number; readonly ymax: number }
interface GeoOps {
  readonly bounds: (table: TableHandle, column: string) => Promise<Result<Bounds>>;
  readonly toWkb: (table: TableHandle, column: string) => Promise<Result<TableHandle>>;
}
declare const geo: QuiverPlugin<GeoOps>;
declare const table: TableHandle;

export async function use(): Promise<number> {
  const ops = await loadPlugin(geo);
  if (!ops.ok) return 0;
  const b = await ops.value.bounds(table, 'geom');
  // @ts-expect-error: the column is a string
  await ops.value.bounds(table, 3);
  // @ts-expect-error: a table handle is needed
  await ops.value.toWkb('geom', 'geom');
  // @ts-expect-error: no such operation
  await ops.value.buffer(table, 'geom');
  // @ts-expect-error: bounds returns numbers, not strings
  const s: string = b.ok ? b.value.xmin : '';
  return b.ok ? b.value.xmax + s.length : 0;
}
`;

test('plugin operations are typed: wrong arguments do not compile', () => {
  const dir = join(js, '.plugin-types-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, 'use.ts'), SOURCE);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '..', noUnusedLocals: false },
    include: ['use.ts'],
  }));
  const r = spawnSync(process.execPath, [join(js, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stdout);
});
