// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include "quiver/arrow/type.h"
#include "quiver/parquet/metadata.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// The Arrow type of a leaf and the field metadata that keeps what the type cannot say.
/// GEOMETRY/GEOGRAPHY byte arrays are `geoarrow.wkb` (geoparquet.h GeoArrowMetadataOf); only
/// a GEOGRAPHY algorithm unknown to this reader leaves them binary with `PARQUET:logical_type`,
/// `PARQUET:crs` and `PARQUET:algorithm`.
struct LeafType {
  TypePtr type;
  KeyValueMetadata metadata;
};

/// Precondition: e.type is set. Errors: kInvalidInput for invalid decimal parameters or a
/// negative FIXED_LEN_BYTE_ARRAY length.
Result<LeafType> ArrowLeafType(const SchemaElement& e, bool large_types);

}  // namespace quiver::parquet::arrow
