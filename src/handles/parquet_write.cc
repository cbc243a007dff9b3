// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/parquet_write.h"

#include <charconv>
#include <string>
#include <vector>

#include "core/str_cat.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace {

Result<parquet::Compression> ParseCodec(std::string_view name, std::string_view what) {
  using C = parquet::Compression;
  if (name == "none") return C::kUncompressed;
  if (name == "snappy") return C::kSnappy;
  if (name == "gzip") return C::kGzip;
  if (name == "brotli") return C::kBrotli;
  if (name == "zstd") return C::kZstd;
  if (name == "lz4_raw") return C::kLz4Raw;
  return Status::InvalidArgument(StrCat("expected ", what,
                                        " 'snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw' or 'none' but found '", name,
                                        "'"));
}

Result<parquet::Encoding> ParseEncoding(std::string_view name, std::string_view what) {
  using E = parquet::Encoding;
  if (name == "plain") return E::kPlain;
  if (name == "rle") return E::kRle;
  if (name == "delta_binary_packed") return E::kDeltaBinaryPacked;
  if (name == "delta_length_byte_array") return E::kDeltaLengthByteArray;
  if (name == "delta_byte_array") return E::kDeltaByteArray;
  if (name == "byte_stream_split") return E::kByteStreamSplit;
  return Status::InvalidArgument(StrCat("expected ", what,
                                        " 'plain', 'rle', 'delta_binary_packed', 'delta_length_byte_array', "
                                        "'delta_byte_array' or 'byte_stream_split' but found '",
                                        name, "'"));
}

Result<int64_t> ParseInt(std::string_view text, std::string_view what) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::InvalidArgument(StrCat("expected ", what, " to be an integer but found '", text, "'"));
  }
  return v;
}

Result<int32_t> ParseInt32(std::string_view text, std::string_view what) {
  QUIVER_ASSIGN_OR_RETURN(int64_t v, ParseInt(text, what));
  if (v < INT32_MIN || v > INT32_MAX) {
    return Status::InvalidArgument(StrCat("expected ", what, " to fit in 32 bits but found ", v));
  }
  return static_cast<int32_t>(v);
}

Result<bool> ParseBool(std::string_view text, std::string_view what) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Status::InvalidArgument(StrCat("expected ", what, " to be true or false but found '", text, "'"));
}

Status SetColumnOption(parquet::ColumnWriteOptions* c, std::string_view column, std::string_view key,
                       std::string_view value) {
  const std::string what = StrCat("columns['", column, "'].", key);
  if (key == "compression") {
    QUIVER_ASSIGN_OR_RETURN(c->compression, ParseCodec(value, what));
  } else if (key == "compressionLevel") {
    QUIVER_ASSIGN_OR_RETURN(c->compression_level, ParseInt32(value, what));
  } else if (key == "dictionary") {
    QUIVER_ASSIGN_OR_RETURN(c->dictionary, ParseBool(value, what));
  } else if (key == "encoding") {
    QUIVER_ASSIGN_OR_RETURN(c->encoding, ParseEncoding(value, what));
  } else if (key == "statistics") {
    QUIVER_ASSIGN_OR_RETURN(c->statistics, ParseBool(value, what));
  } else {
    return Status::InvalidArgument(StrCat("expected a column option (compression, compressionLevel, dictionary, "
                                          "encoding, statistics) but found '",
                                          key, "'"));
  }
  return Status::OK();
}

Status SetOption(parquet::WriteOptions* o, std::string_view key, std::string_view value) {
  if (key == "compression") {
    QUIVER_ASSIGN_OR_RETURN(o->compression, ParseCodec(value, "compression"));
  } else if (key == "compressionLevel") {
    QUIVER_ASSIGN_OR_RETURN(o->compression_level, ParseInt32(value, key));
  } else if (key == "dictionary") {
    QUIVER_ASSIGN_OR_RETURN(o->dictionary, ParseBool(value, key));
  } else if (key == "dictionaryPageBytes") {
    QUIVER_ASSIGN_OR_RETURN(o->dictionary_page_bytes, ParseInt(value, key));
  } else if (key == "rowGroupRows") {
    QUIVER_ASSIGN_OR_RETURN(o->row_group_rows, ParseInt(value, key));
  } else if (key == "rowGroupBytes") {
    QUIVER_ASSIGN_OR_RETURN(o->row_group_bytes, ParseInt(value, key));
  } else if (key == "dataPageBytes") {
    QUIVER_ASSIGN_OR_RETURN(o->data_page_bytes, ParseInt(value, key));
  } else if (key == "pageVersion") {
    QUIVER_ASSIGN_OR_RETURN(o->page_version, ParseInt32(value, key));
  } else if (key == "statistics") {
    QUIVER_ASSIGN_OR_RETURN(o->statistics, ParseBool(value, key));
  } else if (key == "maxStatisticsBytes") {
    QUIVER_ASSIGN_OR_RETURN(o->max_statistics_bytes, ParseInt(value, key));
  } else if (key == "pageIndex") {
    QUIVER_ASSIGN_OR_RETURN(o->page_index, ParseBool(value, key));
  } else if (key == "createdBy") {
    o->created_by = std::string(value);
  } else if (key == "storeArrowSchema") {
    QUIVER_ASSIGN_OR_RETURN(o->store_arrow_schema, ParseBool(value, key));
  } else if (key == "geometryLogicalTypes") {
    QUIVER_ASSIGN_OR_RETURN(o->geometry_logical_types, ParseBool(value, key));
  } else {
    return Status::InvalidArgument(StrCat("expected a Parquet write option but found '", key, "'"));
  }
  return Status::OK();
}

}  // namespace

Result<parquet::WriteOptions> MakeParquetWriteOptions(std::string_view tokens) {
  std::vector<std::string_view> t;
  size_t pos = 0;
  while (pos < tokens.size()) {
    const size_t end = tokens.find('\0', pos);
    if (end == std::string_view::npos) {
      return Status::InvalidArgument("expected every option token to end with NUL but the last does not");
    }
    t.push_back(tokens.substr(pos, end - pos));
    pos = end + 1;
  }
  parquet::WriteOptions o;
  for (size_t i = 0; i < t.size();) {
    const std::string_view key = t[i];
    const size_t arity = key == "column" ? 3 : key == "metadata" ? 2 : 1;
    if (i + arity >= t.size()) {
      return Status::InvalidArgument(StrCat("expected ", arity, " value(s) after option '", key, "' but found fewer"));
    }
    if (key == "column") {
      auto it = o.columns.begin();
      while (it != o.columns.end() && it->first != t[i + 1]) ++it;
      if (it == o.columns.end()) {
        o.columns.emplace_back(std::string(t[i + 1]), parquet::ColumnWriteOptions{});
        it = o.columns.end() - 1;
      }
      QUIVER_RETURN_IF_ERROR(SetColumnOption(&it->second, t[i + 1], t[i + 2], t[i + 3]));
    } else if (key == "metadata") {
      o.metadata.emplace_back(std::string(t[i + 1]), std::string(t[i + 2]));
    } else {
      QUIVER_RETURN_IF_ERROR(SetOption(&o, key, t[i + 1]));
    }
    i += arity + 1;
  }
  QUIVER_RETURN_IF_ERROR(o.Validate());
  return o;
}

}  // namespace quiver::handles
