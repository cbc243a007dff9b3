// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Record batch bodies, read side: field nodes and buffers -> arrays (zero-copy when the
// body is not compressed). Every number comes from the input and is checked before use.
#include <cstring>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/body_internal.h"

namespace quiver::ipc::internal {

using quiver::internal::Quoted;
using quiver::internal::StrCat;

namespace {

/// Alignment a buffer of `width`-byte elements needs for typed access: the largest power
/// of two dividing the width, at most 8.
int64_t AlignmentFor(int64_t width) {
  int64_t a = 1;
  while (a < 8 && width % (a * 2) == 0) a *= 2;
  return a;
}

Result<const codec::Codec*> BodyCodec(const fb::RecordBatch* batch) {
  QUIVER_ASSIGN_OR_RETURN(Compression compression, DecodeBodyCompression(batch));
  switch (compression) {
    case Compression::kNone: break;
    case Compression::kLz4Frame: return codec::GetCodec(codec::CodecKind::kLz4Frame);
    case Compression::kZstd: return codec::GetCodec(codec::CodecKind::kZstd);
  }
  return static_cast<const codec::Codec*>(nullptr);
}

class ArrayLoader {
 public:
  ArrayLoader(const BatchInput& input, const codec::Codec* codec, const DictionaryMap& dictionaries,
              const ReadOptions& options)
      : batch_(input.batch),
        body_(input.body),
        codec_(codec),
        legacy_unions_(input.version < fb::MetadataVersion::V5),
        dictionaries_(dictionaries),
        options_(options) {}

  Result<ArrayPtr> Load(const TypePtr& type, const FieldIds& ids, int32_t depth);

 private:
  Result<fb::FieldNode> NextNode();
  Result<std::shared_ptr<Buffer>> NextBuffer(int64_t element_width);
  Result<int64_t> NextVariadicCount();
  Result<std::shared_ptr<Buffer>> Decompress(const std::shared_ptr<Buffer>& raw);

  const fb::RecordBatch* batch_;
  std::shared_ptr<Buffer> body_;
  const codec::Codec* codec_;
  bool legacy_unions_;
  const DictionaryMap& dictionaries_;
  const ReadOptions& options_;
  flatbuffers::uoffset_t node_index_ = 0;
  flatbuffers::uoffset_t buffer_index_ = 0;
  flatbuffers::uoffset_t variadic_index_ = 0;
};

Result<fb::FieldNode> ArrayLoader::NextNode() {
  const auto* nodes = batch_->nodes();
  const flatbuffers::uoffset_t n = nodes ? nodes->size() : 0;
  if (node_index_ >= n) {
    return Status::InvalidInput(StrCat("expected field node ", node_index_, " but the record batch has ", n));
  }
  const fb::FieldNode node = *nodes->Get(node_index_);
  if (node.length() < 0 || node.null_count() < 0 || node.null_count() > node.length()) {
    return Status::InvalidInput(StrCat("expected field node ", node_index_, " with 0 <= null_count <= length but found length ",
                                       node.length(), ", null_count ", node.null_count()));
  }
  ++node_index_;
  return node;
}

Result<std::shared_ptr<Buffer>> ArrayLoader::Decompress(const std::shared_ptr<Buffer>& raw) {
  if (raw->size() == 0) return raw;  // absent buffers carry no length prefix
  if (raw->size() < 8) {
    return Status::InvalidInput(StrCat("expected a compressed buffer of at least 8 bytes (its uncompressed length) but found ",
                                       raw->size()));
  }
  int64_t uncompressed;
  std::memcpy(&uncompressed, raw->data(), 8);
  if (uncompressed == -1) return Buffer::Slice(raw, 8, raw->size() - 8);  // stored raw
  if (uncompressed < 0) {
    return Status::InvalidInput(StrCat("expected an uncompressed length >= -1 but found ", uncompressed));
  }
  if (uncompressed > options_.limits.max_buffer_size) {
    return Status::LimitExceeded(StrCat("uncompressed length ", uncompressed, " exceeds the buffer size limit of ",
                                        options_.limits.max_buffer_size, " bytes"));
  }
  return codec::DecompressToBuffer(*codec_, raw->span().subspan(8), uncompressed, options_.limits, options_.pool);
}

Result<std::shared_ptr<Buffer>> ArrayLoader::NextBuffer(int64_t element_width) {
  const auto* buffers = batch_->buffers();
  const flatbuffers::uoffset_t n = buffers ? buffers->size() : 0;
  const flatbuffers::uoffset_t index = buffer_index_;
  if (index >= n) return Status::InvalidInput(StrCat("expected buffer ", index, " but the record batch has ", n));
  ++buffer_index_;
  const fb::Buffer& spec = *buffers->Get(index);
  const int64_t offset = spec.offset(), length = spec.length();
  if (offset < 0) return Status::InvalidInput(StrCat("expected buffer ", index, " offset >= 0 but found ", offset));
  if (length < 0) return Status::InvalidInput(StrCat("expected buffer ", index, " length >= 0 but found ", length));
  if (!quiver::internal::RangeInBounds(offset, length, body_->size())) {
    return Status::InvalidInput(StrCat("buffer ", index, " [", offset, ", +", length, ") is outside the message body of ",
                                       body_->size(), " bytes"));
  }
  if (length > options_.limits.max_buffer_size) {
    return Status::LimitExceeded(StrCat("buffer ", index, " of ", length, " bytes exceeds the limit of ",
                                        options_.limits.max_buffer_size, " bytes"));
  }
  QUIVER_ASSIGN_OR_RETURN(auto buffer, Buffer::Slice(body_, offset, length));
  if (codec_ != nullptr) {
    auto decompressed = Decompress(buffer);
    if (!decompressed.ok()) return std::move(decompressed).status().WithContext(StrCat("buffer[", index, "]"));
    buffer = std::move(decompressed).value();
  }
  const int64_t align = AlignmentFor(element_width);
  if (buffer->size() > 0 && reinterpret_cast<uintptr_t>(buffer->data()) % static_cast<uintptr_t>(align) != 0) {
    if (options_.require_alignment) {
      return Status::InvalidInput(StrCat("expected buffer ", index, " at body offset ", offset, " to be aligned to ",
                                         align, " bytes"));
    }
    QUIVER_ASSIGN_OR_RETURN(buffer, Buffer::CopyOf(buffer->span(), options_.pool));
  }
  return buffer;
}

Result<int64_t> ArrayLoader::NextVariadicCount() {
  const auto* counts = batch_->variadic_buffer_counts();
  const flatbuffers::uoffset_t n = counts ? counts->size() : 0;
  if (variadic_index_ >= n) {
    return Status::InvalidInput(
        StrCat("expected variadic buffer count ", variadic_index_, " but the record batch has ", n));
  }
  const int64_t count = counts->Get(variadic_index_++);
  const auto* buffers = batch_->buffers();
  const int64_t remaining = static_cast<int64_t>(buffers ? buffers->size() : 0) - buffer_index_;
  if (count < 0 || count > remaining) {
    return Status::InvalidInput(StrCat("expected a variadic buffer count in [0, ", remaining,
                                       "] (the buffers left) but found ", count));
  }
  return count;
}

Result<ArrayPtr> ArrayLoader::Load(const TypePtr& type, const FieldIds& ids, int32_t depth) {
  if (depth > options_.limits.max_nesting_depth) {
    return Status::LimitExceeded(StrCat("array nesting is deeper than the limit of ", options_.limits.max_nesting_depth));
  }
  QUIVER_ASSIGN_OR_RETURN(fb::FieldNode node, NextNode());
  const DataType& t = StorageType(*type);
  auto out = std::make_shared<ArrayData>();
  out->type = type;
  out->length = node.length();
  out->null_count = node.null_count();
  switch (t.id()) {
    case TypeId::kNull: out->null_count = out->length; break;
    case TypeId::kRunEndEncoded: out->null_count = 0; break;
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion:
      if (legacy_unions_) {
        // Before V5 a union had a validity bitmap of its own; accept it only when unused.
        QUIVER_ASSIGN_OR_RETURN(auto ignored, NextBuffer(1));
        if (node.null_count() != 0) {
          return Status::Unsupported("expected no top-level nulls in a pre-V5 union but found some");
        }
      }
      out->null_count = 0;
      break;
    default: break;
  }
  const DataTypeLayout layout = t.layout();
  for (int i = 0; i < layout.num_buffers; ++i) {
    const BufferSpec& spec = layout.buffers[i];
    QUIVER_ASSIGN_OR_RETURN(auto buffer, NextBuffer(spec.byte_width > 0 ? spec.byte_width : 1));
    if (spec.kind == BufferKind::kValidity && node.null_count() == 0) buffer = nullptr;
    out->buffers.push_back(std::move(buffer));
  }
  if (layout.variadic) {
    QUIVER_ASSIGN_OR_RETURN(int64_t count, NextVariadicCount());
    for (int64_t k = 0; k < count; ++k) {
      QUIVER_ASSIGN_OR_RETURN(auto buffer, NextBuffer(1));
      out->buffers.push_back(std::move(buffer));
    }
  }
  if (t.id() == TypeId::kDictionary) {
    auto it = dictionaries_.find(ids.dictionary_id);
    if (it == dictionaries_.end() && out->length == 0) {
      // No index refers to it, so an absent dictionary is an empty one. apache-arrow JS
      // writes no dictionary batch for a column with no rows.
      QUIVER_ASSIGN_OR_RETURN(out->dictionary, MakeArrayOfNulls(t.value_type(), 0));
      return out;
    }
    if (it == dictionaries_.end()) {
      return Status::InvalidInput(
          StrCat("expected a dictionary batch for dictionary id ", ids.dictionary_id, " before its first use but found none"));
    }
    out->dictionary = it->second;
    return out;
  }
  const auto& fields = t.fields();
  if (ids.children.size() != fields.size()) {
    return Status::Internal(StrCat(t.name(), " has ", fields.size(), " children but ", ids.children.size(), " id entries"));
  }
  out->children.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    auto child = Load(fields[i]->type(), ids.children[i], depth + 1);
    if (!child.ok()) return std::move(child).status().WithContext(StrCat("child[", i, "]"));
    out->children.push_back(std::move(child).value());
  }
  return out;
}

}  // namespace

Result<Compression> DecodeBodyCompression(const fb::RecordBatch* batch) {
  const fb::BodyCompression* c = batch->compression();
  if (c == nullptr) return Compression::kNone;
  if (c->method() != fb::BodyCompressionMethod::BUFFER) {
    return Status::Unsupported(
        StrCat("expected body compression method BUFFER (0) but found ", static_cast<int>(c->method())));
  }
  switch (c->codec()) {
    case fb::CompressionType::LZ4_FRAME: return Compression::kLz4Frame;
    case fb::CompressionType::ZSTD: return Compression::kZstd;
  }
  return Status::Unsupported(
      StrCat("expected compression codec LZ4_FRAME (0) or ZSTD (1) but found ", static_cast<int>(c->codec())));
}

Result<std::vector<ArrayPtr>> DecodeRecordBatchColumns(const BatchInput& input, const SchemaInfo& schema,
                                                       const DictionaryMap& dictionaries, const ReadOptions& options) {
  if (input.batch == nullptr) return Status::InvalidInput("expected record batch metadata but the message has none");
  const int64_t length = input.batch->length();
  if (length < 0) return Status::InvalidInput(StrCat("expected a record batch length >= 0 but found ", length));
  QUIVER_ASSIGN_OR_RETURN(const codec::Codec* codec, BodyCodec(input.batch));
  ArrayLoader loader(input, codec, dictionaries, options);
  std::vector<ArrayPtr> columns;
  columns.reserve(schema.fields.size());
  for (int i = 0; i < schema.schema->num_fields(); ++i) {
    const Field& f = *schema.schema->field(i);
    const std::string label = StrCat("column[", Quoted(f.name()), "]");
    auto column = loader.Load(f.type(), schema.fields[static_cast<size_t>(i)], 1);
    if (!column.ok()) return std::move(column).status().WithContext(label);
    if (column.value()->length != length) {
      return Status::InvalidInput(StrCat("expected ", length, " rows (the record batch length) but found ",
                                         column.value()->length))
          .WithContext(label);
    }
    columns.push_back(std::move(column).value());
  }
  return columns;
}

Result<ArrayPtr> DecodeDictionaryValues(const BatchInput& input, const DictionaryField& field,
                                        const DictionaryMap& dictionaries, const ReadOptions& options) {
  if (input.batch == nullptr) return Status::InvalidInput("expected dictionary data but the dictionary batch has none");
  QUIVER_ASSIGN_OR_RETURN(const codec::Codec* codec, BodyCodec(input.batch));
  ArrayLoader loader(input, codec, dictionaries, options);
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr values, loader.Load(field.value_type, *field.ids, 1));
  if (values->length != input.batch->length()) {
    return Status::InvalidInput(StrCat("expected ", input.batch->length(),
                                       " dictionary values (the batch length) but found ", values->length));
  }
  return values;
}

}  // namespace quiver::ipc::internal
