// Every @example in the TSDoc of the public modules type-checks under the package's strict
// tsconfig (style.md §7: examples that compile in CI).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));

function examples(file) {
  const text = readFileSync(join(js, 'src', file), 'utf8');
  const out = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const at = body.findIndex((l) => l.startsWith('@example'));
    if (at < 0) continue;
    const rest = body.slice(at + 1);
    const end = rest.findIndex((l) => l.startsWith('@'));
    out.push((end < 0 ? rest : rest.slice(0, end)).join('\n').trim());
  }
  return out;
}

test('TSDoc examples type-check', () => {
  const dir = join(js, '.examples-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const blocks = [...examples('index.ts'), ...examples('node.ts'), ...examples('parquet.ts'), ...examples('parquet_write.ts'), ...examples('plugins.ts')];
  assert.ok(blocks.length >= 8, `found only ${blocks.length} examples`);
  const imports = new Set();
  const bodies = blocks.map((b, i) => {
    const lines = b.split('\n');
    for (const l of lines.filter((x) => x.startsWith('import '))) imports.add(l);
    return `export async function example${i}(): Promise<void> {\n${lines.filter((x) => !x.startsWith('import ')).join('\n')}\n}`;
  });
  const source = [
    "import * as quiver from '../src/index.js';",
    "import { openFileSource, readTableFromFile } from '../src/node.js';",
    ...imports,
    'const { initWasm, readTableFromArrayBuffer, getSchemaSummary, getTableInfo, getRows, writeTableToIpc, toArrowJS, fromArrowJS, createIpcWriter, writeToIpcWriter, finishIpcWriter, getParquetMetadata, openParquetReader, readNextBatch, freeTable, writeTableToParquet, createParquetWriter, writeToParquetWriter, finishParquetWriter, loadPlugin } = quiver;',
    'declare const handle: quiver.TableHandle;',
    'declare const bytes: Uint8Array;',
    "declare const arrowTable: import('apache-arrow').Table;",
    'declare const file: Blob;',
    'declare const reader: quiver.ParquetReaderHandle;',
    'declare const somePlugin: quiver.QuiverPlugin<{ readonly count: () => Promise<quiver.Result<number>> }>;',
    ...bodies,
    'export const used = [loadPlugin, writeTableToParquet, createParquetWriter, writeToParquetWriter, finishParquetWriter, openFileSource, getParquetMetadata, openParquetReader, readNextBatch, freeTable, readTableFromFile, initWasm, readTableFromArrayBuffer, getSchemaSummary, getTableInfo, getRows, writeTableToIpc, toArrowJS, fromArrowJS, createIpcWriter, writeToIpcWriter, finishIpcWriter];',
  ].join('\n');
  writeFileSync(join(dir, 'examples.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '..', noUnusedLocals: false },
    include: ['examples.ts'],
  }));
  const r = spawnSync(process.execPath, [join(js, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `${r.stdout}\n${source}`);
});
