// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Compares tables with Arrow's integration-test JSON ("Integration testing" in the Arrow
// columnar format documentation): schema fields and, per batch and column, `count`,
// `VALIDITY`, `OFFSET` and `DATA` (values of valid slots only; null slots hold anything).
// Test-only and header-only. Covers the types the project's fixtures use plus the other
// primitive, binary, struct and list types; anything else is reported, not skipped.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ipc/testing/json_internal.h"
#include "quiver/arrow/table.h"

namespace quiver::ipc::testing {

namespace integration_detail {

inline std::string Str(const Json* j) { return j && j->kind == Json::Kind::kString ? j->text : std::string(); }
inline int64_t Int(const Json* j, int64_t fallback = 0) {
  if (!j || (j->kind != Json::Kind::kNumber && j->kind != Json::Kind::kString)) return fallback;
  return std::strtoll(Text(*j).c_str(), nullptr, 10);
}

inline TimeUnit Unit(const std::string& u) {
  if (u == "SECOND") return TimeUnit::kSecond;
  if (u == "MILLISECOND") return TimeUnit::kMilli;
  if (u == "MICROSECOND") return TimeUnit::kMicro;
  return TimeUnit::kNano;
}

inline Result<FieldPtr> FieldFromJson(const Json& f);

inline Result<TypePtr> TypeFromJson(const Json& f, std::vector<FieldPtr> children) {
  const Json* t = f.Find("type");
  const std::string name = Str(t ? t->Find("name") : nullptr);
  if (name == "null") return null();
  if (name == "bool") return boolean();
  if (name == "int") {
    const bool s = t->Find("isSigned") && t->Find("isSigned")->boolean;
    switch (Int(t->Find("bitWidth"))) {
      case 8: return s ? int8() : uint8();
      case 16: return s ? int16() : uint16();
      case 32: return s ? int32() : uint32();
      case 64: return s ? int64() : uint64();
      default: break;
    }
  }
  if (name == "floatingpoint") {
    const std::string p = Str(t->Find("precision"));
    return p == "HALF" ? float16() : p == "SINGLE" ? float32() : float64();
  }
  if (name == "utf8") return utf8();
  if (name == "binary") return binary();
  if (name == "largeutf8") return large_utf8();
  if (name == "largebinary") return large_binary();
  if (name == "fixedsizebinary") return fixed_size_binary(static_cast<int32_t>(Int(t->Find("byteWidth"))));
  if (name == "date") return Str(t->Find("unit")) == "DAY" ? date32() : date64();
  if (name == "timestamp") return timestamp(Unit(Str(t->Find("unit"))), Str(t->Find("timezone")));
  if (name == "duration") return duration(Unit(Str(t->Find("unit"))));
  if (name == "struct") return struct_(std::move(children));
  if (name == "list" && children.size() == 1) return list(children[0]);
  if (name == "largelist" && children.size() == 1) return large_list(children[0]);
  return Status::Unsupported("integration JSON type '" + name + "' is not handled by this test helper");
}

inline Result<FieldPtr> FieldFromJson(const Json& f) {
  std::vector<FieldPtr> children;
  if (const Json* c = f.Find("children")) {
    for (const Json& child : c->items) {
      QUIVER_ASSIGN_OR_RETURN(FieldPtr cf, FieldFromJson(child));
      children.push_back(std::move(cf));
    }
  }
  QUIVER_ASSIGN_OR_RETURN(TypePtr type, TypeFromJson(f, std::move(children)));
  const Json* nullable = f.Find("nullable");
  return field(Str(f.Find("name")), std::move(type), nullable && nullable->boolean);
}

inline int64_t LoadSigned(const uint8_t* p, int width) {
  switch (width) {
    case 1: return static_cast<int8_t>(*p);
    case 2: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case 4: { int32_t v; std::memcpy(&v, p, 4); return v; }
    default: { int64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

inline std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

inline ::testing::AssertionResult ColumnMatches(const Json& col, const ArrayData& a, const std::string& path) {
  auto fail = [&]() { return ::testing::AssertionFailure() << path << ": "; };
  if (Int(col.Find("count"), -1) != a.length) return fail() << "count " << Int(col.Find("count")) << " vs " << a.length;
  const Json* validity = col.Find("VALIDITY");
  std::vector<bool> valid(static_cast<size_t>(a.length), true);
  if (validity) {
    if (static_cast<int64_t>(validity->items.size()) != a.length) return fail() << "VALIDITY size";
    for (int64_t i = 0; i < a.length; ++i) {
      valid[static_cast<size_t>(i)] = Int(&validity->items[static_cast<size_t>(i)]) != 0;
      if (valid[static_cast<size_t>(i)] != a.IsValid(i)) return fail() << "validity of slot " << i;
    }
  }
  const TypeId id = a.type->id();
  const Json* offsets = col.Find("OFFSET");
  const int ow = id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary || id == TypeId::kLargeList ? 8 : 4;
  if (offsets) {
    if (static_cast<int64_t>(offsets->items.size()) != a.length + 1) return fail() << "OFFSET size";
    for (int64_t i = 0; i <= a.length; ++i) {
      const int64_t got = LoadSigned(a.buffers[1]->data() + (a.offset + i) * ow, ow);
      if (Int(&offsets->items[static_cast<size_t>(i)]) != got) return fail() << "offset " << i << " is " << got;
    }
  }
  const Json* data = col.Find("DATA");
  for (int64_t i = 0; data && i < a.length; ++i) {
    if (!valid[static_cast<size_t>(i)]) continue;
    const Json& v = data->items.at(static_cast<size_t>(i));
    const int64_t at = a.offset + i;
    if (IsInteger(id)) {
      const int w = a.type->byte_width();
      if (IsSignedInteger(id) || w < 8) {
        int64_t got = LoadSigned(a.buffers[1]->data() + at * w, w);
        if (!IsSignedInteger(id) && w < 8) got &= (int64_t{1} << (8 * w)) - 1;
        if (Int(&v) != got) return fail() << "value " << i << " is " << got << ", expected " << Text(v);
      } else {
        uint64_t got;
        std::memcpy(&got, a.buffers[1]->data() + at * 8, 8);
        if (std::strtoull(Text(v).c_str(), nullptr, 10) != got) return fail() << "value " << i;
      }
    } else if (id == TypeId::kFloat32 || id == TypeId::kFloat64) {
      double got;
      if (id == TypeId::kFloat32) {
        float f;
        std::memcpy(&f, a.buffers[1]->data() + at * 4, 4);
        got = f;
      } else {
        std::memcpy(&got, a.buffers[1]->data() + at * 8, 8);
      }
      const double want = std::strtod(Text(v).c_str(), nullptr);
      if (got != want && std::abs(got - want) > 1e-6 * std::abs(want)) return fail() << "value " << i;
    } else if (id == TypeId::kBool) {
      const bool got = (a.buffers[1]->data()[at >> 3] >> (at & 7)) & 1;
      if (got != v.boolean) return fail() << "value " << i;
    } else if (id == TypeId::kUtf8 || id == TypeId::kBinary || id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary) {
      const int64_t s = LoadSigned(a.buffers[1]->data() + at * ow, ow);
      const int64_t e = LoadSigned(a.buffers[1]->data() + (at + 1) * ow, ow);
      std::string_view got(reinterpret_cast<const char*>(a.buffers[2]->data()) + s, static_cast<size_t>(e - s));
      const bool text = id == TypeId::kUtf8 || id == TypeId::kLargeUtf8;
      if ((text ? std::string(got) : Hex(got)) != v.text) return fail() << "value " << i << " is '" << got << "'";
    } else {
      return fail() << "DATA of " << a.type->ToString() << " is not handled by this test helper";
    }
  }
  if (const Json* children = col.Find("children")) {
    if (children->items.size() != a.children.size()) return fail() << "child count";
    for (size_t c = 0; c < a.children.size(); ++c) {
      auto r = ColumnMatches(children->items[c], *a.children[c], path + ".child[" + std::to_string(c) + "]");
      if (!r) return r;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace integration_detail

/// Whether `table` holds what the integration JSON document `doc` describes.
inline ::testing::AssertionResult MatchesIntegrationJson(const Json& doc, const Table& table) {
  using namespace integration_detail;
  const Json* fields = doc.Find("schema") ? doc.Find("schema")->Find("fields") : nullptr;
  if (!fields) return ::testing::AssertionFailure() << "no schema.fields";
  std::vector<FieldPtr> expected_fields;
  for (const Json& f : fields->items) {
    auto field = FieldFromJson(f);
    if (!field.ok()) return ::testing::AssertionFailure() << field.status().ToString();
    expected_fields.push_back(field.value());
  }
  Schema expected(expected_fields);
  if (!expected.Equals(*table.schema())) {
    return ::testing::AssertionFailure() << "schema\n" << table.schema()->ToString() << "\nexpected\n" << expected.ToString();
  }
  const Json* batches = doc.Find("batches");
  if (!batches || batches->items.size() != table.batches().size()) {
    return ::testing::AssertionFailure() << "batch count " << table.batches().size();
  }
  for (size_t b = 0; b < batches->items.size(); ++b) {
    const Json& jb = batches->items[b];
    const RecordBatch& rb = *table.batches()[b];
    if (Int(jb.Find("count"), -1) != rb.num_rows()) return ::testing::AssertionFailure() << "batch " << b << " count";
    const Json* columns = jb.Find("columns");
    if (!columns || static_cast<int>(columns->items.size()) != rb.num_columns()) {
      return ::testing::AssertionFailure() << "batch " << b << " column count";
    }
    for (int c = 0; c < rb.num_columns(); ++c) {
      auto r = ColumnMatches(columns->items[static_cast<size_t>(c)], *rb.column(c),
                             "batch[" + std::to_string(b) + "].column[" + std::to_string(c) + "]");
      if (!r) return r;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace quiver::ipc::testing
