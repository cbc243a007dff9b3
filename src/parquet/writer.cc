// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The file layout: "PAR1", row groups (column chunks in schema order), then the column
// indexes and offset indexes of every chunk, the FileMetaData, its length and "PAR1".
// Batches are shredded into levels and values as they arrive; a row group is encoded and
// written when it reaches row_group_rows or row_group_bytes.
#include "quiver/parquet/writer.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/str_cat.h"
#include "parquet/arrow/arrow_schema.h"
#include "parquet/arrow/levels.h"
#include "parquet/arrow/write_schema.h"
#include "parquet/column/column_writer.h"
#include "parquet/arrow/geoparquet.h"
#include "parquet/thrift/metadata_encode.h"
#include "quiver/codec/codec.h"

namespace quiver::parquet {

using internal::StrCat;

namespace {

constexpr uint8_t kMagic[4] = {'P', 'A', 'R', '1'};

Status ResolveConfigs(const WriteOptions& o, const arrow::WriteSchema& ws, const Schema& schema,
                      std::vector<column::ColumnWriteConfig>* configs) {
  configs->clear();
  for (size_t i = 0; i < ws.leaves.size(); ++i) {
    column::ColumnWriteConfig c;
    c.codec = o.compression;
    c.level = o.compression_level ? *o.compression_level : codec::Codec::kDefaultLevel;
    c.dictionary = o.dictionary;
    c.statistics = o.statistics;
    c.page_index = o.page_index;
    c.dictionary_page_bytes = o.dictionary_page_bytes;
    c.data_page_bytes = o.data_page_bytes;
    c.page_version = o.page_version;
    c.max_statistics_bytes = o.max_statistics_bytes;
    configs->push_back(c);
  }
  for (const auto& [name, co] : o.columns) {
    bool found = false;
    for (size_t i = 0; i < ws.leaves.size(); ++i) {
      const arrow::WriteLeaf& leaf = ws.leaves[i];
      if (name != leaf.dotted && name != schema.field(leaf.top)->name()) continue;
      found = true;
      column::ColumnWriteConfig& c = (*configs)[i];
      if (co.compression) {
        c.codec = *co.compression;
        if (!co.compression_level) c.level = codec::Codec::kDefaultLevel;
      }
      if (co.compression_level) c.level = *co.compression_level;
      if (co.encoding) {
        c.encoding = *co.encoding;
        c.dictionary = false;
      }
      if (co.dictionary) c.dictionary = *co.dictionary;
      if (co.statistics) c.statistics = *co.statistics;
    }
    if (!found) {
      return Status::InvalidArgument(
          StrCat("expected a column named '", name, "' in WriteOptions.columns but found none"));
    }
  }
  for (size_t i = 0; i < ws.leaves.size(); ++i) {
    const arrow::WriteLeaf& leaf = ws.leaves[i];
    const Encoding e = (*configs)[i].encoding;
    if (!column::EncodingValidFor(e, leaf.type)) {
      return Status::InvalidArgument(StrCat("expected an encoding valid for ", PhysicalTypeName(leaf.type), " (",
                                            leaf.value_type->ToString(), ") but found ", EncodingName(e)))
          .WithContext(StrCat("column['", leaf.dotted, "']"));
    }
  }
  return Status::OK();
}

}  // namespace

struct FileWriter::Impl {
  io::Sink* sink = nullptr;
  SchemaPtr schema;
  WriteOptions options;
  arrow::WriteSchema ws;
  std::vector<column::ColumnWriteConfig> configs;
  std::vector<arrow::LeafChunk> chunks;
  int64_t buffered_rows = 0;
  FileMetaData md;
  /// Page indexes of every written chunk, by row group then leaf.
  std::vector<std::vector<column::WrittenChunk>> indexes;
  bool finished = false;
  Status error;
  std::vector<std::string> warnings;

  void ResetChunks() {
    chunks.clear();
    for (const arrow::WriteLeaf& leaf : ws.leaves) chunks.emplace_back(leaf);
    buffered_rows = 0;
  }

  int64_t BufferedBytes() const {
    int64_t n = 0;
    for (const arrow::LeafChunk& c : chunks) n += c.buffered_bytes();
    return n;
  }

  Status FlushRowGroup() {
    if (buffered_rows == 0) return Status::OK();
    RowGroup& rg = md.row_groups.emplace_back();
    const int index = static_cast<int>(md.row_groups.size() - 1);
    rg.num_rows = buffered_rows;
    rg.ordinal = static_cast<int16_t>(std::min(index, 32767));
    rg.file_offset = sink->position();
    int64_t compressed = 0;
    std::vector<column::WrittenChunk>& written = indexes.emplace_back();
    std::vector<uint8_t> bytes;
    for (size_t i = 0; i < ws.leaves.size(); ++i) {
      bytes.clear();
      column::WrittenChunk& w = written.emplace_back();
      QUIVER_RETURN_IF_ERROR(column::WriteColumnChunk(ws.leaves[i], chunks[i], configs[i], sink->position(), &bytes, &w)
                                 .WithContext(StrCat("row_group[", index, "].column['", ws.leaves[i].dotted, "']")));
      QUIVER_RETURN_IF_ERROR(sink->Write(bytes));
      rg.total_byte_size += w.chunk.meta_data->total_uncompressed_size;
      compressed += w.chunk.meta_data->total_compressed_size;
      rg.columns.push_back(w.chunk);
    }
    rg.total_compressed_size = compressed;
    md.num_rows += buffered_rows;
    ResetChunks();
    return Status::OK();
  }

  // Rows that fit the row group's byte budget at the bytes per row buffered so far (a
  // probe of 64 rows first), so that one large batch does not overshoot it.
  int64_t RowsWithinBytes() const {
    if (buffered_rows == 0) return 64;
    const int64_t bytes = BufferedBytes();
    const int64_t per_row = std::max<int64_t>(1, bytes / buffered_rows);
    return std::max<int64_t>(1, (options.row_group_bytes - bytes) / per_row);
  }

  Status Append(const RecordBatch& batch) {
    int64_t offset = 0;
    while (offset < batch.num_rows()) {
      const int64_t take =
          std::min({batch.num_rows() - offset, options.row_group_rows - buffered_rows, RowsWithinBytes()});
      for (int c = 0; c < batch.num_columns(); ++c) {
        ArrayPtr col = batch.column(c);
        if (offset != 0 || take != batch.num_rows()) {
          QUIVER_ASSIGN_OR_RETURN(col, SliceArray(col, offset, take));
        }
        QUIVER_RETURN_IF_ERROR(arrow::AppendLevels(ws, ws.roots[static_cast<size_t>(c)], *col, &chunks)
                                   .WithContext(StrCat("column['", schema->field(c)->name(), "']")));
      }
      buffered_rows += take;
      offset += take;
      if (buffered_rows >= options.row_group_rows || BufferedBytes() >= options.row_group_bytes) {
        QUIVER_RETURN_IF_ERROR(FlushRowGroup());
      }
    }
    return Status::OK();
  }

  Status WriteIndexes() {
    std::vector<uint8_t> bytes;
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t g = 0; g < indexes.size(); ++g) {
        for (size_t i = 0; i < indexes[g].size(); ++i) {
          const column::WrittenChunk& w = indexes[g][i];
          ColumnChunk& c = md.row_groups[g].columns[i];
          bytes.clear();
          if (pass == 0 && w.column_index) {
            thrift::EncodeColumnIndex(*w.column_index, &bytes);
            c.column_index_offset = sink->position();
            c.column_index_length = static_cast<int32_t>(bytes.size());
          } else if (pass == 1 && w.offset_index) {
            thrift::EncodeOffsetIndex(*w.offset_index, &bytes);
            c.offset_index_offset = sink->position();
            c.offset_index_length = static_cast<int32_t>(bytes.size());
          } else {
            continue;
          }
          QUIVER_RETURN_IF_ERROR(sink->Write(bytes));
        }
      }
    }
    return Status::OK();
  }

  Status Finish() {
    QUIVER_RETURN_IF_ERROR(FlushRowGroup());
    QUIVER_RETURN_IF_ERROR(WriteIndexes());
    md.version = 2;
    md.schema = ws.elements;
    md.created_by = options.created_by;
    md.key_value_metadata = schema->metadata();
    for (const auto& kv : options.metadata) md.key_value_metadata.push_back(kv);
    // GeoParquet: WKB geometry columns are announced under `geo` for other readers. A `geo`
    // value the caller gave (the last one, e.g. the geometry plugin's, with bbox and
    // geometry types) is kept when it is valid for this schema; otherwise it is replaced
    // by the core's own and a warning says why.
    std::optional<std::string> given;
    for (const auto& kv : md.key_value_metadata) {
      if (kv.first == "geo") given = kv.second;
    }
    std::erase_if(md.key_value_metadata, [](const auto& kv) { return kv.first == "geo"; });
    if (given) {
      Status valid = arrow::ValidateGeoMetadata(*given, *schema);
      if (!valid.ok()) {
        warnings.push_back(StrCat("geo metadata replaced: ", valid.message()));
        given.reset();
      }
    }
    if (!given) given = arrow::MakeGeoMetadata(*schema);
    if (!given->empty()) md.key_value_metadata.emplace_back("geo", std::move(*given));
    if (options.store_arrow_schema) {
      QUIVER_ASSIGN_OR_RETURN(std::string encoded, arrow::EncodeArrowSchema(schema));
      md.key_value_metadata.emplace_back("ARROW:schema", std::move(encoded));
    }
    std::vector<uint8_t> footer;
    thrift::EncodeFileMetaData(md, true, &footer);
    const uint32_t len = static_cast<uint32_t>(footer.size());
    uint8_t tail[8];
    std::memcpy(tail, &len, 4);
    std::memcpy(tail + 4, kMagic, 4);
    footer.insert(footer.end(), tail, tail + 8);
    return sink->Write(footer);
  }

  // Runs `fn` unless the writer failed or finished; remembers its error.
  template <typename Fn>
  Status Guard(Fn&& fn) {
    if (!error.ok()) return error;
    if (finished) return Status::InvalidArgument("expected an open Parquet writer but found a finished one");
    Status st = fn();
    if (!st.ok()) error = st;
    return st;
  }
};

FileWriter::FileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileWriter::~FileWriter() = default;

Result<std::unique_ptr<FileWriter>> FileWriter::Open(io::Sink* sink, SchemaPtr schema, const WriteOptions& options) {
  QUIVER_RETURN_IF_ERROR(options.Validate());
  if (!sink) return Status::InvalidArgument("expected a sink but found null");
  if (!schema) return Status::InvalidArgument("expected a schema but found null");
  auto impl = std::make_unique<Impl>();
  impl->sink = sink;
  impl->schema = schema;
  impl->options = options;
  QUIVER_ASSIGN_OR_RETURN(impl->ws, arrow::MakeWriteSchema(*schema, options.geometry_logical_types));
  QUIVER_RETURN_IF_ERROR(ResolveConfigs(options, impl->ws, *schema, &impl->configs));
  for (const column::ColumnWriteConfig& c : impl->configs) {
    QUIVER_RETURN_IF_ERROR(WriteOptions{.compression = c.codec}.Validate());
  }
  impl->ResetChunks();
  QUIVER_RETURN_IF_ERROR(sink->Write(kMagic));
  return std::unique_ptr<FileWriter>(new FileWriter(std::move(impl)));
}

Status FileWriter::WriteBatch(const RecordBatch& batch) {
  // A batch of another schema is refused before anything is buffered: the writer stays usable.
  if (impl_->error.ok() && !impl_->finished && !batch.schema()->Equals(*impl_->schema)) {
    return Status::InvalidArgument(
        StrCat("expected a batch of schema ", impl_->schema->ToString(), " but found ", batch.schema()->ToString()));
  }
  return impl_->Guard([&] { return impl_->Append(batch); });
}

Status FileWriter::WriteTable(const Table& table) {
  for (const RecordBatchPtr& batch : table.batches()) QUIVER_RETURN_IF_ERROR(WriteBatch(*batch));
  return Status::OK();
}

Status FileWriter::Finish() {
  Status st = impl_->Guard([&] { return impl_->Finish(); });
  impl_->finished = true;
  return st;
}

const FileMetaData& FileWriter::metadata() const { return impl_->md; }
const std::vector<std::string>& FileWriter::warnings() const { return impl_->warnings; }

Status WriteTableTo(const Table& table, io::Sink* sink, const WriteOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(std::unique_ptr<FileWriter> writer, FileWriter::Open(sink, table.schema(), options));
  QUIVER_RETURN_IF_ERROR(writer->WriteTable(table));
  return writer->Finish();
}

Result<std::shared_ptr<Buffer>> WriteTable(const Table& table, const WriteOptions& options) {
  io::BufferSink sink;
  QUIVER_RETURN_IF_ERROR(WriteTableTo(table, &sink, options));
  return sink.Finish();
}

}  // namespace quiver::parquet
