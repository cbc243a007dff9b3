// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Schema and message metadata: Quiver types -> flatbuffers.
#include "core/str_cat.h"
#include "ipc/metadata_internal.h"

namespace quiver::ipc::internal {

using quiver::internal::Quoted;
using quiver::internal::StrCat;

namespace {

using FbOffset = flatbuffers::Offset<void>;
using KeyValueVector = flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>>;

fb::TimeUnit EncodeTimeUnit(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return fb::TimeUnit::SECOND;
    case TimeUnit::kMilli: return fb::TimeUnit::MILLISECOND;
    case TimeUnit::kMicro: return fb::TimeUnit::MICROSECOND;
    case TimeUnit::kNano: return fb::TimeUnit::NANOSECOND;
  }
  return fb::TimeUnit::SECOND;
}

KeyValueVector EncodeMetadata(flatbuffers::FlatBufferBuilder* fbb, const KeyValueMetadata& metadata) {
  if (metadata.empty()) return 0;
  std::vector<flatbuffers::Offset<fb::KeyValue>> pairs;
  pairs.reserve(metadata.size());
  for (const auto& [key, value] : metadata) {
    auto k = fbb->CreateString(key);
    auto v = fbb->CreateString(value);
    pairs.push_back(fb::CreateKeyValue(*fbb, k, v));
  }
  return fbb->CreateVector(pairs);
}

/// `base` with `extra`'s pairs added; a key present in both takes extra's value.
KeyValueMetadata MergeMetadata(const KeyValueMetadata& base, const KeyValueMetadata& extra) {
  KeyValueMetadata out = base;
  for (const auto& [key, value] : extra) {
    bool replaced = false;
    for (auto& kv : out) {
      if (kv.first == key) {
        kv.second = value;
        replaced = true;
      }
    }
    if (!replaced) out.emplace_back(key, value);
  }
  return out;
}

Result<flatbuffers::Offset<fb::Int>> EncodeInt(flatbuffers::FlatBufferBuilder* fbb, const DataType& t) {
  if (!IsInteger(t.id())) {
    return Status::InvalidArgument(StrCat("expected an integer dictionary index type but found ", t.ToString()));
  }
  return fb::CreateInt(*fbb, t.bit_width(), IsSignedInteger(t.id()));
}

// The Type union member of a value type that is neither dictionary nor extension.
Result<std::pair<fb::Type, FbOffset>> EncodeType(flatbuffers::FlatBufferBuilder* fbb, const DataType& t) {
  using R = std::pair<fb::Type, FbOffset>;
  auto& b = *fbb;
  switch (t.id()) {
    case TypeId::kNull: return R{fb::Type::Null, fb::CreateNull(b).Union()};
    case TypeId::kBool: return R{fb::Type::Bool, fb::CreateBool(b).Union()};
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return R{fb::Type::Int, fb::CreateInt(b, t.bit_width(), IsSignedInteger(t.id())).Union()};
    case TypeId::kFloat16: return R{fb::Type::FloatingPoint, fb::CreateFloatingPoint(b, fb::Precision::HALF).Union()};
    case TypeId::kFloat32: return R{fb::Type::FloatingPoint, fb::CreateFloatingPoint(b, fb::Precision::SINGLE).Union()};
    case TypeId::kFloat64: return R{fb::Type::FloatingPoint, fb::CreateFloatingPoint(b, fb::Precision::DOUBLE).Union()};
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return R{fb::Type::Decimal, fb::CreateDecimal(b, t.precision(), t.scale(), t.bit_width()).Union()};
    case TypeId::kDate32: return R{fb::Type::Date, fb::CreateDate(b, fb::DateUnit::DAY).Union()};
    case TypeId::kDate64: return R{fb::Type::Date, fb::CreateDate(b, fb::DateUnit::MILLISECOND).Union()};
    case TypeId::kTime32:
    case TypeId::kTime64:
      return R{fb::Type::Time, fb::CreateTime(b, EncodeTimeUnit(t.unit()), t.bit_width()).Union()};
    case TypeId::kTimestamp: {
      flatbuffers::Offset<flatbuffers::String> tz = 0;
      if (!t.timezone().empty()) tz = b.CreateString(t.timezone());
      return R{fb::Type::Timestamp, fb::CreateTimestamp(b, EncodeTimeUnit(t.unit()), tz).Union()};
    }
    case TypeId::kDuration: return R{fb::Type::Duration, fb::CreateDuration(b, EncodeTimeUnit(t.unit())).Union()};
    case TypeId::kIntervalYearMonth:
      return R{fb::Type::Interval, fb::CreateInterval(b, fb::IntervalUnit::YEAR_MONTH).Union()};
    case TypeId::kIntervalDayTime:
      return R{fb::Type::Interval, fb::CreateInterval(b, fb::IntervalUnit::DAY_TIME).Union()};
    case TypeId::kIntervalMonthDayNano:
      return R{fb::Type::Interval, fb::CreateInterval(b, fb::IntervalUnit::MONTH_DAY_NANO).Union()};
    case TypeId::kBinary: return R{fb::Type::Binary, fb::CreateBinary(b).Union()};
    case TypeId::kUtf8: return R{fb::Type::Utf8, fb::CreateUtf8(b).Union()};
    case TypeId::kLargeBinary: return R{fb::Type::LargeBinary, fb::CreateLargeBinary(b).Union()};
    case TypeId::kLargeUtf8: return R{fb::Type::LargeUtf8, fb::CreateLargeUtf8(b).Union()};
    case TypeId::kBinaryView: return R{fb::Type::BinaryView, fb::CreateBinaryView(b).Union()};
    case TypeId::kUtf8View: return R{fb::Type::Utf8View, fb::CreateUtf8View(b).Union()};
    case TypeId::kFixedSizeBinary:
      return R{fb::Type::FixedSizeBinary, fb::CreateFixedSizeBinary(b, t.byte_width()).Union()};
    case TypeId::kList: return R{fb::Type::List, fb::CreateList(b).Union()};
    case TypeId::kLargeList: return R{fb::Type::LargeList, fb::CreateLargeList(b).Union()};
    case TypeId::kListView: return R{fb::Type::ListView, fb::CreateListView(b).Union()};
    case TypeId::kLargeListView: return R{fb::Type::LargeListView, fb::CreateLargeListView(b).Union()};
    case TypeId::kFixedSizeList:
      return R{fb::Type::FixedSizeList, fb::CreateFixedSizeList(b, t.list_size()).Union()};
    case TypeId::kStruct: return R{fb::Type::Struct_, fb::CreateStruct_(b).Union()};
    case TypeId::kMap: return R{fb::Type::Map, fb::CreateMap(b, t.keys_sorted()).Union()};
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      std::vector<int32_t> codes(t.type_codes().begin(), t.type_codes().end());
      auto ids = b.CreateVector(codes);
      const auto mode = t.id() == TypeId::kDenseUnion ? fb::UnionMode::Dense : fb::UnionMode::Sparse;
      return R{fb::Type::Union, fb::CreateUnion(b, mode, ids).Union()};
    }
    case TypeId::kRunEndEncoded: return R{fb::Type::RunEndEncoded, fb::CreateRunEndEncoded(b).Union()};
    case TypeId::kDictionary:
    case TypeId::kExtension: break;
  }
  return Status::InvalidArgument(StrCat("cannot write ", t.ToString(), " as a value type"));
}

Result<flatbuffers::Offset<fb::Field>> EncodeField(flatbuffers::FlatBufferBuilder* fbb, const Field& field,
                                                   const FieldIds& ids) {
  KeyValueMetadata metadata = field.metadata();
  bool has_extension = false;
  auto add_extension = [&](const DataType& ext) -> Status {
    if (has_extension) {
      return Status::InvalidArgument(
          StrCat("cannot write ", field.type()->ToString(), ": a field carries at most one extension type"));
    }
    has_extension = true;
    metadata = MergeMetadata(metadata, {{kExtensionNameKey, ext.extension_name()},
                                        {kExtensionMetadataKey, ext.extension_metadata()}});
    return Status::OK();
  };
  const DataType* t = field.type().get();
  if (t->id() == TypeId::kExtension) {
    QUIVER_RETURN_IF_ERROR(add_extension(*t));
    t = t->storage_type().get();
  }
  flatbuffers::Offset<fb::DictionaryEncoding> dictionary = 0;
  const DataType* dict_type = nullptr;
  if (t->id() == TypeId::kDictionary) {
    dict_type = t;
    t = t->value_type().get();
    if (t->id() == TypeId::kExtension) {
      QUIVER_RETURN_IF_ERROR(add_extension(*t));
      t = t->storage_type().get();
    }
  }
  if (t->id() == TypeId::kDictionary || t->id() == TypeId::kExtension) {
    return Status::InvalidArgument(StrCat("cannot write ", field.type()->ToString(),
                                          ": a dictionary's values cannot be a dictionary or a nested extension"));
  }
  if (ids.children.size() != t->fields().size()) {
    return Status::Internal(StrCat("field ", Quoted(field.name()), " has ", t->fields().size(), " children but ",
                                   ids.children.size(), " id entries"));
  }
  std::vector<flatbuffers::Offset<fb::Field>> children;
  children.reserve(t->fields().size());
  for (size_t i = 0; i < t->fields().size(); ++i) {
    auto child = EncodeField(fbb, *t->fields()[i], ids.children[i]);
    if (!child.ok()) return std::move(child).status().WithContext(StrCat("child[", i, "]"));
    children.push_back(child.value());
  }
  if (dict_type != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(auto index, EncodeInt(fbb, *dict_type->index_type()));
    dictionary = fb::CreateDictionaryEncoding(*fbb, ids.dictionary_id, index, dict_type->ordered(),
                                              fb::DictionaryKind::DenseArray);
  }
  auto children_vec = fbb->CreateVector(children);
  auto name = fbb->CreateString(field.name());
  auto md = EncodeMetadata(fbb, metadata);
  QUIVER_ASSIGN_OR_RETURN(auto type, EncodeType(fbb, *t));
  return fb::CreateField(*fbb, name, field.nullable(), type.first, type.second, dictionary, children_vec, md);
}

std::vector<uint8_t> FinishMessage(flatbuffers::FlatBufferBuilder* fbb, fb::MessageHeader kind, FbOffset header,
                                   int64_t body_length, KeyValueVector metadata) {
  auto message = fb::CreateMessage(*fbb, fb::MetadataVersion::V5, kind, header, body_length, metadata);
  fbb->Finish(message);
  return std::vector<uint8_t>(fbb->GetBufferPointer(), fbb->GetBufferPointer() + fbb->GetSize());
}

flatbuffers::Offset<fb::RecordBatch> EncodeRecordBatch(flatbuffers::FlatBufferBuilder* fbb, const BodyMetadata& body) {
  auto nodes = fbb->CreateVectorOfStructs(body.nodes);
  auto buffers = fbb->CreateVectorOfStructs(body.buffers);
  flatbuffers::Offset<fb::BodyCompression> compression = 0;
  if (body.compression != Compression::kNone) {
    compression = fb::CreateBodyCompression(
        *fbb, body.compression == Compression::kZstd ? fb::CompressionType::ZSTD : fb::CompressionType::LZ4_FRAME,
        fb::BodyCompressionMethod::BUFFER);
  }
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> variadic = 0;
  if (body.has_variadic) variadic = fbb->CreateVector(body.variadic_counts);
  return fb::CreateRecordBatch(*fbb, body.length, nodes, buffers, compression, variadic);
}

}  // namespace

Result<flatbuffers::Offset<fb::Schema>> BuildSchema(flatbuffers::FlatBufferBuilder* fbb, const SchemaInfo& info,
                                                    const KeyValueMetadata& extra_metadata) {
  const Schema& schema = *info.schema;
  std::vector<flatbuffers::Offset<fb::Field>> fields;
  fields.reserve(static_cast<size_t>(schema.num_fields()));
  for (int i = 0; i < schema.num_fields(); ++i) {
    auto f = EncodeField(fbb, *schema.field(i), info.fields[static_cast<size_t>(i)]);
    if (!f.ok()) return std::move(f).status().WithContext(StrCat("field[", Quoted(schema.field(i)->name()), "]"));
    fields.push_back(f.value());
  }
  auto fields_vec = fbb->CreateVector(fields);
  auto md = EncodeMetadata(fbb, MergeMetadata(schema.metadata(), extra_metadata));
  return fb::CreateSchema(*fbb, fb::Endianness::Little, fields_vec, md);
}

Result<std::vector<uint8_t>> EncodeSchemaMessage(const SchemaInfo& info, const KeyValueMetadata& extra_metadata) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  QUIVER_ASSIGN_OR_RETURN(auto schema, BuildSchema(&fbb, info, extra_metadata));
  return FinishMessage(&fbb, fb::MessageHeader::Schema, schema.Union(), 0, 0);
}

Result<std::vector<uint8_t>> EncodeRecordBatchMessage(const BodyMetadata& body, const KeyValueMetadata& metadata) {
  flatbuffers::FlatBufferBuilder fbb(256 + 16 * (body.nodes.size() + body.buffers.size()));
  auto batch = EncodeRecordBatch(&fbb, body);
  auto md = EncodeMetadata(&fbb, metadata);
  return FinishMessage(&fbb, fb::MessageHeader::RecordBatch, batch.Union(), body.body_length, md);
}

Result<std::vector<uint8_t>> EncodeDictionaryBatchMessage(int64_t id, bool is_delta, const BodyMetadata& body) {
  flatbuffers::FlatBufferBuilder fbb(256 + 16 * (body.nodes.size() + body.buffers.size()));
  auto batch = EncodeRecordBatch(&fbb, body);
  auto dict = fb::CreateDictionaryBatch(fbb, id, batch, is_delta);
  return FinishMessage(&fbb, fb::MessageHeader::DictionaryBatch, dict.Union(), body.body_length, 0);
}

Result<std::vector<uint8_t>> EncodeFooter(const SchemaInfo& info, const KeyValueMetadata& extra_metadata,
                                          const std::vector<FooterBlock>& dictionaries,
                                          const std::vector<FooterBlock>& record_batches,
                                          const KeyValueMetadata& footer_metadata) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  QUIVER_ASSIGN_OR_RETURN(auto schema, BuildSchema(&fbb, info, extra_metadata));
  auto blocks = [&fbb](const std::vector<FooterBlock>& in) {
    std::vector<fb::Block> out;
    out.reserve(in.size());
    for (const FooterBlock& b : in) out.emplace_back(b.offset, b.metadata_length, b.body_length);
    return fbb.CreateVectorOfStructs(out);
  };
  auto dicts = blocks(dictionaries);
  auto batches = blocks(record_batches);
  auto md = EncodeMetadata(&fbb, footer_metadata);
  fbb.Finish(fb::CreateFooter(fbb, fb::MetadataVersion::V5, schema, dicts, batches, md));
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace quiver::ipc::internal
