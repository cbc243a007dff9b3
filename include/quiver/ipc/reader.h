// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/arrow/table.h"
#include "quiver/io/source.h"
#include "quiver/ipc/options.h"
#include "quiver/result.h"

namespace quiver::ipc {

/// A set of Compression values: the body compressions (BodyCompression of record batch and
/// dictionary messages, kNone for messages without one) that a reader has decoded. One byte;
/// copy it freely.
class CompressionSet {
 public:
  /// Adds `c`. Precondition: `c` is one of the Compression enumerators.
  constexpr void Insert(Compression c) { bits_ = static_cast<uint8_t>(bits_ | Bit(c)); }
  /// Adds every member of `other`.
  constexpr void Insert(CompressionSet other) { bits_ = static_cast<uint8_t>(bits_ | other.bits_); }
  constexpr bool Contains(Compression c) const { return (bits_ & Bit(c)) != 0; }
  /// True when no record batch or dictionary message has been decoded.
  constexpr bool empty() const { return bits_ == 0; }
  friend constexpr bool operator==(CompressionSet, CompressionSet) = default;

 private:
  static constexpr uint8_t Bit(Compression c) { return static_cast<uint8_t>(1u << static_cast<unsigned>(c)); }
  uint8_t bits_ = 0;
};

/// Reads a whole Arrow IPC stream (continuation-marker framing, or the legacy framing
/// without it; the end-of-stream marker is optional) into a Table.
///
/// Uncompressed buffers of the result are zero-copy slices of `data`, which they keep
/// alive. Every batch is validated (ReadOptions::validate_full selects the level).
/// Errors: kTruncated when the stream ends inside a message (more bytes would help),
/// kInvalidInput for malformed input, kUnsupported for big-endian data, metadata versions
/// before V4, tensors and unknown types or codecs, kLimitExceeded when a limit in
/// `options.limits` would be exceeded. Messages carry a context path such as
/// `record_batch[3].column['price']`.
Result<TablePtr> ReadStream(const std::shared_ptr<Buffer>& data, const ReadOptions& options = {});
/// As ReadStream(data, options); on success, also stores in `*compressions` (when not null)
/// the body compressions of the stream's record batch and dictionary messages.
Result<TablePtr> ReadStream(const std::shared_ptr<Buffer>& data, const ReadOptions& options,
                            CompressionSet* compressions);

/// Reads a whole Arrow IPC file (Feather v2) into a Table: the schema and the batches
/// listed in the footer, in order. Errors as ReadStream; a footer that points outside the
/// file is kInvalidInput.
Result<TablePtr> ReadFile(const std::shared_ptr<Buffer>& data, const ReadOptions& options = {});
/// As ReadFile(data, options); on success, also stores in `*compressions` (when not null)
/// the body compressions of the file's record batch and dictionary messages.
Result<TablePtr> ReadFile(const std::shared_ptr<Buffer>& data, const ReadOptions& options,
                          CompressionSet* compressions);

/// Random access to the record batches of an Arrow IPC file: Open reads the footer, the
/// schema and every dictionary; ReadRecordBatch(i) then reads batch i without reading the
/// others.
class FileReader {
 public:
  /// Opens a file held in memory. Errors: those of ReadFile for the footer, the schema and
  /// the dictionaries.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<Buffer> data, const ReadOptions& options = {});
  /// Opens a file read through `source`, which is asked only for the ranges needed.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<io::Source> source,
                                                  const ReadOptions& options = {});
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  const SchemaPtr& schema() const;
  int num_record_batches() const;
  /// The footer's custom metadata (file-level key-value pairs).
  const KeyValueMetadata& footer_metadata() const;
  /// Body compressions of the messages decoded so far: every dictionary (read by Open) and
  /// the record batches ReadRecordBatch has returned. Only reading every batch makes the
  /// set complete; nothing is read to fill it.
  CompressionSet compressions() const;

  /// Reads and validates batch `i` in [0, num_record_batches()).
  /// Errors: kInvalidArgument for `i` out of range, otherwise those of ReadFile with the
  /// context `record_batch[i]`.
  Result<RecordBatchPtr> ReadRecordBatch(int i);
  /// As ReadRecordBatch(i), also returning the message's custom metadata in
  /// `*custom_metadata` (cleared first) when it is not null.
  Result<RecordBatchPtr> ReadRecordBatch(int i, KeyValueMetadata* custom_metadata);

 private:
  struct Impl;
  explicit FileReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Incremental stream reader: feed bytes in chunks of any size as they arrive; each record
/// batch becomes available as soon as its last byte has been consumed.
///
/// Errors are sticky: once Consume or Finish fails, every later call returns that error.
class StreamDecoder {
 public:
  explicit StreamDecoder(const ReadOptions& options = {});
  ~StreamDecoder();
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  /// Feeds the next bytes of the stream; the decoder copies what it must keep.
  /// Errors: as ReadStream, except that running out of bytes is never an error here;
  /// kInvalidInput for bytes after the end-of-stream marker.
  Status Consume(std::span<const uint8_t> bytes);
  /// Feeds the next bytes as a Buffer; messages that lie wholly inside it are decoded
  /// without copying (their buffers are slices of `buffer`).
  Status Consume(const std::shared_ptr<Buffer>& buffer);
  /// Declares the end of the input. Errors: kTruncated when the input stopped inside a
  /// message or before the schema.
  Status Finish();

  /// The stream's schema once its first message has been decoded; null before.
  const SchemaPtr& schema() const;
  /// Hands over the batches decoded since the last call, in stream order.
  std::vector<RecordBatchPtr> TakeBatches();
  /// Message custom metadata of the batches TakeBatches would return, index for index.
  /// Empty metadata for batches whose message had none.
  const std::vector<KeyValueMetadata>& pending_batch_metadata() const;
  /// Body compressions of the record batch and dictionary messages decoded so far.
  CompressionSet compressions() const;
  /// True once the end-of-stream marker has been consumed.
  bool finished() const;
  /// At least how many more bytes are needed before the next message can be decoded
  /// (0 after the end-of-stream marker or an error).
  int64_t next_required_size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::ipc
