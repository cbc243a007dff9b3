// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Helpers shared by builder.cc and builder_nested.cc.
#pragma once

#include <cstdint>

#include "quiver/arrow/type.h"
#include "quiver/status.h"

namespace quiver::internal {

/// The storage type of an extension type; any other type itself.
const DataType& StorageOf(const DataType& type);

/// kInvalidArgument unless n >= 0.
Status CheckCount(int64_t n);

}  // namespace quiver::internal
