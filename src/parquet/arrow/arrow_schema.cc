// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Uses the IPC module's private message and schema decoders (src/ipc/*_internal.h): the
// IPC module has no public "schema from message bytes" function yet.
#include "parquet/arrow/arrow_schema.h"

#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/str_cat.h"
#include "ipc/message_internal.h"
#include "ipc/metadata_internal.h"
#include "quiver/io/sink.h"
#include "parquet/arrow/schema.h"

namespace quiver::parquet::arrow {
namespace {

using quiver::internal::StrCat;

Result<std::vector<uint8_t>> Base64Decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::vector<uint8_t> out;
  out.reserve(in.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    int v = value(c);
    if (v < 0) return Status::InvalidInput(StrCat("expected base64 in ARROW:schema but found byte ", int{static_cast<uint8_t>(c)}));
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> bits));
    }
  }
  return out;
}

// Whether a Parquet-derived leaf type can be read as the hinted Arrow type.
bool LeafCompatible(const FieldNode& leaf, const DataType& hint) {
  const PhysicalType pt = leaf.desc.type;
  const TypeId have = leaf.field->type()->id();
  switch (hint.id()) {
    case TypeId::kExtension:
      return LeafCompatible(leaf, *hint.storage_type());
    case TypeId::kDictionary: {
      TypeId v = hint.value_type()->id();
      return pt == PhysicalType::kByteArray && IsInteger(hint.index_type()->id()) &&
             (v == TypeId::kUtf8 || v == TypeId::kBinary || v == TypeId::kLargeUtf8 || v == TypeId::kLargeBinary);
    }
    case TypeId::kUtf8: case TypeId::kLargeUtf8: case TypeId::kUtf8View:
    case TypeId::kBinary: case TypeId::kLargeBinary: case TypeId::kBinaryView:
      return pt == PhysicalType::kByteArray && have != TypeId::kDecimal128 && have != TypeId::kDecimal256;
    case TypeId::kTimestamp:
      return have == TypeId::kTimestamp && (pt == PhysicalType::kInt64 || pt == PhysicalType::kInt96);
    case TypeId::kDuration:
      return pt == PhysicalType::kInt64 && have == TypeId::kInt64;
    // decimal32/64 as Arrow writers store them (FIXED_LEN_BYTE_ARRAY or INT32/INT64), and
    // decimal256 of precision <= 38, read as decimal128 of the same precision and scale.
    case TypeId::kDecimal32: case TypeId::kDecimal64: case TypeId::kDecimal256:
      return (have == TypeId::kDecimal128 || have == TypeId::kDecimal256) && hint.precision() == leaf.field->type()->precision() &&
             hint.scale() == leaf.field->type()->scale();
    case TypeId::kDate64:
      return pt == PhysicalType::kInt32 && have == TypeId::kDate32;
    case TypeId::kTime32:
      return have == TypeId::kTime32;
    case TypeId::kTime64:
      return have == TypeId::kTime64;
    case TypeId::kInt8: case TypeId::kInt16: case TypeId::kInt32: case TypeId::kUInt8:
    case TypeId::kUInt16: case TypeId::kUInt32: case TypeId::kInt64: case TypeId::kUInt64:
    case TypeId::kFloat16: case TypeId::kFloat32: case TypeId::kFloat64: case TypeId::kBool:
    case TypeId::kFixedSizeBinary: case TypeId::kDecimal128: case TypeId::kNull:
    case TypeId::kDate32: case TypeId::kIntervalMonthDayNano:
      return hint.Equals(*leaf.field->type());
    default:
      return false;
  }
}

bool Apply(FieldNode* node, const Field& hint) {
  if (node->field->name() != hint.name()) return false;
  const DataType* ht = hint.type().get();
  TypePtr ext;
  if (ht->id() == TypeId::kExtension && node->kind != NodeKind::kLeaf) {
    ext = hint.type();
    ht = ht->storage_type().get();
  }
  bool ok = false;
  switch (node->kind) {
    case NodeKind::kLeaf: {
      // Parquet has no run-end encoding and dictionary-encodes only byte arrays in Arrow:
      // such columns read back as their (decoded) value type.
      TypePtr use = hint.type();
      const DataType* core = ht->id() == TypeId::kExtension && ht->storage_type() ? ht->storage_type().get() : ht;
      if (core->id() == TypeId::kRunEndEncoded && core->num_fields() == 2) use = core->field(1)->type();
      if (core->id() == TypeId::kDictionary && !LeafCompatible(*node, *ht)) use = core->value_type();
      // A GEOMETRY/GEOGRAPHY leaf (geoarrow.wkb) hinted as plain binary, as writers without
      // the GeoArrow types store it, keeps its extension type over the hinted storage.
      const DataType& have = *node->field->type();
      if (have.id() == TypeId::kExtension && use->id() != TypeId::kExtension &&
          (use->id() == TypeId::kBinary || use->id() == TypeId::kLargeBinary)) {
        use = extension(have.extension_name(), use, have.extension_metadata());
      }
      if (LeafCompatible(*node, *use)) {
        node->field = field(node->field->name(), use, node->field->nullable(), hint.metadata());
        node->want_dictionary = use->id() == TypeId::kDictionary;
        return use == hint.type();
      }
      return false;
    }
    case NodeKind::kStruct:
      if (ht->id() != TypeId::kStruct || ht->num_fields() != static_cast<int>(node->children.size())) return false;
      ok = true;
      for (size_t i = 0; i < node->children.size(); ++i) ok &= Apply(&node->children[i], *ht->field(static_cast<int>(i)));
      break;
    case NodeKind::kList:
      if (ht->id() != TypeId::kList && ht->id() != TypeId::kLargeList && ht->id() != TypeId::kListView &&
          ht->id() != TypeId::kLargeListView && ht->id() != TypeId::kFixedSizeList) {
        return false;
      }
      {
        // The element's name in Parquet ("element", "item", ...) need not match Arrow's.
        const Field& hf = *ht->field(0);
        FieldPtr renamed = field(node->children[0].field->name(), hf.type(), hf.nullable(), hf.metadata());
        ok = Apply(&node->children[0], *renamed);
        const FieldNode& c = node->children[0];
        node->children[0].field = field(hf.name(), c.field->type(), c.field->nullable(), c.field->metadata());
        // The list flavour (large, view, fixed-size) is restored too: RefreshType keeps it
        // with the restored element, and the assembly builds it from the list's offsets.
        TypePtr flavour;
        switch (ht->id()) {
          case TypeId::kLargeList: flavour = large_list(int32()); break;
          case TypeId::kListView: flavour = list_view(int32()); break;
          case TypeId::kLargeListView: flavour = large_list_view(int32()); break;
          case TypeId::kFixedSizeList: flavour = fixed_size_list(int32(), ht->list_size()); break;
          default: flavour = list(int32()); break;
        }
        node->field = field(node->field->name(), std::move(flavour), node->field->nullable(), node->field->metadata());
      }
      break;
    case NodeKind::kMap:
      if (ht->id() != TypeId::kMap) return false;
      {
        FieldNode& entries = node->children[0];
        const DataType& hs = *ht->field(0)->type();
        ok = hs.num_fields() == 2 && entries.children.size() == 2;
        for (size_t i = 0; ok && i < 2; ++i) {
          const Field& hf = *hs.field(static_cast<int>(i));
          FieldPtr renamed = field(entries.children[i].field->name(), hf.type(), hf.nullable(), hf.metadata());
          ok &= Apply(&entries.children[i], *renamed);
          // As for list elements, Arrow's key and value names win over Parquet's: the writer
          // always writes `key` and `value`, so keeping Parquet's would lose Arrow's names.
          const FieldNode& c = entries.children[i];
          entries.children[i].field = field(hf.name(), c.field->type(), c.field->nullable(), c.field->metadata());
        }
      }
      break;
  }
  node->field = field(node->field->name(), node->field->type(), node->field->nullable(), hint.metadata());
  RefreshType(node);
  if (ext && ok && ext->storage_type()->Equals(*node->field->type())) {
    node->field = field(node->field->name(), ext, node->field->nullable(), hint.metadata());
  }
  return ok;
}

}  // namespace

Result<SchemaPtr> DecodeArrowSchema(std::string_view base64, const ReadOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, Base64Decode(base64));
  QUIVER_ASSIGN_OR_RETURN(auto buffer, Buffer::CopyOf(bytes));
  ipc::ReadOptions ipc_options;
  ipc_options.limits = options.limits;
  QUIVER_ASSIGN_OR_RETURN(ipc::internal::Message message, ipc::internal::DecodeMessage(buffer, 0, ipc_options));
  if (message.end_of_stream || !message.message || message.message->header_type() != ipc::fb::MessageHeader::Schema) {
    return Status::InvalidInput("expected a Schema message in ARROW:schema but found another message");
  }
  QUIVER_ASSIGN_OR_RETURN(ipc::internal::SchemaInfo info,
                          ipc::internal::DecodeSchema(message.message->header_as_Schema(), ipc_options));
  return info.schema;
}

void ApplyArrowSchema(const Schema& arrow_schema, std::vector<FieldNode>* nodes) {
  // Names need not be unique: the k-th column called X takes the k-th Arrow field called X
  // (the first field of that name would give a later column another column's type).
  std::unordered_map<std::string_view, std::vector<int>> by_name;
  for (int i = arrow_schema.num_fields() - 1; i >= 0; --i) by_name[arrow_schema.field(i)->name()].push_back(i);
  for (FieldNode& n : *nodes) {
    auto it = by_name.find(n.field->name());
    if (it == by_name.end() || it->second.empty()) continue;
    const int i = it->second.back();
    it->second.pop_back();
    Apply(&n, *arrow_schema.field(i));
  }
}

}  // namespace quiver::parquet::arrow

namespace quiver::parquet::arrow {

Result<std::string> EncodeArrowSchema(const SchemaPtr& schema) {
  QUIVER_ASSIGN_OR_RETURN(ipc::internal::SchemaInfo info, ipc::internal::AssignDictionaryIds(schema));
  QUIVER_ASSIGN_OR_RETURN(std::vector<uint8_t> message, ipc::internal::EncodeSchemaMessage(info, {}));
  io::BufferSink sink;
  QUIVER_RETURN_IF_ERROR(ipc::internal::WriteMessageMetadata(&sink, message, 8).status());
  QUIVER_ASSIGN_OR_RETURN(auto bytes, sink.Finish());
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  const uint8_t* p = bytes->data();
  const int64_t n = bytes->size();
  out.reserve(static_cast<size_t>((n + 2) / 3 * 4));
  for (int64_t i = 0; i < n; i += 3) {
    const uint32_t b0 = p[i], b1 = i + 1 < n ? p[i + 1] : 0, b2 = i + 2 < n ? p[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    out.push_back(kAlphabet[(triple >> 18) & 63]);
    out.push_back(kAlphabet[(triple >> 12) & 63]);
    out.push_back(i + 1 < n ? kAlphabet[(triple >> 6) & 63] : '=');
    out.push_back(i + 2 < n ? kAlphabet[triple & 63] : '=');
  }
  return out;
}

}  // namespace quiver::parquet::arrow
