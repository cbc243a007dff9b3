// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/page/page_reader.h"

#include <cstring>

#include "core/str_cat.h"
#include "parquet/thrift/metadata_decode.h"
#include "quiver/codec/codec.h"

namespace quiver::parquet::page {

using internal::StrCat;

Result<bool> PageReader::Next(PageInfo* info) {
  const int64_t size = chunk_->size();
  if (pos_ >= size) return false;
  std::span<const uint8_t> rest = chunk_->span().subspan(static_cast<size_t>(pos_));
  int64_t header_size = 0;
  auto header = thrift::DecodePageHeader(rest, options_.parquet_limits, &header_size);
  if (!header.ok()) {
    Status st = header.status();
    // The chunk is all there: a header running past it is malformed, not a short read.
    if (st.code() == StatusCode::kTruncated) st = Status::InvalidInput(st.message());
    return std::move(st).WithContext(StrCat("page[", index_, "]"));
  }
  PageHeader& h = *header;
  int64_t left = size - pos_ - header_size;
  if (h.compressed_page_size < 0 || h.compressed_page_size > left) {
    return Status::InvalidInput(StrCat("expected compressed page size in [0, ", left,
                                       "] (bytes left in the column chunk) but found ", h.compressed_page_size))
        .WithContext(StrCat("page[", index_, "]"));
  }
  if (h.uncompressed_page_size < 0) {
    return Status::InvalidInput(StrCat("expected uncompressed page size >= 0 but found ", h.uncompressed_page_size))
        .WithContext(StrCat("page[", index_, "]"));
  }
  info->file_offset = chunk_file_offset_ + pos_;
  info->payload = rest.subspan(static_cast<size_t>(header_size), static_cast<size_t>(h.compressed_page_size));
  info->header = std::move(h);
  info->index = index_++;
  pos_ += header_size + info->header.compressed_page_size;
  return true;
}

Result<std::shared_ptr<Buffer>> PageReader::Decompress(std::span<const uint8_t> in, int64_t uncompressed_size) {
  codec::CodecKind kind;
  switch (codec_) {
    case Compression::kSnappy: kind = codec::CodecKind::kSnappy; break;
    case Compression::kGzip: kind = codec::CodecKind::kGzip; break;
    case Compression::kBrotli: kind = codec::CodecKind::kBrotli; break;
    case Compression::kZstd: kind = codec::CodecKind::kZstd; break;
    // Parquet's deprecated LZ4 is Hadoop-framed as parquet-mr writes it; the codec falls
    // back to one raw block for files from writers that used the raw format (Arrow C++ < 6).
    case Compression::kLz4: kind = codec::CodecKind::kLz4Hadoop; break;
    case Compression::kLz4Raw: kind = codec::CodecKind::kLz4Raw; break;
    case Compression::kLzo: return Status::Unsupported("expected a supported codec but found LZO");
    default:
      return Status::Unsupported(StrCat("expected a supported codec but found codec id ", static_cast<int>(codec_)));
  }
  QUIVER_ASSIGN_OR_RETURN(const codec::Codec* c, codec::GetCodec(kind));
  auto out = codec::DecompressToBuffer(*c, in, uncompressed_size, options_.limits);
  // The page's bytes are all there: compressed data that ends early is corrupt, not short.
  if (!out.ok() && out.status().code() == StatusCode::kTruncated) return Status::InvalidInput(out.status().message());
  return out;
}

Result<LoadedPage> PageReader::Load(const PageInfo& info, bool has_rep, bool has_def) {
  const PageHeader& h = info.header;
  LoadedPage page;
  const bool compressed = codec_ != Compression::kUncompressed;
  if (h.type == PageType::kDataPageV2) {
    const DataPageHeaderV2& v2 = *h.data_page_header_v2;
    int64_t rl = v2.repetition_levels_byte_length, dl = v2.definition_levels_byte_length;
    int64_t csize = h.compressed_page_size;
    if (rl < 0 || dl < 0 || rl + dl > csize || rl + dl > h.uncompressed_page_size) {
      return Status::InvalidInput(StrCat("expected level byte lengths (", rl, " + ", dl, ") within the page size ", csize));
    }
    page.rep_levels = info.payload.subspan(0, static_cast<size_t>(rl));
    page.def_levels = info.payload.subspan(static_cast<size_t>(rl), static_cast<size_t>(dl));
    std::span<const uint8_t> values = info.payload.subspan(static_cast<size_t>(rl + dl));
    if (compressed && v2.is_compressed) {
      QUIVER_ASSIGN_OR_RETURN(page.holder, Decompress(values, h.uncompressed_page_size - rl - dl));
      page.values = page.holder->span();
    } else {
      page.values = values;
    }
    return page;
  }
  std::span<const uint8_t> body = info.payload;
  if (compressed) {
    QUIVER_ASSIGN_OR_RETURN(page.holder, Decompress(info.payload, h.uncompressed_page_size));
    body = page.holder->span();
  }
  if (h.type == PageType::kDictionaryPage) {
    page.values = body;
    return page;
  }
  const DataPageHeader& v1 = *h.data_page_header;
  size_t pos = 0;
  // A v1 level section: RLE has a 4-byte length prefix; BIT_PACKED is sized by the value
  // count, so the section is left open-ended and the level decoder reports what it used.
  auto section = [&](Encoding enc, const char* what, std::span<const uint8_t>* out) -> Status {
    if (enc == Encoding::kRle) {
      if (body.size() - pos < 4) {
        return Status::InvalidInput(StrCat("expected a 4-byte length of the ", what, " but found the end of the page"));
      }
      uint32_t len;
      std::memcpy(&len, body.data() + pos, 4);
      if (len > body.size() - pos - 4) {
        return Status::InvalidInput(StrCat("expected ", what, " length <= ", body.size() - pos - 4, " but found ", len));
      }
      *out = body.subspan(pos, 4 + size_t{len});
      pos += 4 + size_t{len};
      return Status::OK();
    }
    if (enc == Encoding::kBitPacked) {
      *out = body.subspan(pos);
      return Status::OK();
    }
    return Status::Unsupported(StrCat("expected RLE or BIT_PACKED ", what, " but found ", EncodingName(enc)));
  };
  if (has_rep) QUIVER_RETURN_IF_ERROR(section(v1.repetition_level_encoding, "repetition levels", &page.rep_levels));
  if (has_rep && v1.repetition_level_encoding == Encoding::kBitPacked) {
    return Status::Unsupported("expected RLE repetition levels but found BIT_PACKED");
  }
  if (has_def) QUIVER_RETURN_IF_ERROR(section(v1.definition_level_encoding, "definition levels", &page.def_levels));
  page.values = body.subspan(pos);
  return page;
}

}  // namespace quiver::parquet::page
