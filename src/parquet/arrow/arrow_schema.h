// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The `ARROW:schema` key that Arrow writers add: base64 of an encapsulated IPC Schema
// message, whose types the reader restores (dictionary, large types, time zones,
// durations, extension types, ...).
#pragma once

#include <string>
#include <string_view>

#include "quiver/arrow/type.h"
#include "quiver/parquet/options.h"
#include "quiver/result.h"

namespace quiver::parquet::arrow {

/// Decodes the key's value. Errors: kInvalidInput for bad base64 or a message that is not
/// a Schema; the IPC decoder's errors.
Result<SchemaPtr> DecodeArrowSchema(std::string_view base64, const ReadOptions& options);

}  // namespace quiver::parquet::arrow

namespace quiver::parquet::arrow {

/// The `ARROW:schema` value for `schema`: base64 of the encapsulated IPC Schema message
/// (continuation marker, length, flatbuffer), as Arrow C++ writes it.
/// Errors: those of the IPC schema encoder (kInvalidArgument for unwritable types).
Result<std::string> EncodeArrowSchema(const SchemaPtr& schema);

}  // namespace quiver::parquet::arrow
