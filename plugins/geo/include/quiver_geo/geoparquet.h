// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The GeoParquet 1.0 / 1.1 `geo` file metadata key (https://geoparquet.org), as pure
// functions: no Parquet dependency. The Parquet reader and writer call these; a parse
// error is meant to become a warning there (docs/style.md §5.7), never a failed read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/type.h"
#include "quiver/result.h"
#include "quiver_geo/geoarrow.h"

namespace quiver::geo {

/// One entry of `columns`.
struct GeoParquetColumn {
  /// The column name (the key of `columns`).
  std::string name;
  /// "WKB", or a native encoding name of GeoParquet 1.1: "point", "linestring", "polygon",
  /// "multipoint", "multilinestring", "multipolygon".
  std::string encoding = "WKB";
  /// "Point", "LineString Z", ...; empty means any type.
  std::vector<std::string> geometry_types;
  /// Empty, or [xmin, ymin, xmax, ymax] or [xmin, ymin, zmin, xmax, ymax, zmax].
  std::vector<double> bbox;
  /// The `crs` member as raw JSON (PROJJSON object, or `null` for "unknown"); empty when
  /// absent, which the spec reads as OGC:CRS84.
  std::string crs;
  /// "planar" or "spherical"; empty when absent (planar).
  std::string edges;
  /// "counterclockwise"; empty when absent.
  std::string orientation;
  /// The 1.1 `covering` member as raw JSON; empty when absent.
  std::string covering;
  /// The `epoch` member (a number) as raw JSON; empty when absent.
  std::string epoch;
};

/// The whole `geo` value.
struct GeoParquetMetadata {
  std::string version = "1.1.0";
  std::string primary_column;
  std::vector<GeoParquetColumn> columns;

  /// The column called `name`, or null.
  const GeoParquetColumn* Find(std::string_view name) const;
};

/// Parses a `geo` value. Required: an object with string `version` and `primary_column`
/// and an object `columns` whose members are objects with a string `encoding` (one of
/// the names above) and an array of strings `geometry_types`. Optional members are
/// checked when present: `bbox` 4 or 6 numbers, `edges` "planar"/"spherical",
/// `orientation` "counterclockwise", `crs` any JSON (kept raw), `epoch` a number.
/// Unknown members are ignored. Never crashes on any input.
/// Errors: kInvalidInput naming the member, e.g. `expected columns['geom'].encoding to be
/// a string but found number`, or the JSON position (`expected ':' at byte 12 but found
/// ','`); kLimitExceeded for JSON nested deeper than limits.max_nesting_depth.
Result<GeoParquetMetadata> ParseGeoParquetMetadata(std::string_view json, const GeoLimits& limits = {});

/// The `geo` value as compact JSON, members in the spec's order; optional members only
/// when set. Errors: kInvalidArgument when primary_column is not one of the columns, a
/// bbox has other than 4 or 6 values or a non-finite one, or a raw member (crs,
/// covering, epoch) is not valid JSON.
Result<std::string> WriteGeoParquetMetadata(const GeoParquetMetadata& metadata);

/// The column entry for a GeoArrow field: encoding from the extension type (WKB for
/// geoarrow.wkb; native names for native types; geoarrow.wkt is refused, as GeoParquet
/// has no WKT encoding), crs and edges from its metadata, and, when `data` is given,
/// geometry_types (sorted by ISO code; M is dropped, GeoParquet has only " Z") and bbox
/// (omitted when every row is null or empty) from the values. The crs maps as: absent
/// (GeoArrow "unknown") -> `null`; "OGC:CRS84" -> absent (GeoParquet's
/// default); anything else -> kept raw. Errors: kInvalidArgument (not a GeoArrow field,
/// WKT), kUnsupported (edges other than planar or spherical), and those of Bounds and
/// GeometryTypes.
Result<GeoParquetColumn> GeoParquetColumnFor(const Field& field, const ArrayData* data = nullptr,
                                             const GeoLimits& limits = {});

/// The GeoArrow type that restores a column read from a GeoParquet file: `storage` is the
/// type the column was read as (binary-like for WKB, the native storage otherwise); crs
/// and edges move into the extension metadata. Errors: kInvalidArgument when the
/// encoding is unknown or the storage does not fit it.
Result<TypePtr> GeoArrowTypeFor(const GeoParquetColumn& column, const TypePtr& storage);

}  // namespace quiver::geo
