// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Arrow C Data Interface: arrays and schemas handed across a C ABI (to plugins, to other
// Arrow implementations in the same memory) without copying buffers.
#pragma once

#include <cstdint>

#include "quiver/arrow/array.h"
#include "quiver/arrow/type.h"
#include "quiver/plugin/c_data.h"  // the C structures themselves
#include "quiver/result.h"

namespace quiver {

/// Fills `out` with `field` (name, nullability, metadata, type; extension types as their
/// storage with `ARROW:extension:name`/`metadata`). The caller owns `out` and calls its
/// release. Errors: kOutOfMemory.
Status ExportField(const Field& field, ArrowSchema* out);
/// As ExportField for a type under an empty name.
Status ExportType(const DataType& type, ArrowSchema* out);

/// Fills `out` with `array`'s buffers, without copying: `out` keeps the array alive until
/// its release runs. Binary and utf8 views get the variadic sizes buffer the interface
/// asks for. Errors: kOutOfMemory.
Status ExportArray(const ArrayPtr& array, ArrowArray* out);

/// The field `schema` describes; `schema` is left untouched (the caller releases it).
/// Errors: kInvalidInput for a format string or metadata that does not parse, naming it.
Result<FieldPtr> ImportField(const ArrowSchema& schema);

/// Takes ownership of `array` (moving it out: `array->release` becomes null) and returns
/// its data as an array of `type`, whose buffers stay zero-copy views released when the
/// last one goes. Buffer sizes are computed from the type, offset and length (and offsets
/// for variable-width types); the result is checked with ValidateArray.
/// Errors: kInvalidInput for structure that does not match `type` (buffer or child counts,
/// null required buffers, sizes), those of ValidateArray.
Result<ArrayPtr> ImportArray(ArrowArray* array, const TypePtr& type);

}  // namespace quiver
