// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Uses the IPC module's private message and schema decoders (src/ipc/*_internal.h): the
// IPC module has no public "schema from message bytes" function yet.
#include "parquet/arrow/arrow_schema.h"

#include <vector>

#include "core/str_cat.h"
#include "ipc/message_internal.h"
#include "ipc/metadata_internal.h"
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
    case TypeId::kDate64:
      return pt == PhysicalType::kInt32 && have == TypeId::kDate32;
    case TypeId::kTime32:
      return have == TypeId::kTime32;
    case TypeId::kTime64:
      return have == TypeId::kTime64;
    case TypeId::kInt8: case TypeId::kInt16: case TypeId::kInt32: case TypeId::kUInt8:
    case TypeId::kUInt16: case TypeId::kUInt32: case TypeId::kInt64: case TypeId::kUInt64:
    case TypeId::kFloat16: case TypeId::kFloat32: case TypeId::kFloat64: case TypeId::kBool:
    case TypeId::kFixedSizeBinary: case TypeId::kDecimal128: case TypeId::kDecimal256: case TypeId::kNull:
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
    case NodeKind::kLeaf:
      if (LeafCompatible(*node, *ht)) {
        node->field = field(node->field->name(), hint.type(), node->field->nullable(), hint.metadata());
        node->want_dictionary = ht->id() == TypeId::kDictionary;
        return true;
      }
      return false;
    case NodeKind::kStruct:
      if (ht->id() != TypeId::kStruct || ht->num_fields() != static_cast<int>(node->children.size())) return false;
      ok = true;
      for (size_t i = 0; i < node->children.size(); ++i) ok &= Apply(&node->children[i], *ht->field(static_cast<int>(i)));
      break;
    case NodeKind::kList:
      if (ht->id() != TypeId::kList && ht->id() != TypeId::kLargeList) return false;
      {
        // The element's name in Parquet ("element", "item", ...) need not match Arrow's.
        const Field& hf = *ht->field(0);
        FieldPtr renamed = field(node->children[0].field->name(), hf.type(), hf.nullable(), hf.metadata());
        ok = Apply(&node->children[0], *renamed);
        const FieldNode& c = node->children[0];
        node->children[0].field = field(hf.name(), c.field->type(), c.field->nullable(), c.field->metadata());
        node->field = field(node->field->name(), ht->id() == TypeId::kLargeList ? large_list(int32()) : list(int32()),
                            node->field->nullable(), node->field->metadata());
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
  for (FieldNode& n : *nodes) {
    int i = arrow_schema.GetFieldIndex(n.field->name());
    if (i >= 0) Apply(&n, *arrow_schema.field(i));
  }
}

}  // namespace quiver::parquet::arrow
