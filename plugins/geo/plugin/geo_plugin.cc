// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The geometry plugin's side module: the plugin ABI (include/quiver/plugin/abi.h) over the
// quiver_geo library. Columns arrive through the Arrow C Data Interface (borrowed), results
// leave the same way; this module links its own copy of quiver_core's array code, so it
// imports nothing of the core but the host API and the libc/libc++ subset of the ABI.
#include <string>

#include "core/format_value.h"
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

Result<ArrayPtr> ToNativeSeparated(const quiver::ArrayData& a, const quiver::geo::GeoLimits& limits) {
  return quiver::geo::ToNative(a, {}, limits);
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
    {"toNative", Convert<ToNativeSeparated>},
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
