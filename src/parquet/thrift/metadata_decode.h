// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Decoding of the Parquet thrift structures (parquet.thrift) with the compact protocol.
// Required fields are enforced; unknown fields are skipped (depth-limited); every string
// and list is bounded by ParquetLimits and by the input.
#pragma once

#include <cstdint>
#include <span>

#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::thrift {

/// Decodes a FileMetaData that must fill `bytes` exactly (trailing bytes are refused).
/// Errors: kInvalidInput (malformed, a required field missing), kTruncated (the struct runs
/// past `bytes`), kLimitExceeded.
Result<FileMetaData> DecodeFileMetaData(std::span<const uint8_t> bytes, const ParquetLimits& limits);

/// Decodes the PageHeader at the start of `bytes`; `*header_size` receives its length.
/// Errors: as DecodeFileMetaData; kTruncated when `bytes` ends inside the header.
Result<PageHeader> DecodePageHeader(std::span<const uint8_t> bytes, const ParquetLimits& limits,
                                    int64_t* header_size);

Result<ColumnIndex> DecodeColumnIndex(std::span<const uint8_t> bytes, const ParquetLimits& limits);
Result<OffsetIndex> DecodeOffsetIndex(std::span<const uint8_t> bytes, const ParquetLimits& limits);

}  // namespace quiver::parquet::thrift
