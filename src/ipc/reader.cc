// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The stream format: whole-buffer reading, and the shared message sequence logic.
#include "core/str_cat.h"
#include "ipc/reader_internal.h"
#include "quiver/arrow/validate.h"
#include "quiver/ipc/reader.h"

namespace quiver::ipc {
namespace internal {

using quiver::internal::StrCat;

namespace {

const char* HeaderName(fb::MessageHeader h) {
  switch (h) {
    case fb::MessageHeader::NONE: return "none";
    case fb::MessageHeader::Schema: return "schema";
    case fb::MessageHeader::DictionaryBatch: return "dictionary batch";
    case fb::MessageHeader::RecordBatch: return "record batch";
    case fb::MessageHeader::Tensor: return "tensor";
    case fb::MessageHeader::SparseTensor: return "sparse tensor";
  }
  return "unknown";
}

Status Validate(const ArrayData& array, const ReadOptions& options) {
  return options.validate_full ? ValidateArrayFull(array, options.limits) : ValidateArray(array, options.limits);
}

// Adds decoded dictionary values under `id`: a new dictionary, a delta or a replacement.
Status StoreDictionary(int64_t id, bool is_delta, ArrayPtr values, bool allow_replacement, MemoryPool* pool,
                       DictionaryMap* dictionaries) {
  auto existing = dictionaries->find(id);
  if (is_delta) {
    if (existing == dictionaries->end()) {
      return Status::InvalidInput(StrCat("expected a dictionary for id ", id, " before its delta but found none"));
    }
    QUIVER_ASSIGN_OR_RETURN(existing->second, ConcatenateArrays(*existing->second, *values, pool));
    return Status::OK();
  }
  if (existing != dictionaries->end()) {
    if (!allow_replacement) {
      return Status::InvalidInput(
          StrCat("expected one dictionary (plus deltas) for id ", id, " in a file but found a replacement"));
    }
    existing->second = std::move(values);
    return Status::OK();
  }
  dictionaries->emplace(id, std::move(values));
  return Status::OK();
}

}  // namespace

Status ApplyDictionaryBatch(const Message& message, fb::MetadataVersion version, const SchemaInfo& schema,
                            bool allow_replacement, const ReadOptions& options, DictionaryMap* dictionaries,
                            CompressionSet* compressions) {
  const fb::DictionaryBatch* batch = message.message->header_as_DictionaryBatch();
  if (batch == nullptr) return Status::InvalidInput("expected a dictionary batch but the message header is empty");
  const int64_t id = batch->id();
  auto field = schema.dictionaries.find(id);
  if (field == schema.dictionaries.end()) {
    return Status::InvalidInput(StrCat("expected a dictionary id used by a schema field but found id ", id));
  }
  BatchInput input{batch->data(), message.body, version};
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr values, DecodeDictionaryValues(input, field->second, *dictionaries, options));
  QUIVER_RETURN_IF_ERROR_CTX(Validate(*values, options), "values");
  QUIVER_RETURN_IF_ERROR(
      StoreDictionary(id, batch->is_delta(), std::move(values), allow_replacement, options.pool, dictionaries));
  // Recorded once the message is applied; decoding it has already rejected unknown codecs.
  QUIVER_ASSIGN_OR_RETURN(Compression compression, DecodeBodyCompression(input.batch));
  compressions->Insert(compression);
  return Status::OK();
}

Result<RecordBatchPtr> DecodeRecordBatch(const Message& message, const SchemaInfo& schema,
                                         const DictionaryMap& dictionaries, const ReadOptions& options,
                                         CompressionSet* compressions) {
  const fb::RecordBatch* batch = message.message->header_as_RecordBatch();
  if (batch == nullptr) return Status::InvalidInput("expected a record batch but the message header is empty");
  BatchInput input{batch, message.body, message.message->version()};
  QUIVER_ASSIGN_OR_RETURN(auto columns, DecodeRecordBatchColumns(input, schema, dictionaries, options));
  auto made = RecordBatch::Make(schema.schema, batch->length(), std::move(columns));
  // The decoder already checked lengths and built the types from the schema.
  if (!made.ok()) return Status::Internal(made.status().ToString());
  const RecordBatchPtr& rb = made.value();
  QUIVER_RETURN_IF_ERROR(options.validate_full ? ValidateRecordBatchFull(*rb, options.limits)
                                               : ValidateRecordBatch(*rb, options.limits));
  // Recorded once the batch is valid; decoding it has already rejected unknown codecs.
  QUIVER_ASSIGN_OR_RETURN(Compression compression, DecodeBodyCompression(batch));
  compressions->Insert(compression);
  return made;
}

const SchemaPtr& StreamMessages::schema() const {
  static const SchemaPtr kNone;
  return schema_ ? schema_->schema : kNone;
}

Result<RecordBatchPtr> StreamMessages::Apply(const Message& message, KeyValueMetadata* metadata) {
  const fb::MessageHeader kind = message.message->header_type();
  if (!schema_) {
    if (kind != fb::MessageHeader::Schema) {
      return Status::InvalidInput(StrCat("expected a schema message first but found a ", HeaderName(kind), " message"));
    }
    auto decoded = DecodeSchema(message.message->header_as_Schema(), options_);
    if (!decoded.ok()) return std::move(decoded).status().WithContext("schema");
    schema_.emplace(std::move(decoded).value());
    return RecordBatchPtr();
  }
  switch (kind) {
    case fb::MessageHeader::Schema:
      return Status::InvalidInput("expected one schema message per stream but found a second");
    case fb::MessageHeader::DictionaryBatch: {
      const int64_t index = dictionary_batches_++;
      QUIVER_RETURN_IF_ERROR_CTX(ApplyDictionaryBatch(message, message.message->version(), *schema_,
                                                      /*allow_replacement=*/true, options_, &dictionaries_,
                                                      &compressions_),
                                 StrCat("dictionary_batch[", index, "]"));
      return RecordBatchPtr();
    }
    case fb::MessageHeader::RecordBatch: {
      const int64_t index = record_batches_++;
      auto batch = DecodeRecordBatch(message, *schema_, dictionaries_, options_, &compressions_);
      if (!batch.ok()) return std::move(batch).status().WithContext(StrCat("record_batch[", index, "]"));
      if (metadata != nullptr) *metadata = DecodeMetadata(message.message->custom_metadata());
      return batch;
    }
    case fb::MessageHeader::Tensor:
    case fb::MessageHeader::SparseTensor:
      return Status::Unsupported(StrCat("expected schema, dictionary or record batch messages but found a ",
                                        HeaderName(kind), " message"));
    case fb::MessageHeader::NONE: break;
  }
  return Status::InvalidInput(StrCat("expected a message header type in [1, 5] but found ", static_cast<int>(kind)));
}

}  // namespace internal

Result<TablePtr> ReadStream(const std::shared_ptr<Buffer>& data, const ReadOptions& options) {
  return ReadStream(data, options, nullptr);
}

Result<TablePtr> ReadStream(const std::shared_ptr<Buffer>& data, const ReadOptions& options,
                            CompressionSet* compressions) {
  QUIVER_RETURN_IF_ERROR(options.Validate());
  if (!data) return Status::InvalidArgument("stream buffer is null");
  internal::StreamMessages messages(options);
  std::vector<RecordBatchPtr> batches;
  int64_t offset = 0;
  bool end_of_stream = false;
  for (int64_t index = 0; offset < data->size(); ++index) {
    auto message = internal::DecodeMessage(data, offset, options);
    if (!message.ok()) return std::move(message).status().WithContext(quiver::internal::StrCat("message[", index, "]"));
    if (message->end_of_stream) {
      end_of_stream = true;  // whatever follows the marker is not part of the stream
      break;
    }
    QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr batch, messages.Apply(*message, nullptr));
    if (batch) batches.push_back(std::move(batch));
    offset += message->total_size;
  }
  if (!messages.has_schema()) {
    if (end_of_stream) return Status::InvalidInput("expected a schema message but found the end-of-stream marker");
    return Status::Truncated(quiver::internal::StrCat("expected a schema message but the stream ended after ", offset,
                                                      " bytes"));
  }
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, Table::Make(messages.schema(), std::move(batches)));
  if (compressions != nullptr) *compressions = messages.compressions();
  return table;
}

}  // namespace quiver::ipc
