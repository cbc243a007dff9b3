// Reading helpers shared by the IPC and Parquet paths. Internal module.
import { fail, guarded, lastError, makeHandle, notePeak, ok } from './wasm.js';
import type { Instance } from './wasm.js';
import type { ReadOptions, Result, TableHandle } from './types.js';

const FORMATS = ['arrow-file', 'arrow-stream', 'feather', 'parquet'];

let inputLock: Promise<void> = Promise.resolve();

/** Runs `body` with exclusive use of the module's input buffer. */
export async function withInput<T>(body: () => Promise<T>): Promise<T> {
  const previous = inputLock;
  let release = (): void => undefined;
  inputLock = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  const out = await body();
  release();
  return out;
}

/** ReadOptions checked and flattened into the module's argument conventions. */
export interface ReadArgs {
  readonly format: string;
  readonly full: boolean;
  /** Names each followed by NUL; empty for all columns. */
  readonly columns: string;
  /** Comma-separated indices; empty for all row groups. */
  readonly rowGroups: string;
  /** NaN when not given. */
  readonly offset: number;
  readonly limit: number;
  readonly batchSize: number;
}

function optionalCount(value: unknown, name: string, min: number): Result<number> {
  if (value === undefined) return ok(Number.NaN);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    return fail('invalid_argument', `expected ${name} to be an integer >= ${min} but found ${String(value)}`);
  }
  return ok(value);
}

/** Checks ReadOptions; every mistake is an `invalid_argument` naming the option. */
export function readArgs(opts: ReadOptions | undefined): Result<ReadArgs> {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    return fail('invalid_argument', 'expected ReadOptions to be an object');
  }
  const format = opts?.format ?? '';
  if (typeof format !== 'string' || (format !== '' && !FORMATS.includes(format))) {
    return fail('invalid_argument', `expected format 'arrow-file', 'arrow-stream', 'feather' or 'parquet' but found '${String(format)}'`);
  }
  const validate = opts?.validate ?? 'default';
  if (validate !== 'default' && validate !== 'full') {
    return fail('invalid_argument', `expected validate 'default' or 'full' but found '${String(validate)}'`);
  }
  let columns = '';
  if (opts?.columns !== undefined) {
    if (!Array.isArray(opts.columns) || opts.columns.length === 0) {
      return fail('invalid_argument', 'expected columns to be a non-empty array of names');
    }
    for (const c of opts.columns) {
      if (typeof c !== 'string' || c === '' || c.includes('\0')) {
        return fail('invalid_argument', `expected every column to be a non-empty name but found ${JSON.stringify(c)}`);
      }
      columns += `${c}\0`;
    }
  }
  let rowGroups = '';
  if (opts?.rowGroups !== undefined) {
    if (!Array.isArray(opts.rowGroups) || opts.rowGroups.length === 0) {
      return fail('invalid_argument', 'expected rowGroups to be a non-empty array of indices');
    }
    for (const g of opts.rowGroups) {
      if (typeof g !== 'number' || !Number.isSafeInteger(g) || g < 0) {
        return fail('invalid_argument', `expected every row group to be a non-negative integer but found ${String(g)}`);
      }
    }
    rowGroups = opts.rowGroups.join(',');
  }
  const offset = optionalCount(opts?.offset, 'offset', 0);
  if (!offset.ok) return offset;
  const limit = optionalCount(opts?.limit, 'limit', 0);
  if (!limit.ok) return limit;
  const batchSize = optionalCount(opts?.batchSize, 'batchSize', 1);
  if (!batchSize.ok) return batchSize;
  return ok({
    format,
    full: validate === 'full',
    columns,
    rowGroups,
    offset: offset.value,
    limit: limit.value,
    batchSize: batchSize.value,
  });
}

/** Reads the module's input (filled by the caller) into a table handle. */
export function finishRead(inst: Instance, args: ReadArgs): Result<TableHandle> {
  const r = guarded(inst, () => {
    const id = inst.module.readInput(args.format, args.full, args.columns, args.rowGroups, args.offset, args.limit, args.batchSize);
    return id === 0 ? lastError<TableHandle>(inst) : ok(makeHandle(inst, id));
  });
  if (inst.dead === null) notePeak(inst);
  return r;
}

export function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}

/** True when `head` starts with the Parquet magic. */
export function isParquetMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}
