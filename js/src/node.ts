// @quiver/core/node: reading from the file system (Node only; kept out of the main entry so
// that browser bundles never see node:fs).
import { open } from 'node:fs/promises';
import { readTableFromStream } from './index.js';
import type { ReadOptions, Result, TableHandle } from './types.js';

/** Chunk size of file reads; each chunk is copied straight into WebAssembly memory. */
const CHUNK = 1 << 20;

/**
 * Reads an Arrow IPC file or stream, or Feather v2, from a path, streaming it into
 * WebAssembly memory in 1 MiB chunks. A missing or unreadable file gives `io`.
 * @example
 * const table = await readTableFromFile('data.arrow');
 * if (!table.ok) console.error(table.code, table.error);
 */
export async function readTableFromFile(path: string, opts?: ReadOptions): Promise<Result<TableHandle>> {
  if (typeof path !== 'string' || path === '') return { ok: false, code: 'invalid_argument', error: 'expected a file path' };
  const opened = await open(path, 'r').then(
    (fh) => ({ ok: true as const, fh }),
    (e: unknown) => ({ ok: false as const, message: String(e instanceof Error ? e.message : e) }),
  );
  if (!opened.ok) return { ok: false, code: 'io', error: `cannot open ${path}: ${opened.message}` };
  const fh = opened.fh;
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
