// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/column/column_reader.h"

#include <algorithm>

#include "core/str_cat.h"
#include "parquet/encoding/rle.h"
#include "parquet/page/page_reader.h"

namespace quiver::parquet::column {
namespace {

using internal::StrCat;
using encoding::ValueBuffer;

// Decodes `n` levels of one kind from a loaded page section and checks their maximum.
// `*values_start` receives where the values begin when the section was open-ended
// (v1 BIT_PACKED).
Status DecodeLevels(std::span<const uint8_t> section, bool v2, Encoding enc, int16_t max_level, const char* what,
                    int64_t n, std::vector<uint16_t>* levels, std::span<const uint8_t>* values_start) {
  const int bw = encoding::BitWidthOf(static_cast<uint64_t>(max_level));
  size_t old = levels->size();
  levels->resize(old + static_cast<size_t>(n));
  uint16_t* out = levels->data() + old;
  if (!v2 && enc == Encoding::kBitPacked) {
    int64_t used;
    QUIVER_RETURN_IF_ERROR(encoding::DecodeBitPackedMsb(section, bw, out, n, &used));
    *values_start = section.subspan(static_cast<size_t>(used));
  } else {
    encoding::RleBitPackedDecoder dec(v2 ? section : section.subspan(4), bw);
    QUIVER_RETURN_IF_ERROR(dec.Decode(out, n).WithContext(what));
  }
  uint16_t max = 0;
  for (int64_t i = 0; i < n; ++i) max = std::max(max, out[i]);
  if (max > max_level) return Status::InvalidInput(StrCat("expected ", what, " <= ", max_level, " but found ", max));
  return Status::OK();
}

Status CheckIndices(const std::vector<uint32_t>& idx, int64_t dict_count) {
  uint32_t max = 0;
  for (uint32_t v : idx) max = std::max(max, v);
  if (!idx.empty() && max >= dict_count) {
    return Status::InvalidInput(StrCat("expected dictionary index < ", dict_count, " but found ", max));
  }
  return Status::OK();
}

struct ChunkState {
  const ColumnDescriptor& desc;
  const ReadOptions& options;
  LeafData* out;
  std::optional<ValueBuffer> dict;
  bool dict_mode;
};

// Leaves dictionary mode: the indices gathered so far become values.
Status MaterializeDictionary(ChunkState* s) {
  if (!s->dict_mode) return Status::OK();
  s->dict_mode = false;
  std::vector<uint32_t> idx(s->out->indices.begin(), s->out->indices.end());
  s->out->indices.clear();
  if (idx.empty()) return Status::OK();
  return encoding::GatherDictionary(*s->dict, idx.data(), static_cast<int64_t>(idx.size()), &s->out->values);
}

Status DecodeValues(ChunkState* s, Encoding enc, std::span<const uint8_t> in, int64_t n) {
  ValueBuffer* values = &s->out->values;
  const PhysicalType t = s->desc.type;
  switch (enc) {
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!s->dict) {
        return Status::InvalidInput("expected a dictionary page before dictionary-encoded data but found none");
      }
      std::vector<uint32_t> idx;
      QUIVER_RETURN_IF_ERROR(encoding::DecodeDictionaryIndices(in, n, &idx));
      if (s->dict_mode) {
        QUIVER_RETURN_IF_ERROR(CheckIndices(idx, s->dict->count));
        s->out->indices.insert(s->out->indices.end(), idx.begin(), idx.end());
        return Status::OK();
      }
      return encoding::GatherDictionary(*s->dict, idx.data(), n, values);
    }
    default:
      break;
  }
  QUIVER_RETURN_IF_ERROR(MaterializeDictionary(s));
  switch (enc) {
    case Encoding::kPlain:
      return encoding::DecodePlain(in, n, values);
    case Encoding::kRle:
      if (t != PhysicalType::kBoolean) break;
      return encoding::DecodeRleBooleans(in, n, values);
    case Encoding::kDeltaBinaryPacked: {
      if (t != PhysicalType::kInt32 && t != PhysicalType::kInt64) break;
      int64_t used;
      return encoding::DecodeDeltaBinaryPacked(in, n, values, &used);
    }
    case Encoding::kDeltaLengthByteArray:
      if (t != PhysicalType::kByteArray) break;
      return encoding::DecodeDeltaLengthByteArray(in, n, values);
    case Encoding::kDeltaByteArray:
      if (t != PhysicalType::kByteArray && t != PhysicalType::kFixedLenByteArray) break;
      return encoding::DecodeDeltaByteArray(in, n, s->options.limits.max_buffer_size, values);
    case Encoding::kByteStreamSplit:
      if (t == PhysicalType::kBoolean || t == PhysicalType::kByteArray) break;
      return encoding::DecodeByteStreamSplit(in, n, values);
    default:
      return Status::Unsupported(StrCat("expected a supported encoding but found ", EncodingName(enc)));
  }
  return Status::InvalidInput(StrCat("expected an encoding valid for ", PhysicalTypeName(t), " but found ", EncodingName(enc)));
}

// Decodes one data page; returns the number of rows it started.
Result<int64_t> DecodeDataPage(ChunkState* s, page::PageReader* pr, const page::PageInfo& info) {
  const PageHeader& h = info.header;
  const bool v2 = h.type == PageType::kDataPageV2;
  if (v2 ? !h.data_page_header_v2 : !h.data_page_header) {
    return Status::InvalidInput(v2 ? "expected a data_page_header_v2 in a DATA_PAGE_V2 header but found none"
                                   : "expected a data_page_header in a DATA_PAGE header but found none");
  }
  const int64_t n = v2 ? h.data_page_header_v2->num_values : h.data_page_header->num_values;
  if (n < 0 || n > s->options.parquet_limits.max_page_values) {
    return Status::InvalidInput(StrCat("expected a page value count in [0, ", s->options.parquet_limits.max_page_values,
                                       "] but found ", n));
  }
  const ColumnDescriptor& d = s->desc;
  QUIVER_ASSIGN_OR_RETURN(page::LoadedPage page, pr->Load(info, d.max_rep > 0, d.max_def > 0));
  std::span<const uint8_t> values = page.values;
  LeafData* L = s->out;
  int64_t rows = n;
  if (d.max_rep > 0) {
    Encoding enc = v2 ? Encoding::kRle : h.data_page_header->repetition_level_encoding;
    size_t old = L->rep.size();
    QUIVER_RETURN_IF_ERROR(DecodeLevels(page.rep_levels, v2, enc, d.max_rep, "repetition level", n, &L->rep, &values));
    rows = std::count(L->rep.begin() + static_cast<ptrdiff_t>(old), L->rep.end(), 0);
  }
  int64_t non_null = n;
  if (d.max_def > 0) {
    Encoding enc = v2 ? Encoding::kRle : h.data_page_header->definition_level_encoding;
    size_t old = L->def.size();
    QUIVER_RETURN_IF_ERROR(DecodeLevels(page.def_levels, v2, enc, d.max_def, "definition level", n, &L->def, &values));
    non_null = std::count(L->def.begin() + static_cast<ptrdiff_t>(old), L->def.end(), static_cast<uint16_t>(d.max_def));
  }
  Encoding enc = v2 ? h.data_page_header_v2->encoding : h.data_page_header->encoding;
  QUIVER_RETURN_IF_ERROR(DecodeValues(s, enc, values, non_null));
  return rows;
}

}  // namespace

Status ReadColumnChunk(std::shared_ptr<Buffer> chunk, int64_t chunk_offset, const ColumnMetaData& meta,
                       const OffsetIndex* offset_index, int64_t row_group_rows, int64_t row_begin, int64_t row_end,
                       bool want_dictionary, const ReadOptions& options, LeafData* out) {
  const ColumnDescriptor& d = out->desc;
  page::PageReader pr(std::move(chunk), chunk_offset, meta.codec, options);
  ChunkState s{d, options, out, std::nullopt, want_dictionary && d.type == PhysicalType::kByteArray};
  int64_t row_cursor = 0;   // first row of the next page
  int64_t first_row = -1;   // first row of the first decoded page
  page::PageInfo info;
  for (;;) {
    QUIVER_ASSIGN_OR_RETURN(bool more, pr.Next(&info));
    if (!more || row_cursor >= row_end) break;
    const PageHeader& h = info.header;
    std::string ctx = StrCat("page[", info.index, "]");
    if (h.type == PageType::kDictionaryPage) {
      if (s.dict) return Status::InvalidInput("expected at most one dictionary page but found another").WithContext(ctx);
      if (!h.dictionary_page_header) {
        return Status::InvalidInput("expected a dictionary_page_header but found none").WithContext(ctx);
      }
      const DictionaryPageHeader& dh = *h.dictionary_page_header;
      if (dh.encoding != Encoding::kPlain && dh.encoding != Encoding::kPlainDictionary) {
        return Status::Unsupported(StrCat("expected a PLAIN dictionary page but found ", EncodingName(dh.encoding)))
            .WithContext(ctx);
      }
      if (dh.num_values < 0 || dh.num_values > options.parquet_limits.max_page_values) {
        return Status::InvalidInput(StrCat("expected a dictionary size in [0, ", options.parquet_limits.max_page_values,
                                           "] but found ", dh.num_values))
            .WithContext(ctx);
      }
      auto loaded = pr.Load(info, false, false);
      if (!loaded.ok()) return std::move(loaded).status().WithContext(ctx);
      s.dict.emplace(d.type, d.type_length);
      QUIVER_RETURN_IF_ERROR_CTX(encoding::DecodePlain(loaded->values, dh.num_values, &*s.dict), ctx);
      continue;
    }
    if (h.type != PageType::kDataPage && h.type != PageType::kDataPageV2) continue;  // index pages
    // Rows of this page when known without decoding it: data page v2 and flat v1 pages
    // say so; otherwise the offset index does.
    int64_t known_rows = -1;
    if (h.type == PageType::kDataPageV2 && h.data_page_header_v2) {
      known_rows = h.data_page_header_v2->num_rows;
    } else if (d.max_rep == 0 && h.data_page_header) {
      known_rows = h.data_page_header->num_values;
    } else if (offset_index) {
      const auto& locs = offset_index->page_locations;
      for (size_t i = 0; i < locs.size(); ++i) {
        if (locs[i].offset == info.file_offset) {
          int64_t first = locs[i].first_row_index;
          int64_t next = i + 1 < locs.size() ? locs[i + 1].first_row_index : row_group_rows;
          // An index that contradicts the row group is ignored (the page is decoded).
          if (first >= 0 && first <= next && next <= row_group_rows) known_rows = next - first;
          break;
        }
      }
    }
    if (known_rows >= 0 && row_cursor + known_rows <= row_begin && first_row < 0) {
      row_cursor += known_rows;  // wholly before the range: skipped undecoded
      continue;
    }
    auto rows = DecodeDataPage(&s, &pr, info);
    if (!rows.ok()) return std::move(rows).status().WithContext(ctx);
    if (first_row < 0) first_row = row_cursor;
    row_cursor += *rows;
  }
  if (first_row < 0) first_row = row_cursor;
  if (row_cursor < row_end || first_row > row_begin) {
    return Status::InvalidInput(StrCat("expected the column chunk to hold rows [", row_begin, ", ", row_end,
                                       ") but its pages hold rows [", first_row, ", ", row_cursor, ")"));
  }
  if (s.dict_mode) {
    out->dictionary_mode = true;
    out->values = std::move(*s.dict);
  }
  // Trim to exactly [row_begin, row_end).
  const int64_t skip_rows = row_begin - first_row, want_rows = row_end - row_begin;
  const bool has_levels = d.max_rep > 0 || d.max_def > 0;
  const int64_t entries = d.max_rep > 0 ? static_cast<int64_t>(out->rep.size())
                          : d.max_def > 0 ? static_cast<int64_t>(out->def.size())
                          : (out->dictionary_mode ? static_cast<int64_t>(out->indices.size()) : out->values.count);
  if (d.max_rep == 0) {
    out->entry_begin = skip_rows;
    out->entry_end = skip_rows + want_rows;
  } else {
    int64_t row = -1;
    out->entry_begin = entries;
    out->entry_end = entries;
    for (int64_t i = 0; i < entries; ++i) {
      if (out->rep[static_cast<size_t>(i)] != 0) {
        if (i == 0) return Status::InvalidInput("expected repetition level 0 at the start of the column chunk but found more");
        continue;
      }
      ++row;
      if (row == skip_rows) out->entry_begin = i;
      if (row == skip_rows + want_rows) {
        out->entry_end = i;
        break;
      }
    }
  }
  if (out->entry_end > entries) {
    return Status::InvalidInput(StrCat("expected ", out->entry_end, " level entries but found ", entries));
  }
  if (!has_levels || d.max_def == 0) {
    out->value_begin = out->entry_begin;
    out->value_end = out->entry_end;
  } else {
    const uint16_t md = static_cast<uint16_t>(d.max_def);
    auto def_begin = out->def.begin();
    out->value_begin = std::count(def_begin, def_begin + out->entry_begin, md);
    out->value_end = out->value_begin + std::count(def_begin + out->entry_begin, def_begin + out->entry_end, md);
  }
  const int64_t nvalues = out->dictionary_mode ? static_cast<int64_t>(out->indices.size()) : out->values.count;
  if (out->value_end > nvalues) {
    return Status::InvalidInput(StrCat("expected ", out->value_end, " values but found ", nvalues));
  }
  return Status::OK();
}

}  // namespace quiver::parquet::column
