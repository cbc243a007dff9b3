// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The reader façade: footer, schema, selection (row groups, predicate, offset/limit) as a
// list of row ranges, then one record batch per range, sliced to batch_size.
#include "quiver/parquet/reader.h"

#include <algorithm>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "parquet/arrow/arrow_schema.h"
#include "parquet/arrow/assemble.h"
#include "parquet/arrow/geoparquet.h"
#include "parquet/arrow/schema.h"
#include "parquet/footer.h"
#include "parquet/predicate.h"
#include "parquet/thrift/metadata_decode.h"
#include "quiver/arrow/validate.h"

namespace quiver::parquet {

using quiver::internal::StrCat;

Status ReadOptions::Validate() const {
  if (offset < 0) return Status::InvalidArgument(StrCat("expected offset >= 0 but found ", offset));
  if (limit < -1) return Status::InvalidArgument(StrCat("expected limit >= -1 but found ", limit));
  if (batch_size <= 0) return Status::InvalidArgument(StrCat("expected batch_size > 0 but found ", batch_size));
  return Status::OK();
}

/// One contiguous range of rows of one row group.
struct Segment {
  int row_group;
  int64_t begin;
  int64_t end;
};

struct FileReader::Impl {
  std::shared_ptr<io::Source> source;
  ReadOptions options;
  FileMetaData md;
  int64_t footer_start = 0;
  int64_t bytes_read = 0;
  SchemaPtr full_schema;
  std::vector<arrow::FieldNode> nodes;
  std::vector<const arrow::FieldNode*> leaves;
  SchemaPtr schema;
  int num_leaves = 0;
  std::vector<std::string> warnings;
  // The predicate column's physical type and order, set by Plan.
  PhysicalType pred_type = PhysicalType::kBoolean;
  bool pred_unsigned = false;

  Status Init();
  Result<std::shared_ptr<Buffer>> Fetch(int64_t offset, int64_t length) {
    QUIVER_ASSIGN_OR_RETURN(auto b, source->ReadAt(offset, length));
    bytes_read += length;
    return b;
  }
  Result<std::optional<OffsetIndex>> OffsetIndexOf(int rg, int column);
  Result<std::optional<ColumnIndex>> ColumnIndexOf(int rg, int column);
  Result<std::vector<Segment>> Plan();
  Status PrunePages(int rg, int leaf_column, std::vector<Segment>* out);
  Result<RecordBatchPtr> ReadSegment(const Segment& s);
};

namespace {

int CountLeaves(const arrow::FieldNode& n) {
  if (n.kind == arrow::NodeKind::kLeaf) return 1;
  int c = 0;
  for (const auto& k : n.children) c += CountLeaves(k);
  return c;
}

const arrow::FieldNode* FindLeafByPath(const std::vector<arrow::FieldNode>& nodes, const std::string& path) {
  for (const auto& n : nodes) {
    if (n.kind == arrow::NodeKind::kLeaf && n.path == path) return &n;
    if (const auto* f = FindLeafByPath(n.children, path)) return f;
  }
  return nullptr;
}

bool UnsignedOrder(const SchemaElement* e) {
  if (!e) return false;
  if (e->logical_type.kind == LogicalType::Kind::kInteger) return !e->logical_type.is_signed;
  return e->converted_type >= ConvertedType::kUint8 && e->converted_type <= ConvertedType::kUint64;
}

}  // namespace

Status FileReader::Impl::Init() {
  QUIVER_RETURN_IF_ERROR(options.Validate());
  QUIVER_ASSIGN_OR_RETURN(md, internal::ReadFooter(*source, options, &footer_start, &bytes_read));
  QUIVER_ASSIGN_OR_RETURN(auto all, arrow::BuildSchemaTree(md, options));
  for (const auto& n : all) num_leaves += CountLeaves(n);
  for (size_t i = 0; i < md.row_groups.size(); ++i) {
    if (static_cast<int>(md.row_groups[i].columns.size()) != num_leaves) {
      return Status::InvalidInput(StrCat("expected ", num_leaves, " column chunks (one per leaf) but found ",
                                         md.row_groups[i].columns.size()))
          .WithContext(StrCat("row_group[", i, "]"));
    }
  }
  KeyValueMetadata meta;
  const std::string* arrow_schema = nullptr;
  const std::string* geo = nullptr;
  for (const auto& kv : md.key_value_metadata) {
    if (kv.first == "ARROW:schema") {
      arrow_schema = &kv.second;
      continue;
    }
    if (kv.first == "geo") geo = &kv.second;
    meta.push_back(kv);
  }
  if (arrow_schema && options.use_arrow_schema) {
    // A hint only: a schema that does not decode is ignored, as Arrow C++ does with a warning.
    auto decoded = arrow::DecodeArrowSchema(*arrow_schema, options);
    if (decoded.ok()) arrow::ApplyArrowSchema(**decoded, &all);
  }
  // GeoParquet: WKB columns become geoarrow.wkb (a hint as well: bad metadata changes nothing).
  if (geo) {
    Status applied = arrow::ApplyGeoMetadata(*geo, &all);
    if (!applied.ok()) warnings.push_back(StrCat("geo metadata ignored: ", applied.message()));
  }
  if (options.read_dictionary) arrow::RequestDictionaries(&all);
  full_schema = arrow::MakeArrowSchema(all, meta);
  nodes = std::move(all);
  QUIVER_RETURN_IF_ERROR(arrow::Project(options.columns, &nodes, &leaves));
  schema = arrow::MakeArrowSchema(nodes, meta);
  return Status::OK();
}

Result<std::optional<OffsetIndex>> FileReader::Impl::OffsetIndexOf(int rg, int column) {
  const ColumnChunk& c = md.row_groups[static_cast<size_t>(rg)].columns[static_cast<size_t>(column)];
  if (!c.offset_index_offset || !c.offset_index_length) return std::optional<OffsetIndex>();
  if (!quiver::internal::RangeInBounds(*c.offset_index_offset, *c.offset_index_length, footer_start)) {
    return Status::InvalidInput(StrCat("expected the offset index within [0, ", footer_start, ") but found [",
                                       *c.offset_index_offset, ", +", *c.offset_index_length, ")"));
  }
  QUIVER_ASSIGN_OR_RETURN(auto bytes, Fetch(*c.offset_index_offset, *c.offset_index_length));
  QUIVER_ASSIGN_OR_RETURN(OffsetIndex oi, thrift::DecodeOffsetIndex(bytes->span(), options.parquet_limits));
  return std::optional<OffsetIndex>(std::move(oi));
}

Result<std::optional<ColumnIndex>> FileReader::Impl::ColumnIndexOf(int rg, int column) {
  const ColumnChunk& c = md.row_groups[static_cast<size_t>(rg)].columns[static_cast<size_t>(column)];
  if (!c.column_index_offset || !c.column_index_length) return std::optional<ColumnIndex>();
  if (!quiver::internal::RangeInBounds(*c.column_index_offset, *c.column_index_length, footer_start)) {
    return Status::InvalidInput(StrCat("expected the column index within [0, ", footer_start, ") but found [",
                                       *c.column_index_offset, ", +", *c.column_index_length, ")"));
  }
  QUIVER_ASSIGN_OR_RETURN(auto bytes, Fetch(*c.column_index_offset, *c.column_index_length));
  QUIVER_ASSIGN_OR_RETURN(ColumnIndex ci, thrift::DecodeColumnIndex(bytes->span(), options.parquet_limits));
  return std::optional<ColumnIndex>(std::move(ci));
}

// Keeps the row ranges of the pages whose min/max may satisfy the predicate.
Status FileReader::Impl::PrunePages(int rg, int leaf_column, std::vector<Segment>* out) {
  const int64_t rows = md.row_groups[static_cast<size_t>(rg)].num_rows;
  auto keep_all = [&] {
    out->push_back({rg, 0, rows});
    return Status::OK();
  };
  QUIVER_ASSIGN_OR_RETURN(auto ci, ColumnIndexOf(rg, leaf_column));
  QUIVER_ASSIGN_OR_RETURN(auto oi, OffsetIndexOf(rg, leaf_column));
  if (!ci || !oi || ci->null_pages.size() != oi->page_locations.size()) return keep_all();
  const auto& locs = oi->page_locations;
  for (size_t p = 0; p < locs.size(); ++p) {
    int64_t begin = std::clamp<int64_t>(locs[p].first_row_index, 0, rows);
    int64_t end = p + 1 < locs.size() ? std::clamp<int64_t>(locs[p + 1].first_row_index, begin, rows) : rows;
    bool may = !ci->null_pages[p] &&
               internal::MayMatch(*options.predicate, pred_type, pred_unsigned, ci->min_values[p], ci->max_values[p]);
    if (!may || begin == end) continue;
    if (!out->empty() && out->back().row_group == rg && out->back().end == begin) {
      out->back().end = end;
    } else {
      out->push_back({rg, begin, end});
    }
  }
  return Status::OK();
}

Result<std::vector<Segment>> FileReader::Impl::Plan() {
  std::vector<int> groups = options.row_groups;
  if (groups.empty()) {
    for (size_t i = 0; i < md.row_groups.size(); ++i) groups.push_back(static_cast<int>(i));
  }
  for (int g : groups) {
    if (g < 0 || g >= static_cast<int>(md.row_groups.size())) {
      return Status::InvalidArgument(StrCat("expected a row group index in [0, ", md.row_groups.size(), ") but found ", g));
    }
  }
  // Predicate: full-schema leaf of the named column.
  int pred_column = -1;
  if (options.predicate) {
    QUIVER_ASSIGN_OR_RETURN(auto all, arrow::BuildSchemaTree(md, options));
    const auto* leaf = FindLeafByPath(all, options.predicate->column);
    if (!leaf) {
      return Status::InvalidArgument(StrCat("expected a leaf column '", options.predicate->column, "' for the predicate"));
    }
    pred_column = leaf->column;
    pred_type = leaf->desc.type;
    pred_unsigned = UnsignedOrder(leaf->element);
  }
  std::vector<Segment> segments;
  for (int g : groups) {
    const RowGroup& rg = md.row_groups[static_cast<size_t>(g)];
    if (pred_column >= 0) {
      const ColumnChunk& c = rg.columns[static_cast<size_t>(pred_column)];
      if (c.meta_data && c.meta_data->statistics) {
        const Statistics& st = *c.meta_data->statistics;
        bool all_null = st.null_count && *st.null_count == rg.num_rows && rg.num_rows > 0;
        if (all_null) continue;
        if (st.min_value && st.max_value &&
            !internal::MayMatch(*options.predicate, c.meta_data->type, pred_unsigned, *st.min_value, *st.max_value)) {
          continue;
        }
      }
      QUIVER_RETURN_IF_ERROR_CTX(PrunePages(g, pred_column, &segments), StrCat("row_group[", g, "]"));
      continue;
    }
    if (rg.num_rows > 0) segments.push_back({g, 0, rg.num_rows});
  }
  // Offset and limit over the rows that remain.
  int64_t skip = options.offset;
  int64_t left = options.limit < 0 ? INT64_MAX : options.limit;
  std::vector<Segment> out;
  for (Segment s : segments) {
    int64_t n = s.end - s.begin;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    s.begin += skip;
    skip = 0;
    if (left == 0) break;
    if (left < s.end - s.begin) s.end = s.begin + left;
    left -= s.end - s.begin;
    out.push_back(s);
  }
  return out;
}

Result<RecordBatchPtr> FileReader::Impl::ReadSegment(const Segment& s) {
  if (s.row_group < 0 || s.row_group >= static_cast<int>(md.row_groups.size())) {
    return Status::InvalidArgument(StrCat("expected a row group index in [0, ", md.row_groups.size(), ") but found ",
                                          s.row_group));
  }
  const RowGroup& rg = md.row_groups[static_cast<size_t>(s.row_group)];
  if (s.begin < 0 || s.end <= s.begin || s.end > rg.num_rows) {
    return Status::InvalidArgument(StrCat("expected rows within [0, ", rg.num_rows, ") of row group ", s.row_group,
                                          " but found [", s.begin, ", ", s.end, ")"));
  }
  std::vector<column::LeafData> data;
  data.reserve(leaves.size());
  for (const arrow::FieldNode* leaf : leaves) {
    std::string ctx = StrCat("row_group[", s.row_group, "].column['", leaf->path, "']");
    const ColumnChunk& cc = rg.columns[static_cast<size_t>(leaf->column)];
    int64_t start, length;
    QUIVER_RETURN_IF_ERROR_CTX(internal::ColumnChunkRange(cc, footer_start, &start, &length), ctx);
    if (cc.meta_data->type != leaf->desc.type) {
      return Status::InvalidInput(StrCat("expected physical type ", PhysicalTypeName(leaf->desc.type), " but found ",
                                         PhysicalTypeName(cc.meta_data->type)))
          .WithContext(ctx);
    }
    std::optional<OffsetIndex> oi;
    if (s.begin > 0 && leaf->desc.max_rep > 0) {
      auto r = OffsetIndexOf(s.row_group, leaf->column);
      if (r.ok()) oi = std::move(*r);  // an unreadable index only costs speed
    }
    auto bytes = Fetch(start, length);
    if (!bytes.ok()) return std::move(bytes).status().WithContext(ctx);
    data.emplace_back(leaf->desc);
    QUIVER_RETURN_IF_ERROR_CTX(column::ReadColumnChunk(*bytes, start, *cc.meta_data, oi ? &*oi : nullptr, rg.num_rows,
                                                       s.begin, s.end, leaf->want_dictionary, options, &data.back()),
                               ctx);
  }
  std::vector<ArrayPtr> columns;
  for (const arrow::FieldNode& n : nodes) {
    std::string ctx = StrCat("row_group[", s.row_group, "].column['", n.path, "']");
    auto col = arrow::AssembleColumn(n, data);
    if (!col.ok()) return std::move(col).status().WithContext(ctx);
    if ((*col)->length != s.end - s.begin) {
      return Status::InvalidInput(StrCat("expected ", s.end - s.begin, " rows but the levels give ", (*col)->length))
          .WithContext(ctx);
    }
    columns.push_back(std::move(*col));
  }
  QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr batch, RecordBatch::Make(schema, s.end - s.begin, std::move(columns)));
  Status st = options.validate_full ? ValidateRecordBatchFull(*batch, options.limits) : ValidateRecordBatch(*batch, options.limits);
  QUIVER_RETURN_IF_ERROR_CTX(std::move(st), StrCat("row_group[", s.row_group, "]"));
  return batch;
}

namespace {

class BatchReaderImpl final : public RecordBatchReader {
 public:
  BatchReaderImpl(FileReader::Impl* impl, std::vector<Segment> segments)
      : impl_(impl), segments_(std::move(segments)) {}
  const SchemaPtr& schema() const override { return impl_->schema; }
  Result<RecordBatchPtr> Next() override {
    if (!error_.ok()) return error_;
    while (!current_ || pos_ >= current_->num_rows()) {
      if (next_segment_ >= segments_.size()) return RecordBatchPtr();
      auto b = impl_->ReadSegment(segments_[next_segment_++]);
      if (!b.ok()) {
        error_ = b.status();
        return error_;
      }
      current_ = std::move(*b);
      pos_ = 0;
    }
    int64_t n = std::min(impl_->options.batch_size, current_->num_rows() - pos_);
    if (pos_ == 0 && n == current_->num_rows()) {
      pos_ = n;
      return current_;
    }
    auto slice = current_->Slice(pos_, n);
    pos_ += n;
    return slice;
  }

 private:
  FileReader::Impl* impl_;
  std::vector<Segment> segments_;
  size_t next_segment_ = 0;
  RecordBatchPtr current_;
  int64_t pos_ = 0;
  Status error_;
};

}  // namespace

FileReader::FileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileReader::~FileReader() = default;

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<Buffer> data, const ReadOptions& options) {
  if (!data) return Status::InvalidArgument("expected a buffer but found null");
  return Open(std::make_shared<io::BufferSource>(std::move(data)), options);
}

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<io::Source> source, const ReadOptions& options) {
  if (!source) return Status::InvalidArgument("expected a source but found null");
  auto impl = std::make_unique<Impl>();
  impl->source = std::move(source);
  impl->options = options;
  QUIVER_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<FileReader>(new FileReader(std::move(impl)));
}

const FileMetaData& FileReader::metadata() const { return impl_->md; }
const SchemaPtr& FileReader::schema() const { return impl_->full_schema; }
const std::vector<std::string>& FileReader::warnings() const { return impl_->warnings; }
int FileReader::num_row_groups() const { return static_cast<int>(impl_->md.row_groups.size()); }
int64_t FileReader::num_rows() const { return impl_->md.num_rows; }
int64_t FileReader::bytes_read() const { return impl_->bytes_read; }

Result<std::unique_ptr<RecordBatchReader>> FileReader::MakeBatchReader() {
  QUIVER_ASSIGN_OR_RETURN(std::vector<Segment> segments, impl_->Plan());
  return std::unique_ptr<RecordBatchReader>(new BatchReaderImpl(impl_.get(), std::move(segments)));
}

Result<TablePtr> FileReader::ReadTable() {
  QUIVER_ASSIGN_OR_RETURN(auto reader, MakeBatchReader());
  std::vector<RecordBatchPtr> batches;
  for (;;) {
    QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr b, reader->Next());
    if (!b) break;
    batches.push_back(std::move(b));
  }
  return Table::Make(impl_->schema, std::move(batches));
}

int64_t ReadUnit::num_rows() const {
  int64_t n = 0;
  for (const RowRange& r : rows) n += r.end - r.begin;
  return n;
}

Result<std::vector<ReadUnit>> FileReader::PlanReadUnits(int64_t coalesce_gap) {
  if (coalesce_gap < 0) return Status::InvalidArgument(StrCat("expected coalesce_gap >= 0 but found ", coalesce_gap));
  QUIVER_ASSIGN_OR_RETURN(std::vector<Segment> segments, impl_->Plan());
  std::vector<ReadUnit> units;
  for (const Segment& s : segments) {
    if (units.empty() || units.back().row_group != s.row_group) {
      units.emplace_back();
      units.back().row_group = s.row_group;
    }
    units.back().rows.push_back({s.begin, s.end});
  }
  for (ReadUnit& u : units) {
    const RowGroup& rg = impl_->md.row_groups[static_cast<size_t>(u.row_group)];
    std::vector<ByteRange> ranges;
    for (const arrow::FieldNode* leaf : impl_->leaves) {
      const ColumnChunk& cc = rg.columns[static_cast<size_t>(leaf->column)];
      int64_t start, length;
      QUIVER_RETURN_IF_ERROR_CTX(internal::ColumnChunkRange(cc, impl_->footer_start, &start, &length),
                                 StrCat("row_group[", u.row_group, "].column['", leaf->path, "']"));
      ranges.push_back({start, length});
      // ReadSegment consults the offset index of nested leaves when starting mid-group.
      if (u.rows.front().begin > 0 && leaf->desc.max_rep > 0 && cc.offset_index_offset && cc.offset_index_length &&
          quiver::internal::RangeInBounds(*cc.offset_index_offset, *cc.offset_index_length, impl_->footer_start)) {
        ranges.push_back({*cc.offset_index_offset, *cc.offset_index_length});
      }
    }
    std::sort(ranges.begin(), ranges.end(), [](const ByteRange& a, const ByteRange& b) { return a.offset < b.offset; });
    for (const ByteRange& r : ranges) {
      if (r.length == 0) continue;
      if (!u.ranges.empty()) {
        ByteRange& last = u.ranges.back();
        const int64_t last_end = last.offset + last.length;
        if (r.offset <= last_end + coalesce_gap) {
          last.length = std::max(last_end, r.offset + r.length) - last.offset;
          continue;
        }
      }
      u.ranges.push_back(r);
    }
  }
  return units;
}

Result<TablePtr> FileReader::ReadUnitTable(const ReadUnit& unit) {
  std::vector<RecordBatchPtr> batches;
  const int64_t batch_size = impl_->options.batch_size;
  for (const RowRange& r : unit.rows) {
    QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr b, impl_->ReadSegment({unit.row_group, r.begin, r.end}));
    if (b->num_rows() <= batch_size) {
      batches.push_back(std::move(b));
      continue;
    }
    for (int64_t pos = 0; pos < b->num_rows(); pos += batch_size) {
      QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr part, b->Slice(pos, std::min(batch_size, b->num_rows() - pos)));
      batches.push_back(std::move(part));
    }
  }
  return Table::Make(impl_->schema, std::move(batches));
}

Result<std::vector<int>> FileReader::SelectedRowGroups() const {
  QUIVER_ASSIGN_OR_RETURN(std::vector<Segment> segments, impl_->Plan());
  std::vector<int> out;
  for (const Segment& s : segments) {
    if (out.empty() || out.back() != s.row_group) out.push_back(s.row_group);
  }
  return out;
}

Result<std::optional<ColumnIndex>> FileReader::ReadColumnIndex(int row_group, int column) {
  if (row_group < 0 || row_group >= num_row_groups() || column < 0 || column >= impl_->num_leaves) {
    return Status::InvalidArgument(StrCat("expected row group < ", num_row_groups(), " and column < ", impl_->num_leaves,
                                          " but found ", row_group, " and ", column));
  }
  return impl_->ColumnIndexOf(row_group, column);
}

Result<std::optional<OffsetIndex>> FileReader::ReadOffsetIndex(int row_group, int column) {
  if (row_group < 0 || row_group >= num_row_groups() || column < 0 || column >= impl_->num_leaves) {
    return Status::InvalidArgument(StrCat("expected row group < ", num_row_groups(), " and column < ", impl_->num_leaves,
                                          " but found ", row_group, " and ", column));
  }
  return impl_->OffsetIndexOf(row_group, column);
}

Result<TablePtr> ReadTable(std::shared_ptr<Buffer> data, const ReadOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(data), options));
  return reader->ReadTable();
}

}  // namespace quiver::parquet
