// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/format_detect.h"

#include <cstring>
#include <string>

#include "core/str_cat.h"

namespace quiver::handles {

using quiver::internal::StrCat;

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kArrowFile: return "arrow-file";
    case Format::kArrowStream: return "arrow-stream";
    case Format::kParquet: return "parquet";
  }
  return "unknown";
}

Result<Format> ParseFormat(std::string_view name) {
  if (name == "arrow-file" || name == "feather") return Format::kArrowFile;
  if (name == "arrow-stream") return Format::kArrowStream;
  if (name == "parquet") return Format::kParquet;
  return Status::InvalidArgument(StrCat("expected format 'arrow-file', 'arrow-stream', 'feather' or 'parquet' but found '",
                                        name, "'"));
}

Result<Format> DetectFormat(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) {
    return Status::Truncated(StrCat("expected at least 4 bytes to detect the format but found ", bytes.size()));
  }
  const auto starts_with = [&](std::string_view magic) {
    return bytes.size() >= magic.size() && std::memcmp(bytes.data(), magic.data(), magic.size()) == 0;
  };
  if (starts_with("ARROW1")) return Format::kArrowFile;
  if (starts_with("PAR1")) return Format::kParquet;
  if (starts_with("FEA1")) {
    return Status::Unsupported("Feather v1 files are not supported: rewrite them as Feather v2 (Arrow IPC file)");
  }
  uint32_t prefix;
  std::memcpy(&prefix, bytes.data(), 4);
  // A stream starts with the continuation marker, or (before format 0.15) directly with
  // the metadata length of the schema message: positive, and a flatbuffer is 8-aligned.
  if (prefix == 0xFFFFFFFFu || (prefix > 0 && prefix < (1u << 30) && prefix % 8 == 0)) return Format::kArrowStream;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string shown;
  for (size_t i = 0; i < 4; ++i) {
    if (i > 0) shown.push_back(' ');
    shown.push_back(kHex[bytes[i] >> 4]);
    shown.push_back(kHex[bytes[i] & 15]);
  }
  return Status::InvalidInput(StrCat("expected Arrow IPC, Feather or Parquet data but found bytes ", shown));
}

}  // namespace quiver::handles
