// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Which reader a byte buffer needs, decided from its first bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "quiver/result.h"

namespace quiver::handles {

enum class Format : uint8_t {
  /// Arrow IPC file format; Feather v2 is the same bytes.
  kArrowFile,
  /// Arrow IPC stream format (with or without continuation markers).
  kArrowStream,
  /// Parquet ("PAR1" at both ends).
  kParquet,
};

/// The facade's name of a format: "arrow-file", "arrow-stream", "parquet".
std::string_view FormatName(Format format);

/// Parses a facade format name ("arrow-file", "feather", "arrow-stream", "parquet").
/// Errors: kInvalidArgument naming the value and the accepted names.
Result<Format> ParseFormat(std::string_view name);

/// Detects the format from the leading bytes: "ARROW1" is an IPC file, "PAR1" Parquet, a
/// continuation marker (0xFFFFFFFF) or a plausible legacy length prefix an IPC stream.
/// Errors: kTruncated for fewer than 4 bytes; kUnsupported for Feather v1 ("FEA1");
/// kInvalidInput (`expected Arrow IPC, Feather or Parquet data but found bytes ...`).
Result<Format> DetectFormat(std::span<const uint8_t> bytes);

}  // namespace quiver::handles
