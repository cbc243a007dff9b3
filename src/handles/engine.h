// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Everything the WebAssembly bindings do, as plain C++ that is unit-tested natively: the
// handle table, reading with format detection, table operations, writing, the copies out
// and the statistics. bindings/wasm only converts arguments to and from these calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "handles/format_detect.h"
#include "handles/handle_table.h"
#include "handles/plugins.h"
#include "quiver/arrow/buffer.h"
#include "quiver/ipc/options.h"
#include "quiver/ipc/reader.h"
#include "quiver/parquet/options.h"
#include "quiver/parquet/writer.h"
#include "quiver/result.h"

namespace quiver::handles {

/// What writeTableToIpc, writeTableToFeather and the incremental writer ask for.
struct WriteRequest {
  /// The IPC stream format instead of the file format (Feather v2).
  bool stream = false;
  ipc::WriteOptions options;
};

/// Builds a WriteRequest from the facade's option values: `format` "file" or "stream",
/// `compression` "none", "lz4" or "zstd", `level` an integer (or NaN for the codec's
/// default), `metadata` key-value pairs joined as `key\0value\0...`.
/// Errors: kInvalidArgument naming the option; kUnsupported for a codec left out of the build.
Result<WriteRequest> MakeWriteRequest(std::string_view format, std::string_view compression, double level,
                                      std::string_view metadata);

/// What the read functions ask for, whichever the format.
struct ReadRequest {
  bool validate_full = false;
  /// Columns by name (Parquet: also dotted paths into structs); empty reads all.
  std::vector<std::string> columns;
  /// Parquet only: row groups to read, in order; empty reads all.
  std::vector<int> row_groups;
  int64_t offset = 0;
  /// -1 for all rows.
  int64_t limit = -1;
  /// Parquet only: most rows per record batch; 0 for the reader's default.
  int64_t batch_size = 0;

  /// The Parquet reader's options for this request.
  parquet::ReadOptions ToParquet() const;
};

/// Builds a ReadRequest from the facade's values: `columns` as names each followed by a NUL
/// (empty: all), `row_groups` as ParseIdList text (empty: all), numbers NaN when not given.
/// Errors: kInvalidArgument naming the option.
Result<ReadRequest> MakeReadRequest(bool validate_full, std::string_view columns, std::string_view row_groups,
                                    double offset, double limit, double batch_size);

/// A JavaScript number that is absent (NaN: `absent`) or an integer in [min, 2^53).
/// Errors: kInvalidArgument naming `what`.
Result<int64_t> OptionalInteger(double value, std::string_view what, int64_t min, int64_t absent);

/// Parses a list of non-negative integers joined by ',' (an empty text is an empty list).
/// Errors: kInvalidArgument naming the offending item.
Result<std::vector<uint64_t>> ParseIdList(std::string_view text);

/// One WebAssembly instance's state.
///
/// Each call either succeeds or returns a Status; results that are bytes or text are left
/// in the output slot (`output()`), where the bindings copy them out before the next call.
class Engine {
 public:
  Engine() = default;
  ~Engine() { InputReset(); }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Reads `bytes` as `format` ("" detects it) into a new handle. The table's buffers are
  /// zero-copy slices of `bytes` where the data is uncompressed and aligned. For IPC input
  /// the request's columns select top-level fields by name and offset/limit slice the rows.
  /// Errors: those of DetectFormat, ParseFormat, ipc::ReadFile, ipc::ReadStream and
  /// parquet::ReadTable; kInvalidArgument for an unknown column, or for Parquet-only options
  /// (row groups, batch size) given for IPC input.
  Result<HandleId> Read(std::shared_ptr<Buffer> bytes, std::string_view format, const ReadRequest& request = {});

  /// A Parquet file read through pieces JavaScript fetches (from a Blob, a file handle):
  /// ParquetCreate(size) makes the handle, ParquetAdd hands over the bytes at an offset,
  /// ParquetLoad decodes the footer (leaving `{"need":[offset,length]}` in the output slot
  /// when a piece is missing, else `{"need":null}`), ParquetPlan leaves the selection's read
  /// units as JSON `[{"rowGroup","rows","ranges":[[offset,length],...]}]`, ParquetReadUnit
  /// reads one (after its ranges were added) into a new table handle, ParquetDrop forgets
  /// every piece, ParquetEmpty makes an empty table of the selection's schema (for a
  /// selection of no rows), ParquetMetadata leaves the footer as JSON (see parquet_json.h), and
  /// ParquetFree closes the file. Errors: kInvalidHandle; those of parquet::FileReader;
  /// kInvalidArgument for a call out of order (a plan before the footer is loaded, a unit
  /// index beyond the plan).
  Result<HandleId> ParquetCreate(double size, const ReadRequest& request);
  Status ParquetAdd(HandleId file, double offset);
  Status ParquetLoad(HandleId file);
  Status ParquetPlan(HandleId file);
  Result<HandleId> ParquetReadUnit(HandleId file, double unit);
  Status ParquetDrop(HandleId file);
  Result<HandleId> ParquetEmpty(HandleId file);
  Status ParquetMetadata(HandleId file);
  Status ParquetFree(HandleId file);

  /// Frees a handle. Errors: kInvalidHandle.
  Status Free(HandleId id);
  /// The table under a handle. Errors: kInvalidHandle.
  Result<TablePtr> Get(HandleId id) const { return handles_.Get(id); }

  /// Text outputs (left in the output slot as UTF-8 JSON).
  Status SchemaSummary(HandleId id);
  Status Schema(HandleId id);
  /// `{"rows","columns","batches","bytes","warnings","codecs"}`; bytes counts each distinct
  /// buffer once; warnings are what the reader noted instead of failing (e.g. a malformed
  /// GeoParquet `geo` value that was ignored);
  /// codecs lists the body compressions ("none", "lz4", "zstd", in that order) of the IPC
  /// messages the table was read from; tables made from others (selecting, slicing,
  /// concatenating, a batch) carry their sources' codecs.
  Status TableInfo(HandleId id);
  /// Rows [offset, offset + length) as JSON objects. Errors: kInvalidHandle, kInvalidArgument.
  Status Rows(HandleId id, double offset, double length);
  /// One column: a typed copy of its values when its physical type is a plain number type,
  /// else its values as JSON. Output layout: u32 header length, the JSON header
  /// `{"kind":"typed"|"json","arrowType","length","nullCount","byteWidth","valuesSize",
  /// "validityOffset"}`, zero padding to a multiple of 8, then the payload: the values
  /// (typed: length * byteWidth bytes; json: UTF-8 text), and for typed columns with nulls,
  /// at validityOffset from the payload start, one byte per row (1 = valid).
  /// Errors: kInvalidHandle, kInvalidArgument (no such column).
  Status Column(HandleId id, double column);

  /// New handles sharing the buffers of existing tables (no data is copied).
  /// SelectColumns: `indices` from ParseIdList order, repeats allowed.
  /// Errors: kInvalidHandle; kInvalidArgument for a column out of range, a slice outside
  /// the table, fewer than one table to concatenate or schemas that differ.
  Result<HandleId> SelectColumns(HandleId id, std::string_view indices);
  Result<HandleId> Slice(HandleId id, double offset, double length);
  Result<HandleId> Concat(std::string_view ids);

  /// Writes a table; the bytes are left in the output slot. Errors: kInvalidHandle, those
  /// of MakeWriteRequest and of ipc::WriteFile / ipc::WriteStream.
  Status Write(HandleId id, const WriteRequest& request);

  /// Writes a table as Parquet; the bytes are left in the output slot. Errors:
  /// kInvalidHandle, those of parquet::WriteTable.
  Status WriteParquet(HandleId id, const parquet::WriteOptions& options);

  /// An incremental IPC writer: WriterOpen, then WriterWrite with tables of one schema any
  /// number of times, then WriterFinish, which frees the writer (WriterFree abandons one).
  /// Each call leaves the bytes it produced in the output slot, so a long stream never
  /// accumulates in WebAssembly memory. Errors: kInvalidHandle; kInvalidArgument for a table
  /// whose schema differs from the first one's or a finish before any write; those of
  /// ipc::StreamWriter and ipc::FileWriter.
  Result<HandleId> WriterOpen(const WriteRequest& request);
  /// As WriterOpen, for a Parquet file: each WriterWrite leaves the row groups that filled,
  /// WriterFinish the rest, the page indexes and the footer.
  Result<HandleId> ParquetWriterOpen(const parquet::WriteOptions& options);
  Status WriterWrite(HandleId writer, HandleId table);
  Status WriterFinish(HandleId writer);
  Status WriterFree(HandleId writer);

  /// Record batch `index` of a table as a new table sharing its buffers (a batch iterator
  /// for the facade). Errors: kInvalidHandle; kInvalidArgument for an index out of range.
  Result<HandleId> Batch(HandleId id, double index);

  /// Plugins (see plugins.h): PluginAdd records the descriptor a loaded side module's entry
  /// point returned (its address in linear memory) and leaves the plugin as JSON in the
  /// output slot; RegisterPlugin activates it by id. Errors: those of PluginRegistry.
  Status PluginAdd(uintptr_t descriptor);
  Status RegisterPlugin(std::string_view id);
  /// Calls operation `op` of plugin `id` on column `column` of table `table` (table 0: no
  /// column), once per record batch, with `args_json`. Leaves `{"table":ID}` (a new table of
  /// the returned columns) or `{"values":[json per batch]}` in the output slot.
  /// Errors: kInvalidHandle, kInvalidArgument for a column out of range, those of
  /// PluginRegistry::Call.
  Status PluginCall(std::string_view id, std::string_view op, double table, double column, std::string_view args_json);

  /// `{"liveHandles","liveWriters","arrowBytesLive","arrowBytesPeak","arrowAllocations","copies",
  /// "bytesCopied"}` from the handle table and the default memory pool.
  Status Stats();

  /// Input assembled in place (for Blob, ReadableStream and file reads): Reserve returns
  /// where the next `n` bytes go (null when memory is exhausted), Commit records that they
  /// were written, Take hands the whole input over as a Buffer that frees it.
  uint8_t* InputReserve(int64_t n);
  void InputCommit(int64_t n);
  std::shared_ptr<Buffer> InputTake();
  void InputReset();

  /// The output slot: the last text or bytes produced, in order, in one or more pieces (a
  /// write leaves the blocks of its io::ChunkSink, never joined into one: the bindings copy
  /// each piece out).
  const std::vector<std::shared_ptr<Buffer>>& output_pieces() const { return output_; }
  /// The output slot's bytes as one buffer: the only piece, or the pieces joined (a copy,
  /// for tests); null when the slot is empty.
  std::shared_ptr<Buffer> output() const;
  void ReleaseOutput() { output_.clear(); }

  /// The last error, kept for the bindings: its code name and `context: message`.
  void SetError(const Status& status);
  const std::string& error_code() const { return error_code_; }
  const std::string& error_message() const { return error_message_; }

  int64_t live_handles() const { return handles_.live(); }

  /// `{"version","codecs":{"lz4":bool,...},"formats":{"read":[...],"write":[...]}}`.
  static std::string BuildInfo();

 private:
  struct Writer;
  struct ParquetFile;
  Result<std::shared_ptr<ParquetFile>> LoadedParquet(HandleId file) const;
  Result<HandleId> ReadIpc(std::shared_ptr<Buffer> bytes, Format format, const ReadRequest& request);
  Status SetTextOutput(std::string text);
  Status DrainWriter(Writer* writer);
  /// What a table's source said about it, kept beside its handle: the body compressions of
  /// the IPC messages it was read from and the reader's warnings. Derived tables (select,
  /// slice, concatenate, batch) carry their sources' origins.
  struct Origin {
    ipc::CompressionSet codecs;
    std::vector<std::string> warnings;
    void Merge(const Origin& other);
    bool empty() const { return codecs.empty() && warnings.empty(); }
  };
  /// Stores `table` under a new handle, with where it came from.
  Result<HandleId> Adopt(Result<TablePtr> table, Origin origin);
  /// Adopt for freshly read tables: active plugins see their columns first.
  Result<HandleId> AdoptRead(Result<TablePtr> table, Origin origin);
  Origin OriginOf(HandleId id) const;

  HandleTable handles_;
  // The origin of each live table handle (when not empty); erased when the handle is freed.
  std::unordered_map<HandleId, Origin> origins_;
  SlotTable<std::shared_ptr<Writer>> writers_{HandleKind::kWriter, "writer"};
  SlotTable<std::shared_ptr<ParquetFile>> parquet_files_{HandleKind::kParquet, "Parquet file"};
  PluginRegistry plugins_;
  std::vector<std::shared_ptr<Buffer>> output_;
  uint8_t* input_ = nullptr;
  int64_t input_size_ = 0;
  int64_t input_capacity_ = 0;
  std::string error_code_;
  std::string error_message_;
};

}  // namespace quiver::handles
