// Runs one library's side of one scenario in this process and prints one JSON line:
//   {status: 'ok', median, times, ...extra} | {status: 'na', reason} | {status: 'error', reason}
// extra: Quiver's initMs (cold initWasm in this process), heapPeak and heapSize (bytes of
// WASM memory after the runs), outputBytes for writes, and load1 (the 1-minute load average
// at the end: the machine is shared).
//
//   node bench/run_case.mjs '{"lib":"quiver","kind":"ipc-read","ds":"mix","format":"file","compression":"lz4"}' WARMUP REPS ROWS
import fs from 'node:fs';
import os from 'node:os';
import { DATASETS, dataPath, setRows, timeIt } from './common.mjs';
import { LIBS, NotAvailable } from './peers.mjs';

const spec = JSON.parse(process.argv[2]);
const warmup = Number(process.argv[3] ?? 1), reps = Number(process.argv[4] ?? 5);
setRows(Number(process.argv[5] ?? 1000000));
const all = JSON.parse(fs.readFileSync(dataPath('manifest.json'), 'utf8'));
const ctx = { manifest: all.datasets[spec.ds], projected: DATASETS[spec.ds].projected, extra: {} };
let out;
try {
  const lib = LIBS[spec.lib];
  if (!lib) throw new NotAvailable(`unknown library ${spec.lib}`);
  const parts = await lib(spec, ctx);
  const t = await timeIt(parts, { warmup, reps });
  out = { status: 'ok', median: t.median, min: Math.min(...t.times), times: t.times, ...ctx.extra };
} catch (e) {
  out = e instanceof NotAvailable ? { status: 'na', reason: e.message } : { status: 'error', reason: String(e?.stack ?? e).split('\n').slice(0, 3).join(' | '), ...ctx.extra };
}
out.load1 = Number(os.loadavg()[0].toFixed(2));
process.stdout.write(`BENCH-RESULT ${JSON.stringify(out)}\n`);
process.exit(0);
