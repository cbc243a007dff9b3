// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoParquet `geo` metadata (GeoParquet 1.1.0 "File metadata" and "Column metadata").
#include <algorithm>
#include <cmath>

#include "core/format_value.h"
#include "core/str_cat.h"
#include "core/json_internal.h"
#include "quiver_geo/geoparquet.h"

namespace quiver::geo {
namespace {

using internal::JsonValue;
using internal::StrCat;
using Kind = JsonValue::Kind;

constexpr std::string_view kEncodings[] = {"WKB",        "point",           "linestring",  "polygon",
                                           "multipoint", "multilinestring", "multipolygon"};

// The member `key` of `object` at `path`, checked to be of `kind`; null when absent and
// not `required`.
Result<const JsonValue*> Member(const JsonValue& object, std::string_view path, std::string_view key, Kind kind,
                                bool required) {
  const JsonValue* v = object.Find(key);
  if (!v && !required) return v;
  if (!v || v->kind != kind) {
    return Status::InvalidInput(StrCat("expected ", path, path.empty() ? "" : ".", key, " to be ",
                                       kind == Kind::kArray || kind == Kind::kObject ? "an " : "a ",
                                       internal::JsonKindName(kind), " but found ",
                                       v ? internal::JsonKindName(v->kind) : "nothing"));
  }
  return v;
}

Status ParseColumn(const JsonValue& c, std::string_view name, GeoParquetColumn* out) {
  const std::string path = StrCat("columns['", name, "']");
  if (c.kind != Kind::kObject) {
    return Status::InvalidInput(StrCat("expected ", path, " to be an object but found ", internal::JsonKindName(c.kind)));
  }
  out->name = std::string(name);
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* encoding, Member(c, path, "encoding", Kind::kString, true));
  if (std::find(std::begin(kEncodings), std::end(kEncodings), encoding->text) == std::end(kEncodings)) {
    return Status::InvalidInput(StrCat("expected ", path, ".encoding to be WKB or a native encoding name but found '",
                                       encoding->text, "'"));
  }
  out->encoding = encoding->text;
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* types, Member(c, path, "geometry_types", Kind::kArray, true));
  for (const JsonValue& t : types->items) {
    if (t.kind != Kind::kString) {
      return Status::InvalidInput(StrCat("expected ", path, ".geometry_types to hold strings but found ",
                                         internal::JsonKindName(t.kind)));
    }
    out->geometry_types.push_back(t.text);
  }
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* bbox, Member(c, path, "bbox", Kind::kArray, false));
  if (bbox) {
    if (bbox->items.size() != 4 && bbox->items.size() != 6) {
      return Status::InvalidInput(StrCat("expected ", path, ".bbox to have 4 or 6 numbers but found ",
                                         bbox->items.size()));
    }
    for (const JsonValue& v : bbox->items) {
      if (v.kind != Kind::kNumber) {
        return Status::InvalidInput(StrCat("expected ", path, ".bbox to hold numbers but found ",
                                           internal::JsonKindName(v.kind)));
      }
      out->bbox.push_back(v.number);
    }
  }
  for (auto [key, allowed, target] : {std::tuple{"edges", "planar|spherical", &out->edges},
                                      std::tuple{"orientation", "counterclockwise", &out->orientation}}) {
    QUIVER_ASSIGN_OR_RETURN(const JsonValue* v, Member(c, path, key, Kind::kString, false));
    if (!v) continue;
    const std::string_view options(allowed);
    const bool ok = v->text == options.substr(0, options.find('|')) ||
                    (options.find('|') != std::string_view::npos && v->text == options.substr(options.find('|') + 1));
    if (!ok) {
      return Status::InvalidInput(StrCat("expected ", path, ".", key, " to be one of ", allowed, " but found '",
                                         v->text, "'"));
    }
    *target = v->text;
  }
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* epoch, Member(c, path, "epoch", Kind::kNumber, false));
  if (epoch) out->epoch = std::string(epoch->raw);
  if (const JsonValue* crs = c.Find("crs")) out->crs = std::string(crs->raw);
  if (const JsonValue* covering = c.Find("covering")) out->covering = std::string(covering->raw);
  return Status::OK();
}

Status CheckRawJson(std::string_view raw, std::string_view what) {
  if (raw.empty()) return Status::OK();
  Result<JsonValue> v = internal::ParseJson(raw, 64);
  if (v.ok()) return Status::OK();
  return Status::InvalidArgument(StrCat("expected ", what, " to be JSON but found: ", v.status().message()));
}

void AppendRawMember(std::string* out, std::string_view key, std::string_view raw) {
  if (raw.empty()) return;
  out->append(StrCat(",\"", key, "\":"));
  out->append(raw);
}

}  // namespace

const GeoParquetColumn* GeoParquetMetadata::Find(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Result<GeoParquetMetadata> ParseGeoParquetMetadata(std::string_view json, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(JsonValue doc, internal::ParseJson(json, limits.max_nesting_depth));
  if (doc.kind != Kind::kObject) {
    return Status::InvalidInput(StrCat("expected the geo metadata to be an object but found ",
                                       internal::JsonKindName(doc.kind)));
  }
  GeoParquetMetadata out;
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* version, Member(doc, "", "version", Kind::kString, true));
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* primary, Member(doc, "", "primary_column", Kind::kString, true));
  QUIVER_ASSIGN_OR_RETURN(const JsonValue* columns, Member(doc, "", "columns", Kind::kObject, true));
  out.version = version->text;
  out.primary_column = primary->text;
  out.columns.resize(columns->items.size());
  for (size_t i = 0; i < columns->items.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(ParseColumn(columns->items[i], columns->keys[i], &out.columns[i]));
  }
  if (!out.Find(out.primary_column)) {
    return Status::InvalidInput(StrCat("expected primary_column '", out.primary_column,
                                       "' to name one of the columns but found no such column"));
  }
  return out;
}

Result<std::string> WriteGeoParquetMetadata(const GeoParquetMetadata& metadata) {
  if (!metadata.Find(metadata.primary_column)) {
    return Status::InvalidArgument(StrCat("expected primary_column '", metadata.primary_column,
                                          "' to name one of the columns but found no such column"));
  }
  std::string out = "{\"version\":";
  internal::AppendJsonString(&out, metadata.version);
  out.append(",\"primary_column\":");
  internal::AppendJsonString(&out, metadata.primary_column);
  out.append(",\"columns\":{");
  for (size_t i = 0; i < metadata.columns.size(); ++i) {
    const GeoParquetColumn& c = metadata.columns[i];
    if (i > 0) out.push_back(',');
    internal::AppendJsonString(&out, c.name);
    out.append(":{\"encoding\":");
    internal::AppendJsonString(&out, c.encoding);
    out.append(",\"geometry_types\":[");
    for (size_t t = 0; t < c.geometry_types.size(); ++t) {
      if (t > 0) out.push_back(',');
      internal::AppendJsonString(&out, c.geometry_types[t]);
    }
    out.push_back(']');
    QUIVER_RETURN_IF_ERROR(CheckRawJson(c.crs, StrCat("columns['", c.name, "'].crs")));
    QUIVER_RETURN_IF_ERROR(CheckRawJson(c.covering, StrCat("columns['", c.name, "'].covering")));
    QUIVER_RETURN_IF_ERROR(CheckRawJson(c.epoch, StrCat("columns['", c.name, "'].epoch")));
    AppendRawMember(&out, "crs", c.crs);
    if (!c.edges.empty()) {
      out.append(",\"edges\":");
      internal::AppendJsonString(&out, c.edges);
    }
    if (!c.orientation.empty()) {
      out.append(",\"orientation\":");
      internal::AppendJsonString(&out, c.orientation);
    }
    if (!c.bbox.empty()) {
      if (c.bbox.size() != 4 && c.bbox.size() != 6) {
        return Status::InvalidArgument(StrCat("expected columns['", c.name, "'].bbox to have 4 or 6 numbers but found ",
                                              c.bbox.size()));
      }
      out.append(",\"bbox\":[");
      for (size_t b = 0; b < c.bbox.size(); ++b) {
        if (!std::isfinite(c.bbox[b])) {
          return Status::InvalidArgument(StrCat("expected columns['", c.name, "'].bbox to be finite but found ",
                                                c.bbox[b]));
        }
        if (b > 0) out.push_back(',');
        internal::AppendShortestDouble(&out, c.bbox[b]);
      }
      out.push_back(']');
    }
    AppendRawMember(&out, "epoch", c.epoch);
    AppendRawMember(&out, "covering", c.covering);
    out.push_back('}');
  }
  out.append("}}");
  return out;
}

}  // namespace quiver::geo
