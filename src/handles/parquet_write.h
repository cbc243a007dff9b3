// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The facade's Parquet write options, as a token list, into parquet::WriteOptions.
#pragma once

#include <string_view>

#include "quiver/parquet/writer.h"
#include "quiver/result.h"

namespace quiver::handles {

/// Parses NUL-terminated tokens: `name value` for file-wide options (compression,
/// compressionLevel, dictionary, dictionaryPageBytes, rowGroupRows, rowGroupBytes,
/// dataPageBytes, pageVersion, statistics, maxStatisticsBytes, pageIndex, createdBy,
/// storeArrowSchema), `column NAME option value` for per-column overrides (compression,
/// compressionLevel, dictionary, encoding, statistics) and `metadata KEY VALUE`. Booleans
/// are `true`/`false`; numbers decimal integers. Codec names: none, snappy, gzip, brotli,
/// zstd, lz4_raw; encodings: plain, rle, delta_binary_packed, delta_length_byte_array,
/// delta_byte_array, byte_stream_split.
/// Errors: kInvalidArgument naming the option and the value; those of WriteOptions::Validate.
Result<parquet::WriteOptions> MakeParquetWriteOptions(std::string_view tokens);

}  // namespace quiver::handles
