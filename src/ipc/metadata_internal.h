// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Schema and message metadata: flatbuffers <-> Quiver types.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "arrow_ipc_generated.h"
#include "quiver/arrow/type.h"
#include "quiver/ipc/options.h"
#include "quiver/result.h"

namespace quiver::ipc::internal {

/// Field metadata keys that carry an extension type (Arrow's canonical names).
inline constexpr char kExtensionNameKey[] = "ARROW:extension:name";
inline constexpr char kExtensionMetadataKey[] = "ARROW:extension:metadata";

/// The dictionary ids of one field and of its descendants. The shape mirrors the
/// metadata's Field.children, so a dictionary-encoded field's children are those of its
/// value type, and an extension field's those of its storage type.
struct FieldIds {
  /// The field's dictionary id, or -1 when it is not dictionary-encoded.
  int64_t dictionary_id = -1;
  std::vector<FieldIds> children;
};

/// What readers and writers know about one dictionary of a schema.
struct DictionaryField {
  int64_t id = -1;
  /// The dictionary's value type (the type of the arrays dictionary batches carry).
  TypePtr value_type;
  /// The ids below the value type: points into the owning SchemaInfo::fields.
  const FieldIds* ids = nullptr;
  /// Name of the field, for messages.
  std::string field_name;
};

/// A schema with the dictionary ids of its fields. Move-only: `dictionaries` points into
/// `fields`, whose heap storage a move preserves.
struct SchemaInfo {
  SchemaInfo() = default;
  SchemaInfo(SchemaInfo&&) = default;
  SchemaInfo& operator=(SchemaInfo&&) = default;
  SchemaInfo(const SchemaInfo&) = delete;
  SchemaInfo& operator=(const SchemaInfo&) = delete;

  SchemaPtr schema;
  /// One per schema field.
  std::vector<FieldIds> fields;
  /// Every dictionary of the schema, by id.
  std::map<int64_t, DictionaryField> dictionaries;
  /// Dictionary ids in the order their dictionaries must be written: a dictionary whose
  /// values contain dictionary-encoded fields comes after those fields' dictionaries.
  std::vector<int64_t> write_order;
};

/// Follows extension types down to the physical (storage) type.
const DataType& StorageType(const DataType& type);

/// Decodes a verified Schema table: every field, type and metadata; dictionary ids.
/// Errors: kInvalidInput for malformed types (naming the field path), kUnsupported for
/// big-endian schemas and unknown types, kLimitExceeded for nesting or field counts over
/// `options.limits`.
Result<SchemaInfo> DecodeSchema(const fb::Schema* schema, const ReadOptions& options);

/// Key-value pairs of a verified metadata vector (null gives none).
KeyValueMetadata DecodeMetadata(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* kv);

/// Assigns dictionary ids 0, 1, 2, ... to the schema's dictionary-encoded fields in
/// depth-first pre-order, for writing. Errors: kInvalidArgument for a type that cannot be
/// written (a dictionary whose index type is not an integer, an extension of an extension).
Result<SchemaInfo> AssignDictionaryIds(SchemaPtr schema);

/// Builds the Schema table. `extra_metadata` overrides or extends the schema's metadata.
Result<flatbuffers::Offset<fb::Schema>> BuildSchema(flatbuffers::FlatBufferBuilder* fbb, const SchemaInfo& info,
                                                    const KeyValueMetadata& extra_metadata);

/// The metadata of one record batch body, as laid out by the encoder.
struct BodyMetadata {
  int64_t length = 0;
  std::vector<fb::FieldNode> nodes;
  std::vector<fb::Buffer> buffers;
  std::vector<int64_t> variadic_counts;
  bool has_variadic = false;
  Compression compression = Compression::kNone;
  int64_t body_length = 0;
};

/// Finished flatbuffer bytes of a Message. Errors: kOutOfMemory.
Result<std::vector<uint8_t>> EncodeSchemaMessage(const SchemaInfo& info, const KeyValueMetadata& extra_metadata);
Result<std::vector<uint8_t>> EncodeRecordBatchMessage(const BodyMetadata& body, const KeyValueMetadata& metadata);
Result<std::vector<uint8_t>> EncodeDictionaryBatchMessage(int64_t id, bool is_delta, const BodyMetadata& body);

/// A file footer Block.
struct FooterBlock {
  int64_t offset = 0;
  int32_t metadata_length = 0;
  int64_t body_length = 0;
};
/// Finished flatbuffer bytes of a Footer.
Result<std::vector<uint8_t>> EncodeFooter(const SchemaInfo& info, const KeyValueMetadata& extra_metadata,
                                          const std::vector<FooterBlock>& dictionaries,
                                          const std::vector<FooterBlock>& record_batches,
                                          const KeyValueMetadata& footer_metadata);

}  // namespace quiver::ipc::internal
