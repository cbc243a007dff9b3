// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Turning decoded messages into schemas, dictionaries and validated record batches; shared
// by the stream reader, the incremental StreamDecoder and the file reader.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ipc/body_internal.h"
#include "ipc/message_internal.h"
#include "ipc/metadata_internal.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/options.h"
#include "quiver/ipc/reader.h"

namespace quiver::ipc::internal {

/// Decodes, validates and applies one DictionaryBatch: a new dictionary, a delta (values
/// appended) or, when `allow_replacement`, a replacement. On success the message's body
/// compression is added to `*compressions` (not null).
/// Errors: kInvalidInput for an id no field uses, a delta without a dictionary, a
/// replacement where none is allowed; those of DecodeDictionaryValues and validation.
Status ApplyDictionaryBatch(const Message& message, fb::MetadataVersion version, const SchemaInfo& schema,
                            bool allow_replacement, const ReadOptions& options, DictionaryMap* dictionaries,
                            CompressionSet* compressions);

/// Decodes and validates one RecordBatch message. On success the message's body
/// compression is added to `*compressions` (not null).
Result<RecordBatchPtr> DecodeRecordBatch(const Message& message, const SchemaInfo& schema,
                                         const DictionaryMap& dictionaries, const ReadOptions& options,
                                         CompressionSet* compressions);

/// The message sequence of one stream: the schema first, then dictionaries and record
/// batches in any order.
class StreamMessages {
 public:
  explicit StreamMessages(const ReadOptions& options) : options_(options) {}

  /// Applies one message (not the end-of-stream marker). Returns the record batch it
  /// carries, or null for schema and dictionary messages; `*metadata` receives a record
  /// batch message's custom metadata when not null. Errors carry the context
  /// `record_batch[i]`, `dictionary_batch[i]` or `schema`.
  Result<RecordBatchPtr> Apply(const Message& message, KeyValueMetadata* metadata);

  bool has_schema() const { return schema_.has_value(); }
  const SchemaPtr& schema() const;
  /// Body compressions of the dictionary and record batch messages applied so far.
  CompressionSet compressions() const { return compressions_; }

 private:
  const ReadOptions& options_;
  std::optional<SchemaInfo> schema_;
  DictionaryMap dictionaries_;
  int64_t record_batches_ = 0;
  int64_t dictionary_batches_ = 0;
  CompressionSet compressions_;
};

}  // namespace quiver::ipc::internal
