// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The geometry plugin's side module: the plugin ABI (include/quiver/plugin/abi.h) over the
// quiver_geo library. Columns arrive through the Arrow C Data Interface (borrowed), results
// leave the same way; this module links its own copy of quiver_core's array code, so it
// imports nothing of the core but the host API and the libc/libc++ subset of the ABI.
#include <string>

#include "core/format_value.h"
#include "core/json_internal.h"
#include "core/str_cat.h"
#include "quiver/arrow/c_data.h"
#include "quiver/plugin/abi.h"
#include "quiver_geo/geoarrow.h"
#include "quiver_geo/geoparquet.h"
#include "quiver_plugin.hpp"

namespace {

using quiver::ArrayPtr;
using quiver::Result;
using quiver::Status;

int Fail(const Status& s) { return quiver::plugin::Fail(s.ToString()); }

// The lent column as an array of this module: a borrowed view (its release does nothing;
// the core keeps the column alive during the call).
Result<ArrayPtr> Borrow(const ArrowSchema* schema, const ArrowArray* array) {
  if (schema == nullptr || array == nullptr) return Status::InvalidArgument("expected a geometry column but found none");
  QUIVER_ASSIGN_OR_RETURN(quiver::FieldPtr field, quiver::ImportField(*schema));
  ArrowArray view = quiver::plugin::BorrowedView(*array);
  return quiver::ImportArray(&view, field->type());
}

int ReturnArray(const std::string& name, const ArrayPtr& out) {
  quiver::plugin::OwnedSchema s;
  quiver::plugin::OwnedArray a;
  if (Status st = quiver::ExportField(quiver::Field(name, out->type), s.get()); !st.ok()) return Fail(st);
  if (Status st = quiver::ExportArray(out, a.get()); !st.ok()) return Fail(st);
  return quiver::plugin::ReturnArray(std::move(s), std::move(a));
}

int ReturnJson(const std::string& json) { return quiver::plugin::ReturnJson(json); }

std::string Number(double v) {
  std::string out;
  if (v != v) return "null";
  quiver::internal::AppendShortestDouble(&out, v);
  return out;
}

int Bounds(const char*, const ArrowSchema* schema, const ArrowArray* array) {
  auto column = Borrow(schema, array);
  if (!column.ok()) return Fail(column.status());
  auto b = quiver::geo::Bounds(**column);
  if (!b.ok()) return Fail(b.status());
  if (b->IsEmpty()) return ReturnJson("null");
  return ReturnJson("{\"xmin\":" + Number(b->xmin) + ",\"ymin\":" + Number(b->ymin) + ",\"xmax\":" + Number(b->xmax) +
                    ",\"ymax\":" + Number(b->ymax) + "}");
}

template <Result<ArrayPtr> (*Op)(const quiver::ArrayData&, const quiver::geo::GeoLimits&)>
int Convert(const char*, const ArrowSchema* schema, const ArrowArray* array) {
  auto column = Borrow(schema, array);
  if (!column.ok()) return Fail(column.status());
  auto out = Op(**column, {});
  if (!out.ok()) return Fail(out.status());
  return ReturnArray(schema->name ? schema->name : "geometry", *out);
}

// What ToNative chooses its type from, for this batch: {"types":bits,"z":bool,"m":bool}.
// The package unites the batches' summaries and passes them back to toNative as its
// arguments, so that every batch of a column becomes the same native type.
int NativeSummaryOp(const char*, const ArrowSchema* schema, const ArrowArray* array) {
  auto column = Borrow(schema, array);
  if (!column.ok()) return Fail(column.status());
  auto s = quiver::geo::SummarizeForNative(**column);
  if (!s.ok()) return Fail(s.status());
  // StrCat, not std::to_string: the core exports no libc++ number formatting to plugins.
  return ReturnJson(quiver::internal::StrCat("{\"types\":", s->types, ",\"z\":", s->z ? "true" : "false",
                                             ",\"m\":", s->m ? "true" : "false", "}"));
}

// toNative's arguments: the other batches' united summary (all members optional).
Result<quiver::geo::NativeSummary> ParseAlso(const char* args) {
  quiver::geo::NativeSummary also;
  if (args == nullptr || *args == '\0') return also;
  QUIVER_ASSIGN_OR_RETURN(auto json, quiver::internal::ParseJson(args, 4));
  using Kind = quiver::internal::JsonValue::Kind;
  if (json.kind != Kind::kObject) return Status::InvalidArgument("expected toNative arguments as a JSON object");
  if (const auto* t = json.Find("types"); t != nullptr) {
    if (t->kind != Kind::kNumber || t->number < 0 || t->number > 255 || t->number != static_cast<uint32_t>(t->number)) {
      return Status::InvalidArgument(
          quiver::internal::StrCat("expected toNative argument 'types' to be an integer in [0, 255] but found ", t->raw));
    }
    also.types = static_cast<uint32_t>(t->number);
  }
  for (const char* key : {"z", "m"}) {
    const auto* v = json.Find(key);
    if (v == nullptr) continue;
    if (v->kind != Kind::kBool) {
      return Status::InvalidArgument(
          quiver::internal::StrCat("expected toNative argument '", key, "' to be a boolean but found ", v->raw));
    }
    (key[0] == 'z' ? also.z : also.m) = v->boolean;
  }
  return also;
}

int ToNativeOp(const char* args, const ArrowSchema* schema, const ArrowArray* array) {
  auto also = ParseAlso(args);
  if (!also.ok()) return Fail(also.status());
  auto column = Borrow(schema, array);
  if (!column.ok()) return Fail(column.status());
  auto out = quiver::geo::ToNative(**column, {.also = *also}, {});
  if (!out.ok()) return Fail(out.status());
  return ReturnArray(schema->name ? schema->name : "geometry", *out);
}

Result<ArrayPtr> XY(const quiver::ArrayData& a, const quiver::geo::GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(auto xy, quiver::geo::CoordinatesXY(a, limits));
  return xy.xy;
}

// The GeoParquet `geo` value of one column (this batch of it): encoding, geometry_types,
// bbox, crs and edges from the data and the GeoArrow metadata, as a complete one-column
// value; the package merges the batches and columns (plugins/geo/js/src/index.ts).
int GeoParquetColumn(const char*, const ArrowSchema* schema, const ArrowArray* array) {
  auto column = Borrow(schema, array);
  if (!column.ok()) return Fail(column.status());
  auto field = quiver::ImportField(*schema);
  if (!field.ok()) return Fail(field.status());
  auto entry = quiver::geo::GeoParquetColumnFor(**field, column->get(), {});
  if (!entry.ok()) return Fail(entry.status());
  quiver::geo::GeoParquetMetadata md;
  md.primary_column = entry->name;
  md.columns.push_back(std::move(*entry));
  auto json = quiver::geo::WriteGeoParquetMetadata(md);
  if (!json.ok()) return Fail(json.status());
  return ReturnJson(*json);
}

int ValidateField(const ArrowSchema* schema) {
  auto field = quiver::ImportField(*schema);
  if (!field.ok()) return Fail(field.status());
  auto type = quiver::geo::ParseGeoArrowType(*(*field)->type());
  return type.ok() ? 0 : Fail(type.status());
}

const QuiverPluginOperation kOperations[] = {
    {"bounds", Bounds},
    {"nativeSummary", NativeSummaryOp},
    {"toNative", ToNativeOp},
    {"toWkb", Convert<quiver::geo::ToWkb>},
    {"toWkt", Convert<quiver::geo::ToWkt>},
    {"geometryTypes", Convert<quiver::geo::GeometryTypes>},
    {"coordinatesXY", Convert<XY>},
    {"geoParquetColumn", GeoParquetColumn},
};

const char* const kExtensionTypes[] = {"geoarrow.wkb",        "geoarrow.wkt",          "geoarrow.point",
                                       "geoarrow.linestring", "geoarrow.polygon",      "geoarrow.multipoint",
                                       "geoarrow.multilinestring", "geoarrow.multipolygon"};

const QuiverPluginDescriptor kDescriptor = {
    QUIVER_PLUGIN_ABI_VERSION, "io.quiver.plugin.geo.v1", "0.1.0", kExtensionTypes,
    static_cast<int32_t>(std::size(kExtensionTypes)), ValidateField, nullptr, kOperations,
    static_cast<int32_t>(std::size(kOperations))};

}  // namespace

extern "C" __attribute__((visibility("default"))) const QuiverPluginDescriptor* quiver_plugin_entry(void) {
  return &kDescriptor;
}
