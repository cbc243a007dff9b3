// Parquet through pieces: the footer, then each row group's column chunks, fetched from the
// input only when needed and handed to the module, which reads them in place. Works the same
// for bytes in memory, a Blob/File and any RandomAccessSource (a file, HTTP ranges).
import { asBytes, readArgs, withInput } from './read.js';
import type { ReadArgs } from './read.js';
import { copyIn, fail, guarded, handleId, instance, lastError, makeHandle, makeParquetReader, markFreed, notePeak, ok, takeText } from './wasm.js';
import type { Instance } from './wasm.js';
import type {
  ParquetInput,
  ParquetMetadata,
  ParquetReaderHandle,
  ParquetStatValue,
  RandomAccessSource,
  ReadOptions,
  Result,
  TableHandle,
} from './types.js';

/** Bytes read from the end of a file in the first request: most footers fit. */
const TAIL = 1 << 16;

interface Source {
  readonly size: number;
  read(offset: number, length: number): Promise<Result<Uint8Array>>;
}

function asRandomAccess(input: object): RandomAccessSource | null {
  const candidate = input as Partial<RandomAccessSource>;
  return typeof candidate.size === 'number' && typeof candidate.read === 'function' ? (input as RandomAccessSource) : null;
}

/** The input as a Source; `invalid_argument` for anything else. */
function toSource(input: ParquetInput): Result<Source> {
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) {
    const bytes = asBytes(input) ?? new Uint8Array(0);
    return ok({ size: bytes.byteLength, read: (offset, length) => Promise.resolve(ok(bytes.subarray(offset, offset + length))) });
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const blob = input;
    return ok({
      size: blob.size,
      read: (offset, length) =>
        blob.slice(offset, offset + length).arrayBuffer().then(
          (b) => ok(new Uint8Array(b)),
          (e: unknown) => fail<Uint8Array>('io', `reading bytes [${offset}, +${length}) of the Blob failed: ${String(e)}`),
        ),
    });
  }
  const src = typeof input === 'object' && input !== null ? asRandomAccess(input) : null;
  if (src !== null) {
    if (!Number.isSafeInteger(src.size) || src.size < 0) {
      return fail('invalid_argument', `expected the source's size to be a non-negative integer but found ${String(src.size)}`);
    }
    return ok({
      size: src.size,
      read: (offset, length) =>
        Promise.resolve()
          .then(() => src.read(offset, length))
          .then(
            (b) =>
              b instanceof Uint8Array && b.byteLength === length
                ? ok(b)
                : fail<Uint8Array>('io', `expected the source to return ${length} bytes at ${offset} but it returned ${b instanceof Uint8Array ? b.byteLength : 'no Uint8Array'}`),
            (e: unknown) => fail<Uint8Array>('io', `reading bytes [${offset}, +${length}) of the source failed: ${String(e)}`),
          ),
    });
  }
  return fail('invalid_argument', 'expected an ArrayBuffer, Uint8Array, Blob or RandomAccessSource');
}

/** Fetches [offset, offset + length) and hands it to the module's file `file`. */
async function addPiece(inst: Instance, source: Source, file: number, offset: number, length: number): Promise<Result<void>> {
  const bytes = await source.read(offset, length);
  if (!bytes.ok) return bytes;
  return withInput(() =>
    Promise.resolve(
      guarded(inst, () => {
        const copied = copyIn(inst, [bytes.value]);
        if (!copied.ok) return copied;
        return inst.module.parquetAdd(file, offset) === 0 ? ok(undefined) : lastError<void>(inst);
      }),
    ),
  );
}

function freeFile(inst: Instance, file: number): void {
  guarded(inst, () => ok(inst.module.parquetFree(file)));
}

/** Creates the module's file and loads its footer; the file id, freed on failure. */
async function openFile(inst: Instance, source: Source, args: ReadArgs): Promise<Result<number>> {
  const created = guarded(inst, () => {
    const id = inst.module.parquetCreate(source.size, args.full, args.columns, args.rowGroups, args.offset, args.limit, args.batchSize);
    return id === 0 ? lastError<number>(inst) : ok(id);
  });
  if (!created.ok) return created;
  const file = created.value;
  const loaded = await loadFooter(inst, source, file);
  if (!loaded.ok) {
    freeFile(inst, file);
    return loaded;
  }
  return ok(file);
}

async function loadFooter(inst: Instance, source: Source, file: number): Promise<Result<void>> {
  const tailStart = Math.max(0, source.size - TAIL);
  if (tailStart > 0) {
    const head = await addPiece(inst, source, file, 0, 4);
    if (!head.ok) return head;
  }
  const tail = await addPiece(inst, source, file, tailStart, source.size - tailStart);
  if (!tail.ok) return tail;
  // The module asks for what the tail did not hold (a footer larger than TAIL): at most
  // once per piece it can need.
  for (let attempt = 0; attempt < 4; attempt++) {
    const need = guarded(inst, () => {
      if (inst.module.parquetLoad(file) !== 0) return lastError<[number, number] | null>(inst);
      const parsed = JSON.parse(takeText(inst)) as { need: [number, number] | null };
      return ok(parsed.need);
    });
    if (!need.ok) return need;
    if (need.value === null) return ok(undefined);
    const added = await addPiece(inst, source, file, need.value[0], need.value[1]);
    if (!added.ok) return added;
  }
  return fail('internal', 'the Parquet footer still needed more bytes after four fetches');
}

interface Unit {
  readonly rowGroup: number;
  readonly rows: number;
  readonly ranges: readonly (readonly [number, number])[];
}

function plan(inst: Instance, file: number): Result<Unit[]> {
  return guarded(inst, () => {
    if (inst.module.parquetPlan(file) !== 0) return lastError<Unit[]>(inst);
    return ok(JSON.parse(takeText(inst)) as Unit[]);
  });
}

/** Fetches one unit's ranges, reads it into a table id, and drops the fetched bytes. */
async function readUnit(inst: Instance, source: Source, file: number, units: readonly Unit[], index: number): Promise<Result<number>> {
  const unit = units[index];
  if (unit === undefined) return fail('internal', `no read unit ${index}`);
  for (const [offset, length] of unit.ranges) {
    const added = await addPiece(inst, source, file, offset, length);
    if (!added.ok) {
      guarded(inst, () => ok(inst.module.parquetDrop(file)));
      return added;
    }
  }
  const r = guarded(inst, () => {
    const id = inst.module.parquetReadUnit(file, index);
    return id === 0 ? lastError<number>(inst) : ok(id);
  });
  guarded(inst, () => ok(inst.module.parquetDrop(file)));
  if (inst.dead === null) notePeak(inst);
  return r;
}

/**
 * Reads a whole selection into one table handle, one row group's bytes at a time.
 * @internal (the public entry points are in index.ts)
 */
export async function readParquetTable(input: ParquetInput, args: ReadArgs): Promise<Result<TableHandle>> {
  const source = toSource(input);
  if (!source.ok) return source;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const opened = await openFile(inst, source.value, args);
  if (!opened.ok) return opened;
  const file = opened.value;
  const units = plan(inst, file);
  if (!units.ok) {
    freeFile(inst, file);
    return units;
  }
  const parts: number[] = [];
  const release = (): void => {
    guarded(inst, () => {
      for (const id of parts) inst.module.freeTable(id);
      return ok(undefined);
    });
    freeFile(inst, file);
  };
  for (let i = 0; i < units.value.length; i++) {
    const part = await readUnit(inst, source.value, file, units.value, i);
    if (!part.ok) {
      release();
      return part;
    }
    parts.push(part.value);
  }
  const whole = guarded(inst, () => {
    const id = parts.length === 0 ? inst.module.parquetEmpty(file) : parts.length === 1 ? parts[0] ?? 0 : inst.module.concat(parts.join(','));
    return id === 0 ? lastError<TableHandle>(inst) : ok(makeHandle(inst, id));
  });
  if (whole.ok && parts.length === 1) parts.length = 0;  // the one part is the result
  release();
  return whole;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function statValue(kind: string, raw: unknown): ParquetStatValue {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case 'bigint': return BigInt(String(raw));
    case 'float': return typeof raw === 'number' ? raw : Number(raw);
    case 'bytes': return hexBytes(String(raw));
    default: return raw as ParquetStatValue;
  }
}

interface RawStatistics {
  readonly nullCount: number | null;
  readonly distinctCount: number | null;
  readonly kind: string;
  readonly min: unknown;
  readonly max: unknown;
}

interface RawMetadata extends Omit<ParquetMetadata, 'fileSize' | 'rowGroups'> {
  readonly rowGroups: readonly {
    readonly numRows: number;
    readonly totalByteSize: number;
    readonly compressedSize: number;
    readonly columns: readonly (Omit<ParquetMetadata['rowGroups'][number]['columns'][number], 'statistics'> & { readonly statistics: RawStatistics | null })[];
  }[];
}

function convertMetadata(raw: RawMetadata, fileSize: number): ParquetMetadata {
  return {
    ...raw,
    fileSize,
    rowGroups: raw.rowGroups.map((g) => ({
      ...g,
      columns: g.columns.map((c) => {
        const s = c.statistics;
        return {
          ...c,
          statistics: s === null ? null : { nullCount: s.nullCount, distinctCount: s.distinctCount, min: statValue(s.kind, s.min), max: statValue(s.kind, s.max) },
        };
      }),
    })),
  };
}

/**
 * A Parquet file's footer: schema, row groups, column chunks with codecs, encodings, sizes
 * and statistics. Reads only the footer of a Blob or source.
 * @example
 * const meta = await getParquetMetadata(file);
 * if (meta.ok) console.log(meta.value.numRows, meta.value.rowGroups.length);
 */
export async function getParquetMetadata(input: ParquetInput): Promise<Result<ParquetMetadata>> {
  const source = toSource(input);
  if (!source.ok) return source;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const args = readArgs(undefined);
  if (!args.ok) return args;
  const opened = await openFile(inst, source.value, args.value);
  if (!opened.ok) return opened;
  const file = opened.value;
  const r = guarded(inst, () => {
    if (inst.module.parquetMetadata(file) !== 0) return lastError<ParquetMetadata>(inst);
    return ok(convertMetadata(JSON.parse(takeText(inst)) as RawMetadata, source.value.size));
  });
  freeFile(inst, file);
  return r;
}

interface ReaderState {
  readonly source: Source;
  readonly units: readonly Unit[];
  next: number;
  current: number;
  batch: number;
  batches: number;
}

const readers = new WeakMap<ParquetReaderHandle, ReaderState>();

/**
 * Opens a Parquet input for reading one record batch at a time (`readNextBatch`); only the
 * footer is read now. Options select columns, row groups and rows as for
 * `readTableFromArrayBuffer`. Memory stays bounded by about one row group of the selection.
 * @example
 * const reader = await openParquetReader(file, { columns: ['id'], batchSize: 10000 });
 */
export async function openParquetReader(input: ParquetInput, opts?: ReadOptions): Promise<Result<ParquetReaderHandle>> {
  const args = readArgs(opts);
  if (!args.ok) return args;
  if (args.value.format !== '' && args.value.format !== 'parquet') {
    return fail('invalid_argument', `expected format 'parquet' for a Parquet reader but found '${args.value.format}'`);
  }
  const source = toSource(input);
  if (!source.ok) return source;
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const opened = await openFile(inst, source.value, args.value);
  if (!opened.ok) return opened;
  const file = opened.value;
  const units = plan(inst, file);
  if (!units.ok) {
    freeFile(inst, file);
    return units;
  }
  const handle = makeParquetReader(inst, file);
  readers.set(handle, { source: source.value, units: units.value, next: 0, current: 0, batch: 0, batches: 0 });
  return ok(handle);
}

function dropCurrent(inst: Instance, state: ReaderState): void {
  if (state.current === 0) return;
  const id = state.current;
  state.current = 0;
  guarded(inst, () => ok(inst.module.freeTable(id)));
}

/**
 * The next record batch as a table handle (free it when done), or `null` after the last.
 * @example
 * for (let b = await readNextBatch(reader); b.ok && b.value !== null; b = await readNextBatch(reader)) {
 *   await freeTable(b.value);
 * }
 */
export async function readNextBatch(reader: ParquetReaderHandle): Promise<Result<TableHandle | null>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const file = handleId(inst, reader, 'quiver.parquet');
  if (!file.ok) return file;
  const state = readers.get(reader);
  if (state === undefined) return fail('invalid_handle', 'expected a Parquet reader made by openParquetReader');
  // The module says whether the file is still open (no pieces are held between units).
  const live = guarded(inst, () => (inst.module.parquetDrop(file.value) === 0 ? ok(undefined) : lastError<void>(inst)));
  if (!live.ok) return live;
  while (state.current === 0 || state.batch >= state.batches) {
    dropCurrent(inst, state);
    if (state.next >= state.units.length) return ok(null);
    const unit = await readUnit(inst, state.source, file.value, state.units, state.next);
    if (!unit.ok) return unit;
    state.next += 1;
    state.current = unit.value;
    state.batch = 0;
    const info = guarded(inst, () => {
      if (inst.module.tableInfo(unit.value) !== 0) return lastError<{ batches: number }>(inst);
      return ok(JSON.parse(takeText(inst)) as { batches: number });
    });
    if (!info.ok) return info;
    state.batches = info.value.batches;
  }
  const index = state.batch;
  state.batch += 1;
  return guarded(inst, () => {
    const id = inst.module.batch(state.current, index);
    return id === 0 ? lastError<TableHandle>(inst) : ok(makeHandle(inst, id));
  });
}

/** Closes a Parquet reader; batches already returned stay valid. */
export async function closeParquetReader(reader: ParquetReaderHandle): Promise<Result<void>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  const file = handleId(inst, reader, 'quiver.parquet');
  if (!file.ok) return file;
  const state = readers.get(reader);
  if (state !== undefined) dropCurrent(inst, state);
  const r = guarded(inst, () => (inst.module.parquetFree(file.value) === 0 ? ok(undefined) : lastError<void>(inst)));
  if (r.ok) markFreed(reader);
  return r;
}
