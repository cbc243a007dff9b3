// Declarations for the Emscripten loader (dist/quiver.mjs, built from
// bindings/wasm/quiver_bindings.cc). Internal: nothing here is re-exported.

/** The embind functions of the module; see bindings/wasm/quiver_bindings.cc for the conventions. */
export interface QuiverModule {
  readonly HEAPU8: Uint8Array<ArrayBuffer>;
  /** The module's WebAssembly exports (a MAIN_MODULE exports what plugins may import). */
  readonly asm: Readonly<Record<string, unknown>>;
  inputReserve(n: number): number;
  inputCommit(n: number): void;
  inputReset(): void;
  readInput(format: string, full: boolean, columns: string, rowGroups: string, offset: number, limit: number, batchSize: number): number;
  parquetCreate(size: number, full: boolean, columns: string, rowGroups: string, offset: number, limit: number, batchSize: number): number;
  parquetAdd(file: number, offset: number): number;
  parquetLoad(file: number): number;
  parquetPlan(file: number): number;
  parquetReadUnit(file: number, unit: number): number;
  parquetDrop(file: number): number;
  parquetEmpty(file: number): number;
  parquetMetadata(file: number): number;
  parquetFree(file: number): number;
  freeTable(handle: number): number;
  schemaSummary(handle: number): number;
  schema(handle: number): number;
  tableInfo(handle: number): number;
  rows(handle: number, offset: number, length: number): number;
  column(handle: number, column: number): number;
  selectColumns(handle: number, indices: string): number;
  slice(handle: number, offset: number, length: number): number;
  concat(ids: string): number;
  write(handle: number, format: string, compression: string, level: number, metadata: string): number;
  writerOpen(format: string, compression: string, level: number, metadata: string): number;
  writeParquet(handle: number, tokens: string): number;
  parquetWriterOpen(tokens: string): number;
  writerWrite(writer: number, handle: number): number;
  writerFinish(writer: number): number;
  writerFree(writer: number): number;
  batch(handle: number, index: number): number;
  registerPlugin(id: string): number;
  pluginAdd(descriptor: number): number;
  pluginCall(id: string, op: string, table: number, column: number, args: string): number;
  loadDynamicLibrary(name: string, flags: { loadAsync: true; global: boolean; nodelete: boolean; fs: { findObject(path: string): object | null; readFile(path: string): Uint8Array } }): Promise<boolean>;
  readonly LDSO: { readonly loadedLibsByName: Readonly<Record<string, { readonly module: Readonly<Record<string, unknown>> }>> };
  stats(): number;
  outputPieces(): number;
  outputPointer(piece: number): number;
  outputSize(piece: number): number;
  releaseOutput(): void;
  errorCode(): string;
  errorMessage(): string;
  buildInfo(): string;
  heapSize(): number;
  heapInUse(): number;
  trapForTesting(): void;
}

export interface QuiverModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

declare function createQuiverModule(options?: QuiverModuleOptions): Promise<QuiverModule>;
export default createQuiverModule;
