// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Framing of a Parquet file: `PAR1 <column chunks> <FileMetaData> <u32 length> PAR1`.
#pragma once

#include <cstdint>

#include "quiver/io/source.h"
#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::internal {

/// The footer of the file behind `source`, checked before anything else is read: magic at
/// both ends, the length within the file and the limits. `*footer_start` receives the
/// offset of the FileMetaData (where column data must end); `*bytes_read` is increased by
/// what was fetched.
/// Errors: kInvalidInput "expected magic PAR1 at the end of the file but found ...",
/// "expected footer length <= N (file size - 12) but found M"; kUnsupported for encrypted
/// footers (PARE) and plaintext footers of encrypted files; kLimitExceeded over
/// max_footer_size; the thrift decoder's errors with the context `footer`.
Result<FileMetaData> ReadFooter(const io::Source& source, const ReadOptions& options, int64_t* footer_start,
                                int64_t* bytes_read);

/// Where a column chunk's bytes lie: from min(dictionary_page_offset, data_page_offset)
/// (a dictionary offset that is absent, below 4 or after the data offset is ignored:
/// producers write wrong ones, and page headers say what each page is) for
/// total_compressed_size bytes, which must lie within [4, footer_start).
/// Errors: kInvalidInput; kUnsupported for encrypted columns and external file paths.
Status ColumnChunkRange(const ColumnChunk& chunk, int64_t footer_start, int64_t* start, int64_t* length);

}  // namespace quiver::parquet::internal
