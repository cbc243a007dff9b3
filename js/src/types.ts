// Public types of @quiver/core. Hand-written; nothing generated is re-exported.

/** Error codes, the same names as the C++ core's StatusCode. */
export type ErrorCode =
  | 'invalid_input'
  | 'truncated'
  | 'unsupported'
  | 'limit_exceeded'
  | 'out_of_memory'
  | 'invalid_argument'
  | 'invalid_handle'
  | 'io'
  | 'plugin'
  | 'internal';

/** Extra facts about a failure, when there are some. */
export interface ErrorDetails {
  /** Where in the data the error was found, e.g. `record_batch[3].column['price']`. */
  readonly context?: string;
  /** For `internal` errors caused by a WebAssembly trap: the runtime's own message. */
  readonly cause?: string;
}

/** The outcome of every function: a value, or an error with a code. Functions never throw. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly code: ErrorCode; readonly details?: ErrorDetails };

/**
 * An opaque reference to a table held in WebAssembly memory. Free it with `freeTable`
 * (or a `using` declaration). A freed, stale or forged handle gives `invalid_handle`.
 */
export interface TableHandle {
  readonly kind: 'quiver.table';
  /** The generational id (for logs; it carries no authority). */
  readonly id: number;
  [Symbol.dispose](): void;
}

/**
 * An opaque reference to an incremental IPC writer (`createIpcWriter`). Finish it with
 * `finishIpcWriter`, or drop it with `freeIpcWriter`.
 */
export interface IpcWriterHandle {
  readonly kind: 'quiver.writer';
  readonly id: number;
  [Symbol.dispose](): void;
}

/** Options of `initWasm`. */
export interface WasmInitOptions {
  /** Warn on the console when a handle is garbage-collected without `freeTable` (default true). */
  readonly warnOnLeakedHandles?: boolean;
  /** Where the `.wasm` file is, when it is not beside the module. */
  readonly wasmUrl?: string | URL;
}

/** Input formats. `feather` is Feather v2, the same bytes as `arrow-file`. */
export type InputFormat = 'arrow-file' | 'arrow-stream' | 'feather' | 'parquet';

/** Options of the read functions. */
export interface ReadOptions {
  /** The input's format; detected from its first bytes when absent. */
  readonly format?: InputFormat;
  /** `full` adds content checks (UTF-8, offsets, dictionary indices) to the default ones. */
  readonly validate?: 'default' | 'full';
  /**
   * Columns to read, in file order, by name. Parquet also takes dotted paths into structs
   * (`'s.x'` reads field `x` of struct `s`, inside its struct). All columns when absent.
   */
  readonly columns?: readonly string[];
  /** Parquet only: the row groups to read, by index, in the order given. All when absent. */
  readonly rowGroups?: readonly number[];
  /** Rows to skip first (default 0). */
  readonly offset?: number;
  /** Most rows to return after `offset` (default: all). */
  readonly limit?: number;
  /** Parquet only: most rows per record batch (default 65536). */
  readonly batchSize?: number;
}

/**
 * Bytes read on demand, for inputs too large to copy whole (files, HTTP range requests).
 * `read` resolves to exactly `length` bytes from `offset`; a rejection becomes an `io` error.
 */
export interface RandomAccessSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What the Parquet functions read from: bytes in memory, a `Blob`/`File`, or a source. */
export type ParquetInput = ArrayBuffer | Uint8Array | Blob | RandomAccessSource;

/**
 * An opaque reference to an open Parquet file being read batch by batch
 * (`openParquetReader`). Close it with `closeParquetReader`.
 */
export interface ParquetReaderHandle {
  readonly kind: 'quiver.parquet';
  readonly id: number;
  [Symbol.dispose](): void;
}

/** A statistics value as stored (the physical type's value; strings for text columns). */
export type ParquetStatValue = boolean | number | bigint | string | Uint8Array | null;

export interface ParquetStatistics {
  readonly nullCount: number | null;
  readonly distinctCount: number | null;
  readonly min: ParquetStatValue;
  readonly max: ParquetStatValue;
}

/** One leaf column of the Parquet schema. */
export interface ParquetColumnInfo {
  /** Dotted path of field names, e.g. `s.list.element`. */
  readonly path: string;
  /** `BOOLEAN`, `INT32`, `INT64`, `INT96`, `FLOAT`, `DOUBLE`, `BYTE_ARRAY`, `FIXED_LEN_BYTE_ARRAY`. */
  readonly physicalType: string;
  readonly typeLength: number;
  /** e.g. `STRING`, `DECIMAL(10, 2)`, `TIMESTAMP(ms, UTC)`, `INTEGER(8, unsigned)`. */
  readonly logicalType: string | null;
  readonly convertedType: string | null;
  readonly repetition: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  readonly maxDefinitionLevel: number;
  readonly maxRepetitionLevel: number;
}

/** One column chunk of a row group. */
export interface ParquetColumnChunkInfo {
  readonly path: string;
  readonly physicalType: string | null;
  /** `UNCOMPRESSED`, `SNAPPY`, `GZIP`, `BROTLI`, `LZ4`, `ZSTD`, `LZ4_RAW`, `LZO`. */
  readonly codec: string | null;
  /** e.g. `PLAIN`, `RLE`, `RLE_DICTIONARY`, `DELTA_BINARY_PACKED`. */
  readonly encodings: readonly string[];
  readonly numValues: number | null;
  readonly compressedSize: number | null;
  readonly uncompressedSize: number | null;
  readonly dataPageOffset: number | null;
  readonly dictionaryPageOffset: number | null;
  readonly hasColumnIndex: boolean;
  readonly hasOffsetIndex: boolean;
  readonly statistics: ParquetStatistics | null;
}

export interface ParquetRowGroupInfo {
  readonly numRows: number;
  readonly totalByteSize: number;
  readonly compressedSize: number;
  readonly columns: readonly ParquetColumnChunkInfo[];
}

/** A Parquet file's footer (`getParquetMetadata`). */
export interface ParquetMetadata {
  readonly fileSize: number;
  readonly version: number;
  readonly numRows: number;
  readonly createdBy: string | null;
  /** Key-value metadata, `ARROW:schema` included when the writer stored one. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly columns: readonly ParquetColumnInfo[];
  readonly rowGroups: readonly ParquetRowGroupInfo[];
}

/** Options of `writeTableToIpc`. */
export interface IpcWriteOptions {
  /** `file` (Feather v2, default) or `stream`. */
  readonly format?: 'file' | 'stream';
  /** Body compression (default `none`). */
  readonly compression?: 'none' | 'lz4' | 'zstd';
  /** Codec level on the codec's own scale; the codec's default when absent. */
  readonly level?: number;
  /** Key-value pairs added to the schema's metadata. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Options of `writeTableToFeather` (always the IPC file format). */
export interface FeatherWriteOptions {
  readonly compression?: 'none' | 'lz4' | 'zstd';
  readonly level?: number;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Parquet codecs `writeTableToParquet` writes. */
export type ParquetCompression = 'snappy' | 'zstd' | 'gzip' | 'brotli' | 'lz4_raw' | 'none';

/** Encodings of data pages that are not dictionary-encoded. */
export type ParquetEncoding =
  | 'plain'
  | 'rle'
  | 'delta_binary_packed'
  | 'delta_length_byte_array'
  | 'delta_byte_array'
  | 'byte_stream_split';

/** Per-column overrides of ParquetWriteOptions. */
export interface ParquetColumnOptions {
  readonly compression?: ParquetCompression;
  readonly compressionLevel?: number;
  readonly dictionary?: boolean;
  /** Setting it without `dictionary` turns the column's dictionary off (as pyarrow does). */
  readonly encoding?: ParquetEncoding;
  readonly statistics?: boolean;
}

/** Options of `writeTableToParquet` and `createParquetWriter`; defaults as pyarrow's. */
export interface ParquetWriteOptions {
  /** Codec of every column chunk (default `snappy`). */
  readonly compression?: ParquetCompression;
  /** Codec level: gzip 0..9, brotli 0..11, zstd -131072..22, lz4_raw 0..12. */
  readonly compressionLevel?: number;
  /** Dictionary encoding (default true), falling back to plain past `dictionaryPageBytes`. */
  readonly dictionary?: boolean;
  readonly dictionaryPageBytes?: number;
  /** A row group closes at this many rows (default 1048576) ... */
  readonly rowGroupRows?: number;
  /** ... or this many encoded bytes (default 128 MiB). */
  readonly rowGroupBytes?: number;
  /** Target data page size before compression (default 1 MiB). */
  readonly dataPageBytes?: number;
  /** Data page header version (default 1). */
  readonly pageVersion?: 1 | 2;
  /** Min/max/null-count statistics (default true). */
  readonly statistics?: boolean;
  /** Byte-array statistics longer than this are truncated (default 4096). */
  readonly maxStatisticsBytes?: number;
  /** Column and offset indexes (default true). */
  readonly pageIndex?: boolean;
  /** Overrides by top-level column name or dotted leaf path (`s.x`). */
  readonly columns?: Readonly<Record<string, ParquetColumnOptions>>;
  /** Key-value metadata of the file. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The footer's created_by (default `quiver version 0.1.0`). */
  readonly createdBy?: string;
  /** Store the Arrow schema under `ARROW:schema` so readers restore exact types (default true). */
  readonly storeArrowSchema?: boolean;
  /**
   * Give every `geoarrow.wkb` column Parquet's GEOMETRY/GEOGRAPHY logical type (default false:
   * plain BYTE_ARRAY described by GeoParquet's `geo` key, with the logical type only where
   * `geo` cannot say the column's crs or non-planar edges).
   */
  readonly geometryLogicalTypes?: boolean;
}

/**
 * An opaque reference to an incremental Parquet writer (`createParquetWriter`). Finish it
 * with `finishParquetWriter`, or drop it with `freeParquetWriter`.
 */
export interface ParquetWriterHandle {
  readonly kind: 'quiver.parquet-writer';
  readonly id: number;
  [Symbol.dispose](): void;
}

/** One column of a schema summary. */
export interface ColumnSummary {
  readonly name: string;
  /** Arrow's spelling: `Int64`, `Utf8`, `Timestamp(ms, "UTC")`, `List<Int32>`, ... */
  readonly arrowType: string;
  readonly nullable: boolean;
}

export interface SchemaSummary {
  readonly columns: readonly ColumnSummary[];
}

/** A type with its parameters and children (`getSchema`). */
export interface DataTypeInfo {
  /** The core's type id: `int32`, `timestamp`, `large_list`, `dictionary`, ... */
  readonly id: string;
  /** Arrow's spelling, as `arrowType` in summaries. */
  readonly name: string;
  readonly children: readonly FieldInfo[];
  readonly unit?: 's' | 'ms' | 'us' | 'ns';
  readonly timezone?: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly byteWidth?: number;
  readonly listSize?: number;
  readonly keysSorted?: boolean;
  readonly ordered?: boolean;
  readonly typeCodes?: readonly number[];
  readonly indexType?: DataTypeInfo;
  readonly valueType?: DataTypeInfo;
  readonly extensionName?: string;
  readonly extensionMetadata?: string;
  readonly storageType?: DataTypeInfo;
}

export interface FieldInfo {
  readonly name: string;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  readonly type: DataTypeInfo;
}

/** The full schema, nested types and metadata included. */
export interface SchemaInfo {
  readonly fields: readonly FieldInfo[];
  readonly metadata: Readonly<Record<string, string>>;
}

export interface TableInfo {
  readonly rows: number;
  readonly columns: number;
  readonly batches: number;
  /** Bytes of the buffers the table references in WebAssembly memory (shared ones once). */
  readonly bytes: number;
  /**
   * What the reader noted instead of failing, e.g. a malformed GeoParquet `geo` value that
   * was ignored; empty when nothing. Derived tables carry their sources' warnings.
   */
  readonly warnings: readonly string[];
  /**
   * Body compressions of the IPC messages (record batches and dictionaries) the table was
   * read from, in the order `none`, `lz4`, `zstd`; empty when there were none. Tables made
   * by `selectColumns`, `slice`, `concatTables` and `getBatch` carry their sources' codecs.
   */
  readonly codecs: readonly ('none' | 'lz4' | 'zstd')[];
}

/**
 * One value copied out of a table. 64-bit integers and temporals are `bigint`; decimals
 * are exact decimal strings; binary is `Uint8Array`; lists are arrays; structs are objects;
 * maps are `Map`s; intervals are objects.
 */
export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Value[]
  | { readonly [key: string]: Value }
  | Map<Value, Value>;

/** A row as an object keyed by column name. */
export type Row = { readonly [column: string]: Value };

/** Typed arrays `getColumn` returns for plain numeric columns. */
export type NumericValues =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** A column copied out of a table. */
export interface ColumnData {
  readonly name: string;
  readonly arrowType: string;
  readonly length: number;
  readonly nullCount: number;
  /** A typed array for numeric columns (null slots hold 0), else one `Value` per row. */
  readonly values: NumericValues | Value[];
  /** For typed values with nulls: one byte per row, 1 when valid; otherwise null. */
  readonly validity: Uint8Array | null;
}

export interface GetColumnOptions {
  /** Always return `Value[]` (nulls as `null`), even for numeric columns. */
  readonly asArray?: boolean;
}

export interface GetRowsOptions {
  /** First row (default 0). */
  readonly offset?: number;
  /** Most rows returned (default: to the end). */
  readonly limit?: number;
}

/** Counters of the WebAssembly instance. */
export interface MemoryStats {
  /** Table handles not yet freed. */
  readonly liveHandles: number;
  /** IPC and Parquet writers neither finished nor freed. */
  readonly liveWriters: number;
  /** Parquet readers not yet closed. */
  readonly liveParquetReaders: number;
  /** WebAssembly memory size: it only grows, so it is also the peak footprint. */
  readonly heapSize: number;
  /** Bytes malloc'd and not yet freed in WebAssembly memory. */
  readonly heapInUse: number;
  /** Largest heapInUse seen when a function of the package returned. */
  readonly heapPeak: number;
  /** Arrow buffers allocated by the core (decompressed, realigned, built) and live now. */
  readonly arrowBytesLive: number;
  readonly arrowBytesPeak: number;
  /** Bytes JavaScript copied into WebAssembly memory, and out of it. */
  readonly bytesCopiedIn: number;
  readonly bytesCopiedOut: number;
}

/** Facts about the build, for `quiver doctor`. */
export interface BuildInfo {
  readonly version: string;
  readonly codecs: Readonly<Record<string, boolean>>;
  readonly formats: { readonly read: readonly string[]; readonly write: readonly string[] };
}

/** A plugin as the core knows it once loaded (`loadPlugin`). */
export interface PluginInfo {
  readonly id: string;
  readonly version: string;
  readonly extensionTypes: readonly string[];
  readonly operations: readonly string[];
}

/** What a plugin operation returned: a new table, or one JSON value per record batch. */
export type PluginCallOutput =
  | { readonly kind: 'table'; readonly table: TableHandle }
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

/**
 * Calls an operation of a loaded plugin on one column of a table (`null` table and column
 * for operations that take none), with arguments passed to the plugin as JSON.
 */
export type PluginCall = (
  operation: string,
  table: TableHandle | null,
  column: string | number | null,
  args?: Readonly<Record<string, string | number | boolean | null>>,
) => Promise<Result<PluginCallOutput>>;

/**
 * What a plugin package exports: its id, the entry point its WebAssembly side module
 * exports, where that module is, and `bind`, which turns the raw call into the plugin's
 * typed operations (each returning `Promise<Result<T>>`).
 */
export interface QuiverPlugin<Ops> {
  readonly id: string;
  readonly entry: string;
  readonly wasmUrl: URL | string;
  readonly bind: (call: PluginCall) => Ops;
}
