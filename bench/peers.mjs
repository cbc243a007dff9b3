// One library's side of one scenario. setup(spec, ctx) returns { before?, op, after, extra? }:
// `before` (untimed) prepares each repetition's input, `op` is the timed work and `after`
// (untimed) checks and frees its result. Throwing NotAvailable marks the scenario "n/a" with
// the reason; any other error marks it "error". What each library's "read" keeps:
//   quiver        a table handle in WASM memory (readTableFromArrayBuffer), freed untimed
//   apache-arrow  a Table (tableFromIPC; compressed bodies are decompressed while reading)
//   parquet-wasm  its Table in WASM memory (readParquet; projected: ParquetFile.read; IPC streams:
//                 Table.fromIPCStream), freed untimed
//   hyparquet     decoded column chunks as JS arrays (parquetRead with onChunk, no row assembly)
//   duckdb        a temp table (CREATE TEMP TABLE t AS SELECT ... FROM read_parquet(file)), dropped untimed
import fs from 'node:fs';
import { ARROW_COMPRESSION, dataPath, importQuiver, readBytes, registerArrowCodecs, require } from './common.mjs';

export class NotAvailable extends Error {}

const IPC_EXT = { file: 'arrow', stream: 'arrows' };
export const ipcFile = (s) => `${s.ds}${s.compression === 'none' ? '' : `.${s.compression}`}.${IPC_EXT[s.format]}`;
export const parquetFile = (s) => `${s.ds}.${s.writer}.${s.codec}.parquet`;

function expectRows(got, want, what) {
  if (got !== want) throw new Error(`${what}: expected ${want} rows but got ${got}`);
}

/** The rows and columns a Parquet read scenario must return. */
function parquetExpectation(s, m) {
  const info = m.files[parquetFile(s)];
  if (s.read === 'rowgroups') return { rows: info.subset.rows, columns: m.columns.length };
  return { rows: m.rows, columns: s.read === 'column' ? 1 : m.columns.length };
}

// --------------------------------------------------------------------------------------

async function quiver(s, ctx) {
  const q = await importQuiver();
  if (!q) throw new NotAvailable('js/dist not built');
  const t0 = performance.now();
  const init = await q.initWasm();
  ctx.extra.initMs = performance.now() - t0;
  if (!init.ok) throw new Error(`initWasm: ${init.code}: ${init.error}`);
  const need = (r, what) => {
    if (r.ok) return r.value;
    if (r.code === 'unsupported') throw new NotAvailable(`not in this build: ${what}: ${r.error}`);
    throw new Error(`${what}: ${r.code}: ${r.error}`);
  };
  const stats = async () => {
    const m = await q.memoryStats();
    if (m.ok) Object.assign(ctx.extra, { heapPeak: m.value.heapPeak, heapSize: m.value.heapSize });
  };
  const check = async (h, want) => {
    const info = need(await q.getTableInfo(h), 'getTableInfo');
    expectRows(info.rows, want.rows, 'quiver');
    if (info.columns !== want.columns) throw new Error(`quiver: expected ${want.columns} columns but got ${info.columns} (option ignored?)`);
  };
  const m = ctx.manifest;
  if (s.kind === 'ipc-read') {
    const bytes = readBytes(ipcFile(s));
    const format = s.format === 'file' ? 'arrow-file' : 'arrow-stream';
    return {
      op: () => q.readTableFromArrayBuffer(bytes, { format }),
      after: async (r) => {
        const h = need(r, 'readTableFromArrayBuffer');
        await check(h, { rows: m.rows, columns: m.columns.length });
        await stats();
        await q.freeTable(h);
      },
    };
  }
  const source = need(await q.readTableFromArrayBuffer(readBytes(`${s.ds}.arrow`)), 'reading the IPC input');
  if (s.kind === 'ipc-write') {
    return {
      op: () => q.writeTableToIpc(source, { format: s.format, compression: s.compression }),
      after: async (r) => {
        ctx.extra.outputBytes = need(r, 'writeTableToIpc').byteLength;
        await stats();
      },
    };
  }
  if (s.kind === 'pq-read') {
    await q.freeTable(source);
    const bytes = readBytes(parquetFile(s));
    const want = parquetExpectation(s, m);
    const opts = { format: 'parquet' };
    if (s.read === 'column') opts.columns = [ctx.projected];
    if (s.read === 'rowgroups') opts.rowGroups = m.files[parquetFile(s)].subset.groups;
    return {
      op: () => q.readTableFromArrayBuffer(bytes, opts),
      after: async (r) => {
        const h = need(r, `readTableFromArrayBuffer(format 'parquet'${s.read === 'whole' ? '' : `, ${Object.keys(opts)[1]}`})`);
        await check(h, want);
        await stats();
        await q.freeTable(h);
      },
    };
  }
  if (typeof q.writeTableToParquet !== 'function') throw new NotAvailable('not in this build: writeTableToParquet is not exported');
  return {
    op: () => q.writeTableToParquet(source, { compression: s.codec }),
    after: async (r) => {
      ctx.extra.outputBytes = need(r, 'writeTableToParquet').byteLength;
      await stats();
    },
  };
}

async function arrowJs(s, ctx) {
  const A = require('apache-arrow');
  await registerArrowCodecs(A);
  if (s.kind === 'ipc-read') {
    const bytes = readBytes(ipcFile(s));
    return { op: () => A.tableFromIPC(bytes), after: (t) => expectRows(t.numRows, ctx.manifest.rows, 'apache-arrow') };
  }
  if (s.kind !== 'ipc-write') throw new NotAvailable('apache-arrow JS has no Parquet support');
  const table = A.tableFromIPC(readBytes(`${s.ds}.arrow`));
  const Writer = s.format === 'file' ? A.RecordBatchFileWriter : A.RecordBatchStreamWriter;
  const options = { compressionType: ARROW_COMPRESSION(A, s.compression) };
  return {
    op: () => Writer.writeAll(table, options).toUint8Array(true),
    after: (bytes) => {
      ctx.extra.outputBytes = bytes.byteLength;
    },
  };
}

const PW_CODEC = { snappy: 'SNAPPY', zstd: 'ZSTD', none: 'UNCOMPRESSED' };

async function parquetWasm(s, ctx) {
  const pq = require('parquet-wasm');
  if (s.kind === 'pq-read') {
    const bytes = readBytes(parquetFile(s));
    const want = parquetExpectation(s, ctx.manifest);
    let op = () => pq.readParquet(bytes, {});
    if (s.read === 'rowgroups') op = () => pq.readParquet(bytes, { rowGroups: ctx.manifest.files[parquetFile(s)].subset.groups });
    if (s.read === 'column') {
      // readParquet ignores `columns` in 0.8.0 (it returns every column); ParquetFile.read
      // applies it. The file is an in-memory Blob, opened (footer parsed) untimed.
      const file = await pq.ParquetFile.fromFile(new Blob([bytes]));
      op = () => file.read({ columns: [ctx.projected] });
    }
    return {
      op,
      after: (t) => {
        ctx.extra.wasmMemory = pq.wasmMemory().buffer.byteLength;
        let rows = 0;
        const columns = t.numBatches ? t.recordBatch(0).numColumns : 0;
        for (let i = 0; i < t.numBatches; i++) rows += t.recordBatch(i).numRows;
        t.free();
        expectRows(rows, want.rows, 'parquet-wasm');
        if (columns !== want.columns) throw new Error(`parquet-wasm: expected ${want.columns} columns but got ${columns}`);
      },
    };
  }
  if (s.kind === 'ipc-read' || s.kind === 'ipc-write') return parquetWasmIpc(pq, s, ctx);
  const stream = readBytes(`${s.ds}.arrows`);
  const props = () => new pq.WriterPropertiesBuilder().setCompression(pq.Compression[PW_CODEC[s.codec]]).build();
  return {
    // writeParquet takes ownership of the Table, so each repetition gets a fresh one (untimed).
    before: () => ({ table: pq.Table.fromIPCStream(stream), props: props() }),
    op: ({ table, props: p }) => pq.writeParquet(table, p),
    after: (bytes) => {
      ctx.extra.outputBytes = bytes.byteLength;
      ctx.extra.wasmMemory = pq.wasmMemory().buffer.byteLength;
    },
  };
}

// parquet-wasm's IPC side: Table.fromIPCStream and Table.intoIPCStream (streams only, no
// body compression in the npm build). What it cannot do is reported with its own error.
function parquetWasmIpc(pq, s, ctx) {
  if (s.format === 'file') throw new NotAvailable('parquet-wasm reads and writes IPC streams only (Table.fromIPCStream / intoIPCStream)');
  if (s.kind === 'ipc-write') {
    if (s.compression !== 'none') throw new NotAvailable('parquet-wasm: Table.intoIPCStream has no compression option');
    const stream = readBytes(`${s.ds}.arrows`);
    return {
      // intoIPCStream consumes the Table: a fresh one per run, untimed.
      before: () => pq.Table.fromIPCStream(stream),
      op: (t) => t.intoIPCStream(),
      after: (bytes) => {
        ctx.extra.outputBytes = bytes.byteLength;
        ctx.extra.wasmMemory = pq.wasmMemory().buffer.byteLength;
      },
    };
  }
  const bytes = readBytes(ipcFile(s));
  try {
    pq.Table.fromIPCStream(bytes).free();
  } catch (e) {
    throw new NotAvailable(`parquet-wasm 0.8.0 cannot read it: ${String(e.message ?? e)}`);
  }
  return {
    op: () => pq.Table.fromIPCStream(bytes),
    after: (t) => {
      let rows = 0;
      for (let i = 0; i < t.numBatches; i++) rows += t.recordBatch(i).numRows;
      ctx.extra.wasmMemory = pq.wasmMemory().buffer.byteLength;
      t.free();
      expectRows(rows, ctx.manifest.rows, 'parquet-wasm');
    },
  };
}

async function hyparquet(s, ctx) {
  if (s.kind !== 'pq-read') throw new NotAvailable('hyparquet reads Parquet only (no writer, no IPC)');
  const { parquetRead } = await import(require.resolve('hyparquet'));
  // Snappy is built into hyparquet (pure JS); ZSTD comes from hyparquet-compressors.
  const compressors = s.codec === 'zstd' ? (await import(require.resolve('hyparquet-compressors'))).compressors : undefined;
  const b = readBytes(parquetFile(s));
  const file = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  const want = parquetExpectation(s, ctx.manifest);
  const opts = { file, compressors };
  if (s.read === 'column') opts.columns = [ctx.projected];
  if (s.read === 'rowgroups') {
    // hyparquet selects rows, not row groups: the subset's row range (it reads only the
    // row groups that overlap it).
    const sub = ctx.manifest.files[parquetFile(s)].subset;
    Object.assign(opts, { rowStart: sub.rowStart, rowEnd: sub.rowStart + sub.rows });
  }
  return {
    op: async () => {
      const chunks = [];
      await parquetRead({ ...opts, onChunk: (c) => chunks.push(c) });
      return chunks;
    },
    after: (chunks) => {
      const first = chunks.filter((c) => c.columnName === chunks[0]?.columnName);
      const lo = Math.max(opts.rowStart ?? 0, Math.min(...first.map((c) => c.rowStart)));
      const hi = Math.min(opts.rowEnd ?? Infinity, Math.max(...first.map((c) => c.rowEnd)));
      expectRows(hi - lo, want.rows, 'hyparquet');
    },
  };
}

async function duckdb(s, ctx) {
  if (s.kind !== 'pq-read' && s.kind !== 'pq-write') throw new NotAvailable('DuckDB is compared on Parquet only');
  const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run('SET threads=1');
  const lit = (p) => `'${p.replaceAll("'", "''")}'`;
  const count = async (t) => Number((await db.runAndReadAll(`SELECT count(*) FROM ${t}`)).getRows()[0][0]);
  if (s.kind === 'pq-read') {
    const file = lit(dataPath(parquetFile(s)));
    const want = parquetExpectation(s, ctx.manifest);
    let sql = `CREATE TEMP TABLE t AS SELECT * FROM read_parquet(${file})`;
    if (s.read === 'column') sql = `CREATE TEMP TABLE t AS SELECT "${ctx.projected}" FROM read_parquet(${file})`;
    if (s.read === 'rowgroups') {
      // No row-group selection in DuckDB: a file_row_number range over the subset's rows.
      const sub = ctx.manifest.files[parquetFile(s)].subset;
      sql = `CREATE TEMP TABLE t AS SELECT * EXCLUDE (file_row_number) FROM read_parquet(${file}, file_row_number=true) `
        + `WHERE file_row_number >= ${sub.rowStart} AND file_row_number < ${sub.rowStart + sub.rows}`;
    }
    return {
      op: () => db.run(sql),
      after: async () => {
        expectRows(await count('t'), want.rows, 'duckdb');
        await db.run('DROP TABLE t');
      },
    };
  }
  await db.run(`CREATE TABLE src AS SELECT * FROM read_parquet(${lit(dataPath(`${s.ds}.pw.none.parquet`))})`);
  const out = dataPath(`tmp-${process.pid}.parquet`);
  const codec = { snappy: 'snappy', zstd: 'zstd', none: 'uncompressed' }[s.codec];
  return {
    op: () => db.run(`COPY src TO ${lit(out)} (FORMAT parquet, COMPRESSION ${codec})`),
    after: () => {
      ctx.extra.outputBytes = fs.statSync(out).size;
      fs.rmSync(out);
    },
  };
}

export const LIBS = { quiver, 'apache-arrow': arrowJs, 'parquet-wasm': parquetWasm, hyparquet, duckdb };
