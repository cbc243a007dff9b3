// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/arrow/geoparquet.h"

#include <cctype>
#include <optional>
#include <utility>

namespace quiver::parquet::arrow {

namespace {

constexpr std::string_view kWkb = "geoarrow.wkb";

using Members = std::vector<std::pair<std::string_view, std::string_view>>;

// A JSON value scanner returning raw text spans: enough to read the `geo` object.
class Json {
 public:
  explicit Json(std::string_view text) : s_(text) {}

  // The raw text of the next value (nullopt when it does not parse); when it is an object
  // and `members` is given, its members as (raw key, raw value).
  std::optional<std::string_view> Value(int depth = 0, Members* members = nullptr) {
    Skip();
    if (pos_ >= s_.size() || depth > 32) return std::nullopt;
    const size_t start = pos_;
    const char c = s_[pos_];
    if (c == '"') {
      if (!String()) return std::nullopt;
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      Skip();
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        return s_.substr(start, pos_ - start);
      }
      for (;;) {
        std::string_view key;
        if (c == '{') {
          Skip();
          const size_t k = pos_;
          if (pos_ >= s_.size() || s_[pos_] != '"' || !String()) return std::nullopt;
          key = s_.substr(k, pos_ - k);
          Skip();
          if (pos_ >= s_.size() || s_[pos_++] != ':') return std::nullopt;
        }
        auto value = Value(depth + 1);
        if (!value) return std::nullopt;
        if (c == '{' && members != nullptr) members->emplace_back(key, *value);
        Skip();
        if (pos_ >= s_.size()) return std::nullopt;
        if (s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (s_[pos_++] != close) return std::nullopt;
        break;
      }
    } else {
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' ||
                                  s_[pos_] == '+' || s_[pos_] == '.')) {
        ++pos_;
      }
      if (pos_ == start) return std::nullopt;
    }
    return s_.substr(start, pos_ - start);
  }

  bool AtEnd() {
    Skip();
    return pos_ == s_.size();
  }

 private:
  bool String() {
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') pos_ += s_[pos_] == '\\' ? 2 : 1;
    if (pos_ >= s_.size()) return false;
    ++pos_;
    return true;
  }
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  std::string_view s_;
  size_t pos_ = 0;
};

// The members of a JSON object's raw text (nullopt when it is not one).
std::optional<Members> ObjectMembers(std::string_view object) {
  Members out;
  Json j(object);
  if (object.empty() || object.front() != '{' || !j.Value(0, &out) || !j.AtEnd()) return std::nullopt;
  return out;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out.push_back(c);
  }
  return out + "\"";
}

// The raw value of member `name` of a JSON object's raw text.
std::optional<std::string_view> Member(std::string_view object, std::string_view name) {
  auto members = ObjectMembers(object);
  if (!members) return std::nullopt;
  const std::string quoted = Quote(name);
  for (const auto& [k, v] : *members) {
    if (k == quoted) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string MakeGeoMetadata(const Schema& schema) {
  std::string columns, primary;
  for (const auto& f : schema.fields()) {
    const DataType& t = *f->type();
    if (t.id() != TypeId::kExtension || t.extension_name() != kWkb) continue;
    if (primary.empty()) primary = f->name();
    // GeoParquet's crs is PROJJSON or null, absent meaning OGC:CRS84; GeoArrow's may also
    // be a string (an authority code) or absent (unknown).
    std::string column = "{\"encoding\":\"WKB\",\"geometry_types\":[]";
    auto crs = Member(t.extension_metadata(), "crs");
    if (!crs || *crs == "null") {
      column += ",\"crs\":null";
    } else if (crs->front() == '{') {
      column += ",\"crs\":" + std::string(*crs);
    } else if (*crs != "\"OGC:CRS84\"") {
      column += ",\"crs\":null";  // an authority code GeoParquet cannot carry: unknown
    }
    column += "}";
    columns += (columns.empty() ? "" : ",") + Quote(f->name()) + ":" + column;
  }
  if (primary.empty()) return {};
  return "{\"version\":\"1.1.0\",\"primary_column\":" + Quote(primary) + ",\"columns\":{" + columns + "}}";
}

void ApplyGeoMetadata(std::string_view geo, std::vector<FieldNode>* nodes) {
  auto columns = Member(geo, "columns");
  if (!columns) return;
  auto members = ObjectMembers(*columns);
  if (!members) return;
  for (const auto& [key, column] : *members) {
    auto encoding = Member(column, "encoding");
    if (!encoding || (*encoding != "\"WKB\"" && *encoding != "\"wkb\"")) continue;
    for (FieldNode& n : *nodes) {
      if (n.kind != NodeKind::kLeaf || Quote(n.field->name()) != key) continue;
      const TypePtr& type = n.field->type();
      if (type->id() != TypeId::kBinary && type->id() != TypeId::kLargeBinary && type->id() != TypeId::kBinaryView) {
        continue;
      }
      auto crs = Member(column, "crs");
      const std::string meta = !crs ? "{\"crs\":\"OGC:CRS84\",\"crs_type\":\"authority_code\"}"
                                    : *crs == "null" ? "{}" : "{\"crs\":" + std::string(*crs) + "}";
      n.field = std::make_shared<const Field>(n.field->name(), extension(std::string(kWkb), type, meta),
                                              n.field->nullable(), n.field->metadata());
    }
  }
}

}  // namespace quiver::parquet::arrow
