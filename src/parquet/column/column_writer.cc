// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Data pages are built first (their dictionary indices grow the dictionary), then the
// dictionary page is placed before them. Values are looked up in the dictionary a few
// thousand at a time; once the dictionary outgrows dictionary_page_bytes, the page ends at
// the next row boundary and the rest of the chunk uses the fallback encoding (as Arrow C++
// checks after each write batch), so a column of mostly distinct values stops hashing early.
#include "parquet/column/column_writer.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/str_cat.h"
#include "parquet/column/dictionary_builder.h"
#include "parquet/column/statistics.h"
#include "parquet/encoding/encode.h"
#include "parquet/encoding/rle.h"
#include "parquet/thrift/metadata_encode.h"
#include "quiver/codec/codec.h"

namespace quiver::parquet::column {

using internal::StrCat;

namespace {

// Values looked up in the dictionary between two checks of its size.
constexpr int64_t kDictionaryCheckValues = 4096;

Result<const codec::Codec*> CodecFor(Compression c) {
  switch (c) {
    case Compression::kUncompressed: return static_cast<const codec::Codec*>(nullptr);
    case Compression::kSnappy: return codec::GetCodec(codec::CodecKind::kSnappy);
    case Compression::kGzip: return codec::GetCodec(codec::CodecKind::kGzip);
    case Compression::kBrotli: return codec::GetCodec(codec::CodecKind::kBrotli);
    case Compression::kZstd: return codec::GetCodec(codec::CodecKind::kZstd);
    case Compression::kLz4Raw: return codec::GetCodec(codec::CodecKind::kLz4Raw);
    case Compression::kLz4: return codec::GetCodec(codec::CodecKind::kLz4Hadoop);
    default: return Status::Unsupported(StrCat("expected a codec Quiver can write but found ", CompressionName(c)));
  }
}

Status Compress(const codec::Codec* codec, int level, std::span<const uint8_t> in, std::vector<uint8_t>* out) {
  if (!codec) {
    out->insert(out->end(), in.begin(), in.end());
    return Status::OK();
  }
  QUIVER_ASSIGN_OR_RETURN(int64_t bound, codec->MaxCompressedLength(static_cast<int64_t>(in.size())));
  const size_t at = out->size();
  out->resize(at + static_cast<size_t>(bound));
  QUIVER_ASSIGN_OR_RETURN(int64_t n,
                          codec->Compress(in, std::span<uint8_t>(out->data() + at, static_cast<size_t>(bound)), level));
  out->resize(at + static_cast<size_t>(n));
  return Status::OK();
}

Status CheckPageSize(size_t n) {
  if (n > static_cast<size_t>(INT32_MAX)) {
    return Status::LimitExceeded(StrCat("expected a page of at most 2147483647 bytes but found ", n));
  }
  return Status::OK();
}

int64_t PlainSize(const encoding::ValueBuffer& v, int64_t i) {
  if (!v.binary()) return v.width;
  const int64_t* off = v.offset_data();
  return 4 + off[i + 1] - off[i];
}

void AppendLevels(const uint16_t* levels, int64_t n, int16_t max, bool length_prefix, std::vector<uint8_t>* out) {
  const size_t at = out->size();
  if (length_prefix) out->resize(at + 4);
  encoding::EncodeRleHybrid(levels, n, encoding::BitWidthOf(static_cast<uint64_t>(max)), out);
  if (length_prefix) {
    const uint32_t len = static_cast<uint32_t>(out->size() - at - 4);
    std::memcpy(out->data() + at, &len, 4);
  }
}

void EncodeValues(Encoding e, const encoding::ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  switch (e) {
    case Encoding::kRle: return encoding::EncodeRleBooleans(v, begin, n, out);
    case Encoding::kDeltaBinaryPacked: return encoding::EncodeDeltaBinaryPacked(v, begin, n, out);
    case Encoding::kDeltaLengthByteArray: return encoding::EncodeDeltaLengthByteArray(v, begin, n, out);
    case Encoding::kDeltaByteArray: return encoding::EncodeDeltaByteArray(v, begin, n, out);
    case Encoding::kByteStreamSplit: return encoding::EncodeByteStreamSplit(v, begin, n, out);
    default: return encoding::EncodePlain(v, begin, n, out);
  }
}

struct Page {
  std::vector<uint8_t> bytes;  // header and payload
  int64_t first_row = 0;
  int64_t num_values = 0;  // non-null values
  StatsCollector stats;
};

BoundaryOrder Order(const std::vector<Page>& pages, const StatsCollector& cmp, const ColumnIndex& ci) {
  bool asc = true, desc = true;
  int last = -1;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (ci.null_pages[i]) continue;
    if (last >= 0) {
      const int cmin = cmp.Compare(ci.min_values[i], ci.min_values[static_cast<size_t>(last)]);
      const int cmax = cmp.Compare(ci.max_values[i], ci.max_values[static_cast<size_t>(last)]);
      asc = asc && cmin >= 0 && cmax >= 0;
      desc = desc && cmin <= 0 && cmax <= 0;
    }
    last = static_cast<int>(i);
  }
  return asc ? BoundaryOrder::kAscending : desc ? BoundaryOrder::kDescending : BoundaryOrder::kUnordered;
}

}  // namespace

bool EncodingValidFor(Encoding e, PhysicalType t) {
  switch (e) {
    case Encoding::kPlain: return true;
    case Encoding::kRle: return t == PhysicalType::kBoolean;
    case Encoding::kDeltaBinaryPacked: return t == PhysicalType::kInt32 || t == PhysicalType::kInt64;
    case Encoding::kDeltaLengthByteArray: return t == PhysicalType::kByteArray;
    case Encoding::kDeltaByteArray: return t == PhysicalType::kByteArray || t == PhysicalType::kFixedLenByteArray;
    case Encoding::kByteStreamSplit:
      return t == PhysicalType::kFloat || t == PhysicalType::kDouble || t == PhysicalType::kInt32 ||
             t == PhysicalType::kInt64 || t == PhysicalType::kFixedLenByteArray;
    default: return false;
  }
}

Status WriteColumnChunk(const arrow::WriteLeaf& leaf, const arrow::LeafChunk& data, const ColumnWriteConfig& config,
                        int64_t file_offset, std::vector<uint8_t>* out, WrittenChunk* result) {
  QUIVER_ASSIGN_OR_RETURN(const codec::Codec* codec, CodecFor(config.codec));
  const encoding::ValueBuffer& values = data.values;
  const int64_t entries = static_cast<int64_t>(data.def.size());
  const bool has_def = leaf.max_def > 0, has_rep = leaf.max_rep > 0;
  const bool v2 = config.page_version == 2;
  DictionaryBuilder dict(values.type, values.width);
  bool dict_on = config.dictionary && leaf.type != PhysicalType::kBoolean && values.count > 0;
  bool dict_used = false, fallback_used = false;
  ColumnMetaData& m = result->chunk.meta_data.emplace();
  std::vector<Page> pages;
  std::vector<uint8_t> vbytes, levels, raw, payload;
  std::vector<uint32_t> indices;
  int64_t e = 0, v = 0, row = 0;
  while (e < entries) {
    // Cut the page at the first row boundary past the target size. Dictionary indices are
    // estimated at the byte width of the dictionary so far (at least one byte).
    const int64_t index_bytes = (encoding::BitWidthOf(static_cast<uint64_t>(dict.values().count) + 1) + 7) / 8;
    int64_t e1 = e, v1 = v, rows = 0, bytes = 0;
    while (e1 < entries) {
      if (data.def[static_cast<size_t>(e1)] == leaf.max_def && leaf.conv != arrow::ValueConv::kNone) {
        bytes += dict_on ? index_bytes : PlainSize(values, v1);
        ++v1;
      }
      bytes += 1;
      ++e1;
      if (e1 == entries || data.rep[static_cast<size_t>(e1)] == 0) {
        ++rows;
        if (bytes >= config.data_page_bytes) break;
      }
    }
    // Values.
    vbytes.clear();
    Encoding enc = config.encoding;
    const bool dict_page = dict_on;
    if (dict_on) {
      indices.resize(static_cast<size_t>(v1 - v));
      uint32_t max_index = 0;
      int64_t done = 0;
      while (v + done < v1) {
        const int64_t n = std::min(kDictionaryCheckValues, v1 - v - done);
        QUIVER_RETURN_IF_ERROR(dict.IndicesOf(values, v + done, n, indices.data() + done, &max_index));
        done += n;
        if (dict.plain_bytes() <= config.dictionary_page_bytes) continue;
        dict_on = false;
        if (v + done == v1) break;
        // End the page at the first row boundary after the values looked up, and look up
        // the values of that row's remaining entries too.
        int64_t seen = 0;
        e1 = e;
        while (seen < done) {
          if (data.def[static_cast<size_t>(e1)] == leaf.max_def && leaf.conv != arrow::ValueConv::kNone) ++seen;
          ++e1;
        }
        v1 = v + done;
        while (has_rep && e1 < entries && data.rep[static_cast<size_t>(e1)] != 0) {
          if (data.def[static_cast<size_t>(e1)] == leaf.max_def && leaf.conv != arrow::ValueConv::kNone) ++v1;
          ++e1;
        }
        if (v1 > v + done) {
          QUIVER_RETURN_IF_ERROR(dict.IndicesOf(values, v + done, v1 - v - done, indices.data() + done, &max_index));
        }
        rows = 0;
        for (int64_t i = e; i < e1; ++i) {
          if (!has_rep || data.rep[static_cast<size_t>(i)] == 0) ++rows;
        }
        break;
      }
      encoding::EncodeDictionaryIndices(indices.data(), v1 - v, encoding::BitWidthOf(max_index), &vbytes);
      enc = Encoding::kRleDictionary;
      dict_used = true;
    }
    const int64_t n_entries = e1 - e, n_values = v1 - v;
    Page& page = pages.emplace_back(Page{{}, row, n_values, StatsCollector(leaf.type, leaf.order)});
    if (config.statistics) {
      page.stats.Update(values, v, n_values);
      page.stats.AddNulls(n_entries - n_values);
    }
    if (!dict_page) {
      EncodeValues(enc, values, v, n_values, &vbytes);
      fallback_used = true;
    }
    // Levels.
    levels.clear();
    if (has_rep) AppendLevels(data.rep.data() + e, n_entries, leaf.max_rep, !v2, &levels);
    const size_t rep_size = levels.size();
    if (has_def) AppendLevels(data.def.data() + e, n_entries, leaf.max_def, !v2, &levels);
    const size_t def_size = levels.size() - rep_size;
    PageHeader h;
    h.uncompressed_page_size = 0;
    payload.clear();
    if (v2) {
      payload.insert(payload.end(), levels.begin(), levels.end());
      QUIVER_RETURN_IF_ERROR(Compress(codec, config.level, vbytes, &payload));
      h.type = PageType::kDataPageV2;
      DataPageHeaderV2& d = h.data_page_header_v2.emplace();
      d.num_values = static_cast<int32_t>(n_entries);
      d.num_nulls = static_cast<int32_t>(n_entries - n_values);
      d.num_rows = static_cast<int32_t>(rows);
      d.encoding = enc;
      d.definition_levels_byte_length = static_cast<int32_t>(def_size);
      d.repetition_levels_byte_length = static_cast<int32_t>(rep_size);
      d.is_compressed = codec != nullptr;
      if (config.statistics) d.statistics = page.stats.ToThrift(config.max_statistics_bytes);
    } else {
      raw.assign(levels.begin(), levels.end());
      raw.insert(raw.end(), vbytes.begin(), vbytes.end());
      QUIVER_RETURN_IF_ERROR(Compress(codec, config.level, raw, &payload));
      h.type = PageType::kDataPage;
      DataPageHeader& d = h.data_page_header.emplace();
      d.num_values = static_cast<int32_t>(n_entries);
      d.encoding = enc;
      if (config.statistics) d.statistics = page.stats.ToThrift(config.max_statistics_bytes);
    }
    QUIVER_RETURN_IF_ERROR(CheckPageSize(levels.size() + vbytes.size()));
    QUIVER_RETURN_IF_ERROR(CheckPageSize(payload.size()));
    h.uncompressed_page_size = static_cast<int32_t>(levels.size() + vbytes.size());
    h.compressed_page_size = static_cast<int32_t>(payload.size());
    thrift::EncodePageHeader(h, &page.bytes);
    page.bytes.insert(page.bytes.end(), payload.begin(), payload.end());
    m.total_uncompressed_size += static_cast<int64_t>(page.bytes.size() - payload.size()) + h.uncompressed_page_size;
    e = e1;
    v = v1;
    row += rows;
  }

  m.type = leaf.type;
  m.path_in_schema = leaf.path;
  m.codec = config.codec;
  m.num_values = entries;
  const size_t start = out->size();
  if (dict_used) {
    raw.clear();
    encoding::EncodePlain(dict.values(), 0, dict.values().count, &raw);
    payload.clear();
    QUIVER_RETURN_IF_ERROR(Compress(codec, config.level, raw, &payload));
    QUIVER_RETURN_IF_ERROR(CheckPageSize(raw.size()));
    QUIVER_RETURN_IF_ERROR(CheckPageSize(payload.size()));
    PageHeader h;
    h.type = PageType::kDictionaryPage;
    h.uncompressed_page_size = static_cast<int32_t>(raw.size());
    h.compressed_page_size = static_cast<int32_t>(payload.size());
    DictionaryPageHeader& d = h.dictionary_page_header.emplace();
    d.num_values = static_cast<int32_t>(dict.values().count);
    d.encoding = Encoding::kPlain;
    const size_t header_at = out->size();
    thrift::EncodePageHeader(h, out);
    m.total_uncompressed_size += static_cast<int64_t>(out->size() - header_at) + h.uncompressed_page_size;
    out->insert(out->end(), payload.begin(), payload.end());
    m.dictionary_page_offset = file_offset + static_cast<int64_t>(start);
  }
  m.data_page_offset = file_offset + static_cast<int64_t>(out->size());
  StatsCollector chunk_stats(leaf.type, leaf.order);
  OffsetIndex oi;
  for (const Page& p : pages) {
    oi.page_locations.push_back(
        {file_offset + static_cast<int64_t>(out->size()), static_cast<int32_t>(p.bytes.size()), p.first_row});
    out->insert(out->end(), p.bytes.begin(), p.bytes.end());
    chunk_stats.Merge(p.stats);
  }
  m.total_compressed_size = static_cast<int64_t>(out->size() - start);
  // Encodings in use, ascending: dictionary page PLAIN, levels RLE, data page encodings.
  bool used[10] = {};
  if (dict_used) used[static_cast<int>(Encoding::kPlain)] = used[static_cast<int>(Encoding::kRleDictionary)] = true;
  if (fallback_used) used[static_cast<int>(config.encoding)] = true;
  if (has_def || has_rep) used[static_cast<int>(Encoding::kRle)] = true;
  for (int i = 0; i < 10; ++i) {
    if (used[i]) m.encodings.push_back(static_cast<Encoding>(i));
  }
  if (config.statistics) m.statistics = chunk_stats.ToThrift(config.max_statistics_bytes);
  result->chunk.file_offset = file_offset + static_cast<int64_t>(start);
  if (config.page_index) {
    result->offset_index = std::move(oi);
    if (config.statistics) {
      ColumnIndex ci;
      bool ok = true;
      for (const Page& p : pages) {
        std::string min, max;
        const bool null_page = p.num_values == 0;
        if (!null_page && !p.stats.IndexBounds(config.max_statistics_bytes, &min, &max)) {
          ok = false;
          break;
        }
        ci.null_pages.push_back(null_page);
        ci.min_values.push_back(std::move(min));
        ci.max_values.push_back(std::move(max));
        ci.null_counts.push_back(p.stats.null_count());
      }
      if (ok) {
        ci.boundary_order = Order(pages, chunk_stats, ci);
        result->column_index = std::move(ci);
      }
    }
  }
  return Status::OK();
}

}  // namespace quiver::parquet::column
