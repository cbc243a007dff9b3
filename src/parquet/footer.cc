// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/footer.h"

#include <cstring>
#include <string>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "parquet/thrift/metadata_decode.h"

namespace quiver::parquet::internal {

using quiver::internal::StrCat;

namespace {

std::string Printable(const uint8_t* p, size_t n) {
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < n; ++i) {
    if (p[i] >= 0x20 && p[i] < 0x7f) {
      out.push_back(static_cast<char>(p[i]));
    } else {
      out += "\\x";
      out.push_back(kHex[p[i] >> 4]);
      out.push_back(kHex[p[i] & 15]);
    }
  }
  return out;
}

}  // namespace

Result<FileMetaData> ReadFooter(const io::Source& source, const ReadOptions& options, int64_t* footer_start,
                                int64_t* bytes_read) {
  const int64_t size = source.size();
  if (size < 12) {
    return Status::InvalidInput(StrCat("expected a Parquet file of at least 12 bytes but found ", size));
  }
  QUIVER_ASSIGN_OR_RETURN(auto tail, source.ReadAt(size - 8, 8));
  *bytes_read += 8;
  const uint8_t* t = tail->data();
  if (std::memcmp(t + 4, "PARE", 4) == 0) {
    return Status::Unsupported("expected a plaintext footer (PAR1) but found an encrypted footer (PARE)");
  }
  if (std::memcmp(t + 4, "PAR1", 4) != 0) {
    return Status::InvalidInput(StrCat("expected magic PAR1 at the end of the file but found '", Printable(t + 4, 4), "'"));
  }
  uint32_t len;
  std::memcpy(&len, t, 4);
  if (int64_t{len} > size - 12) {
    return Status::InvalidInput(StrCat("expected footer length <= ", size - 12, " (file size - 12) but found ", len));
  }
  if (int64_t{len} > options.parquet_limits.max_footer_size) {
    return Status::LimitExceeded(
        StrCat("expected footer length <= ", options.parquet_limits.max_footer_size, " but found ", len));
  }
  QUIVER_ASSIGN_OR_RETURN(auto head, source.ReadAt(0, 4));
  *bytes_read += 4;
  if (std::memcmp(head->data(), "PAR1", 4) != 0) {
    return Status::InvalidInput(
        StrCat("expected magic PAR1 at the start of the file but found '", Printable(head->data(), 4), "'"));
  }
  *footer_start = size - 8 - len;
  QUIVER_ASSIGN_OR_RETURN(auto footer, source.ReadAt(*footer_start, len));
  *bytes_read += len;
  auto md = thrift::DecodeFileMetaData(footer->span(), options.parquet_limits);
  if (!md.ok()) {
    Status st = md.status();
    // The footer's length is known, so running out inside it means it is malformed.
    if (st.code() == StatusCode::kTruncated) st = Status::InvalidInput(st.message());
    return std::move(st).WithContext("footer");
  }
  if (md->encrypted) {
    return Status::Unsupported("expected an unencrypted file but found an encryption algorithm in the footer");
  }
  if (md->num_rows < 0) {
    return Status::InvalidInput(StrCat("expected num_rows >= 0 but found ", md->num_rows)).WithContext("footer");
  }
  for (size_t i = 0; i < md->row_groups.size(); ++i) {
    if (md->row_groups[i].num_rows < 0) {
      return Status::InvalidInput(StrCat("expected num_rows >= 0 but found ", md->row_groups[i].num_rows))
          .WithContext(StrCat("row_group[", i, "]"));
    }
  }
  return md;
}

Status ColumnChunkRange(const ColumnChunk& chunk, int64_t footer_start, int64_t* start, int64_t* length) {
  if (chunk.encrypted) return Status::Unsupported("expected an unencrypted column chunk but found an encrypted one");
  if (!chunk.file_path.empty()) {
    return Status::Unsupported(StrCat("expected column data in this file but found a reference to '", chunk.file_path, "'"));
  }
  if (!chunk.meta_data) return Status::InvalidInput("expected ColumnChunk.meta_data but found none");
  const ColumnMetaData& m = *chunk.meta_data;
  int64_t s = m.data_page_offset;
  if (m.dictionary_page_offset && *m.dictionary_page_offset >= 4 && *m.dictionary_page_offset < s) {
    s = *m.dictionary_page_offset;
  }
  if (!quiver::internal::RangeInBounds(s, m.total_compressed_size, footer_start) || s < 4) {
    return Status::InvalidInput(StrCat("expected column chunk bytes [", s, ", ", s, " + ", m.total_compressed_size,
                                       ") within the data region [4, ", footer_start, ")"));
  }
  *start = s;
  *length = m.total_compressed_size;
  return Status::OK();
}

}  // namespace quiver::parquet::internal
