// Robustness: seeded random corruptions (byte flips anywhere, flips inside the footer,
// truncations) of the files the compat tests generated, each read by quiver_parquet_json
// (meant to be the ASan+UBSan build). Every read must end in a value or a clean error:
// exit status 0 or 1, JSON on stdout, and no sanitizer report.
//
// Usage: node parquet_mutate.mjs --tool PATH --in DIR [--in2 DIR] [--per-file N] [--seed S]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rng } from './gen_duckdb.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (i % 2 === 0 ? [...acc, [a.replace(/^--/, ''), xs[i + 1]]] : acc), []));
const tool = args.tool;
if (!tool || !fs.existsSync(tool)) throw new Error(`quiver_parquet_json not found at ${tool}`);
const perFile = Number(args['per-file'] ?? 20);
const r = rng(Number(args.seed ?? 42));
const files = [args.in, args.in2].filter(Boolean).flatMap((d) =>
  fs.readdirSync(d).filter((f) => f.endsWith('.parquet')).sort().slice(0, 20).map((f) => path.join(d, f)));
if (files.length === 0) throw new Error('no input files: run the DuckDB and parquet-wasm compat tests first');
const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-mutate-')), 'm.parquet');
const counts = {};
let crashes = 0, runs = 0;
for (const f of files) {
  const data = fs.readFileSync(f);
  if (data.length > 400000) continue;
  for (let k = 0; k < perFile; k++) {
    let b = Buffer.from(data);
    const mode = r();
    const flen = b.readUInt32LE(b.length - 8);
    if (mode < 0.6) {
      for (let n = 1 + Math.floor(r() * 8); n > 0; n--) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    } else if (mode < 0.8) {
      const start = Math.max(4, b.length - 8 - flen);
      for (let n = 1 + Math.floor(r() * 4); n > 0; n--) b[start + Math.floor(r() * (b.length - 8 - start))] = Math.floor(r() * 256);
    } else {
      b = b.subarray(0, Math.floor(r() * b.length));
    }
    fs.writeFileSync(tmp, b);
    const p = spawnSync(tool, [tmp], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:allocator_may_return_null=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' }, maxBuffer: 1 << 30 });
    runs++;
    const stderr = p.stderr.toString();
    let key;
    try {
      const out = JSON.parse(p.stdout.toString());
      key = out.error ?? 'ok';
    } catch {
      key = 'no-json';
    }
    counts[key] = (counts[key] ?? 0) + 1;
    if (![0, 1].includes(p.status) || key === 'no-json' || /Sanitizer|runtime error/.test(stderr) ||
        ['internal', 'invalid_argument'].includes(key)) {
      crashes++;
      const keep = path.join(path.dirname(tmp), `crash_${crashes}.parquet`);
      fs.copyFileSync(tmp, keep);
      console.log(`FAIL ${f} (mutation ${k}, kept as ${keep}): status ${p.status} ${key}\n${stderr.slice(0, 1500)}`);
    }
  }
}
console.log(`mutations: ${runs} reads, ${crashes} failures, outcomes ${JSON.stringify(counts)}`);
if (crashes) process.exit(1);
