// Every `ts` code block of the user-facing docs compiles against the package's types (each
// block as its own module, with `bytes`, `file` and `handle` declared), and none uses `this`,
// `any`, `try`, `catch` or an `is` type predicate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));
const DOCS = ['docs/user_manual.md', 'docs/plugin_author_guide.md', 'README.md', 'js/README.md'];

function blocks(file) {
  const text = readFileSync(join(js, '..', file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test('doc code blocks type-check and keep to the Result style', () => {
  const dir = join(js, '.docs-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const files = [];
  for (const doc of DOCS) {
    blocks(doc).forEach((code, i) => {
      assert.doesNotMatch(code, /\b(this|any|try|catch)\b|\)\s*:\s*\w+\s+is\s+/, `${doc} block ${i}`);
      const name = `${doc.replace(/\W/g, '_')}_${i}.ts`;
      writeFileSync(join(dir, name), `${code}\nexport {};\n`);
      files.push(name);
    });
  }
  assert.ok(files.length >= 8, `found only ${files.length} blocks`);
  writeFileSync(join(dir, 'globals.d.ts'), "declare const bytes: Uint8Array;\ndeclare const file: Blob;\ndeclare const handle: import('../src/index.js').TableHandle;\n");
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: {
      noEmit: true, rootDir: '../..', noUnusedLocals: false, baseUrl: '.',
      paths: { '@quiver/core': ['../src/index.ts'], '@quiver/plugin-geo': ['../../plugins/geo/js/src/index.ts'] },
    },
    include: ['*.ts', '../../plugins/geo/js/src/*.ts'],
  }));
  const r = spawnSync(process.execPath, [join(js, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stdout);
});
