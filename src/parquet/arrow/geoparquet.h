// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoParquet's `geo` key, as far as Arrow types need it: WKB geometry columns are written
// with a `geo` value and read back as `geoarrow.wkb` extension arrays. The core only maps
// types here; interpreting geometries is the geometry plugin's work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parquet/arrow/schema.h"
#include "quiver/arrow/type.h"

namespace quiver::parquet::arrow {

/// The `geo` value (GeoParquet 1.1.0) for the top-level `geoarrow.wkb` fields of `schema`:
/// version, primary_column (the first), and per column `encoding: WKB`, empty
/// `geometry_types` (unknown) and `crs`: a PROJJSON object as is, nothing for OGC:CRS84 (the
/// GeoParquet default), null for an unknown CRS or an authority code GeoParquet cannot carry.
/// Empty when the schema has no such field.
std::string MakeGeoMetadata(const Schema& schema);

/// Makes the top-level binary leaves that a `geo` value lists with encoding WKB
/// `geoarrow.wkb` extension fields: a PROJJSON crs is kept, an absent one becomes
/// `OGC:CRS84` (GeoParquet's default), null becomes unknown (no crs).
/// Fields that already have an extension type are left alone. A value that does not parse,
/// or lists columns that do not exist, changes nothing: GeoParquet metadata is a hint.
void ApplyGeoMetadata(std::string_view geo, std::vector<FieldNode>* nodes);

}  // namespace quiver::parquet::arrow
