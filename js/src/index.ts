// @quiver/core: Arrow IPC and Feather in WebAssembly behind a typed Result API.
//
// Every function returns Promise<Result<T>> and never throws. Tables stay in WebAssembly
// memory under generational handles; data leaves it only as copies the caller asks for.
import { convertValue } from './values.js';
import { readParquetTable } from './parquet.js';
import { asBytes, finishRead, isParquetMagic, readArgs, withInput } from './read.js';
import {
  appendInput,
  copyIn,
  fail,
  guarded,
  handleId,
  init,
  instance,
  lastError,
  makeHandle,
  makeWriter,
  markFreed,
  notePeak,
  ok,
  takeBytes,
  takeText,
} from './wasm.js';
import type { Instance } from './wasm.js';
import type {
  BuildInfo,
  ColumnData,
  ColumnSummary,
  DataTypeInfo,
  FeatherWriteOptions,
  GetColumnOptions,
  GetRowsOptions,
  IpcWriteOptions,
  IpcWriterHandle,
  MemoryStats,
  NumericValues,
  ParquetInput,
  ReadOptions,
  Result,
  Row,
  SchemaInfo,
  SchemaSummary,
  TableHandle,
  TableInfo,
  Value,
  WasmInitOptions,
} from './types.js';

export type * from './types.js';
export { closeParquetReader, getParquetMetadata, openParquetReader, readNextBatch } from './parquet.js';
export { loadPlugin } from './plugins.js';
export { createParquetWriter, finishParquetWriter, freeParquetWriter, writeTableToParquet, writeToParquetWriter } from './parquet_write.js';

/**
 * Starts the WebAssembly module. Without `bytes` it loads `quiver.wasm` from beside the
 * package's module (Node: from disk; browsers: with fetch). Other functions call it with
 * defaults when needed, so calling it first is optional. After an `internal` error it
 * starts a fresh instance.
 * @example
 * const started = await initWasm();
 * if (!started.ok) console.error(started.code, started.error);
 */
export async function initWasm(bytes?: ArrayBuffer | Uint8Array, opts?: WasmInitOptions): Promise<Result<void>> {
  if (bytes !== undefined && asBytes(bytes) === null) {
    return fail('invalid_argument', 'expected the module bytes as an ArrayBuffer or Uint8Array');
  }
  return init(bytes, opts);
}

/**
 * Reads an Arrow IPC file or stream, Feather v2 or Parquet from bytes in memory. The format
 * is detected unless `opts.format` names it. IPC bytes are copied into WebAssembly memory
 * once; of Parquet, only the footer and the selected columns' chunks are copied, one row
 * group at a time.
 * @example
 * const table = await readTableFromArrayBuffer(bytes, { columns: ['id', 'name'], limit: 100 });
 * if (table.ok) console.log(table.value.id);
 */
export async function readTableFromArrayBuffer(data: ArrayBuffer | Uint8Array, opts?: ReadOptions): Promise<Result<TableHandle>> {
  const bytes = asBytes(data);
  if (bytes === null) return fail('invalid_argument', 'expected an ArrayBuffer or Uint8Array');
  const args = readArgs(opts);
  if (!args.ok) return args;
  if (args.value.format === 'parquet' || (args.value.format === '' && isParquetMagic(bytes))) {
    return readParquetTable(bytes, args.value);
  }
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return withInput(async () => {
    const copied = guarded(inst, () => copyIn(inst, [bytes]));
    if (!copied.ok) return copied;
    return finishRead(inst, args.value);
  });
}

/**
 * Reads from a ReadableStream of byte chunks (a `fetch` body, `Blob.stream()`), writing each
 * chunk straight into WebAssembly memory.
 */
export async function readTableFromStream(stream: ReadableStream<Uint8Array>, opts?: ReadOptions): Promise<Result<TableHandle>> {
  if (typeof stream !== 'object' || stream === null || typeof stream.getReader !== 'function') {
    return fail('invalid_argument', 'expected a ReadableStream');
  }
  const args = readArgs(opts);
  if (!args.ok) return args;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return withInput(async () => {
    const reset = guarded(inst, () => {
      inst.module.inputReset();
      return ok(undefined);
    });
    if (!reset.ok) return reset;
    const reader = stream.getReader();
    for (;;) {
      const next = await reader.read().then(
        (r) => ok(r),
        (e: unknown) => fail<ReadableStreamReadResult<Uint8Array>>('io', `reading the stream failed: ${String(e)}`),
      );
      if (!next.ok) return next;
      if (next.value.done) break;
      const chunk: unknown = next.value.value;
      if (!(chunk instanceof Uint8Array)) {
        await reader.cancel().catch(() => undefined);
        return fail('invalid_argument', 'expected the stream to yield Uint8Array chunks');
      }
      const appended = guarded(inst, () => appendInput(inst, chunk));
      if (!appended.ok) {
        await reader.cancel().catch(() => undefined);
        return appended;
      }
    }
    return finishRead(inst, args.value);
  });
}

/**
 * Reads a `Blob` or `File`. Arrow IPC and Feather stream into WebAssembly memory; Parquet is
 * read in pieces (the footer, then the selected column chunks of one row group at a time),
 * so a file larger than memory can be read when the selection fits.
 */
export async function readTableFromBlob(blob: Blob, opts?: ReadOptions): Promise<Result<TableHandle>> {
  if (typeof Blob === 'undefined' || !(blob instanceof Blob)) return fail('invalid_argument', 'expected a Blob or File');
  const args = readArgs(opts);
  if (!args.ok) return args;
  let parquet = args.value.format === 'parquet';
  if (args.value.format === '') {
    const head = await blob.slice(0, 4).arrayBuffer().then(
      (b) => ok(new Uint8Array(b)),
      (e: unknown) => fail<Uint8Array>('io', `reading the Blob failed: ${String(e)}`),
    );
    if (!head.ok) return head;
    parquet = isParquetMagic(head.value);
  }
  if (parquet) return readParquetTable(blob, args.value);
  return readTableFromStream(blob.stream(), opts);
}

/**
 * Reads Parquet from any input the Parquet functions take (bytes, a Blob, or a
 * RandomAccessSource such as `openFileSource` of `@quiver/core/node`), fetching only the
 * footer and the selected column chunks.
 */
export async function readTableFromParquet(input: ParquetInput, opts?: ReadOptions): Promise<Result<TableHandle>> {
  const args = readArgs(opts);
  if (!args.ok) return args;
  if (args.value.format !== '' && args.value.format !== 'parquet') {
    return fail('invalid_argument', `expected format 'parquet' but found '${args.value.format}'`);
  }
  return readParquetTable(input, args.value);
}

async function withTable<T>(handle: TableHandle, body: (inst: Instance, id: number) => Result<T>): Promise<Result<T>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const id = handleId(inst, handle);
  if (!id.ok) return id;
  return guarded(inst, () => body(inst, id.value));
}

function textCall<T>(inst: Instance, status: number): Result<T> {
  if (status !== 0) return lastError(inst);
  const parsed: unknown = JSON.parse(takeText(inst));
  return ok(parsed as T);
}

/**
 * Column names, Arrow types and nullability.
 * @example
 * const summary = await getSchemaSummary(handle);
 * if (summary.ok) for (const c of summary.value.columns) console.log(c.name, c.arrowType);
 */
export async function getSchemaSummary(handle: TableHandle): Promise<Result<SchemaSummary>> {
  return withTable(handle, (inst, id) => textCall<SchemaSummary>(inst, inst.module.schemaSummary(id)));
}

/** The full schema: nested types with their parameters, field and schema metadata. */
export async function getSchema(handle: TableHandle): Promise<Result<SchemaInfo>> {
  return withTable(handle, (inst, id) => textCall<SchemaInfo>(inst, inst.module.schema(id)));
}

/**
 * Rows, columns, record batches, bytes in WebAssembly memory and the codecs the data was
 * compressed with.
 * @example
 * const info = await getTableInfo(handle);
 * if (info.ok) console.log(info.value.rows, info.value.codecs.join(', '));
 */
export async function getTableInfo(handle: TableHandle): Promise<Result<TableInfo>> {
  return withTable(handle, (inst, id) => textCall<TableInfo>(inst, inst.module.tableInfo(id)));
}

function resolveColumn(columns: readonly ColumnSummary[], column: string | number): Result<number> {
  if (typeof column === 'number') {
    if (Number.isInteger(column) && column >= 0 && column < columns.length) return ok(column);
    return fail('invalid_argument', `expected a column index below ${columns.length} but found ${column}`);
  }
  if (typeof column === 'string') {
    const index = columns.findIndex((c) => c.name === column);
    return index >= 0 ? ok(index) : fail('invalid_argument', `expected a column name of the table but found '${column}'`);
  }
  return fail('invalid_argument', 'expected a column name or index');
}

function summaryOf(inst: Instance, id: number): Result<SchemaSummary> {
  return textCall<SchemaSummary>(inst, inst.module.schemaSummary(id));
}

function newHandle(inst: Instance, id: number): Result<TableHandle> {
  return id === 0 ? lastError(inst) : ok(makeHandle(inst, id));
}

/**
 * A new table with the given columns (names or indices, in that order). Shares the data:
 * nothing is copied.
 */
export async function selectColumns(handle: TableHandle, columns: readonly (string | number)[]): Promise<Result<TableHandle>> {
  if (!Array.isArray(columns)) return fail('invalid_argument', 'expected an array of column names or indices');
  return withTable(handle, (inst, id) => {
    const summary = summaryOf(inst, id);
    if (!summary.ok) return summary;
    const indices: number[] = [];
    for (const c of columns) {
      const index = resolveColumn(summary.value.columns, c);
      if (!index.ok) return index;
      indices.push(index.value);
    }
    return newHandle(inst, inst.module.selectColumns(id, indices.join(',')));
  });
}

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Rows [offset, offset + length) as a new table sharing the data (length: to the end). */
export async function slice(handle: TableHandle, offset: number, length?: number): Promise<Result<TableHandle>> {
  if (!isCount(offset) || (length !== undefined && !isCount(length))) {
    return fail('invalid_argument', 'expected offset and length to be non-negative integers');
  }
  return withTable(handle, (inst, id) => {
    let len = length;
    if (len === undefined) {
      const info = textCall<TableInfo>(inst, inst.module.tableInfo(id));
      if (!info.ok) return info;
      len = Math.max(0, info.value.rows - offset);
    }
    return newHandle(inst, inst.module.slice(id, offset, len));
  });
}

/** The rows of several tables with equal schemas, one after another, as a new table (no copy). */
export async function concatTables(handles: readonly TableHandle[]): Promise<Result<TableHandle>> {
  if (!Array.isArray(handles) || handles.length === 0) {
    return fail('invalid_argument', 'expected a non-empty array of table handles');
  }
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const ids: number[] = [];
  for (const h of handles) {
    const id = handleId(inst, h);
    if (!id.ok) return id;
    ids.push(id.value);
  }
  return guarded(inst, () => newHandle(inst, inst.module.concat(ids.join(','))));
}

interface ColumnHeader {
  readonly kind: 'typed' | 'json';
  readonly arrowType: string;
  readonly length: number;
  readonly nullCount: number;
  readonly byteWidth: number;
  readonly valuesSize: number;
  readonly validityOffset: number;
}

function typedView(type: DataTypeInfo, buffer: ArrayBuffer, offset: number, length: number): NumericValues | null {
  switch (type.id) {
    case 'int8': return new Int8Array(buffer, offset, length);
    case 'uint8': return new Uint8Array(buffer, offset, length);
    case 'int16': return new Int16Array(buffer, offset, length);
    case 'uint16': return new Uint16Array(buffer, offset, length);
    case 'int32': case 'date32': case 'time32': return new Int32Array(buffer, offset, length);
    case 'uint32': return new Uint32Array(buffer, offset, length);
    case 'float32': return new Float32Array(buffer, offset, length);
    case 'float64': return new Float64Array(buffer, offset, length);
    case 'uint64': return new BigUint64Array(buffer, offset, length);
    case 'int64': case 'date64': case 'time64': case 'timestamp': case 'duration':
      return new BigInt64Array(buffer, offset, length);
    default: return null;
  }
}

/**
 * Copies one column out: a typed array for numeric columns (64-bit as BigInt64Array), or
 * one `Value` per row for other types (and with `asArray`).
 */
export async function getColumn(handle: TableHandle, column: string | number, opts?: GetColumnOptions): Promise<Result<ColumnData>> {
  return withTable(handle, (inst, id) => {
    const schema = textCall<SchemaInfo>(inst, inst.module.schema(id));
    if (!schema.ok) return schema;
    const index = resolveColumn(
      schema.value.fields.map((f) => ({ name: f.name, arrowType: f.type.name, nullable: f.nullable })),
      column,
    );
    if (!index.ok) return index;
    const field = schema.value.fields[index.value];
    if (field === undefined) return fail('internal', 'column vanished');
    if (inst.module.column(id, index.value) !== 0) return lastError(inst);
    const bytes = takeBytes(inst);
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    const headerText = new TextDecoder().decode(bytes.subarray(4, 4 + headerLength));
    const header = JSON.parse(headerText) as ColumnHeader;
    const start = (4 + headerLength + 7) & ~7;
    const base = { name: field.name, arrowType: header.arrowType, length: header.length, nullCount: header.nullCount };
    if (header.kind === 'json') {
      const raw: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + header.valuesSize)));
      const values = Array.isArray(raw) ? (raw as readonly unknown[]).map((v) => convertValue(v, field.type)) : [];
      return ok({ ...base, values, validity: null });
    }
    const typed = typedView(field.type, bytes.buffer, start, header.length);
    if (typed === null) return fail('internal', `no typed array for ${header.arrowType}`);
    const validity = header.validityOffset >= 0 ? bytes.slice(start + header.validityOffset, start + header.validityOffset + header.length) : null;
    if (opts?.asArray === true) {
      const values: Value[] = [];
      for (let i = 0; i < typed.length; i += 1) values.push(validity !== null && validity[i] === 0 ? null : (typed[i] ?? null));
      return ok({ ...base, values, validity: null });
    }
    return ok({ ...base, values: typed, validity });
  });
}

/**
 * Copies rows out as objects keyed by column name.
 * @example
 * const rows = await getRows(handle, { limit: 5 });
 * if (rows.ok) console.table(rows.value);
 */
export async function getRows(handle: TableHandle, opts?: GetRowsOptions): Promise<Result<Row[]>> {
  const offset = opts?.offset ?? 0;
  const limit = opts?.limit;
  if (!isCount(offset) || (limit !== undefined && !isCount(limit))) {
    return fail('invalid_argument', 'expected offset and limit to be non-negative integers');
  }
  return withTable(handle, (inst, id) => {
    const schema = textCall<SchemaInfo>(inst, inst.module.schema(id));
    if (!schema.ok) return schema;
    const info = textCall<TableInfo>(inst, inst.module.tableInfo(id));
    if (!info.ok) return info;
    const length = Math.max(0, Math.min(limit ?? info.value.rows, info.value.rows - offset));
    const raw = textCall<unknown>(inst, inst.module.rows(id, offset, length));
    if (!raw.ok) return raw;
    const rows: Row[] = [];
    const fields = schema.value.fields;
    for (const r of Array.isArray(raw.value) ? (raw.value as readonly unknown[]) : []) {
      const src = r as Readonly<Record<string, unknown>>;
      const row: Record<string, Value> = {};
      for (const f of fields) row[f.name] = convertValue(src[f.name], f.type);
      rows.push(row);
    }
    return ok(rows);
  });
}

interface WriteArgs {
  readonly format: string;
  readonly compression: string;
  readonly level: number;
  readonly metadata: string;
}

/** Checks write options (types too: embind must never see a wrong type). */
function checkWrite(format: unknown, compression: unknown, level: unknown, metadata: unknown): Result<WriteArgs> {
  if (format !== 'file' && format !== 'stream') {
    return fail('invalid_argument', `expected format 'file' or 'stream' but found '${String(format)}'`);
  }
  if (compression !== 'none' && compression !== 'lz4' && compression !== 'zstd') {
    return fail('invalid_argument', `expected compression 'none', 'lz4' or 'zstd' but found '${String(compression)}'`);
  }
  if (level !== undefined && (typeof level !== 'number' || !Number.isInteger(level))) {
    return fail('invalid_argument', `expected level to be an integer but found ${String(level)}`);
  }
  let pairs = '';
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null) {
      return fail('invalid_argument', 'expected metadata to be an object of strings');
    }
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string' || k.includes('\0') || v.includes('\0')) {
        return fail('invalid_argument', `expected metadata '${k}' to be a string without NUL characters`);
      }
      pairs += `${k}\0${v}\0`;
    }
  }
  return ok({ format, compression, level: typeof level === 'number' ? level : Number.NaN, metadata: pairs });
}

function writeWith(handle: TableHandle, format: unknown, compression: unknown, level: unknown, metadata: unknown): Promise<Result<ArrayBuffer>> {
  const checked = checkWrite(format, compression, level, metadata);
  if (!checked.ok) return Promise.resolve(checked);
  const args = checked.value;
  return withTable(handle, (inst, id) => {
    const status = inst.module.write(id, args.format, args.compression, args.level, args.metadata);
    if (status !== 0) return lastError(inst);
    const bytes = takeBytes(inst);
    notePeak(inst);
    return ok(bytes.buffer);
  });
}

/**
 * Writes a table as Arrow IPC. `true` gives the file format with LZ4_FRAME compression,
 * `false` the file format uncompressed; an options object picks format, codec, level and
 * metadata.
 * @example
 * const bytes = await writeTableToIpc(handle, { format: 'stream', compression: 'zstd' });
 * if (bytes.ok) console.log(bytes.value.byteLength);
 */
export async function writeTableToIpc(handle: TableHandle, enableLz4OrOptions: boolean | IpcWriteOptions): Promise<Result<ArrayBuffer>> {
  if (typeof enableLz4OrOptions === 'boolean') {
    return writeWith(handle, 'file', enableLz4OrOptions ? 'lz4' : 'none', undefined, undefined);
  }
  if (typeof enableLz4OrOptions !== 'object' || enableLz4OrOptions === null) {
    return fail('invalid_argument', 'expected a boolean or an IpcWriteOptions object');
  }
  const o = enableLz4OrOptions;
  return writeWith(handle, o.format ?? 'file', o.compression ?? 'none', o.level, o.metadata);
}

/** Writes a table as Feather v2 (the Arrow IPC file format), uncompressed unless asked. */
export async function writeTableToFeather(handle: TableHandle, opts?: FeatherWriteOptions): Promise<Result<ArrayBuffer>> {
  return writeWith(handle, 'file', opts?.compression ?? 'none', opts?.level, opts?.metadata);
}

/**
 * Record batch `index` of a table as a new table sharing its data: with
 * `getTableInfo(h).batches` this iterates a table batch by batch.
 */
export async function getBatch(handle: TableHandle, index: number): Promise<Result<TableHandle>> {
  if (!isCount(index)) return fail('invalid_argument', 'expected index to be a non-negative integer');
  return withTable(handle, (inst, id) => newHandle(inst, inst.module.batch(id, index)));
}

/**
 * Starts an incremental IPC writer (options as for `writeTableToIpc`; default: file format,
 * no compression). Feed it tables of one schema with `writeToIpcWriter`; each call returns
 * the bytes it produced, so output can be streamed out as it is made.
 * @example
 * const writer = await createIpcWriter({ format: 'stream', compression: 'lz4' });
 * if (writer.ok) {
 *   const part = await writeToIpcWriter(writer.value, handle);
 *   const end = await finishIpcWriter(writer.value);
 * }
 */
export async function createIpcWriter(opts?: IpcWriteOptions): Promise<Result<IpcWriterHandle>> {
  const o = opts ?? {};
  if (typeof o !== 'object' || o === null) return fail('invalid_argument', 'expected an IpcWriteOptions object');
  const checked = checkWrite(o.format ?? 'file', o.compression ?? 'none', o.level, o.metadata);
  if (!checked.ok) return checked;
  const args = checked.value;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return guarded(inst, () => {
    const id = inst.module.writerOpen(args.format, args.compression, args.level, args.metadata);
    return id === 0 ? lastError(inst) : ok(makeWriter(inst, id));
  });
}

async function withWriter<T>(writer: IpcWriterHandle, body: (inst: Instance, id: number) => Result<T>): Promise<Result<T>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const id = handleId(inst, writer, 'quiver.writer');
  if (!id.ok) return id;
  return guarded(inst, () => body(inst, id.value));
}

/** Writes every record batch of `table`; returns the bytes this call produced. */
export async function writeToIpcWriter(writer: IpcWriterHandle, table: TableHandle): Promise<Result<ArrayBuffer>> {
  return withWriter(writer, (inst, wid) => {
    const tid = handleId(inst, table);
    if (!tid.ok) return tid;
    if (inst.module.writerWrite(wid, tid.value) !== 0) return lastError(inst);
    return ok(takeBytes(inst).buffer);
  });
}

/** Ends the stream or file (end marker, footer); returns the last bytes and frees the writer. */
export async function finishIpcWriter(writer: IpcWriterHandle): Promise<Result<ArrayBuffer>> {
  const r = await withWriter(writer, (inst, wid) => (inst.module.writerFinish(wid) !== 0 ? lastError<ArrayBuffer>(inst) : ok(takeBytes(inst).buffer)));
  if (r.ok) markFreed(writer);
  return r;
}

/** Drops an unfinished writer. */
export async function freeIpcWriter(writer: IpcWriterHandle): Promise<Result<void>> {
  const r = await withWriter(writer, (inst, wid) => (inst.module.writerFree(wid) === 0 ? ok(undefined) : lastError<void>(inst)));
  if (r.ok) markFreed(writer);
  return r;
}

/**
 * Frees a table's handle. Tables made from it (slices, selections, concatenations) keep
 * their data. A second free gives `invalid_handle`.
 */
export async function freeTable(handle: TableHandle): Promise<Result<void>> {
  const r = await withTable(handle, (inst, id) => (inst.module.freeTable(id) === 0 ? ok(undefined) : lastError<void>(inst)));
  if (r.ok) markFreed(handle);
  return r;
}

/** Enables a plugin by id. No plugins are built in yet: every id gives a `plugin` error. */
export async function registerPlugin(pluginId: string): Promise<Result<void>> {
  if (typeof pluginId !== 'string') return fail('invalid_argument', 'expected a plugin id string');
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return guarded(inst, () => (inst.module.registerPlugin(pluginId) === 0 ? ok(undefined) : lastError<void>(inst)));
}

interface CoreStats {
  readonly liveHandles: number;
  readonly liveWriters: number;
  readonly liveParquetFiles: number;
  readonly arrowBytesLive: number;
  readonly arrowBytesPeak: number;
}

/** Live handles, WebAssembly heap size, use and peak, and bytes copied in and out. */
export async function memoryStats(): Promise<Result<MemoryStats>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return guarded(inst, () => {
    const core = textCall<CoreStats>(inst, inst.module.stats());
    if (!core.ok) return core;
    const heapInUse = notePeak(inst);
    return ok({
      liveHandles: core.value.liveHandles,
      liveWriters: core.value.liveWriters,
      liveParquetReaders: core.value.liveParquetFiles,
      heapSize: inst.module.heapSize(),
      heapInUse,
      heapPeak: inst.heapPeak,
      arrowBytesLive: core.value.arrowBytesLive,
      arrowBytesPeak: core.value.arrowBytesPeak,
      bytesCopiedIn: inst.bytesCopiedIn,
      bytesCopiedOut: inst.bytesCopiedOut,
    });
  });
}

/** Version, compiled-in codecs and formats of the WebAssembly module. */
export async function buildInfo(): Promise<Result<BuildInfo>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return guarded(inst, () => {
    const parsed: unknown = JSON.parse(inst.module.buildInfo());
    return ok(parsed as BuildInfo);
  });
}

/**
 * Hands a table to apache-arrow: pass its `tableFromIPC`. The table is copied once, as
 * an uncompressed IPC stream.
 * @example
 * import { tableFromIPC } from 'apache-arrow';
 * const arrowTable = await toArrowJS(handle, tableFromIPC);
 */
export async function toArrowJS<T>(handle: TableHandle, tableFromIPC: (bytes: Uint8Array) => T): Promise<Result<T>> {
  if (typeof tableFromIPC !== 'function') return fail('invalid_argument', 'expected tableFromIPC from apache-arrow');
  const bytes = await writeWith(handle, 'stream', 'none', undefined, undefined);
  if (!bytes.ok) return bytes;
  return callUser(() => tableFromIPC(new Uint8Array(bytes.value)), 'tableFromIPC');
}

/**
 * Takes a table from apache-arrow: pass the table and `tableToIPC`. The table is copied
 * once into WebAssembly memory.
 * @example
 * import { tableToIPC } from 'apache-arrow';
 * const handle = await fromArrowJS(arrowTable, tableToIPC);
 */
export async function fromArrowJS<T>(table: T, tableToIPC: (table: T, format: 'stream') => Uint8Array): Promise<Result<TableHandle>> {
  if (typeof tableToIPC !== 'function') return fail('invalid_argument', 'expected tableToIPC from apache-arrow');
  const bytes = callUser(() => tableToIPC(table, 'stream'), 'tableToIPC');
  if (!bytes.ok) return bytes;
  return readTableFromArrayBuffer(bytes.value, { format: 'arrow-stream' });
}

function callUser<T>(body: () => T, what: string): Result<T> {
  try {
    return ok(body());
  } catch (e) {
    return fail('invalid_argument', `${what} failed: ${String(e)}`);
  }
}
