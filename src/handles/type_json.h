// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Arrow type names and schema descriptions as JSON, for the TypeScript facade.
#pragma once

#include <string>

#include "quiver/arrow/type.h"

namespace quiver::handles {

/// Arrow's own spelling of a type, as the facade's `arrowType` strings: `Int64`, `Utf8`,
/// `Timestamp(ms, "UTC")`, `Decimal128(10, 2)`, `List<Int32>`, `FixedSizeList<Float32, 3>`,
/// `Struct<a: Int32, b: Utf8>`, `Map<Utf8, Int64>`, `Dictionary<Int8, Utf8>`,
/// `RunEndEncoded<Int32, Utf8>`, `Extension<name, Storage>`.
std::string ArrowTypeName(const DataType& type);

/// `{"columns":[{"name":...,"arrowType":...,"nullable":...}]}`: the schema summary.
std::string SchemaSummaryJson(const Schema& schema);

/// The full schema: `{"fields":[field...],"metadata":{...}}`, each field
/// `{"name","nullable","metadata","type"}` and each type
/// `{"id","name","children":[field...]}` plus the parameters its id has (unit, timezone,
/// precision, scale, byteWidth, listSize, keysSorted, ordered, indexType, valueType,
/// typeCodes, extensionName, extensionMetadata).
std::string SchemaJson(const Schema& schema);

/// One type node as described for SchemaJson, appended to `out`.
void AppendTypeJson(std::string* out, const DataType& type);

}  // namespace quiver::handles
