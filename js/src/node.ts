// @quiver/core/node: reading from the file system (Node only; kept out of the main entry so
// that browser bundles never see node:fs).
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { readTableFromParquet, readTableFromStream } from './index.js';
import type { RandomAccessSource, ReadOptions, Result, TableHandle } from './types.js';

/** Chunk size of file reads; each chunk is copied straight into WebAssembly memory. */
const CHUNK = 1 << 20;

/** A file opened for reading at any offset (`openFileSource`); close it when done. */
export interface FileSource extends RandomAccessSource {
  readonly path: string;
  close(): Promise<void>;
}

function message(e: unknown): string {
  return String(e instanceof Error ? e.message : e);
}

function sourceOf(path: string, fh: FileHandle, size: number): FileSource {
  return {
    path,
    size,
    read: async (offset: number, length: number): Promise<Uint8Array> => {
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const r = await fh.read(out, done, length - done, offset + done);
        if (r.bytesRead === 0) throw new Error(`${path} ended at ${offset + done}, before ${offset + length}`);
        done += r.bytesRead;
      }
      return out;
    },
    close: () => fh.close().catch(() => undefined),
  };
}

/**
 * Opens a file as a RandomAccessSource for the Parquet functions (`getParquetMetadata`,
 * `openParquetReader`, `readTableFromParquet`), which read only what they need from it.
 * @example
 * const file = await openFileSource('data.parquet');
 * if (file.ok) {
 *   const meta = await getParquetMetadata(file.value);
 *   await file.value.close();
 * }
 */
export async function openFileSource(path: string): Promise<Result<FileSource>> {
  if (typeof path !== 'string' || path === '') return { ok: false, code: 'invalid_argument', error: 'expected a file path' };
  const opened = await open(path, 'r').then(
    async (fh) => ({ ok: true as const, fh, size: (await fh.stat()).size }),
    (e: unknown) => ({ ok: false as const, message: message(e) }),
  );
  if (!opened.ok) return { ok: false, code: 'io', error: `cannot open ${path}: ${opened.message}` };
  return { ok: true, value: sourceOf(path, opened.fh, opened.size) };
}

/**
 * Reads an Arrow IPC file or stream, Feather v2 or Parquet from a path. IPC streams into
 * WebAssembly memory in 1 MiB chunks; of Parquet only the footer and the selected column
 * chunks are read, one row group at a time. A missing or unreadable file gives `io`.
 * @example
 * const table = await readTableFromFile('data.arrow');
 * if (!table.ok) console.error(table.code, table.error);
 */
export async function readTableFromFile(path: string, opts?: ReadOptions): Promise<Result<TableHandle>> {
  if (typeof path !== 'string' || path === '') return { ok: false, code: 'invalid_argument', error: 'expected a file path' };
  const opened = await open(path, 'r').then(
    (fh) => ({ ok: true as const, fh }),
    (e: unknown) => ({ ok: false as const, message: message(e) }),
  );
  if (!opened.ok) return { ok: false, code: 'io', error: `cannot open ${path}: ${opened.message}` };
  const fh = opened.fh;
  const head = new Uint8Array(4);
  const headRead = await fh.read(head, 0, 4, 0).then(
    (r) => r.bytesRead,
    () => 0,
  );
  const parquetMagic = headRead === 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
  if (opts?.format === 'parquet' || (opts?.format === undefined && parquetMagic)) {
    const size = await fh.stat().then(
      (st) => st.size,
      () => -1,
    );
    const source = sourceOf(path, fh, Math.max(0, size));
    const result = await readTableFromParquet(source, opts);
    await source.close();
    return result;
  }
  let failure: string | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller): Promise<void> {
      const chunk = new Uint8Array(CHUNK);
      const got = await fh.read(chunk, 0, CHUNK, null).then(
        (r) => r.bytesRead,
        (e: unknown) => {
          failure = String(e instanceof Error ? e.message : e);
          return -1;
        },
      );
      if (got <= 0) {
        controller.close();
        return;
      }
      controller.enqueue(got === CHUNK ? chunk : chunk.subarray(0, got));
    },
  });
  const result = await readTableFromStream(stream, opts);
  await fh.close().catch(() => undefined);
  if (failure !== null) return { ok: false, code: 'io', error: `cannot read ${path}: ${String(failure)}` };
  return result;
}

export type * from './types.js';
