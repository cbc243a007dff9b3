// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Field ids follow parquet.thrift of parquet-format 2.11 (LogicalType members up to 18,
// GEOGRAPHY). Every struct is read with the same loop: fields in any order, unknown ids
// skipped, required ids checked at the end.
#include "parquet/thrift/metadata_decode.h"

#include <string>
#include <utility>

#include "core/str_cat.h"
#include "parquet/thrift/compact_reader.h"

namespace quiver::parquet::thrift {
namespace {

using internal::StrCat;

template <typename OnField>
Status ReadStruct(CompactReader& r, OnField&& on_field) {
  int16_t last = 0;
  for (;;) {
    FieldHeader fh;
    QUIVER_RETURN_IF_ERROR(r.ReadFieldHeader(&last, &fh));
    if (fh.stop()) return Status::OK();
    QUIVER_RETURN_IF_ERROR(on_field(fh));
  }
}

template <typename OnElem>
Status ReadList(CompactReader& r, const FieldHeader& fh, const char* name, CType elem, OnElem&& on_elem) {
  ListHeader lh;
  QUIVER_RETURN_IF_ERROR(r.ReadListHeader(fh, name, elem, &lh));
  for (int64_t i = 0; i < lh.size; ++i) QUIVER_RETURN_IF_ERROR(on_elem());
  return Status::OK();
}

Status Missing(const char* name) {
  return Status::InvalidInput(StrCat("expected required field ", name, " but it is missing"));
}

// Required fields are tracked as bits of `seen`, one per field id.
constexpr uint32_t Bit(int id) { return id >= 0 && id < 32 ? uint32_t{1} << id : 0; }

template <typename E>
Status ReadEnum(CompactReader& r, const FieldHeader& fh, const char* name, int32_t lo, int32_t hi, E* out) {
  int32_t v;
  QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, name, &v));
  if (v < lo || v > hi) return Status::InvalidInput(StrCat("expected ", name, " in [", lo, ", ", hi, "] but found ", v));
  *out = static_cast<E>(v);
  return Status::OK();
}

// Encodings and codecs outside the known set are kept (a newer writer); the page decoder
// reports them as unsupported only if it meets them.
Status ReadEncoding(CompactReader& r, const FieldHeader& fh, const char* name, Encoding* out) {
  return ReadEnum(r, fh, name, 0, 127, out);
}

Status ReadKeyValue(CompactReader& r, std::pair<std::string, std::string>* out) {
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    switch (fh.id) {
      case 1: seen |= Bit(1); return r.ReadString(fh, "KeyValue.key", &out->first);
      case 2: return r.ReadString(fh, "KeyValue.value", &out->second);
      default: return r.Skip(fh.type);
    }
  }));
  return (seen & Bit(1)) ? Status::OK() : Missing("KeyValue.key");
}

Status ReadKeyValues(CompactReader& r, const FieldHeader& fh, const char* name, KeyValueMetadata* out) {
  return ReadList(r, fh, name, CType::kStruct, [&] {
    out->emplace_back();
    return ReadKeyValue(r, &out->back());
  });
}

Status ReadStatistics(CompactReader& r, Statistics* s) {
  auto bin = [&](const FieldHeader& fh, const char* name, std::optional<std::string>* out) {
    std::string v;
    QUIVER_RETURN_IF_ERROR(r.ReadString(fh, name, &v));
    *out = std::move(v);
    return Status::OK();
  };
  return ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int64_t i64;
    bool b;
    switch (fh.id) {
      case 1: return bin(fh, "Statistics.max", &s->max);
      case 2: return bin(fh, "Statistics.min", &s->min);
      case 3: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "Statistics.null_count", &i64)); s->null_count = i64; return Status::OK();
      case 4: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "Statistics.distinct_count", &i64)); s->distinct_count = i64; return Status::OK();
      case 5: return bin(fh, "Statistics.max_value", &s->max_value);
      case 6: return bin(fh, "Statistics.min_value", &s->min_value);
      case 7: QUIVER_RETURN_IF_ERROR(r.ReadBoolField(fh, "Statistics.is_max_value_exact", &b)); s->is_max_value_exact = b; return Status::OK();
      case 8: QUIVER_RETURN_IF_ERROR(r.ReadBoolField(fh, "Statistics.is_min_value_exact", &b)); s->is_min_value_exact = b; return Status::OK();
      default: return r.Skip(fh.type);
    }
  });
}

Status ReadTimeUnit(CompactReader& r, TimeUnit* unit) {
  return ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    switch (fh.id) {
      case 1: *unit = TimeUnit::kMilli; break;
      case 2: *unit = TimeUnit::kMicro; break;
      case 3: *unit = TimeUnit::kNano; break;
      default: break;
    }
    return r.Skip(fh.type);
  });
}

Status ReadLogicalType(CompactReader& r, LogicalType* lt) {
  using K = LogicalType::Kind;
  return ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "LogicalType member"));
    switch (fh.id) {
      case 5:
        lt->kind = K::kDecimal;
        return ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id == 1) return r.ReadI32(f, "DecimalType.scale", &lt->scale);
          if (f.id == 2) return r.ReadI32(f, "DecimalType.precision", &lt->precision);
          return r.Skip(f.type);
        });
      case 7:
      case 8:
        lt->kind = fh.id == 7 ? K::kTime : K::kTimestamp;
        return ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id == 1) return r.ReadBoolField(f, "TimeType.isAdjustedToUTC", &lt->is_adjusted_to_utc);
          if (f.id == 2) {
            QUIVER_RETURN_IF_ERROR(r.ExpectStruct(f, "TimeType.unit"));
            return ReadTimeUnit(r, &lt->unit);
          }
          return r.Skip(f.type);
        });
      case 10:
        lt->kind = K::kInteger;
        return ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id == 1) return r.ReadI8(f, "IntType.bitWidth", &lt->bit_width);
          if (f.id == 2) return r.ReadBoolField(f, "IntType.isSigned", &lt->is_signed);
          return r.Skip(f.type);
        });
      case 17:
      case 18:
        lt->kind = fh.id == 17 ? K::kGeometry : K::kGeography;
        return ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id == 1) return r.ReadString(f, "GeometryType.crs", &lt->crs);
          if (f.id == 2 && fh.id == 18) return r.ReadI32(f, "GeographyType.algorithm", &lt->algorithm);
          return r.Skip(f.type);
        });
      default: {
        static constexpr K kKinds[] = {K::kUnrecognized, K::kString, K::kMap,     K::kList,    K::kEnum,
                                       K::kDecimal,      K::kDate,   K::kTime,    K::kTimestamp, K::kInterval,
                                       K::kInteger,      K::kUnknown, K::kJson,   K::kBson,    K::kUuid,
                                       K::kFloat16,      K::kVariant};
        lt->kind = (fh.id >= 1 && fh.id <= 16) ? kKinds[fh.id] : K::kUnrecognized;
        return r.Skip(fh.type);
      }
    }
  });
}

Status ReadSchemaElement(CompactReader& r, SchemaElement* e) {
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int32_t v;
    switch (fh.id) {
      case 1: {
        PhysicalType t;
        QUIVER_RETURN_IF_ERROR(ReadEnum(r, fh, "SchemaElement.type", 0, 7, &t));
        e->type = t;
        return Status::OK();
      }
      case 2: return r.ReadI32(fh, "SchemaElement.type_length", &e->type_length);
      case 3: {
        Repetition rep;
        QUIVER_RETURN_IF_ERROR(ReadEnum(r, fh, "SchemaElement.repetition_type", 0, 2, &rep));
        e->repetition = rep;
        return Status::OK();
      }
      case 4: seen |= Bit(4); return r.ReadString(fh, "SchemaElement.name", &e->name);
      case 5:
        QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, "SchemaElement.num_children", &v));
        e->num_children = v;
        return Status::OK();
      case 6: return ReadEnum(r, fh, "SchemaElement.converted_type", 0, 21, &e->converted_type);
      case 7: return r.ReadI32(fh, "SchemaElement.scale", &e->scale);
      case 8: return r.ReadI32(fh, "SchemaElement.precision", &e->precision);
      case 9:
        QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, "SchemaElement.field_id", &v));
        e->field_id = v;
        return Status::OK();
      case 10:
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "SchemaElement.logicalType"));
        return ReadLogicalType(r, &e->logical_type);
      default: return r.Skip(fh.type);
    }
  }));
  return (seen & Bit(4)) ? Status::OK() : Missing("SchemaElement.name");
}

Status ReadColumnMetaData(CompactReader& r, ColumnMetaData* m) {
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int64_t v;
    if (fh.id < 32) seen |= Bit(fh.id);
    switch (fh.id) {
      case 1: return ReadEnum(r, fh, "ColumnMetaData.type", 0, 7, &m->type);
      case 2:
        return ReadList(r, fh, "ColumnMetaData.encodings", CType::kI32, [&] {
          int32_t e;
          QUIVER_RETURN_IF_ERROR(r.ReadElemI32(&e));
          if (e < 0 || e > 127) return Status::InvalidInput(StrCat("expected an encoding in [0, 127] but found ", e));
          m->encodings.push_back(static_cast<Encoding>(e));
          return Status::OK();
        });
      case 3:
        return ReadList(r, fh, "ColumnMetaData.path_in_schema", CType::kBinary, [&] {
          std::string_view s;
          QUIVER_RETURN_IF_ERROR(r.ReadElemBinary(&s));
          m->path_in_schema.emplace_back(s);
          return Status::OK();
        });
      case 4: return ReadEnum(r, fh, "ColumnMetaData.codec", 0, 127, &m->codec);
      case 5: return r.ReadI64(fh, "ColumnMetaData.num_values", &m->num_values);
      case 6: return r.ReadI64(fh, "ColumnMetaData.total_uncompressed_size", &m->total_uncompressed_size);
      case 7: return r.ReadI64(fh, "ColumnMetaData.total_compressed_size", &m->total_compressed_size);
      case 8: return ReadKeyValues(r, fh, "ColumnMetaData.key_value_metadata", &m->key_value_metadata);
      case 9: return r.ReadI64(fh, "ColumnMetaData.data_page_offset", &m->data_page_offset);
      case 10:
        QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "ColumnMetaData.index_page_offset", &v));
        m->index_page_offset = v;
        return Status::OK();
      case 11:
        QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "ColumnMetaData.dictionary_page_offset", &v));
        m->dictionary_page_offset = v;
        return Status::OK();
      case 12:
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "ColumnMetaData.statistics"));
        m->statistics.emplace();
        return ReadStatistics(r, &*m->statistics);
      default: return r.Skip(fh.type);
    }
  }));
  static constexpr std::pair<int, const char*> kRequired[] = {
      {1, "ColumnMetaData.type"},       {2, "ColumnMetaData.encodings"},
      {3, "ColumnMetaData.path_in_schema"}, {4, "ColumnMetaData.codec"},
      {5, "ColumnMetaData.num_values"}, {6, "ColumnMetaData.total_uncompressed_size"},
      {7, "ColumnMetaData.total_compressed_size"}, {9, "ColumnMetaData.data_page_offset"}};
  for (const auto& [id, name] : kRequired) {
    if (!(seen & Bit(id))) return Missing(name);
  }
  return Status::OK();
}

Status ReadColumnChunk(CompactReader& r, ColumnChunk* c) {
  return ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int64_t v;
    int32_t v32;
    switch (fh.id) {
      case 1: return r.ReadString(fh, "ColumnChunk.file_path", &c->file_path);
      case 2: return r.ReadI64(fh, "ColumnChunk.file_offset", &c->file_offset);
      case 3:
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "ColumnChunk.meta_data"));
        c->meta_data.emplace();
        return ReadColumnMetaData(r, &*c->meta_data);
      case 4: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "ColumnChunk.offset_index_offset", &v)); c->offset_index_offset = v; return Status::OK();
      case 5: QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, "ColumnChunk.offset_index_length", &v32)); c->offset_index_length = v32; return Status::OK();
      case 6: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "ColumnChunk.column_index_offset", &v)); c->column_index_offset = v; return Status::OK();
      case 7: QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, "ColumnChunk.column_index_length", &v32)); c->column_index_length = v32; return Status::OK();
      case 8:
      case 9: c->encrypted = true; return r.Skip(fh.type);
      default: return r.Skip(fh.type);
    }
  });
}

Status ReadRowGroup(CompactReader& r, RowGroup* g) {
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int64_t v;
    int16_t v16;
    if (fh.id < 32) seen |= Bit(fh.id);
    switch (fh.id) {
      case 1:
        return ReadList(r, fh, "RowGroup.columns", CType::kStruct, [&] {
          g->columns.emplace_back();
          return ReadColumnChunk(r, &g->columns.back()).WithContext(StrCat("column[", g->columns.size() - 1, "]"));
        });
      case 2: return r.ReadI64(fh, "RowGroup.total_byte_size", &g->total_byte_size);
      case 3: return r.ReadI64(fh, "RowGroup.num_rows", &g->num_rows);
      case 5: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "RowGroup.file_offset", &v)); g->file_offset = v; return Status::OK();
      case 6: QUIVER_RETURN_IF_ERROR(r.ReadI64(fh, "RowGroup.total_compressed_size", &v)); g->total_compressed_size = v; return Status::OK();
      case 7: QUIVER_RETURN_IF_ERROR(r.ReadI16(fh, "RowGroup.ordinal", &v16)); g->ordinal = v16; return Status::OK();
      default: return r.Skip(fh.type);
    }
  }));
  if (!(seen & Bit(1))) return Missing("RowGroup.columns");
  if (!(seen & Bit(3))) return Missing("RowGroup.num_rows");
  return Status::OK();
}

Status CheckConsumed(const CompactReader& r, const char* what) {
  if (r.remaining() != 0) {
    return Status::InvalidInput(StrCat("expected ", what, " to end at byte ", r.position(), " of the footer but found ",
                                       r.remaining(), " more bytes"));
  }
  return Status::OK();
}

}  // namespace

Result<FileMetaData> DecodeFileMetaData(std::span<const uint8_t> bytes, const ParquetLimits& limits) {
  CompactReader r(bytes, limits);
  FileMetaData md;
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    if (fh.id < 32) seen |= Bit(fh.id);
    switch (fh.id) {
      case 1: return r.ReadI32(fh, "FileMetaData.version", &md.version);
      case 2:
        return ReadList(r, fh, "FileMetaData.schema", CType::kStruct, [&] {
          md.schema.emplace_back();
          return ReadSchemaElement(r, &md.schema.back()).WithContext(StrCat("schema[", md.schema.size() - 1, "]"));
        });
      case 3: return r.ReadI64(fh, "FileMetaData.num_rows", &md.num_rows);
      case 4:
        return ReadList(r, fh, "FileMetaData.row_groups", CType::kStruct, [&] {
          md.row_groups.emplace_back();
          return ReadRowGroup(r, &md.row_groups.back()).WithContext(StrCat("row_group[", md.row_groups.size() - 1, "]"));
        });
      case 5: return ReadKeyValues(r, fh, "FileMetaData.key_value_metadata", &md.key_value_metadata);
      case 6: return r.ReadString(fh, "FileMetaData.created_by", &md.created_by);
      case 8: md.encrypted = true; return r.Skip(fh.type);
      default: return r.Skip(fh.type);
    }
  }));
  static constexpr std::pair<int, const char*> kRequired[] = {{1, "FileMetaData.version"},
                                                              {2, "FileMetaData.schema"},
                                                              {3, "FileMetaData.num_rows"},
                                                              {4, "FileMetaData.row_groups"}};
  for (const auto& [id, name] : kRequired) {
    if (!(seen & Bit(id))) return Missing(name);
  }
  QUIVER_RETURN_IF_ERROR(CheckConsumed(r, "FileMetaData"));
  return md;
}

Result<PageHeader> DecodePageHeader(std::span<const uint8_t> bytes, const ParquetLimits& limits,
                                    int64_t* header_size) {
  if (static_cast<int64_t>(bytes.size()) > limits.max_page_header_size) {
    bytes = bytes.first(static_cast<size_t>(limits.max_page_header_size));
  }
  CompactReader r(bytes, limits);
  PageHeader h;
  uint32_t seen = 0;
  Status st = ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    int32_t v;
    if (fh.id < 32) seen |= Bit(fh.id);
    switch (fh.id) {
      case 1: return ReadEnum(r, fh, "PageHeader.type", 0, 3, &h.type);
      case 2: return r.ReadI32(fh, "PageHeader.uncompressed_page_size", &h.uncompressed_page_size);
      case 3: return r.ReadI32(fh, "PageHeader.compressed_page_size", &h.compressed_page_size);
      case 4: QUIVER_RETURN_IF_ERROR(r.ReadI32(fh, "PageHeader.crc", &v)); h.crc = v; return Status::OK();
      case 5: {
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "PageHeader.data_page_header"));
        DataPageHeader& d = h.data_page_header.emplace();
        uint32_t s = 0;
        QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id < 32) s |= Bit(f.id);
          switch (f.id) {
            case 1: return r.ReadI32(f, "DataPageHeader.num_values", &d.num_values);
            case 2: return ReadEncoding(r, f, "DataPageHeader.encoding", &d.encoding);
            case 3: return ReadEncoding(r, f, "DataPageHeader.definition_level_encoding", &d.definition_level_encoding);
            case 4: return ReadEncoding(r, f, "DataPageHeader.repetition_level_encoding", &d.repetition_level_encoding);
            case 5:
              QUIVER_RETURN_IF_ERROR(r.ExpectStruct(f, "DataPageHeader.statistics"));
              return ReadStatistics(r, &d.statistics.emplace());
            default: return r.Skip(f.type);
          }
        }));
        if (!(s & Bit(1))) return Missing("DataPageHeader.num_values");
        if (!(s & Bit(2))) return Missing("DataPageHeader.encoding");
        return Status::OK();
      }
      case 7: {
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "PageHeader.dictionary_page_header"));
        DictionaryPageHeader& d = h.dictionary_page_header.emplace();
        uint32_t s = 0;
        QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id < 32) s |= Bit(f.id);
          switch (f.id) {
            case 1: return r.ReadI32(f, "DictionaryPageHeader.num_values", &d.num_values);
            case 2: return ReadEncoding(r, f, "DictionaryPageHeader.encoding", &d.encoding);
            case 3: return r.ReadBoolField(f, "DictionaryPageHeader.is_sorted", &d.is_sorted);
            default: return r.Skip(f.type);
          }
        }));
        if (!(s & Bit(1))) return Missing("DictionaryPageHeader.num_values");
        return Status::OK();
      }
      case 8: {
        QUIVER_RETURN_IF_ERROR(r.ExpectStruct(fh, "PageHeader.data_page_header_v2"));
        DataPageHeaderV2& d = h.data_page_header_v2.emplace();
        uint32_t s = 0;
        QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& f) -> Status {
          if (f.id < 32) s |= Bit(f.id);
          switch (f.id) {
            case 1: return r.ReadI32(f, "DataPageHeaderV2.num_values", &d.num_values);
            case 2: return r.ReadI32(f, "DataPageHeaderV2.num_nulls", &d.num_nulls);
            case 3: return r.ReadI32(f, "DataPageHeaderV2.num_rows", &d.num_rows);
            case 4: return ReadEncoding(r, f, "DataPageHeaderV2.encoding", &d.encoding);
            case 5: return r.ReadI32(f, "DataPageHeaderV2.definition_levels_byte_length", &d.definition_levels_byte_length);
            case 6: return r.ReadI32(f, "DataPageHeaderV2.repetition_levels_byte_length", &d.repetition_levels_byte_length);
            case 7: return r.ReadBoolField(f, "DataPageHeaderV2.is_compressed", &d.is_compressed);
            case 8:
              QUIVER_RETURN_IF_ERROR(r.ExpectStruct(f, "DataPageHeaderV2.statistics"));
              return ReadStatistics(r, &d.statistics.emplace());
            default: return r.Skip(f.type);
          }
        }));
        static constexpr std::pair<int, const char*> kReq[] = {
            {1, "DataPageHeaderV2.num_values"}, {2, "DataPageHeaderV2.num_nulls"},
            {3, "DataPageHeaderV2.num_rows"}, {4, "DataPageHeaderV2.encoding"},
            {5, "DataPageHeaderV2.definition_levels_byte_length"},
            {6, "DataPageHeaderV2.repetition_levels_byte_length"}};
        for (const auto& [id, name] : kReq) {
          if (!(s & Bit(id))) return Missing(name);
        }
        return Status::OK();
      }
      default: return r.Skip(fh.type);
    }
  });
  QUIVER_RETURN_IF_ERROR(st);
  static constexpr std::pair<int, const char*> kRequired[] = {{1, "PageHeader.type"},
                                                              {2, "PageHeader.uncompressed_page_size"},
                                                              {3, "PageHeader.compressed_page_size"}};
  for (const auto& [id, name] : kRequired) {
    if (!(seen & Bit(id))) return Missing(name);
  }
  *header_size = r.position();
  return h;
}

Result<ColumnIndex> DecodeColumnIndex(std::span<const uint8_t> bytes, const ParquetLimits& limits) {
  CompactReader r(bytes, limits);
  ColumnIndex ci;
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    if (fh.id < 32) seen |= Bit(fh.id);
    auto binaries = [&](const char* name, std::vector<std::string>* out) {
      return ReadList(r, fh, name, CType::kBinary, [&] {
        std::string_view s;
        QUIVER_RETURN_IF_ERROR(r.ReadElemBinary(&s));
        out->emplace_back(s);
        return Status::OK();
      });
    };
    switch (fh.id) {
      case 1:
        return ReadList(r, fh, "ColumnIndex.null_pages", CType::kBoolTrue, [&] {
          bool b;
          QUIVER_RETURN_IF_ERROR(r.ReadElemBool(&b));
          ci.null_pages.push_back(b);
          return Status::OK();
        });
      case 2: return binaries("ColumnIndex.min_values", &ci.min_values);
      case 3: return binaries("ColumnIndex.max_values", &ci.max_values);
      case 4: return ReadEnum(r, fh, "ColumnIndex.boundary_order", 0, 2, &ci.boundary_order);
      case 5:
        return ReadList(r, fh, "ColumnIndex.null_counts", CType::kI64, [&] {
          int64_t v;
          QUIVER_RETURN_IF_ERROR(r.ReadElemI64(&v));
          ci.null_counts.push_back(v);
          return Status::OK();
        });
      default: return r.Skip(fh.type);
    }
  }));
  static constexpr std::pair<int, const char*> kRequired[] = {{1, "ColumnIndex.null_pages"},
                                                              {2, "ColumnIndex.min_values"},
                                                              {3, "ColumnIndex.max_values"},
                                                              {4, "ColumnIndex.boundary_order"}};
  for (const auto& [id, name] : kRequired) {
    if (!(seen & Bit(id))) return Missing(name);
  }
  size_t n = ci.null_pages.size();
  if (ci.min_values.size() != n || ci.max_values.size() != n || (!ci.null_counts.empty() && ci.null_counts.size() != n)) {
    return Status::InvalidInput(StrCat("expected ", n, " entries in every ColumnIndex list but found ",
                                       ci.min_values.size(), " min and ", ci.max_values.size(), " max values"));
  }
  return ci;
}

Result<OffsetIndex> DecodeOffsetIndex(std::span<const uint8_t> bytes, const ParquetLimits& limits) {
  CompactReader r(bytes, limits);
  OffsetIndex oi;
  uint32_t seen = 0;
  QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& fh) -> Status {
    if (fh.id < 32) seen |= Bit(fh.id);
    if (fh.id != 1) return r.Skip(fh.type);
    return ReadList(r, fh, "OffsetIndex.page_locations", CType::kStruct, [&] {
      PageLocation& p = oi.page_locations.emplace_back();
      uint32_t s = 0;
      QUIVER_RETURN_IF_ERROR(ReadStruct(r, [&](const FieldHeader& f) -> Status {
        if (f.id < 32) s |= Bit(f.id);
        switch (f.id) {
          case 1: return r.ReadI64(f, "PageLocation.offset", &p.offset);
          case 2: return r.ReadI32(f, "PageLocation.compressed_page_size", &p.compressed_page_size);
          case 3: return r.ReadI64(f, "PageLocation.first_row_index", &p.first_row_index);
          default: return r.Skip(f.type);
        }
      }));
      return (s & (Bit(1) | Bit(2) | Bit(3))) == (Bit(1) | Bit(2) | Bit(3)) ? Status::OK()
                                                                             : Missing("PageLocation.offset");
    });
  }));
  if (!(seen & Bit(1))) return Missing("OffsetIndex.page_locations");
  return oi;
}

}  // namespace quiver::parquet::thrift
