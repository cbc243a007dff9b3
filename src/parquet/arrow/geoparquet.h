// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoParquet's `geo` key and Parquet's GEOMETRY/GEOGRAPHY logical types, as far as Arrow
// types need them: geometry columns are written with a `geo` value (and a logical type where
// `geo` cannot say their crs or edges) and read back as GeoArrow extension arrays. The core
// only maps types here; interpreting geometries is the geometry plugin's work.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/arrow/schema.h"
#include "quiver/arrow/type.h"

namespace quiver::parquet::arrow {

/// The `geo` value (GeoParquet 1.1.0) for the top-level `geoarrow.wkb` fields of `schema` and
/// its native GeoArrow fields with separated coordinates (interleaved ones cannot be stored
/// as GeoParquet and are left out): version, primary_column (the first), and per column
/// `encoding` (WKB, point, linestring, ...), empty
/// `geometry_types` (unknown), `edges: spherical` for spherical edges, and `crs`: a PROJJSON
/// object as is, nothing for OGC:CRS84 (the GeoParquet default), null for an unknown CRS or
/// an authority code GeoParquet cannot carry. Columns whose edges GeoParquet cannot name
/// (vincenty, thomas, andoyer, karney) are left out: only their GEOGRAPHY logical type says
/// them. Empty when no field is listed.
std::string MakeGeoMetadata(const Schema& schema);

/// Checks a `geo` value given by the caller against the schema being written: a JSON
/// object with a string `version`, a `columns` object whose members are top-level fields
/// of `schema` of a binary (WKB) or extension type, each an object with a string
/// `encoding`, and a string `primary_column` that is one of them.
/// Errors: kInvalidArgument "expected ... but found ..." saying what is wrong.
Status ValidateGeoMetadata(std::string_view geo, const Schema& schema);

/// The `ARROW:extension:metadata` of the `geoarrow.wkb` type that a GEOMETRY or GEOGRAPHY
/// logical type maps to (GeoArrow extension-types spec): `crs` from the Parquet crs (absent:
/// "OGC:CRS84"; `srid:N`: "N" with crs_type srid; a JSON object: PROJJSON; `projjson:key` is
/// kept as a string; other authority codes with crs_type authority_code) and, for GEOGRAPHY,
/// `edges` named after the algorithm (absent: spherical). nullopt for an algorithm number
/// this reader does not know.
std::optional<std::string> GeoArrowMetadataOf(const LogicalType& lt);

/// The logical type written for a `geoarrow.wkb` field with extension metadata `metadata`:
/// GEOGRAPHY with the algorithm for non-planar edges; GEOMETRY when `always` is set or when
/// the crs is one GeoParquet cannot carry (an authority code other than OGC:CRS84, an srid);
/// otherwise kNone (plain BYTE_ARRAY, described by the `geo` key, which every GeoParquet
/// reader knows). The Parquet crs is the GeoArrow crs: omitted for OGC:CRS84 and for an
/// unknown crs (a logical type cannot say unknown), `srid:N` for crs_type srid, PROJJSON
/// text as is.
LogicalType GeoLogicalTypeOf(std::string_view metadata, bool always);

/// Makes the top-level binary leaves that a `geo` value lists with encoding WKB
/// `geoarrow.wkb` extension fields, and the top-level columns it lists with a native
/// encoding (`point` ... `multipolygon`) whose shape matches (that many lists around a
/// struct of float64 x, y[, z][, m]) `geoarrow.<encoding>` fields: a PROJJSON crs is kept,
/// an absent one becomes `OGC:CRS84` (GeoParquet's default), null becomes unknown (no crs),
/// `edges: spherical` is kept.
/// Fields that already have an extension type are left alone. A value that does not parse,
/// or lists columns that do not exist, changes nothing: GeoParquet metadata is a hint.
/// Returns kInvalidInput "expected ... but found ..." when the value is not a JSON object
/// with a `columns` object (the reader turns it into a warning, never a failed read).
Status ApplyGeoMetadata(std::string_view geo, std::vector<FieldNode>* nodes);

}  // namespace quiver::parquet::arrow
