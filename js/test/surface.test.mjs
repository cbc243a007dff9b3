// The public surface contains no `this`, `any`, `is` (type predicates), `try` or `catch`:
// the emitted .d.ts files (comments stripped), every file under examples/node and
// examples/browser, and every js/ts/html code block of the READMEs and docs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));
const root = join(js, '..');
const FORBIDDEN = /\b(this|any|is|try|catch)\b/g;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function findings(name, text) {
  const out = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(FORBIDDEN)) out.push(`${name}:${i + 1}: '${m[1]}' in: ${line.trim()}`);
  });
  return out;
}

function files(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

function codeBlocks(markdown) {
  const blocks = [];
  const re = /```(\w*)\n([\s\S]*?)```/g;
  for (const m of markdown.matchAll(re)) {
    if (['ts', 'typescript', 'js', 'javascript', 'mjs', 'html'].includes(m[1])) blocks.push(m[2]);
  }
  return blocks;
}

test('emitted .d.ts files', () => {
  const dts = files(join(js, 'dist'), /\.d\.ts$/);
  assert.ok(dts.length >= 3, 'no .d.ts files in dist');
  const bad = dts.flatMap((f) => findings(f, stripComments(readFileSync(f, 'utf8'))));
  assert.deepEqual(bad, []);
});

test('examples', () => {
  const ex = [...files(join(root, 'examples', 'node'), /\.(m?js|ts|html)$/), ...files(join(root, 'examples', 'browser'), /\.(m?js|ts|html)$/)];
  assert.ok(ex.length >= 2, 'expected examples/node and examples/browser');
  const bad = ex.flatMap((f) => findings(f, readFileSync(f, 'utf8')));
  assert.deepEqual(bad, []);
});

test('README and doc snippets', () => {
  const docs = [join(root, 'README.md'), join(js, 'README.md'), ...files(join(root, 'docs'), /\.md$/)].filter((f) => existsSync(f));
  let blocks = 0;
  const bad = docs.flatMap((f) =>
    codeBlocks(readFileSync(f, 'utf8')).flatMap((b) => {
      blocks += 1;
      return findings(f, b);
    }),
  );
  assert.ok(blocks >= 2, 'expected the README quickstart snippets');
  assert.deepEqual(bad, []);
});

test('the scan catches what it should', () => {
  assert.equal(findings('x', 'function f(x: unknown): x is string').length, 1);
  assert.equal(findings('x', 'let a: any').length, 1);
  assert.equal(findings('x', 'try { } catch (e) { }').length, 2);
  assert.equal(findings('x', 'const thisValue = anything; isOk').length, 0);
});
