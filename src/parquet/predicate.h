// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <string>

#include "quiver/parquet/metadata.h"
#include "quiver/parquet/options.h"

namespace quiver::parquet::internal {

/// False only when no value in [min, max] (PLAIN-encoded statistics of physical type `t`)
/// can satisfy `p`; true when unsure (unsupported types, unreadable statistics, NaN).
/// `unsigned_order` marks integers annotated unsigned, whose statistics compare unsigned.
bool MayMatch(const Predicate& p, PhysicalType t, bool unsigned_order, const std::string& min, const std::string& max);

}  // namespace quiver::parquet::internal
