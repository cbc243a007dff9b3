// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// A Parquet footer as the JSON that getParquetMetadata returns.
#pragma once

#include <string>

#include "quiver/parquet/reader.h"

namespace quiver::handles {

/// `{"version","numRows","createdBy","metadata":{...},"columns":[leaf...],"rowGroups":[...]}`.
/// A leaf: `{"path","physicalType","typeLength","logicalType","convertedType","repetition",
/// "maxDefinitionLevel","maxRepetitionLevel"}`. A row group: `{"numRows","totalByteSize",
/// "compressedSize","columns":[chunk...]}`; a chunk: `{"path","physicalType","codec",
/// "encodings","numValues","compressedSize","uncompressedSize","dataPageOffset",
/// "dictionaryPageOffset","hasColumnIndex","hasOffsetIndex","statistics"}`. Statistics are
/// `{"nullCount","distinctCount","kind","min","max"}` with min/max physical values written
/// by `kind`: "bool", "int" (a JSON number), "bigint" (decimal digits in a string), "float"
/// (a number, or "NaN"/"Infinity"/"-Infinity"), "string" (UTF-8 text), "bytes" (hex).
/// Absent values are null. Key `ARROW:schema` is kept in `metadata` as the file has it.
std::string ParquetMetadataJson(const parquet::FileReader& reader);

}  // namespace quiver::handles
