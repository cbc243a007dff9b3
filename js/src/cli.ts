#!/usr/bin/env node
// The quiver command: inspect, head, convert, validate, doctor. Exit status: 0 success,
// 1 the data or an operation failed, 2 wrong usage.
import { open, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  buildInfo,
  freeTable,
  getParquetMetadata,
  getRows,
  getSchema,
  getTableInfo,
  initWasm,
  memoryStats,
  readTableFromStream,
  writeTableToIpc,
  writeTableToParquet,
} from './index.js';
import { openFileSource, readTableFromFile } from './node.js';
import type { DataTypeInfo, FieldInfo, ParquetMetadata, ParquetStatValue, ReadOptions, Result, TableHandle, Value } from './types.js';

const USAGE = `usage: quiver <command> [options]
  inspect FILE                     format, schema, rows, batches or row groups, codecs and sizes
  head FILE [-n N] [--json]        the first rows (default 10) as a table, or JSON
  convert IN OUT [--format arrow|arrows|feather|parquet] [--compression CODEC] [--level N]
          [--row-group-rows N] [--page-version 1|2]
                                   rewrite IN; the format defaults from OUT's extension;
                                   CODEC: none|lz4|zstd for Arrow (default none),
                                   snappy|zstd|gzip|brotli|lz4_raw|none for Parquet (default snappy)
  validate FILE                    full validation; exit status 0 when valid
  doctor                           environment and build facts`;

const err = process.stderr;
const out = process.stdout;
const showProgress = err.isTTY === true;

function usage(message: string): number {
  err.write(`quiver: ${message}\n${USAGE}\n`);
  return 2;
}

function report<T>(what: string, r: Result<T>): number {
  if (r.ok) return 0;
  err.write(`quiver: ${what}: ${r.error} [${r.code}]\n`);
  return 1;
}

function progress(label: string, done: number, total: number): void {
  if (!showProgress || total <= 0) return;
  const width = 30;
  const filled = Math.min(width, Math.round((done / total) * width));
  err.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}%`);
  if (done >= total) err.write('\r\x1b[K');
}

function detectFormat(head: Uint8Array): string {
  const text = String.fromCharCode(...head.subarray(0, 6));
  if (text.startsWith('ARROW1')) return 'Arrow IPC file (Feather v2)';
  if (text.startsWith('PAR1')) return 'Parquet';
  if (text.startsWith('FEA1')) return 'Feather v1';
  return 'Arrow IPC stream';
}

/** Reads any format; `parquetOpts` adds options for Parquet input only (e.g. no rows for inspect). */
async function readFile(path: string, opts?: ReadOptions, parquetOpts?: ReadOptions): Promise<Result<{ handle: TableHandle; size: number; format: string }>> {
  const info = await stat(path).then(
    (s) => ({ ok: true as const, size: s.size }),
    (e: unknown) => ({ ok: false as const, message: e instanceof Error ? e.message : String(e) }),
  );
  if (!info.ok) return { ok: false, code: 'io', error: `cannot open ${path}: ${info.message}` };
  const opened = await open(path, 'r').then(
    (h) => ({ ok: true as const, h }),
    (e: unknown) => ({ ok: false as const, message: e instanceof Error ? e.message : String(e) }),
  );
  if (!opened.ok) return { ok: false, code: 'io', error: `cannot open ${path}: ${opened.message}` };
  const fh = opened.h;
  const magic = new Uint8Array(8);
  const got = await fh.read(magic, 0, 8, 0).then((r) => r.bytesRead, () => 0);
  if (detectFormat(magic.subarray(0, got)) === 'Parquet') {
    await fh.close();
    const handle = await readTableFromFile(path, { ...opts, ...parquetOpts, format: 'parquet' });
    if (!handle.ok) return handle;
    return { ok: true, value: { handle: handle.value, size: info.size, format: 'Parquet' } };
  }
  const chunkSize = 1 << 20;
  let done = 0;
  let first: Uint8Array | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller): Promise<void> {
      const chunk = new Uint8Array(chunkSize);
      const r = await fh.read(chunk, 0, chunkSize, null);
      if (r.bytesRead === 0) {
        controller.close();
        return;
      }
      if (first === null) first = chunk.slice(0, 8);
      done += r.bytesRead;
      progress('reading', done, info.size);
      controller.enqueue(chunk.subarray(0, r.bytesRead));
    },
  });
  const handle = await readTableFromStream(stream, opts);
  await fh.close();
  if (!handle.ok) return handle;
  return { ok: true, value: { handle: handle.value, size: info.size, format: detectFormat(first ?? new Uint8Array()) } };
}

function describeType(t: DataTypeInfo): string {
  return t.name;
}

function printFields(fields: readonly FieldInfo[], indent: string): void {
  for (const f of fields) {
    out.write(`${indent}${f.name}: ${describeType(f.type)}${f.nullable ? '' : ' not null'}\n`);
    for (const [k, v] of Object.entries(f.metadata)) out.write(`${indent}  [${k}] ${v.length > 60 ? `${v.slice(0, 60)}...` : v}\n`);
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function showStat(v: ParquetStatValue): string {
  if (v === null) return '?';
  if (v instanceof Uint8Array) return `x'${Array.from(v.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}${v.length > 16 ? '...' : ''}'`;
  return truncate(String(v));
}

function printParquet(meta: ParquetMetadata): void {
  const groups = meta.rowGroups;
  const codecs = new Set<string>();
  const encodings = new Set<string>();
  for (const g of groups) {
    for (const c of g.columns) {
      if (c.codec !== null) codecs.add(c.codec);
      for (const e of c.encodings) encodings.add(e);
    }
  }
  out.write(`row groups: ${groups.length}
created by: ${meta.createdBy ?? '(not recorded)'}
version: ${meta.version}
`);
  out.write(`codecs:  ${codecs.size > 0 ? [...codecs].join(', ') : '(no row groups)'}
encodings: ${[...encodings].join(', ')}
`);
  out.write('parquet columns:\n');
  meta.columns.forEach((col, i) => {
    let compressed = 0;
    let uncompressed = 0;
    let nulls: number | null = 0;
    let min: ParquetStatValue = null;
    let max: ParquetStatValue = null;
    for (const g of groups) {
      const c = g.columns[i];
      if (c === undefined) continue;
      compressed += c.compressedSize ?? 0;
      uncompressed += c.uncompressedSize ?? 0;
      const st = c.statistics;
      nulls = st === null || st.nullCount === null || nulls === null ? null : nulls + st.nullCount;
      if (st !== null && st.min !== null && (min === null || (typeof st.min !== 'object' && st.min < min))) min = st.min;
      if (st !== null && st.max !== null && (max === null || (typeof st.max !== 'object' && st.max > max))) max = st.max;
    }
    const logical = col.logicalType ?? col.convertedType;
    out.write(`  ${col.path}: ${col.physicalType}${logical === null ? '' : ` ${logical}`} ${col.repetition.toLowerCase()}`);
    out.write(`, ${formatBytes(compressed)} (${formatBytes(uncompressed)} uncompressed)`);
    out.write(`, nulls ${nulls === null ? '?' : nulls}, min ${showStat(min)}, max ${showStat(max)}\n`);
  });
  groups.forEach((g, i) => out.write(`  row group ${i}: ${g.numRows} rows, ${formatBytes(g.compressedSize)}\n`));
}

async function inspect(path: string): Promise<number> {
  const read = await readFile(path, {}, { limit: 0 });
  if (!read.ok) return report(path, read);
  const { handle, size, format } = read.value;
  const schema = await getSchema(handle);
  const info = await getTableInfo(handle);
  if (!schema.ok) return report(path, schema);
  if (!info.ok) return report(path, info);
  out.write(`file:    ${path}\nformat:  ${format}\nsize:    ${formatBytes(size)} (${size} bytes)\n`);
  if (format === 'Parquet') {
    const source = await openFileSource(path);
    if (!source.ok) return report(path, source);
    const meta = await getParquetMetadata(source.value);
    await source.value.close();
    if (!meta.ok) return report(path, meta);
    out.write(`rows:    ${meta.value.numRows}\ncolumns: ${info.value.columns}\n`);
    printParquet(meta.value);
    out.write('schema:\n');
  } else {
    out.write(`rows:    ${info.value.rows}\ncolumns: ${info.value.columns}\nbatches: ${info.value.batches}\n`);
    out.write(`codecs:  ${info.value.codecs.length > 0 ? info.value.codecs.join(', ') : '(no batches)'}\n`);
    out.write(`memory:  ${formatBytes(info.value.bytes)} of Arrow buffers in WebAssembly memory\nschema:\n`);
  }
  printFields(schema.value.fields, '  ');
  const meta = Object.entries(schema.value.metadata);
  if (meta.length > 0) {
    out.write('metadata:\n');
    for (const [k, v] of meta) out.write(`  ${k}: ${v.length > 60 ? `${v.slice(0, 60)}...` : v}\n`);
  }
  for (const w of info.value.warnings) out.write(`warning: ${w}\n`);
  await freeTable(handle);
  return 0;
}

function show(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `x'${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
  return JSON.stringify(toJson(v));
}

function toJson(v: Value): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  if (v instanceof Map) return Array.from(v.entries(), ([k, x]) => [toJson(k), toJson(x)]);
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toJson(x);
    return o;
  }
  return v;
}

async function head(path: string, n: number, json: boolean): Promise<number> {
  const read = await readFile(path, { limit: n });
  if (!read.ok) return report(path, read);
  const rows = await getRows(read.value.handle, { limit: n });
  if (!rows.ok) {
    await freeTable(read.value.handle);
    return report(path, rows);
  }
  if (json) {
    await freeTable(read.value.handle);
    out.write(`${JSON.stringify(rows.value.map((r) => toJson(r)), null, 1)}\n`);
    return 0;
  }
  const fields = await getSchema(read.value.handle);
  const types = new Map(fields.ok ? fields.value.fields.map((f) => [f.name, f.type] as const) : []);
  const schema = await getSchemaOf(rows.value);
  const cells = rows.value.map((r) => schema.map((c) => truncate(showTyped(r[c] ?? null, types.get(c)))));
  const widths = schema.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  out.write(`${line(schema)}\n${widths.map((w) => '-'.repeat(w)).join('-+-')}\n`);
  for (const row of cells) out.write(`${line(row)}\n`);
  await freeTable(read.value.handle);
  return 0;
}

const UNIT_PER_MS: Readonly<Record<string, number>> = { s: 1e-3, ms: 1, us: 1e3, ns: 1e6 };

/** Timestamps and dates as ISO 8601 (UTC) for reading; other values as show() does. */
function showTyped(v: Value, type: DataTypeInfo | undefined): string {
  if (type !== undefined && v !== null) {
    if (type.id === 'timestamp' && typeof v === 'bigint') {
      const ms = Number(v) / (UNIT_PER_MS[type.unit ?? 'ms'] ?? 1);
      const d = new Date(ms);
      if (!Number.isNaN(d.getTime())) return type.timezone === '' ? d.toISOString().replace('Z', '') : d.toISOString();
    }
    if (type.id === 'date32' && typeof v === 'number') return new Date(v * 86400000).toISOString().slice(0, 10);
  }
  return show(v);
}

async function getSchemaOf(rows: readonly Readonly<Record<string, Value>>[]): Promise<string[]> {
  return Object.keys(rows[0] ?? {});
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

interface ConvertOptions {
  readonly format: string | undefined;
  readonly compression: string | undefined;
  readonly level: number | undefined;
  readonly rowGroupRows: number | undefined;
  readonly pageVersion: number | undefined;
}

const PARQUET_CODECS = ['snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw', 'none'] as const;
type ParquetCodec = (typeof PARQUET_CODECS)[number];

async function writeOut(handle: TableHandle, fmt: string, o: ConvertOptions): Promise<Result<ArrayBuffer>> {
  if (fmt === 'parquet') {
    const codec = PARQUET_CODECS.find((c) => c === (o.compression ?? 'snappy')) ?? 'snappy';
    return writeTableToParquet(handle, {
      compression: codec satisfies ParquetCodec,
      ...(o.level === undefined ? {} : { compressionLevel: o.level }),
      ...(o.rowGroupRows === undefined ? {} : { rowGroupRows: o.rowGroupRows }),
      ...(o.pageVersion === 2 ? { pageVersion: 2 as const } : o.pageVersion === 1 ? { pageVersion: 1 as const } : {}),
    });
  }
  const compression = o.compression === 'lz4' ? ('lz4' as const) : o.compression === 'zstd' ? ('zstd' as const) : ('none' as const);
  const opts = { format: fmt === 'arrows' ? ('stream' as const) : ('file' as const), compression };
  return writeTableToIpc(handle, o.level === undefined ? opts : { ...opts, level: o.level });
}

async function convert(input: string, output: string, o: ConvertOptions): Promise<number> {
  const fmt = o.format ?? (output.endsWith('.arrows') ? 'arrows' : output.endsWith('.parquet') ? 'parquet' : output.endsWith('.feather') ? 'feather' : 'arrow');
  if (!['arrow', 'arrows', 'feather', 'parquet'].includes(fmt)) return usage(`unknown format '${fmt}'`);
  const codecs: readonly string[] = fmt === 'parquet' ? PARQUET_CODECS : ['none', 'lz4', 'zstd'];
  const compression = o.compression ?? (fmt === 'parquet' ? 'snappy' : 'none');
  if (!codecs.includes(compression)) return usage(`unknown compression '${compression}' for ${fmt} (one of ${codecs.join(', ')})`);
  if (fmt !== 'parquet' && (o.rowGroupRows !== undefined || o.pageVersion !== undefined)) {
    return usage('--row-group-rows and --page-version apply to Parquet output only');
  }
  if (o.pageVersion !== undefined && o.pageVersion !== 1 && o.pageVersion !== 2) return usage('--page-version needs 1 or 2');
  const t0 = performance.now();
  const read = await readFile(input);
  if (!read.ok) return report(input, read);
  const t1 = performance.now();
  const bytes = await writeOut(read.value.handle, fmt, { ...o, compression });
  await freeTable(read.value.handle);
  if (!bytes.ok) return report(output, bytes);
  const t2 = performance.now();
  const written = await writeFile(output, new Uint8Array(bytes.value)).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  if (written !== null) {
    err.write(`quiver: cannot write ${output}: ${written} [io]\n`);
    return 1;
  }
  err.write(`${input} (${formatBytes(read.value.size)}) -> ${output} (${formatBytes(bytes.value.byteLength)}, ${fmt}, ${compression}): read ${(t1 - t0).toFixed(0)} ms, write ${(t2 - t1).toFixed(0)} ms\n`);
  return 0;
}

async function validate(path: string): Promise<number> {
  const read = await readFile(path, { validate: 'full' });
  if (!read.ok) return report(path, read);
  const info = await getTableInfo(read.value.handle);
  await freeTable(read.value.handle);
  if (!info.ok) return report(path, info);
  out.write(`${path}: valid (${read.value.format}, ${info.value.rows} rows, ${info.value.batches} batch${info.value.batches === 1 ? "" : "es"})\n`);
  return 0;
}

async function doctor(): Promise<number> {
  const wasmPath = fileURLToPath(new URL('./quiver.wasm', import.meta.url));
  const size = await stat(wasmPath).then((s) => s.size, () => -1);
  out.write(`node:        ${process.version} (${process.platform} ${process.arch})\n`);
  out.write(`module:      ${wasmPath} (${size >= 0 ? formatBytes(size) : 'missing'})\n`);
  const t0 = performance.now();
  const started = await initWasm();
  if (!started.ok) return report('initWasm', started);
  out.write(`init:        ${(performance.now() - t0).toFixed(1)} ms\n`);
  const info = await buildInfo();
  if (!info.ok) return report('buildInfo', info);
  out.write(`version:     ${info.value.version}\n`);
  out.write(`codecs:      ${Object.entries(info.value.codecs).map(([k, v]) => `${k}${v ? '' : ' (absent)'}`).join(', ')}\n`);
  out.write(`read:        ${info.value.formats.read.join(', ')}\n`);
  out.write(`write:       ${info.value.formats.write.join(', ')}\n`);
  const mem = await memoryStats();
  if (!mem.ok) return report('memoryStats', mem);
  out.write(`wasm memory: ${formatBytes(mem.value.heapSize)} (grows to 4 GiB)\n`);
  out.write(`features:    FinalizationRegistry ${typeof FinalizationRegistry === 'function' ? 'yes' : 'no'}, Symbol.dispose ${typeof Symbol.dispose === 'symbol' ? 'yes' : 'no'}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const booleans = new Set(['--json', '--help', '-h']);
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i] ?? '';
    if (a.startsWith('-') && a !== '-') {
      if (booleans.has(a)) {
        flags.set(a, 'true');
      } else {
        const v = rest[i + 1];
        if (v === undefined) return usage(`${a} needs a value`);
        flags.set(a, v);
        i += 1;
      }
    } else {
      positional.push(a);
    }
  }
  const known = new Set(['--json', '--help', '-h', '-n', '--format', '--compression', '--level', '--row-group-rows', '--page-version']);
  for (const k of flags.keys()) if (!known.has(k)) return usage(`unknown option ${k}`);
  if (command === undefined || command === '--help' || command === '-h' || flags.has('--help')) {
    out.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const file = positional[0];
  switch (command) {
    case 'inspect':
      return file === undefined || positional.length !== 1 ? usage('inspect needs one FILE') : inspect(file);
    case 'head': {
      const n = Number(flags.get('-n') ?? '10');
      if (!Number.isSafeInteger(n) || n < 0) return usage('-n needs a non-negative integer');
      return file === undefined || positional.length !== 1 ? usage('head needs one FILE') : head(file, n, flags.has('--json'));
    }
    case 'convert': {
      const target = positional[1];
      if (file === undefined || target === undefined || positional.length !== 2) return usage('convert needs IN and OUT');
      const ints: Record<string, number | undefined> = {};
      for (const flag of ['--level', '--row-group-rows', '--page-version']) {
        const text = flags.get(flag);
        const n = text === undefined ? undefined : Number(text);
        if (n !== undefined && !Number.isSafeInteger(n)) return usage(`${flag} needs an integer`);
        ints[flag] = n;
      }
      return convert(file, target, {
        format: flags.get('--format'),
        compression: flags.get('--compression'),
        level: ints['--level'],
        rowGroupRows: ints['--row-group-rows'],
        pageVersion: ints['--page-version'],
      });
    }
    case 'validate':
      return file === undefined || positional.length !== 1 ? usage('validate needs one FILE') : validate(file);
    case 'doctor':
      return doctor();
    default:
      return usage(`unknown command '${command}'`);
  }
}

process.exitCode = await main(process.argv.slice(2));
