// The quiver CLI on good and bad files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleBytes } from './helpers.mjs';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'quiver-cli-'));
const good = join(dir, 'good.arrow');
const stream = join(dir, 'good.arrows');
const garbage = join(dir, 'garbage.arrow');
const truncated = join(dir, 'truncated.arrow');
writeFileSync(good, sampleBytes('file'));
writeFileSync(stream, sampleBytes('stream'));
writeFileSync(garbage, 'this is not arrow data at all');
writeFileSync(truncated, sampleBytes('stream').subarray(0, 200));

function run(...args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('inspect', () => {
  const r = run('inspect', good);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /format: +Arrow IPC file \(Feather v2\)/);
  assert.match(r.out, /rows: +4/);
  assert.match(r.out, /codecs: +none\n/);
  assert.match(r.out, /at: Timestamp\(ms, "UTC"\)/);
  assert.match(run('inspect', stream).out, /format: +Arrow IPC stream/);
});

test('inspect shows the codecs of compressed files', () => {
  for (const [name, codec] of [['lz4.arrow', 'lz4'], ['zstd.arrows', 'zstd']]) {
    const target = join(dir, name);
    const c = run('convert', good, target, '--compression', codec);
    assert.equal(c.code, 0, c.err);
    const r = run('inspect', target);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`codecs: +${codec}\n`));
  }
});

test('head, as a table and as JSON', () => {
  const r = run('head', good, '-n', '2');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^id +\| name +\| score/);
  const json = run('head', stream, '--json');
  assert.equal(json.code, 0, json.err);
  const rows = JSON.parse(json.out);
  assert.equal(rows.length, 4);
  assert.equal(rows[0].id, '1');
  assert.equal(rows[1].name, null);
});

test('convert between formats and codecs, then validate', () => {
  for (const [name, extra] of [['a.arrow', []], ['b.arrows', []], ['c.feather', ['--compression', 'lz4']], ['d.arrow', ['--compression', 'zstd', '--level', '3']], ['e.bin', ['--format', 'arrows']]]) {
    const target = join(dir, name);
    const r = run('convert', good, target, ...extra);
    assert.equal(r.code, 0, r.err);
    const v = run('validate', target);
    assert.equal(v.code, 0, v.err);
    assert.match(v.out, /valid/);
  }
  assert.equal(readFileSync(join(dir, 'b.arrows')).subarray(0, 4).readUInt32LE(0), 0xffffffff);
});

test('convert to and from Parquet with codec options; inspect and head read Parquet', () => {
  const pq = join(dir, 'x.parquet');
  for (const extra of [[], ['--compression', 'zstd', '--level', '5', '--page-version', '2', '--row-group-rows', '2'], ['--compression', 'lz4_raw']]) {
    const r = run('convert', good, pq, ...extra);
    assert.equal(r.code, 0, r.err);
    const v = run('validate', pq);
    assert.equal(v.code, 0, v.err);
    assert.match(v.out, /valid \(Parquet, 4 rows/);
  }
  const i = run('inspect', pq);
  assert.equal(i.code, 0, i.err);
  assert.match(i.out, /format: {2}Parquet\nsize: .*\nrows: {4}4\ncolumns: 7\nrow groups: 1\ncreated by: quiver version 0\.1\.0/);
  assert.match(i.out, /codecs: {2}LZ4_RAW/);
  assert.match(i.out, /  id: INT64 INTEGER\(64, signed\) optional, .*nulls 0, min 1, max 4/);
  assert.match(i.out, /schema:\n  id: Int64\n  name: Utf8\n/);
  const h = run('head', pq, '-n', '2', '--json');
  assert.equal(h.code, 0, h.err);
  assert.deepEqual(JSON.parse(h.out).map((r) => r.id), ['1', '2']);
  const back = join(dir, 'back.arrow');
  assert.equal(run('convert', pq, back, '--compression', 'lz4').code, 0);
  assert.equal(run('validate', back).code, 0);
  const bad = run('convert', good, pq, '--compression', 'lz4');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown compression 'lz4' for parquet \(one of snappy, zstd, gzip, brotli, lz4_raw, none\)/);
  assert.equal(run('convert', good, join(dir, 'y.arrow'), '--page-version', '2').code, 2);
});

test('bad files exit non-zero with a clear message', () => {
  const g = run('validate', garbage);
  assert.equal(g.code, 1);
  assert.match(g.err, /expected Arrow IPC, Feather or Parquet data but found bytes 74 68 69 73 \[invalid_input\]/);
  const t = run('inspect', truncated);
  assert.equal(t.code, 1);
  assert.match(t.err, /\[truncated\]/);
  const m = run('head', join(dir, 'missing.arrow'));
  assert.equal(m.code, 1);
  assert.match(m.err, /cannot open .*missing\.arrow.*\[io\]/);
});

test('usage errors exit 2', () => {
  assert.equal(run().code, 2);
  assert.equal(run('frobnicate').code, 2);
  assert.equal(run('head', good, '-n', 'x').code, 2);
  assert.equal(run('convert', good).code, 2);
  assert.equal(run('convert', good, join(dir, 'y.arrow'), '--compression', 'gzip').code, 2);
  assert.equal(run('inspect', good, '--bogus', '1').code, 2);
  assert.equal(run('--help').code, 0);
});

test('doctor', () => {
  const r = run('doctor');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /codecs: +lz4, zstd/);
  assert.match(r.out, /init: +[\d.]+ ms/);
});
