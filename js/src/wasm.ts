// The WebAssembly instance and the one place that calls into it. Internal module.
//
// Every call into the module goes through `guarded`, which turns a trap (a C++ bug:
// `RuntimeError: unreachable`, an abort) into an `internal` error and marks the instance
// unusable, so no exception ever reaches a caller. Bytes cross the boundary only as copies:
// into memory reserved by the module (`inputReserve` + `HEAPU8.set`), and out with
// `HEAPU8.slice` right after the call that produced them, before anything can grow memory
// and detach a view.
import createQuiverModule from './quiver.mjs';
import type { QuiverModule } from './quiver.mjs';
import type { ErrorCode, IpcWriterHandle, ParquetReaderHandle, ParquetWriterHandle, Result, TableHandle, WasmInitOptions } from './types.js';

const ERROR_CODES: readonly ErrorCode[] = [
  'invalid_input',
  'truncated',
  'unsupported',
  'limit_exceeded',
  'out_of_memory',
  'invalid_argument',
  'invalid_handle',
  'io',
  'plugin',
  'internal',
];

interface Instance {
  readonly module: QuiverModule;
  /** Distinguishes handles of a torn-down instance from the current one's. */
  readonly serial: number;
  dead: string | null;
  heapPeak: number;
  bytesCopiedIn: number;
  bytesCopiedOut: number;
  warnOnLeaks: boolean;
}

type HandleKind = 'quiver.table' | 'quiver.writer' | 'quiver.parquet' | 'quiver.parquet-writer';
type AnyHandle = TableHandle | IpcWriterHandle | ParquetReaderHandle | ParquetWriterHandle;

const NOUNS: Readonly<Record<HandleKind, string>> = {
  'quiver.table': 'table handle',
  'quiver.writer': 'IPC writer',
  'quiver.parquet': 'Parquet reader',
  'quiver.parquet-writer': 'Parquet writer',
};
const FREE_CALLS: Readonly<Record<HandleKind, string>> = {
  'quiver.table': 'freeTable()',
  'quiver.writer': 'finishIpcWriter() or freeIpcWriter()',
  'quiver.parquet': 'closeParquetReader()',
  'quiver.parquet-writer': 'finishParquetWriter() or freeParquetWriter()',
};

/** Frees a module object of any kind; 0 on success. */
function freeIn(module: QuiverModule, kind: HandleKind, id: number): number {
  if (kind === 'quiver.table') return module.freeTable(id);
  if (kind === 'quiver.writer' || kind === 'quiver.parquet-writer') return module.writerFree(id);
  return module.parquetFree(id);
}

interface HandleRecord {
  readonly id: number;
  readonly serial: number;
  readonly kind: HandleKind;
  freed: boolean;
}

let current: Instance | null = null;
let initializing: Promise<Result<void>> | null = null;
let serials = 0;
const records = new WeakMap<object, HandleRecord>();
const decoder = new TextDecoder();

interface Leak {
  readonly id: number;
  readonly serial: number;
  readonly record: HandleRecord;
}

const registry = new FinalizationRegistry<Leak>((leak) => {
  const inst = current;
  if (leak.record.freed || inst === null || inst.serial !== leak.serial || inst.dead !== null) return;
  leak.record.freed = true;
  const kind = leak.record.kind;
  guarded(inst, () => ok(freeIn(inst.module, kind, leak.id)));
  if (inst.warnOnLeaks) {
    console.warn(`@quiver/core: ${NOUNS[kind]} ${leak.id} was garbage-collected without ${FREE_CALLS[kind]}; freed it now`);
  }
});

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(code: ErrorCode, error: string, context?: string): Result<T> {
  return context === undefined || context === ''
    ? { ok: false, code, error }
    : { ok: false, code, error, details: { context } };
}

function toCode(name: string): ErrorCode {
  const found = ERROR_CODES.find((c) => c === name);
  return found ?? 'internal';
}

/** Runs `body` against the module; a thrown trap kills the instance and becomes `internal`. */
export function guarded<T>(inst: Instance, body: () => Result<T>): Result<T> {
  if (inst.dead !== null) return deadError(inst);
  try {
    return body();
  } catch (e) {
    inst.dead = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return deadError(inst);
  }
}

function deadError<T>(inst: Instance): Result<T> {
  return {
    ok: false,
    code: 'internal',
    error: 'the WebAssembly instance stopped after an internal error and is unusable; call initWasm() again',
    details: { cause: inst.dead ?? 'unknown' },
  };
}

/** The error the module recorded for its last failed call. */
export function lastError<T>(inst: Instance): Result<T> {
  const message = inst.module.errorMessage();
  return { ok: false, code: toCode(inst.module.errorCode()), error: message };
}

export async function loadWasmBytes(url: URL): Promise<Result<Uint8Array>> {
  if (url.protocol === 'file:' && typeof process === 'object' && typeof process.versions?.node === 'string') {
    const fs = await import('node:fs/promises');
    return fs.readFile(url).then(
      (b) => ok(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
      (e: unknown) => fail<Uint8Array>('io', `cannot read ${url.href}: ${String(e)}`),
    );
  }
  return fetch(url).then(
    async (r) => (r.ok ? ok(new Uint8Array(await r.arrayBuffer())) : fail<Uint8Array>('io', `fetching ${url.href} gave HTTP ${r.status}`)),
    (e: unknown) => fail<Uint8Array>('io', `cannot fetch ${url.href}: ${String(e)}`),
  );
}

/** Starts a new instance (replacing a dead one). Handles of an old instance become invalid. */
export async function init(bytes: ArrayBuffer | Uint8Array | undefined, opts: WasmInitOptions | undefined): Promise<Result<void>> {
  if (current !== null && current.dead === null) {
    if (opts?.warnOnLeakedHandles !== undefined) current.warnOnLeaks = opts.warnOnLeakedHandles;
    return ok(undefined);
  }
  if (initializing !== null) return initializing;
  initializing = (async (): Promise<Result<void>> => {
    let wasm: Uint8Array;
    if (bytes === undefined) {
      const url = opts?.wasmUrl === undefined ? new URL('./quiver.wasm', import.meta.url) : new URL(opts.wasmUrl, import.meta.url);
      const loaded = await loadWasmBytes(url);
      if (!loaded.ok) return loaded;
      wasm = loaded.value;
    } else {
      wasm = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    }
    const made = await createQuiverModule({ wasmBinary: wasm, printErr: () => undefined }).then(
      (module) => ok(module),
      (e: unknown) => fail<QuiverModule>('invalid_argument', `the WebAssembly module did not start: ${String(e)}`),
    );
    if (!made.ok) return made;
    serials += 1;
    current = {
      module: made.value,
      serial: serials,
      dead: null,
      heapPeak: 0,
      bytesCopiedIn: 0,
      bytesCopiedOut: 0,
      warnOnLeaks: opts?.warnOnLeakedHandles ?? true,
    };
    return ok(undefined);
  })();
  const r = await initializing;
  initializing = null;
  return r;
}

/** The live instance, starting one with defaults when there is none yet. */
export async function instance(): Promise<Result<Instance>> {
  if (current === null) {
    const r = await init(undefined, undefined);
    if (!r.ok) return r;
  }
  const inst = current;
  if (inst === null) return fail('internal', 'no WebAssembly instance');
  if (inst.dead !== null) return deadError(inst);
  return ok(inst);
}

function track<H extends object>(inst: Instance, id: number, kind: HandleKind, make: (record: HandleRecord) => H): H {
  const record: HandleRecord = { id, serial: inst.serial, kind, freed: false };
  const handle = make(record);
  records.set(handle, record);
  registry.register(handle, { id, serial: inst.serial, record }, record);
  return handle;
}

/** Wraps a new table id from the module into a handle object. */
export function makeHandle(inst: Instance, id: number): TableHandle {
  return track(inst, id, 'quiver.table', (record) =>
    Object.freeze({
      kind: 'quiver.table' as const,
      id,
      [Symbol.dispose]: (): void => {
        releaseRecord(record);
      },
    }),
  );
}

/** Wraps a new writer id from the module into a handle object. */
export function makeWriter(inst: Instance, id: number): IpcWriterHandle {
  return track(inst, id, 'quiver.writer', (record) =>
    Object.freeze({
      kind: 'quiver.writer' as const,
      id,
      [Symbol.dispose]: (): void => {
        releaseRecord(record);
      },
    }),
  );
}

/** Wraps a new writer id from the module into a Parquet writer handle. */
export function makeParquetWriter(inst: Instance, id: number): ParquetWriterHandle {
  return track(inst, id, 'quiver.parquet-writer', (record) =>
    Object.freeze({
      kind: 'quiver.parquet-writer' as const,
      id,
      [Symbol.dispose]: (): void => {
        releaseRecord(record);
      },
    }),
  );
}

/** Wraps a new Parquet file id from the module into a reader handle. */
export function makeParquetReader(inst: Instance, id: number): ParquetReaderHandle {
  return track(inst, id, 'quiver.parquet', (record) =>
    Object.freeze({
      kind: 'quiver.parquet' as const,
      id,
      [Symbol.dispose]: (): void => {
        releaseRecord(record);
      },
    }),
  );
}

function releaseRecord(record: HandleRecord): void {
  const inst = current;
  if (record.freed || inst === null || inst.serial !== record.serial) return;
  record.freed = true;
  registry.unregister(record);
  guarded(inst, () => (freeIn(inst.module, record.kind, record.id) === 0 ? ok(undefined) : lastError(inst)));
}

/** The module id of a handle of this instance, or an `invalid_handle` error. */
export function handleId(inst: Instance, handle: AnyHandle, kind: HandleKind = 'quiver.table'): Result<number> {
  const record = typeof handle === 'object' && handle !== null ? records.get(handle) : undefined;
  const noun = kind === 'quiver.writer' ? 'an IPC writer' : `a ${NOUNS[kind]}`;
  if (record === undefined || record.kind !== kind) {
    return fail('invalid_handle', `expected ${noun} made by @quiver/core but found another value`);
  }
  if (record.serial !== inst.serial) {
    return fail('invalid_handle', `handle ${record.id} belongs to a WebAssembly instance that was replaced`);
  }
  return ok(record.id);
}

/** Marks a handle freed after the module freed it (so the finalizer leaves it alone). */
export function markFreed(handle: AnyHandle): void {
  const record = records.get(handle);
  if (record !== undefined) {
    record.freed = true;
    registry.unregister(record);
  }
}

/** Copies `bytes` into the module's input buffer. */
export function copyIn(inst: Instance, chunks: Iterable<Uint8Array>): Result<void> {
  const m = inst.module;
  m.inputReset();
  for (const chunk of chunks) {
    const r = appendInput(inst, chunk);
    if (!r.ok) return r;
  }
  return ok(undefined);
}

/** Appends one chunk to the module's input buffer. */
export function appendInput(inst: Instance, chunk: Uint8Array): Result<void> {
  const m = inst.module;
  if (chunk.byteLength === 0) return ok(undefined);
  const ptr = m.inputReserve(chunk.byteLength);
  if (ptr === 0) {
    m.inputReset();
    return fail('out_of_memory', `expected room for ${chunk.byteLength} more input bytes in WebAssembly memory but found none`);
  }
  m.HEAPU8.set(chunk, ptr); // HEAPU8 is read after the call: memory may have grown
  m.inputCommit(chunk.byteLength);
  inst.bytesCopiedIn += chunk.byteLength;
  return ok(undefined);
}

/**
 * Copies the module's output out, piece after piece into one buffer (a write's output stays
 * in the blocks it was written into), and releases it.
 */
export function takeBytes(inst: Instance): Uint8Array<ArrayBuffer> {
  const m = inst.module;
  const pieces = m.outputPieces();
  let size = 0;
  for (let i = 0; i < pieces; i += 1) size += m.outputSize(i);
  const copy = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < pieces; i += 1) {
    const ptr = m.outputPointer(i);
    const n = m.outputSize(i);
    copy.set(m.HEAPU8.subarray(ptr, ptr + n), at);
    at += n;
  }
  m.releaseOutput();
  inst.bytesCopiedOut += size;
  return copy;
}

/** Decodes the module's output (text is always one piece) as UTF-8 and releases it. */
export function takeText(inst: Instance): string {
  const m = inst.module;
  const ptr = m.outputPointer(0);
  const size = m.outputSize(0);
  const text = decoder.decode(m.HEAPU8.subarray(ptr, ptr + size));
  m.releaseOutput();
  inst.bytesCopiedOut += size;
  return text;
}

/** Records the heap in use, for memoryStats().heapPeak. */
export function notePeak(inst: Instance): number {
  const used = inst.module.heapInUse();
  if (used > inst.heapPeak) inst.heapPeak = used;
  return used;
}

export type { Instance };
