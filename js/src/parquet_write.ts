// Writing Parquet: options flattened into the module's token list, whole tables and an
// incremental writer whose output leaves WebAssembly memory as row groups fill.
import { fail, guarded, handleId, instance, lastError, makeParquetWriter, markFreed, ok, takeBytes } from './wasm.js';
import type { Instance } from './wasm.js';
import type { ParquetColumnOptions, ParquetWriteOptions, ParquetWriterHandle, Result, TableHandle } from './types.js';

const FILE_OPTIONS = [
  'compression', 'compressionLevel', 'dictionary', 'dictionaryPageBytes', 'rowGroupRows', 'rowGroupBytes',
  'dataPageBytes', 'pageVersion', 'statistics', 'maxStatisticsBytes', 'pageIndex', 'createdBy', 'storeArrowSchema',
  'geometryLogicalTypes',
] as const;
const COLUMN_OPTIONS = ['compression', 'compressionLevel', 'dictionary', 'encoding', 'statistics'] as const;

function token(name: string, value: unknown): Result<string> {
  if (typeof value === 'boolean') return ok(String(value));
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? ok(String(value)) : fail('invalid_argument', `expected ${name} to be an integer but found ${value}`);
  }
  if (typeof value === 'string') return value.includes('\0') ? fail('invalid_argument', `expected ${name} without NUL characters`) : ok(value);
  return fail('invalid_argument', `expected ${name} to be a string, number or boolean but found ${typeof value}`);
}

/**
 * The options as `name\0value\0`, `column\0NAME\0option\0value\0` and
 * `metadata\0KEY\0VALUE\0` tokens; the module checks names and ranges.
 */
function tokens(opts: ParquetWriteOptions | undefined): Result<string> {
  if (opts === undefined) return ok('');
  if (typeof opts !== 'object' || opts === null) return fail('invalid_argument', 'expected ParquetWriteOptions to be an object');
  const known = new Set<string>([...FILE_OPTIONS, 'columns', 'metadata']);
  for (const key of Object.keys(opts)) {
    if (!known.has(key)) return fail('invalid_argument', `expected a Parquet write option but found '${key}'`);
  }
  let out = '';
  for (const key of FILE_OPTIONS) {
    const value = opts[key];
    if (value === undefined) continue;
    const t = token(key, value);
    if (!t.ok) return t;
    out += `${key}\0${t.value}\0`;
  }
  for (const [column, overrides] of Object.entries(opts.columns ?? {})) {
    const c: ParquetColumnOptions = overrides;
    if (typeof c !== 'object' || c === null) return fail('invalid_argument', `expected columns['${column}'] to be an object`);
    for (const key of Object.keys(c)) {
      if (!(COLUMN_OPTIONS as readonly string[]).includes(key)) {
        return fail('invalid_argument', `expected a column option (${COLUMN_OPTIONS.join(', ')}) but found '${key}'`);
      }
    }
    for (const key of COLUMN_OPTIONS) {
      const value = c[key];
      if (value === undefined) continue;
      const name = token(`columns['${column}']`, column);
      if (!name.ok) return name;
      const t = token(`columns['${column}'].${key}`, value);
      if (!t.ok) return t;
      out += `column\0${name.value}\0${key}\0${t.value}\0`;
    }
  }
  for (const [key, value] of Object.entries(opts.metadata ?? {})) {
    const k = token('a metadata key', key);
    if (!k.ok) return k;
    const v = token(`metadata['${key}']`, value);
    if (!v.ok) return v;
    out += `metadata\0${k.value}\0${v.value}\0`;
  }
  return ok(out);
}

/**
 * Writes a table as a Parquet file (defaults as pyarrow's: snappy, dictionary encoding,
 * statistics, page indexes, the Arrow schema stored for exact round trips).
 * @example
 * const bytes = await writeTableToParquet(handle, { compression: 'zstd', rowGroupRows: 100000 });
 * if (bytes.ok) console.log(bytes.value.byteLength);
 */
export async function writeTableToParquet(handle: TableHandle, opts?: ParquetWriteOptions): Promise<Result<ArrayBuffer>> {
  const t = tokens(opts);
  if (!t.ok) return t;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const id = handleId(inst, handle);
  if (!id.ok) return id;
  return guarded(inst, () => (inst.module.writeParquet(id.value, t.value) !== 0 ? lastError<ArrayBuffer>(inst) : ok(takeBytes(inst).buffer)));
}

/**
 * Starts an incremental Parquet writer. Feed it tables of one schema with
 * `writeToParquetWriter`; each call returns the bytes of the row groups that filled, so
 * WebAssembly memory holds about one row group at a time.
 * @example
 * const writer = await createParquetWriter({ compression: 'zstd' });
 * if (writer.ok) {
 *   const part = await writeToParquetWriter(writer.value, handle);
 *   const end = await finishParquetWriter(writer.value);
 * }
 */
export async function createParquetWriter(opts?: ParquetWriteOptions): Promise<Result<ParquetWriterHandle>> {
  const t = tokens(opts);
  if (!t.ok) return t;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  return guarded(inst, () => {
    const id = inst.module.parquetWriterOpen(t.value);
    return id === 0 ? lastError(inst) : ok(makeParquetWriter(inst, id));
  });
}

async function withWriter<T>(writer: ParquetWriterHandle, body: (inst: Instance, id: number) => Result<T>): Promise<Result<T>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const id = handleId(inst, writer, 'quiver.parquet-writer');
  if (!id.ok) return id;
  return guarded(inst, () => body(inst, id.value));
}

/** Writes every record batch of `table`; returns the bytes this call produced (maybe none). */
export async function writeToParquetWriter(writer: ParquetWriterHandle, table: TableHandle): Promise<Result<ArrayBuffer>> {
  return withWriter(writer, (inst, wid) => {
    const tid = handleId(inst, table);
    if (!tid.ok) return tid;
    if (inst.module.writerWrite(wid, tid.value) !== 0) return lastError(inst);
    return ok(takeBytes(inst).buffer);
  });
}

/** Flushes the last row group and writes the footer; returns the last bytes and frees the writer. */
export async function finishParquetWriter(writer: ParquetWriterHandle): Promise<Result<ArrayBuffer>> {
  const r = await withWriter(writer, (inst, wid) => (inst.module.writerFinish(wid) !== 0 ? lastError<ArrayBuffer>(inst) : ok(takeBytes(inst).buffer)));
  if (r.ok) markFreed(writer);
  return r;
}

/** Drops an unfinished Parquet writer. */
export async function freeParquetWriter(writer: ParquetWriterHandle): Promise<Result<void>> {
  const r = await withWriter(writer, (inst, wid) => (inst.module.writerFree(wid) === 0 ? ok(undefined) : lastError<void>(inst)));
  if (r.ok) markFreed(writer);
  return r;
}
