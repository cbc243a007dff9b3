// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Encoding of the Parquet thrift structures (parquet.thrift) with the compact protocol,
// the inverse of metadata_decode.h. Optional fields are written when set; fields that the
// decoder keeps with a neutral default (converted_type kNone, an absent logical type) are
// left out.
#pragma once

#include <cstdint>
#include <vector>

#include "quiver/parquet/metadata.h"

namespace quiver::parquet::thrift {

/// Appends the FileMetaData; `column_orders` adds one TypeDefinedOrder per leaf column,
/// which tells readers that min_value/max_value follow each type's sort order.
void EncodeFileMetaData(const FileMetaData& md, bool column_orders, std::vector<uint8_t>* out);
void EncodePageHeader(const PageHeader& header, std::vector<uint8_t>* out);
void EncodeColumnIndex(const ColumnIndex& index, std::vector<uint8_t>* out);
void EncodeOffsetIndex(const OffsetIndex& index, std::vector<uint8_t>* out);

}  // namespace quiver::parquet::thrift
