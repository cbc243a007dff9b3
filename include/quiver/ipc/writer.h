// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <memory>

#include "quiver/arrow/buffer.h"
#include "quiver/arrow/table.h"
#include "quiver/io/sink.h"
#include "quiver/ipc/options.h"
#include "quiver/result.h"

namespace quiver::ipc {

/// Writes `table` as an Arrow IPC stream: schema, dictionaries and record batches (one per
/// batch of the table), then the end-of-stream marker. Metadata version V5.
/// Preconditions: the table's arrays are valid. Errors: those of WriteOptions::Validate,
/// kInvalidArgument when a dictionary changes and cannot be sent as a replacement or
/// delta, kLimitExceeded for a buffer too large for the codec, kOutOfMemory.
Result<std::shared_ptr<Buffer>> WriteStream(const Table& table, const WriteOptions& options = {});

/// Writes `table` as an Arrow IPC file (Feather v2): magic, the stream, the footer with the
/// schema and the position of every dictionary and record batch, magic. Errors as
/// WriteStream; a dictionary that changes other than by appending is kInvalidArgument (the
/// file format cannot replace dictionaries).
Result<std::shared_ptr<Buffer>> WriteFile(const Table& table, const WriteOptions& options = {});

/// As WriteStream, into `sink` (an io::ChunkSink holds the output without ever copying it
/// into a larger block). Errors as WriteStream's, and the sink's.
Status WriteStreamTo(const Table& table, io::Sink* sink, const WriteOptions& options = {});
/// As WriteFile, into `sink`. Errors as WriteFile's, and the sink's.
Status WriteFileTo(const Table& table, io::Sink* sink, const WriteOptions& options = {});

/// Incremental stream writer: Begin(schema), WriteBatch(batch) any number of times, Finish().
/// Each call writes whole messages to the sink.
class StreamWriter {
 public:
  /// `sink` is not owned and must outlive the writer.
  explicit StreamWriter(io::Sink* sink, WriteOptions options = {});
  ~StreamWriter();
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  /// Validates the options and writes the schema message.
  /// Errors: those of WriteOptions::Validate; kInvalidArgument when called twice.
  Status Begin(const SchemaPtr& schema);
  /// Writes the batch's dictionaries that are new or changed, then the batch. `metadata`
  /// becomes the record batch message's custom metadata.
  /// Errors: kInvalidArgument before Begin, after Finish or for a batch whose schema
  /// differs from Begin's; those of WriteStream.
  Status WriteBatch(const RecordBatch& batch, const KeyValueMetadata& metadata = {});
  /// Writes the end-of-stream marker. Errors: kInvalidArgument before Begin or when called twice.
  Status Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Incremental file writer, as StreamWriter; Finish writes the footer.
class FileWriter {
 public:
  /// `sink` is not owned, must outlive the writer and must be empty (block offsets in the
  /// footer count from the sink's first byte).
  explicit FileWriter(io::Sink* sink, WriteOptions options = {});
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  /// Writes the magic and the schema message. Errors as StreamWriter::Begin.
  Status Begin(const SchemaPtr& schema);
  /// Errors as StreamWriter::WriteBatch; a dictionary replacement is kInvalidArgument.
  Status WriteBatch(const RecordBatch& batch, const KeyValueMetadata& metadata = {});
  /// Writes the end-of-stream marker, the footer (with `footer_metadata` as its custom
  /// metadata) and the trailing magic. Errors as StreamWriter::Finish.
  Status Finish(const KeyValueMetadata& footer_metadata = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::ipc
