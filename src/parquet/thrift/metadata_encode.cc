// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Field ids follow parquet.thrift of parquet-format 2.11, as in metadata_decode.cc.
#include "parquet/thrift/metadata_encode.h"

#include "parquet/thrift/compact_writer.h"

namespace quiver::parquet::thrift {
namespace {

void WriteKeyValues(CompactWriter& w, int16_t id, const KeyValueMetadata& kv) {
  w.BeginListField(id, CType::kStruct, static_cast<int64_t>(kv.size()));
  for (const auto& [key, value] : kv) {
    w.BeginStructElem();
    w.BinaryField(1, key);
    w.BinaryField(2, value);
    w.EndStruct();
  }
}

void WriteStatistics(CompactWriter& w, int16_t id, const Statistics& s) {
  w.BeginStructField(id);
  if (s.max) w.BinaryField(1, *s.max);
  if (s.min) w.BinaryField(2, *s.min);
  if (s.null_count) w.I64Field(3, *s.null_count);
  if (s.distinct_count) w.I64Field(4, *s.distinct_count);
  if (s.max_value) w.BinaryField(5, *s.max_value);
  if (s.min_value) w.BinaryField(6, *s.min_value);
  if (s.is_max_value_exact) w.BoolField(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.BoolField(8, *s.is_min_value_exact);
  w.EndStruct();
}

void EmptyStructField(CompactWriter& w, int16_t id) {
  w.BeginStructField(id);
  w.EndStruct();
}

void WriteLogicalType(CompactWriter& w, const LogicalType& lt) {
  using K = LogicalType::Kind;
  w.BeginStructField(10);
  switch (lt.kind) {
    case K::kDecimal:
      w.BeginStructField(5);
      w.I32Field(1, lt.scale);
      w.I32Field(2, lt.precision);
      w.EndStruct();
      break;
    case K::kTime:
    case K::kTimestamp:
      w.BeginStructField(lt.kind == K::kTime ? 7 : 8);
      w.BoolField(1, lt.is_adjusted_to_utc);
      w.BeginStructField(2);
      EmptyStructField(w, lt.unit == TimeUnit::kMilli ? 1 : lt.unit == TimeUnit::kMicro ? 2 : 3);
      w.EndStruct();
      w.EndStruct();
      break;
    case K::kInteger:
      w.BeginStructField(10);
      w.I8Field(1, lt.bit_width);
      w.BoolField(2, lt.is_signed);
      w.EndStruct();
      break;
    case K::kGeometry:
    case K::kGeography:
      w.BeginStructField(lt.kind == K::kGeometry ? 17 : 18);
      if (!lt.crs.empty()) w.BinaryField(1, lt.crs);
      if (lt.kind == K::kGeography && lt.algorithm >= 0) w.I32Field(2, lt.algorithm);
      w.EndStruct();
      break;
    default: {
      // Members without parameters: the union field id is the kind's position.
      static constexpr std::pair<K, int16_t> kIds[] = {
          {K::kString, 1},   {K::kMap, 2},   {K::kList, 3},  {K::kEnum, 4},  {K::kDate, 6},     {K::kInterval, 9},
          {K::kUnknown, 11}, {K::kJson, 12}, {K::kBson, 13}, {K::kUuid, 14}, {K::kFloat16, 15}, {K::kVariant, 16}};
      for (const auto& [kind, id] : kIds) {
        if (kind == lt.kind) EmptyStructField(w, id);
      }
      break;
    }
  }
  w.EndStruct();
}

void WriteSchemaElement(CompactWriter& w, const SchemaElement& e) {
  w.BeginStructElem();
  if (e.type) w.I32Field(1, static_cast<int32_t>(*e.type));
  if (e.type == PhysicalType::kFixedLenByteArray) w.I32Field(2, e.type_length);
  if (e.repetition) w.I32Field(3, static_cast<int32_t>(*e.repetition));
  w.BinaryField(4, e.name);
  if (e.num_children) w.I32Field(5, *e.num_children);
  if (e.converted_type != ConvertedType::kNone) w.I32Field(6, static_cast<int32_t>(e.converted_type));
  if (e.converted_type == ConvertedType::kDecimal) {
    w.I32Field(7, e.scale);
    w.I32Field(8, e.precision);
  }
  if (e.field_id) w.I32Field(9, *e.field_id);
  if (e.logical_type.kind != LogicalType::Kind::kNone && e.logical_type.kind != LogicalType::Kind::kUnrecognized) {
    WriteLogicalType(w, e.logical_type);
  }
  w.EndStruct();
}

void WriteColumnMetaData(CompactWriter& w, const ColumnMetaData& m) {
  w.BeginStructField(3);
  w.I32Field(1, static_cast<int32_t>(m.type));
  w.BeginListField(2, CType::kI32, static_cast<int64_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.ElemI32(static_cast<int32_t>(e));
  w.BeginListField(3, CType::kBinary, static_cast<int64_t>(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w.ElemBinary(p);
  w.I32Field(4, static_cast<int32_t>(m.codec));
  w.I64Field(5, m.num_values);
  w.I64Field(6, m.total_uncompressed_size);
  w.I64Field(7, m.total_compressed_size);
  if (!m.key_value_metadata.empty()) WriteKeyValues(w, 8, m.key_value_metadata);
  w.I64Field(9, m.data_page_offset);
  if (m.index_page_offset) w.I64Field(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.I64Field(11, *m.dictionary_page_offset);
  if (m.statistics) WriteStatistics(w, 12, *m.statistics);
  w.EndStruct();
}

void WriteColumnChunk(CompactWriter& w, const ColumnChunk& c) {
  w.BeginStructElem();
  if (!c.file_path.empty()) w.BinaryField(1, c.file_path);
  w.I64Field(2, c.file_offset);
  if (c.meta_data) WriteColumnMetaData(w, *c.meta_data);
  if (c.offset_index_offset) w.I64Field(4, *c.offset_index_offset);
  if (c.offset_index_length) w.I32Field(5, *c.offset_index_length);
  if (c.column_index_offset) w.I64Field(6, *c.column_index_offset);
  if (c.column_index_length) w.I32Field(7, *c.column_index_length);
  w.EndStruct();
}

void WriteRowGroup(CompactWriter& w, const RowGroup& g) {
  w.BeginStructElem();
  w.BeginListField(1, CType::kStruct, static_cast<int64_t>(g.columns.size()));
  for (const ColumnChunk& c : g.columns) WriteColumnChunk(w, c);
  w.I64Field(2, g.total_byte_size);
  w.I64Field(3, g.num_rows);
  if (g.file_offset) w.I64Field(5, *g.file_offset);
  if (g.total_compressed_size) w.I64Field(6, *g.total_compressed_size);
  if (g.ordinal) w.I16Field(7, *g.ordinal);
  w.EndStruct();
}

}  // namespace

void EncodeFileMetaData(const FileMetaData& md, bool column_orders, std::vector<uint8_t>* out) {
  CompactWriter w(out);
  w.I32Field(1, md.version);
  w.BeginListField(2, CType::kStruct, static_cast<int64_t>(md.schema.size()));
  int64_t leaves = 0;
  for (const SchemaElement& e : md.schema) {
    WriteSchemaElement(w, e);
    if (!e.num_children) ++leaves;
  }
  w.I64Field(3, md.num_rows);
  w.BeginListField(4, CType::kStruct, static_cast<int64_t>(md.row_groups.size()));
  for (const RowGroup& g : md.row_groups) WriteRowGroup(w, g);
  if (!md.key_value_metadata.empty()) WriteKeyValues(w, 5, md.key_value_metadata);
  if (!md.created_by.empty()) w.BinaryField(6, md.created_by);
  if (column_orders) {
    w.BeginListField(7, CType::kStruct, leaves);
    for (int64_t i = 0; i < leaves; ++i) {
      w.BeginStructElem();
      EmptyStructField(w, 1);  // ColumnOrder.TYPE_ORDER
      w.EndStruct();
    }
  }
  w.EndStruct();
}

void EncodePageHeader(const PageHeader& h, std::vector<uint8_t>* out) {
  CompactWriter w(out);
  w.I32Field(1, static_cast<int32_t>(h.type));
  w.I32Field(2, h.uncompressed_page_size);
  w.I32Field(3, h.compressed_page_size);
  if (h.crc) w.I32Field(4, *h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.BeginStructField(5);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    w.I32Field(3, static_cast<int32_t>(d.definition_level_encoding));
    w.I32Field(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) WriteStatistics(w, 5, *d.statistics);
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.BeginStructField(7);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    w.BoolField(3, d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.BeginStructField(8);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.num_nulls);
    w.I32Field(3, d.num_rows);
    w.I32Field(4, static_cast<int32_t>(d.encoding));
    w.I32Field(5, d.definition_levels_byte_length);
    w.I32Field(6, d.repetition_levels_byte_length);
    w.BoolField(7, d.is_compressed);
    if (d.statistics) WriteStatistics(w, 8, *d.statistics);
    w.EndStruct();
  }
  w.EndStruct();
}

void EncodeColumnIndex(const ColumnIndex& ci, std::vector<uint8_t>* out) {
  CompactWriter w(out);
  w.BeginListField(1, CType::kBoolTrue, static_cast<int64_t>(ci.null_pages.size()));
  for (bool b : ci.null_pages) w.ElemBool(b);
  w.BeginListField(2, CType::kBinary, static_cast<int64_t>(ci.min_values.size()));
  for (const std::string& v : ci.min_values) w.ElemBinary(v);
  w.BeginListField(3, CType::kBinary, static_cast<int64_t>(ci.max_values.size()));
  for (const std::string& v : ci.max_values) w.ElemBinary(v);
  w.I32Field(4, static_cast<int32_t>(ci.boundary_order));
  if (!ci.null_counts.empty()) {
    w.BeginListField(5, CType::kI64, static_cast<int64_t>(ci.null_counts.size()));
    for (int64_t n : ci.null_counts) w.ElemI64(n);
  }
  w.EndStruct();
}

void EncodeOffsetIndex(const OffsetIndex& oi, std::vector<uint8_t>* out) {
  CompactWriter w(out);
  w.BeginListField(1, CType::kStruct, static_cast<int64_t>(oi.page_locations.size()));
  for (const PageLocation& p : oi.page_locations) {
    w.BeginStructElem();
    w.I64Field(1, p.offset);
    w.I32Field(2, p.compressed_page_size);
    w.I64Field(3, p.first_row_index);
    w.EndStruct();
  }
  w.EndStruct();
}

}  // namespace quiver::parquet::thrift
