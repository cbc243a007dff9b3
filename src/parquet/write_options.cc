// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <string>

#include "core/str_cat.h"
#include "quiver/codec/codec.h"
#include "quiver/parquet/writer.h"

namespace quiver::parquet {

using internal::StrCat;

namespace {

Status ValidateCodec(const std::string& name, Compression c, std::optional<int32_t> level) {
  int32_t lo = 0, hi = 0;
  codec::CodecKind kind = codec::CodecKind::kSnappy;
  switch (c) {
    case Compression::kUncompressed:
    case Compression::kSnappy:
      if (level) {
        return Status::InvalidArgument(
            StrCat("expected no ", name, "compression_level for ", CompressionName(c), " but found ", *level));
      }
      if (c == Compression::kUncompressed) return Status::OK();
      break;
    case Compression::kGzip:
      hi = 9;
      kind = codec::CodecKind::kGzip;
      break;
    case Compression::kBrotli:
      hi = 11;
      kind = codec::CodecKind::kBrotli;
      break;
    case Compression::kZstd:
      lo = -131072;
      hi = 22;
      kind = codec::CodecKind::kZstd;
      break;
    case Compression::kLz4Raw:
      hi = 12;
      kind = codec::CodecKind::kLz4Raw;
      break;
    case Compression::kLz4:
      hi = 12;
      kind = codec::CodecKind::kLz4Hadoop;
      break;
    case Compression::kLzo:
      return Status::Unsupported(StrCat("expected ", name, "compression to be a codec Quiver can write but found LZO"));
    default:
      return Status::InvalidArgument(
          StrCat("expected ", name, "compression to be a known codec but found ", static_cast<int>(c)));
  }
  if (level && (*level < lo || *level > hi)) {
    return Status::InvalidArgument(StrCat("expected ", name, "compression_level in [", lo, ", ", hi, "] for ",
                                          CompressionName(c), " but found ", *level));
  }
  if (!codec::IsAvailable(kind)) {
    return Status::Unsupported(
        StrCat("expected ", name, "compression to be a codec of this build but found ", CompressionName(c)));
  }
  return Status::OK();
}

Status Positive(const char* name, int64_t v) {
  if (v <= 0) return Status::InvalidArgument(StrCat("expected WriteOptions.", name, " > 0 but found ", v));
  return Status::OK();
}

}  // namespace

Status WriteOptions::Validate() const {
  QUIVER_RETURN_IF_ERROR(ValidateCodec("WriteOptions.", compression, compression_level));
  QUIVER_RETURN_IF_ERROR(Positive("dictionary_page_bytes", dictionary_page_bytes));
  QUIVER_RETURN_IF_ERROR(Positive("row_group_rows", row_group_rows));
  QUIVER_RETURN_IF_ERROR(Positive("row_group_bytes", row_group_bytes));
  QUIVER_RETURN_IF_ERROR(Positive("data_page_bytes", data_page_bytes));
  QUIVER_RETURN_IF_ERROR(Positive("max_statistics_bytes", max_statistics_bytes));
  if (page_version != 1 && page_version != 2) {
    return Status::InvalidArgument(StrCat("expected WriteOptions.page_version 1 or 2 but found ", page_version));
  }
  for (const auto& [column, o] : columns) {
    const std::string name = StrCat("WriteOptions.columns['", column, "'].");
    if (o.compression || o.compression_level) {
      QUIVER_RETURN_IF_ERROR(ValidateCodec(
          name, o.compression.value_or(compression),
          o.compression_level ? o.compression_level : (o.compression ? std::nullopt : compression_level)));
    }
    if (o.encoding) {
      switch (*o.encoding) {
        case Encoding::kPlain:
        case Encoding::kRle:
        case Encoding::kDeltaBinaryPacked:
        case Encoding::kDeltaLengthByteArray:
        case Encoding::kDeltaByteArray:
        case Encoding::kByteStreamSplit: break;
        default:
          return Status::InvalidArgument(StrCat("expected ", name,
                                                "encoding PLAIN, RLE, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, "
                                                "DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT but found ",
                                                EncodingName(*o.encoding)));
      }
    }
  }
  return Status::OK();
}

}  // namespace quiver::parquet
