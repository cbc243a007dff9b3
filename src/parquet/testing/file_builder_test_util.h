// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only: a thrift compact-protocol writer and a builder of small Parquet files from
// explicit pages, so tests can craft valid and corrupt files byte by byte. Header-only
// (the library glob skips it); not a Parquet writer.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "quiver/codec/codec.h"
#include "quiver/parquet/metadata.h"

namespace quiver::parquet::testing {

class ThriftWriter {
 public:
  std::vector<uint8_t> bytes;

  void Varint(uint64_t v) {
    while (v >= 0x80) {
      bytes.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    bytes.push_back(static_cast<uint8_t>(v));
  }
  void ZigZag(int64_t v) { Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void Field(int16_t id, uint8_t type) {
    int16_t& last = last_.back();
    if (id > last && id - last <= 15) {
      bytes.push_back(static_cast<uint8_t>(((id - last) << 4) | type));
    } else {
      bytes.push_back(type);
      ZigZag(id);
    }
    last = id;
  }
  void I32(int16_t id, int64_t v) { Field(id, 5), ZigZag(v); }
  void I64(int16_t id, int64_t v) { Field(id, 6), ZigZag(v); }
  void Bool(int16_t id, bool v) { Field(id, v ? 1 : 2); }
  void Binary(int16_t id, const std::string& s) {
    Field(id, 8);
    Varint(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  void BeginStruct(int16_t id) {
    Field(id, 12);
    last_.push_back(0);
  }
  void End() {
    bytes.push_back(0);
    if (last_.size() > 1) last_.pop_back();
  }
  void ListHeader(int16_t id, uint8_t elem_type, size_t n) {
    Field(id, 9);
    if (n < 15) {
      bytes.push_back(static_cast<uint8_t>((n << 4) | elem_type));
    } else {
      bytes.push_back(static_cast<uint8_t>(0xf0 | elem_type));
      Varint(n);
    }
  }
  // A struct inside a list: no field header.
  void BeginElem() { last_.push_back(0); }

 private:
  std::vector<int16_t> last_{0};
};

/// The RLE/bit-packed hybrid as RLE runs only (enough for tests).
inline std::vector<uint8_t> RleRuns(const std::vector<uint32_t>& values, int bit_width) {
  ThriftWriter w;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i;
    while (j < values.size() && values[j] == values[i]) ++j;
    w.Varint((j - i) << 1);
    for (int b = 0; b < (bit_width + 7) / 8; ++b) w.bytes.push_back(static_cast<uint8_t>(values[i] >> (8 * b)));
    i = j;
  }
  return w.bytes;
}

/// A v1 level section: 4-byte length, then RLE runs.
inline std::vector<uint8_t> V1Levels(const std::vector<uint32_t>& levels, int bit_width) {
  std::vector<uint8_t> runs = RleRuns(levels, bit_width);
  uint32_t n = static_cast<uint32_t>(runs.size());
  std::vector<uint8_t> out(4);
  std::memcpy(out.data(), &n, 4);
  out.insert(out.end(), runs.begin(), runs.end());
  return out;
}

template <typename T>
std::vector<uint8_t> PlainValues(const std::vector<T>& v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

inline std::vector<uint8_t> PlainStrings(const std::vector<std::string>& v) {
  std::vector<uint8_t> out;
  for (const auto& s : v) {
    uint32_t n = static_cast<uint32_t>(s.size());
    out.insert(out.end(), reinterpret_cast<uint8_t*>(&n), reinterpret_cast<uint8_t*>(&n) + 4);
    out.insert(out.end(), s.begin(), s.end());
  }
  return out;
}

inline std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

struct PageSpec {
  PageType type = PageType::kDataPage;
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  /// The uncompressed payload (levels + values for v1).
  std::vector<uint8_t> body;
  /// v2 only: level byte lengths at the start of `body`, num_nulls, num_rows.
  int32_t rep_bytes = 0, def_bytes = 0, num_nulls = 0, num_rows = 0;
  /// Overrides of the sizes written in the header.
  std::optional<int32_t> uncompressed_size, compressed_size;
  /// v1 only: the definition level encoding written in the header (BIT_PACKED is deprecated).
  Encoding def_encoding = Encoding::kRle;
};

struct ChunkSpec {
  std::vector<PageSpec> pages;
  Compression codec = Compression::kUncompressed;
  /// Writes this dictionary_page_offset instead of the real one (-1: none at all).
  std::optional<int64_t> dictionary_page_offset_override;
  /// Points data_page_offset at the chunk's first page, whatever it is (parquet-mr quirk).
  bool data_page_offset_at_start = false;
  /// Statistics min_value / max_value (PLAIN bytes), written when both are set.
  std::optional<std::string> min_value, max_value;
};

inline ChunkSpec Chunk(std::vector<PageSpec> pages, Compression codec = Compression::kUncompressed) {
  ChunkSpec c;
  c.pages = std::move(pages);
  c.codec = codec;
  return c;
}

struct ColumnSpec {
  std::string name;
  PhysicalType type = PhysicalType::kInt32;
  Repetition repetition = Repetition::kRequired;
  ConvertedType converted = ConvertedType::kNone;
  int32_t type_length = 0;
  /// The LogicalType union member id (parquet.thrift; -1: none), with an empty struct.
  int logical = -1;
};

struct FileSpec {
  /// Flat schema: the root plus one leaf per column, unless `schema` is given.
  std::vector<ColumnSpec> columns;
  /// Raw schema elements (root first) for nested schemas: {name, type or -1 for groups,
  /// repetition, num_children, converted type}.
  struct Element {
    std::string name;
    int type = -1;
    int repetition = 0;
    int num_children = 0;
    int converted = -1;
    int type_length = 0;
    int scale = 0;
    int precision = 0;
    /// The LogicalType union member id (-1: none); GEOMETRY/GEOGRAPHY may add `crs` and
    /// GEOGRAPHY `algorithm` (-1: absent); every other member is written empty.
    int logical = -1;
    std::string crs = {};
    int algorithm = -1;
  };
  std::vector<Element> schema;
  /// Row groups: rows and one chunk per leaf.
  struct RowGroupSpec {
    int64_t num_rows = 0;
    std::vector<ChunkSpec> chunks;
  };
  std::vector<RowGroupSpec> row_groups;
  std::vector<std::pair<std::string, std::string>> key_values;
};

inline std::vector<uint8_t> Compress(Compression codec, const std::vector<uint8_t>& in) {
  if (codec == Compression::kUncompressed) return in;
  codec::CodecKind kind = codec == Compression::kSnappy ? codec::CodecKind::kSnappy
                          : codec == Compression::kZstd ? codec::CodecKind::kZstd
                          : codec == Compression::kGzip ? codec::CodecKind::kGzip
                                                        : codec::CodecKind::kLz4Raw;
  const codec::Codec* c = *codec::GetCodec(kind);
  auto buf = *codec::CompressToBuffer(*c, in);
  return std::vector<uint8_t>(buf->data(), buf->data() + buf->size());
}

inline void WritePageHeader(ThriftWriter& w, const PageSpec& p, int32_t usize, int32_t csize) {
  w.I32(1, static_cast<int>(p.type));
  w.I32(2, p.uncompressed_size.value_or(usize));
  w.I32(3, p.compressed_size.value_or(csize));
  if (p.type == PageType::kDataPage) {
    w.BeginStruct(5);
    w.I32(1, p.num_values);
    w.I32(2, static_cast<int>(p.encoding));
    w.I32(3, static_cast<int>(p.def_encoding));
    w.I32(4, static_cast<int>(Encoding::kRle));
    w.End();
  } else if (p.type == PageType::kDictionaryPage) {
    w.BeginStruct(7);
    w.I32(1, p.num_values);
    w.I32(2, static_cast<int>(p.encoding));
    w.End();
  } else if (p.type == PageType::kDataPageV2) {
    w.BeginStruct(8);
    w.I32(1, p.num_values);
    w.I32(2, p.num_nulls);
    w.I32(3, p.num_rows);
    w.I32(4, static_cast<int>(p.encoding));
    w.I32(5, p.def_bytes);
    w.I32(6, p.rep_bytes);
    w.End();
  }
  w.End();
}

/// Serialises `spec`; `mutate_footer`, when given, edits the FileMetaData bytes.
inline std::vector<uint8_t> BuildFile(const FileSpec& spec,
                                      const std::function<void(std::vector<uint8_t>*)>& mutate_footer = {}) {
  std::vector<uint8_t> file = {'P', 'A', 'R', '1'};
  struct ChunkMeta {
    int64_t start, data_offset, size, num_values;
    std::optional<int64_t> dict_offset;
    Compression codec;
    PhysicalType type;
    std::string name;
    std::optional<std::string> min_value, max_value;
  };
  std::vector<std::vector<ChunkMeta>> metas;
  std::vector<FileSpec::Element> schema = spec.schema;
  std::vector<std::pair<std::string, PhysicalType>> leaves;
  if (schema.empty()) {
    schema.push_back({"schema", -1, 0, static_cast<int>(spec.columns.size()), -1});
    for (const auto& c : spec.columns) {
      schema.push_back({c.name, static_cast<int>(c.type), static_cast<int>(c.repetition), 0,
                        static_cast<int>(c.converted), c.type_length, 0, 0, c.logical});
    }
  }
  for (size_t i = 1; i < schema.size(); ++i) {
    if (schema[i].type >= 0) leaves.emplace_back(schema[i].name, static_cast<PhysicalType>(schema[i].type));
  }
  for (const auto& rg : spec.row_groups) {
    auto& ms = metas.emplace_back();
    for (size_t c = 0; c < rg.chunks.size(); ++c) {
      const ChunkSpec& ch = rg.chunks[c];
      ChunkMeta m{static_cast<int64_t>(file.size()), -1, 0, 0, std::nullopt, ch.codec,
                  c < leaves.size() ? leaves[c].second : PhysicalType::kInt32, c < leaves.size() ? leaves[c].first : "x",
                  ch.min_value, ch.max_value};
      for (const PageSpec& p : ch.pages) {
        std::vector<uint8_t> payload;
        if (p.type == PageType::kDataPageV2) {
          std::vector<uint8_t> levels(p.body.begin(), p.body.begin() + p.rep_bytes + p.def_bytes);
          std::vector<uint8_t> values(p.body.begin() + p.rep_bytes + p.def_bytes, p.body.end());
          payload = Concat({levels, Compress(ch.codec, values)});
        } else {
          payload = Compress(ch.codec, p.body);
        }
        ThriftWriter h;
        WritePageHeader(h, p, static_cast<int32_t>(p.body.size()), static_cast<int32_t>(payload.size()));
        if (p.type == PageType::kDictionaryPage) m.dict_offset = static_cast<int64_t>(file.size());
        else if (m.data_offset < 0) m.data_offset = static_cast<int64_t>(file.size());
        if (p.type != PageType::kDictionaryPage) m.num_values += p.num_values;
        file.insert(file.end(), h.bytes.begin(), h.bytes.end());
        file.insert(file.end(), payload.begin(), payload.end());
      }
      if (ch.dictionary_page_offset_override) {
        m.dict_offset = *ch.dictionary_page_offset_override;
        if (*m.dict_offset < 0) m.dict_offset.reset();
      }
      if (ch.data_page_offset_at_start) m.data_offset = m.start;
      if (m.data_offset < 0) m.data_offset = static_cast<int64_t>(file.size());
      m.size = static_cast<int64_t>(file.size()) - m.start;
      ms.push_back(m);
    }
  }
  ThriftWriter w;
  w.I32(1, 2);
  w.ListHeader(2, 12, schema.size());
  for (const auto& e : schema) {
    w.BeginElem();
    if (e.type >= 0) w.I32(1, e.type);
    if (&e != &schema[0]) w.I32(3, e.repetition);
    w.Binary(4, e.name);
    if (e.type < 0) w.I32(5, e.num_children);
    if (e.type_length > 0) w.I32(2, e.type_length);
    if (e.converted >= 0) w.I32(6, e.converted);
    if (e.precision > 0) {
      w.I32(7, e.scale);
      w.I32(8, e.precision);
    }
    if (e.logical >= 0) {
      w.BeginStruct(10);
      w.BeginStruct(static_cast<int16_t>(e.logical));
      if (!e.crs.empty()) w.Binary(1, e.crs);
      if (e.algorithm >= 0) w.I32(2, e.algorithm);
      w.End();
      w.End();
    }
    w.End();
  }
  int64_t rows = 0;
  for (const auto& rg : spec.row_groups) rows += rg.num_rows;
  w.I64(3, rows);
  w.ListHeader(4, 12, spec.row_groups.size());
  for (size_t g = 0; g < spec.row_groups.size(); ++g) {
    w.BeginElem();
    w.ListHeader(1, 12, metas[g].size());
    for (const ChunkMeta& m : metas[g]) {
      w.BeginElem();
      w.I64(2, m.start);
      w.BeginStruct(3);
      w.I32(1, static_cast<int>(m.type));
      w.ListHeader(2, 5, 1);
      w.ZigZag(0);
      w.ListHeader(3, 8, 1);
      w.Varint(m.name.size());
      w.bytes.insert(w.bytes.end(), m.name.begin(), m.name.end());
      w.I32(4, static_cast<int>(m.codec));
      w.I64(5, m.num_values);
      w.I64(6, m.size);
      w.I64(7, m.size);
      w.I64(9, m.data_offset);
      if (m.dict_offset) w.I64(11, *m.dict_offset);
      if (m.min_value && m.max_value) {
        w.BeginStruct(12);
        w.Binary(5, *m.max_value);
        w.Binary(6, *m.min_value);
        w.End();
      }
      w.End();
      w.End();
    }
    w.I64(2, 0);
    w.I64(3, spec.row_groups[g].num_rows);
    w.End();
  }
  if (!spec.key_values.empty()) {
    w.ListHeader(5, 12, spec.key_values.size());
    for (const auto& [k, v] : spec.key_values) {
      w.BeginElem();
      w.Binary(1, k);
      w.Binary(2, v);
      w.End();
    }
  }
  w.End();
  if (mutate_footer) mutate_footer(&w.bytes);
  file.insert(file.end(), w.bytes.begin(), w.bytes.end());
  uint32_t len = static_cast<uint32_t>(w.bytes.size());
  file.insert(file.end(), reinterpret_cast<uint8_t*>(&len), reinterpret_cast<uint8_t*>(&len) + 4);
  for (char c : {'P', 'A', 'R', '1'}) file.push_back(static_cast<uint8_t>(c));
  return file;
}

}  // namespace quiver::parquet::testing
