// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/engine.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_set>

#include "core/str_cat.h"
#include "handles/json_writer.h"
#include "handles/parquet_link.h"
#include "handles/type_json.h"
#include "handles/value_json.h"
#include "quiver/codec/codec.h"
#include "quiver/ipc/reader.h"
#include "quiver/io/sink.h"
#include "quiver/ipc/writer.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace {

// A JavaScript number that must be a non-negative integer (a row, a count, a column).
Result<int64_t> ToCount(double value, std::string_view what) {
  constexpr double kLimit = 9007199254740992.0;  // 2^53
  if (!(value >= 0 && value < kLimit) || std::floor(value) != value) {
    std::string shown = std::isnan(value) ? std::string("NaN") : quiver::internal::StrCat(static_cast<int64_t>(value));
    if (!std::isnan(value) && std::floor(value) != value && std::isfinite(value)) shown = "a fraction";
    if (std::isinf(value)) shown = value > 0 ? "Infinity" : "-Infinity";
    return Status::InvalidArgument(StrCat("expected ", what, " to be a non-negative integer but found ", shown));
  }
  return static_cast<int64_t>(value);
}

void CountBuffers(const ArrayData& a, std::unordered_set<const Buffer*>* seen, int64_t* bytes) {
  for (const auto& b : a.buffers) {
    if (!b) continue;
    // A slice counts as its root buffer, once.
    const Buffer* root = b.get();
    while (root->parent()) root = root->parent().get();
    if (seen->insert(root).second) *bytes += root->size();
  }
  for (const auto& c : a.children) CountBuffers(*c, seen, bytes);
  if (a.dictionary) CountBuffers(*a.dictionary, seen, bytes);
}

// Physical width of a type whose values become a JS typed array, else 0.
int TypedWidth(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return 1;
    case TypeId::kInt16:
    case TypeId::kUInt16: return 2;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32:
    case TypeId::kTime32: return 4;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return 8;
    default: return 0;
  }
}

int64_t Align8(int64_t n) { return (n + 7) & ~int64_t{7}; }

// The columns `picked` (in range, repeats allowed) of `t`, sharing its buffers.
Result<TablePtr> SelectTableColumns(const Table& t, const std::vector<int>& picked) {
  std::vector<FieldPtr> fields;
  for (int c : picked) fields.push_back(t.schema()->field(c));
  auto schema = std::make_shared<const quiver::Schema>(std::move(fields), t.schema()->metadata());
  std::vector<RecordBatchPtr> batches;
  for (const auto& b : t.batches()) {
    std::vector<ArrayPtr> columns;
    for (int c : picked) columns.push_back(b->column(c));
    QUIVER_ASSIGN_OR_RETURN(auto batch, RecordBatch::Make(schema, b->num_rows(), std::move(columns)));
    batches.push_back(std::move(batch));
  }
  return Table::Make(std::move(schema), std::move(batches));
}

// The facade's name of a codec, as MakeWriteRequest accepts it.
const char* CompressionName(ipc::Compression c) {
  switch (c) {
    case ipc::Compression::kNone: return "none";
    case ipc::Compression::kLz4Frame: return "lz4";
    case ipc::Compression::kZstd: return "zstd";
  }
  return "none";
}

}  // namespace

struct Engine::Writer {
  explicit Writer(const WriteRequest& request) {
    if (request.stream) {
      stream = std::make_unique<ipc::StreamWriter>(&sink, request.options);
    } else {
      file = std::make_unique<ipc::FileWriter>(&sink, request.options);
    }
  }
  explicit Writer(parquet::WriteOptions options) : parquet_options(std::move(options)) {}

  Status Begin(const SchemaPtr& s) {
    if (parquet_options) {
      QUIVER_ASSIGN_OR_RETURN(parquet, ParquetOpenWriter(&sink, s, *parquet_options));
      return Status::OK();
    }
    return stream ? stream->Begin(s) : file->Begin(s);
  }
  Status Write(const RecordBatch& b) {
    if (parquet) return parquet->WriteBatch(b);
    return stream ? stream->WriteBatch(b) : file->WriteBatch(b);
  }
  Status Finish() {
    if (parquet) return parquet->Finish();
    return stream ? stream->Finish() : file->Finish();
  }

  // Declared before the writers, which point at it. Each call drains what it wrote, while
  // position() keeps counting from the first byte (the IPC file footer records offsets).
  io::ChunkSink sink;
  std::unique_ptr<ipc::StreamWriter> stream;
  std::unique_ptr<ipc::FileWriter> file;
  std::optional<parquet::WriteOptions> parquet_options;
  std::unique_ptr<BatchWriter> parquet;  // made by the first write
  SchemaPtr schema;                      // set by the first write
};

Result<WriteRequest> MakeWriteRequest(std::string_view format, std::string_view compression, double level,
                                      std::string_view metadata) {
  WriteRequest r;
  if (format == "file") {
    r.stream = false;
  } else if (format == "stream") {
    r.stream = true;
  } else {
    return Status::InvalidArgument(StrCat("expected format 'file' or 'stream' but found '", format, "'"));
  }
  if (compression == "none") {
    r.options.compression = ipc::Compression::kNone;
  } else if (compression == "lz4") {
    r.options.compression = ipc::Compression::kLz4Frame;
  } else if (compression == "zstd") {
    r.options.compression = ipc::Compression::kZstd;
  } else {
    return Status::InvalidArgument(
        StrCat("expected compression 'none', 'lz4' or 'zstd' but found '", compression, "'"));
  }
  if (!std::isnan(level)) {
    if (std::floor(level) != level || level < -1000000 || level > 1000000) {
      return Status::InvalidArgument("expected level to be an integer in [-1000000, 1000000] but found another number");
    }
    r.options.compression_level = static_cast<int32_t>(level);
  }
  // key\0value\0 pairs.
  size_t pos = 0;
  while (pos < metadata.size()) {
    const size_t k_end = metadata.find('\0', pos);
    const size_t v_end = k_end == std::string_view::npos ? k_end : metadata.find('\0', k_end + 1);
    if (v_end == std::string_view::npos) {
      return Status::InvalidArgument("expected metadata as key and value pairs but found an odd number of strings");
    }
    r.options.metadata.emplace_back(std::string(metadata.substr(pos, k_end - pos)),
                                    std::string(metadata.substr(k_end + 1, v_end - k_end - 1)));
    pos = v_end + 1;
  }
  QUIVER_RETURN_IF_ERROR(r.options.Validate());
  return r;
}

Result<std::vector<uint64_t>> ParseIdList(std::string_view text) {
  std::vector<uint64_t> out;
  if (text.empty()) return out;
  size_t pos = 0;
  while (true) {
    const size_t end = std::min(text.find(',', pos), text.size());
    const std::string_view item = text.substr(pos, end - pos);
    uint64_t v = 0;
    if (item.empty() || item.size() > 16) {
      return Status::InvalidArgument(StrCat("expected a list of non-negative integers but found '", item, "'"));
    }
    for (char c : item) {
      if (c < '0' || c > '9') {
        return Status::InvalidArgument(StrCat("expected a list of non-negative integers but found '", item, "'"));
      }
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    out.push_back(v);
    if (end == text.size()) break;
    pos = end + 1;
  }
  return out;
}

void Engine::Origin::Merge(const Origin& other) {
  codecs.Insert(other.codecs);
  for (const std::string& w : other.warnings) {
    if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
  }
}

Result<HandleId> Engine::AdoptRead(Result<TablePtr> table, Origin origin) {
  if (!table.ok() || plugins_.loaded() == 0) return Adopt(std::move(table), std::move(origin));
  return Adopt(plugins_.OnRead(std::move(table).value()), std::move(origin));
}

Result<HandleId> Engine::Adopt(Result<TablePtr> table, Origin origin) {
  if (!table.ok()) return std::move(table).status();
  QUIVER_ASSIGN_OR_RETURN(HandleId id, handles_.Insert(std::move(table).value()));
  if (!origin.empty()) origins_[id] = std::move(origin);
  return id;
}

Engine::Origin Engine::OriginOf(HandleId id) const {
  auto it = origins_.find(id);
  return it == origins_.end() ? Origin() : it->second;
}

Result<HandleId> Engine::Read(std::shared_ptr<Buffer> bytes, std::string_view format, const ReadRequest& request) {
  if (!bytes) return Status::InvalidArgument("expected bytes but found none");
  Format f;
  if (format.empty()) {
    QUIVER_ASSIGN_OR_RETURN(f, DetectFormat(bytes->span()));
  } else {
    QUIVER_ASSIGN_OR_RETURN(f, ParseFormat(format));
  }
  if (f == Format::kParquet) {
    Origin origin;
    Result<TablePtr> table = ParquetReadTable(std::move(bytes), request, &origin.warnings);
    return AdoptRead(std::move(table), std::move(origin));
  }
  return ReadIpc(std::move(bytes), f, request);
}

Result<HandleId> Engine::ReadIpc(std::shared_ptr<Buffer> bytes, Format f, const ReadRequest& request) {
  if (!request.row_groups.empty() || request.batch_size != 0) {
    return Status::InvalidArgument(StrCat("expected ", request.row_groups.empty() ? "batchSize" : "rowGroups",
                                          " only for Parquet input but found ", FormatName(f), " input"));
  }
  ipc::ReadOptions options;
  options.validate_full = request.validate_full;
  ipc::CompressionSet codecs;
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, f == Format::kArrowFile ? ipc::ReadFile(bytes, options, &codecs)
                                                                   : ipc::ReadStream(bytes, options, &codecs));
  if (!request.columns.empty()) {
    std::vector<int> picked;
    for (const std::string& name : request.columns) {
      const int i = table->schema()->GetFieldIndex(name);
      if (i < 0) {
        return Status::InvalidArgument(StrCat("expected a column named '", name, "' but the table has none"));
      }
      picked.push_back(i);
    }
    QUIVER_ASSIGN_OR_RETURN(table, SelectTableColumns(*table, picked));
  }
  if (request.offset > 0 || request.limit >= 0) {
    const int64_t from = std::min(request.offset, table->num_rows());
    const int64_t left = table->num_rows() - from;
    QUIVER_ASSIGN_OR_RETURN(table, table->Slice(from, request.limit < 0 ? left : std::min(left, request.limit)));
  }
  return AdoptRead(std::move(table), Origin{codecs, {}});
}

Status Engine::Free(HandleId id) {
  QUIVER_RETURN_IF_ERROR(handles_.Release(id));
  origins_.erase(id);
  return Status::OK();
}

Status Engine::SetTextOutput(std::string text) {
  auto* owned = new std::string(std::move(text));
  output_ = {Buffer::Wrap(reinterpret_cast<const uint8_t*>(owned->data()), static_cast<int64_t>(owned->size()),
                          [owned] { delete owned; })};
  return Status::OK();
}

std::shared_ptr<Buffer> Engine::output() const {
  if (output_.empty()) return nullptr;
  if (output_.size() == 1) return output_.front();
  BufferBuilder joined;
  for (const auto& piece : output_) {
    if (!joined.Append(piece->span()).ok()) return nullptr;
  }
  Result<std::shared_ptr<Buffer>> out = joined.Finish();
  return out.ok() ? std::move(out).value() : nullptr;
}

Status Engine::SchemaSummary(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  return SetTextOutput(SchemaSummaryJson(*t->schema()));
}

Status Engine::Schema(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  return SetTextOutput(SchemaJson(*t->schema()));
}

Status Engine::TableInfo(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  std::unordered_set<const Buffer*> seen;
  int64_t bytes = 0;
  for (const auto& b : t->batches()) {
    for (const auto& c : b->columns()) CountBuffers(*c, &seen, &bytes);
  }
  std::string json = StrCat("{\"rows\":", t->num_rows(), ",\"columns\":", t->num_columns(),
                            ",\"batches\":", static_cast<int64_t>(t->batches().size()), ",\"bytes\":", bytes,
                            ",\"warnings\":[");
  const Origin origin = OriginOf(id);
  for (size_t i = 0; i < origin.warnings.size(); ++i) {
    if (i > 0) json += ',';
    AppendJsonString(&json, origin.warnings[i]);
  }
  json += "],\"codecs\":[";
  const ipc::CompressionSet& codecs = origin.codecs;
  bool first = true;
  for (const ipc::Compression c : {ipc::Compression::kNone, ipc::Compression::kLz4Frame, ipc::Compression::kZstd}) {
    if (!codecs.Contains(c)) continue;
    json += StrCat(first ? "\"" : ",\"", CompressionName(c), "\"");
    first = false;
  }
  json += "]}";
  return SetTextOutput(std::move(json));
}

Status Engine::Rows(HandleId id, double offset, double length) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t off, ToCount(offset, "offset"));
  QUIVER_ASSIGN_OR_RETURN(int64_t len, ToCount(length, "length"));
  QUIVER_ASSIGN_OR_RETURN(std::string json, RowsJson(*t, off, len));
  return SetTextOutput(std::move(json));
}

Status Engine::Column(HandleId id, double column) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t c, ToCount(column, "column"));
  if (c >= t->num_columns()) {
    return Status::InvalidArgument(StrCat("expected a column index below ", t->num_columns(), " but found ", c));
  }
  const int col = static_cast<int>(c);
  const DataType& type = *t->schema()->field(col)->type();
  const int width = TypedWidth(type.id());
  int64_t nulls = 0;
  for (const auto& b : t->batches()) nulls += b->column(col)->GetNullCount();
  const int64_t n = t->num_rows();
  std::string payload;
  int64_t values_size = 0;
  if (width == 0) payload = ColumnJson(*t, col);
  values_size = width == 0 ? static_cast<int64_t>(payload.size()) : n * width;
  std::string header = StrCat("{\"kind\":\"", width == 0 ? "json" : "typed", "\",\"arrowType\":");
  AppendJsonString(&header, ArrowTypeName(type));
  // The header's length is not known until the offsets are; they count from the end of a
  // header padded to 8 bytes, so compute offsets relative to the payload start.
  const int64_t validity_rel = width != 0 && nulls > 0 ? Align8(values_size) : -1;
  header += StrCat(",\"length\":", n, ",\"nullCount\":", nulls, ",\"byteWidth\":", width, ",\"valuesSize\":", values_size,
                   ",\"validityOffset\":", validity_rel, "}");
  const int64_t head = Align8(4 + static_cast<int64_t>(header.size()));
  const int64_t total = head + Align8(values_size) + (validity_rel >= 0 ? n : 0);
  QUIVER_ASSIGN_OR_RETURN(auto out, Buffer::Allocate(total));
  uint8_t* dst = out->mutable_data();
  const auto header_len = static_cast<uint32_t>(header.size());
  std::memcpy(dst, &header_len, 4);
  std::memcpy(dst + 4, header.data(), header.size());
  uint8_t* values = dst + head;
  if (width == 0) {
    std::memcpy(values, payload.data(), payload.size());
  } else {
    int64_t row = 0;
    for (const auto& b : t->batches()) {
      const ArrayData& a = *b->column(col);
      if (a.length > 0) {
        std::memcpy(values + row * width, a.buffers[1]->data() + a.offset * width, static_cast<size_t>(a.length * width));
        if (validity_rel >= 0) {
          // A null slot holds 0, as the package promises, whatever the buffer held there.
          for (int64_t r = 0; r < a.length; ++r) {
            const bool valid = a.IsValid(r);
            values[validity_rel + row + r] = valid ? 1 : 0;
            if (!valid) std::memset(values + (row + r) * width, 0, static_cast<size_t>(width));
          }
        }
      }
      row += a.length;
    }
    DefaultMemoryPool()->RecordCopy(n * width);
  }
  output_ = {std::move(out)};
  return Status::OK();
}

Result<HandleId> Engine::SelectColumns(HandleId id, std::string_view indices) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(std::vector<uint64_t> cols, ParseIdList(indices));
  std::vector<int> picked;
  for (uint64_t c : cols) {
    if (c >= static_cast<uint64_t>(t->num_columns())) {
      return Status::InvalidArgument(StrCat("expected a column index below ", t->num_columns(), " but found ", c));
    }
    picked.push_back(static_cast<int>(c));
  }
  return Adopt(SelectTableColumns(*t, picked), OriginOf(id));
}

Result<HandleId> Engine::Slice(HandleId id, double offset, double length) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t off, ToCount(offset, "offset"));
  QUIVER_ASSIGN_OR_RETURN(int64_t len, ToCount(length, "length"));
  if (off > t->num_rows() || len > t->num_rows() - off) {
    return Status::InvalidArgument(
        StrCat("expected rows [", off, ", ", off + len, ") within [0, ", t->num_rows(), "] but they are outside"));
  }
  return Adopt(t->Slice(off, len), OriginOf(id));
}

Result<HandleId> Engine::Concat(std::string_view ids) {
  QUIVER_ASSIGN_OR_RETURN(std::vector<uint64_t> list, ParseIdList(ids));
  if (list.empty()) return Status::InvalidArgument("expected at least one table to concatenate but found none");
  std::vector<TablePtr> tables;
  Origin origin;
  for (uint64_t id : list) {
    QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
    tables.push_back(std::move(t));
    origin.Merge(OriginOf(id));
  }
  const SchemaPtr& schema = tables.front()->schema();
  std::vector<RecordBatchPtr> batches;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (!tables[i]->schema()->Equals(*schema)) {
      return Status::InvalidArgument(StrCat("expected table[", i, "] to have the schema of table[0] but found ",
                                            tables[i]->schema()->ToString()));
    }
    for (const auto& b : tables[i]->batches()) batches.push_back(b);
  }
  return Adopt(Table::Make(schema, std::move(batches)), std::move(origin));
}

Status Engine::Write(HandleId id, const WriteRequest& request) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  io::ChunkSink sink;
  QUIVER_RETURN_IF_ERROR(request.stream ? ipc::WriteStreamTo(*t, &sink, request.options)
                                        : ipc::WriteFileTo(*t, &sink, request.options));
  QUIVER_ASSIGN_OR_RETURN(output_, sink.Take());
  return Status::OK();
}

Result<HandleId> Engine::WriterOpen(const WriteRequest& request) {
  return writers_.Insert(std::make_shared<Writer>(request));
}

Status Engine::WriteParquet(HandleId id, const parquet::WriteOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  io::ChunkSink sink;
  QUIVER_RETURN_IF_ERROR(ParquetWriteTable(*t, &sink, options));
  QUIVER_ASSIGN_OR_RETURN(output_, sink.Take());
  return Status::OK();
}

Result<HandleId> Engine::ParquetWriterOpen(const parquet::WriteOptions& options) {
  QUIVER_RETURN_IF_ERROR(ParquetValidateWriteOptions(options));
  return writers_.Insert(std::make_shared<Writer>(options));
}

Status Engine::DrainWriter(Writer* writer) {
  QUIVER_ASSIGN_OR_RETURN(output_, writer->sink.Take());
  return Status::OK();
}

Status Engine::WriterWrite(HandleId writer_id, HandleId table_id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<Writer> w, writers_.Get(writer_id));
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(table_id));
  if (!w->schema) {
    QUIVER_RETURN_IF_ERROR(w->Begin(t->schema()));
    w->schema = t->schema();
  } else if (!t->schema()->Equals(*w->schema)) {
    return Status::InvalidArgument(
        StrCat("expected a table with the schema of the writer's first table but found ", t->schema()->ToString()));
  }
  for (size_t i = 0; i < t->batches().size(); ++i) {
    QUIVER_RETURN_IF_ERROR_CTX(w->Write(*t->batches()[i]), StrCat("record_batch[", i, "]"));
  }
  return DrainWriter(w.get());
}

Status Engine::WriterFinish(HandleId writer_id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<Writer> w, writers_.Get(writer_id));
  if (!w->schema) return Status::InvalidArgument("expected at least one table written before finishing but found none");
  QUIVER_RETURN_IF_ERROR(w->Finish());
  QUIVER_RETURN_IF_ERROR(DrainWriter(w.get()));
  return writers_.Release(writer_id);
}

Status Engine::WriterFree(HandleId writer_id) { return writers_.Release(writer_id); }

Result<HandleId> Engine::Batch(HandleId id, double index) {
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t i, ToCount(index, "batch index"));
  const auto n = static_cast<int64_t>(t->batches().size());
  if (i >= n) return Status::InvalidArgument(StrCat("expected a batch index below ", n, " but found ", i));
  return Adopt(Table::Make(t->schema(), {t->batches()[static_cast<size_t>(i)]}), OriginOf(id));
}

Status Engine::PluginAdd(uintptr_t descriptor) {
  QUIVER_ASSIGN_OR_RETURN(std::string json, plugins_.Add(reinterpret_cast<const QuiverPluginDescriptor*>(descriptor)));
  return SetTextOutput(std::move(json));
}

Status Engine::RegisterPlugin(std::string_view id) { return plugins_.Activate(id); }

Status Engine::PluginCall(std::string_view id, std::string_view op, double table, double column,
                          std::string_view args_json) {
  if (table == 0) {
    QUIVER_ASSIGN_OR_RETURN(PluginResult r, plugins_.Call(id, op, args_json, nullptr, nullptr));
    if (r.array) return Status::PluginError(StrCat("plugin '", id, "': operation '", op, "' returned a column for no input"));
    return SetTextOutput(StrCat("{\"values\":[", r.has_json ? r.json : "null", "]}"));
  }
  QUIVER_ASSIGN_OR_RETURN(HandleId hid, HandleIdFromNumber(table));
  QUIVER_ASSIGN_OR_RETURN(TablePtr t, handles_.Get(hid));
  QUIVER_ASSIGN_OR_RETURN(int64_t c, ToCount(column, "column"));
  if (c >= t->num_columns()) {
    return Status::InvalidArgument(StrCat("expected a column index below ", t->num_columns(), " but found ", c));
  }
  const FieldPtr& field = t->schema()->field(static_cast<int>(c));
  std::vector<RecordBatchPtr> batches;
  std::string values;
  FieldPtr out_field;
  for (const auto& b : t->batches()) {
    QUIVER_ASSIGN_OR_RETURN(PluginResult r, plugins_.Call(id, op, args_json, field.get(), b->column(static_cast<int>(c))));
    if (r.array) {
      out_field = r.field;
      auto schema = std::make_shared<const quiver::Schema>(std::vector<FieldPtr>{r.field});
      QUIVER_ASSIGN_OR_RETURN(auto batch, RecordBatch::Make(schema, r.array->length, {r.array}));
      batches.push_back(std::move(batch));
    } else {
      values += StrCat(values.empty() ? "" : ",", r.has_json ? r.json : "null");
    }
  }
  if (!batches.empty()) {
    if (!values.empty()) {
      return Status::PluginError(StrCat("plugin '", id, "': operation '", op, "' returned columns and values"));
    }
    auto schema = std::make_shared<const quiver::Schema>(std::vector<FieldPtr>{out_field});
    for (auto& b : batches) {
      if (!b->schema()->Equals(*schema)) {
        return Status::PluginError(StrCat("plugin '", id, "': operation '", op, "' returned columns of different types"));
      }
    }
    QUIVER_ASSIGN_OR_RETURN(HandleId out, Adopt(Table::Make(schema, std::move(batches)), {}));
    return SetTextOutput(StrCat("{\"table\":", out, "}"));
  }
  return SetTextOutput(StrCat("{\"values\":[", values, "]}"));
}

Status Engine::Stats() {
  const MemoryStats s = DefaultMemoryPool()->stats();
  return SetTextOutput(StrCat("{\"liveHandles\":", handles_.live(), ",\"liveWriters\":", writers_.live(),
                              ",\"liveParquetFiles\":", parquet_files_.live(),
                              ",\"arrowBytesLive\":", s.bytes_live,
                              ",\"arrowBytesPeak\":", s.bytes_peak, ",\"arrowAllocations\":", s.allocations,
                              ",\"copies\":", s.copies, ",\"bytesCopied\":", s.bytes_copied, "}"));
}

uint8_t* Engine::InputReserve(int64_t n) {
  if (n < 0 || n > INT64_MAX / 2 - input_size_) return nullptr;
  if (input_ == nullptr || input_size_ + n > input_capacity_) {
    int64_t cap = std::max<int64_t>(input_capacity_ * 2, input_size_ + n);
    cap = std::max<int64_t>(cap, 64);
    if (static_cast<uint64_t>(cap) > SIZE_MAX) return nullptr;
    void* grown = std::realloc(input_, static_cast<size_t>(cap));
    if (grown == nullptr) return nullptr;
    input_ = static_cast<uint8_t*>(grown);
    input_capacity_ = cap;
  }
  return input_ + input_size_;
}

void Engine::InputCommit(int64_t n) {
  if (n >= 0 && n <= input_capacity_ - input_size_) input_size_ += n;
}

std::shared_ptr<Buffer> Engine::InputTake() {
  uint8_t* data = input_;
  const int64_t size = input_size_;
  input_ = nullptr;
  input_size_ = input_capacity_ = 0;
  if (data == nullptr) return Buffer::WrapUnowned(reinterpret_cast<const uint8_t*>(""), 0);
  return Buffer::Wrap(data, size, [data] { std::free(data); });
}

void Engine::InputReset() {
  std::free(input_);
  input_ = nullptr;
  input_size_ = input_capacity_ = 0;
}

void Engine::SetError(const Status& status) {
  error_code_ = std::string(StatusCodeName(status.code()));
  error_message_ = status.ToString();
}

}  // namespace quiver::handles

namespace quiver::handles {

std::string Engine::BuildInfo() {
  struct Named {
    const char* name;
    codec::CodecKind kind;
  };
  static constexpr Named kCodecs[] = {{"lz4", codec::CodecKind::kLz4Frame}, {"zstd", codec::CodecKind::kZstd},
                                      {"snappy", codec::CodecKind::kSnappy},  {"gzip", codec::CodecKind::kGzip},
                                      {"brotli", codec::CodecKind::kBrotli}};
  std::string out = "{\"version\":\"0.1.0\",\"codecs\":{";
  for (size_t i = 0; i < std::size(kCodecs); ++i) {
    if (i > 0) out.push_back(',');
    out += StrCat("\"", kCodecs[i].name, "\":", codec::IsAvailable(kCodecs[i].kind) ? "true" : "false");
  }
  const char* formats = ParquetLinked() ? "[\"arrow-file\",\"arrow-stream\",\"feather\",\"parquet\"]"
                                        : "[\"arrow-file\",\"arrow-stream\",\"feather\"]";
  out += StrCat("},\"formats\":{\"read\":", formats, ",\"write\":", formats, "}}");
  return out;
}

}  // namespace quiver::handles
