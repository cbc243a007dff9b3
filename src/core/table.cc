// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/table.h"

#include "core/checked_math.h"
#include "core/str_cat.h"

namespace quiver {

using internal::Quoted;
using internal::StrCat;

Result<RecordBatchPtr> RecordBatch::Make(SchemaPtr schema, int64_t num_rows, std::vector<ArrayPtr> columns) {
  if (!schema) return Status::InvalidArgument("record batch has no schema");
  if (num_rows < 0) return Status::InvalidArgument(StrCat("expected num_rows >= 0 but found ", num_rows));
  if (static_cast<int64_t>(columns.size()) != schema->num_fields()) {
    return Status::InvalidArgument(StrCat("expected ", schema->num_fields(), " columns (one per schema field) but found ",
                                          columns.size()));
  }
  for (int i = 0; i < schema->num_fields(); ++i) {
    const ArrayPtr& c = columns[static_cast<size_t>(i)];
    const Field& f = *schema->field(i);
    if (!c || !c->type) {
      return Status::InvalidArgument("column is null").WithContext(StrCat("column[", Quoted(f.name()), "]"));
    }
    if (c->length != num_rows) {
      return Status::InvalidArgument(StrCat("expected ", num_rows, " rows but found ", c->length))
          .WithContext(StrCat("column[", Quoted(f.name()), "]"));
    }
    if (!c->type->Equals(*f.type())) {
      return Status::InvalidArgument(StrCat("expected type ", f.type()->ToString(), " but found ", c->type->ToString()))
          .WithContext(StrCat("column[", Quoted(f.name()), "]"));
    }
  }
  return RecordBatchPtr(new RecordBatch(std::move(schema), num_rows, std::move(columns)));
}

Result<RecordBatchPtr> RecordBatch::Slice(int64_t offset, int64_t length) const {
  if (!internal::RangeInBounds(offset, length, num_rows_)) {
    return Status::InvalidArgument(StrCat("slice [", offset, ", +", length, ") is outside a batch of ", num_rows_, " rows"));
  }
  std::vector<ArrayPtr> cols;
  cols.reserve(columns_.size());
  for (const auto& c : columns_) {
    QUIVER_ASSIGN_OR_RETURN(auto s, SliceArray(c, offset, length));
    cols.push_back(std::move(s));
  }
  return RecordBatchPtr(new RecordBatch(schema_, length, std::move(cols)));
}

Result<TablePtr> Table::Make(SchemaPtr schema, std::vector<RecordBatchPtr> batches) {
  if (!schema) return Status::InvalidArgument("table has no schema");
  int64_t rows = 0;
  for (size_t i = 0; i < batches.size(); ++i) {
    if (!batches[i]) return Status::InvalidArgument("record batch is null").WithContext(StrCat("record_batch[", i, "]"));
    if (!batches[i]->schema()->Equals(*schema)) {
      return Status::InvalidArgument("record batch schema differs from the table schema")
          .WithContext(StrCat("record_batch[", i, "]"));
    }
    if (!internal::AddChecked(rows, batches[i]->num_rows(), &rows)) {
      return Status::LimitExceeded("total row count overflows");
    }
  }
  return TablePtr(new Table(std::move(schema), std::move(batches), rows));
}

Result<TablePtr> Table::Slice(int64_t offset, int64_t length) const {
  if (!internal::RangeInBounds(offset, length, num_rows_)) {
    return Status::InvalidArgument(StrCat("slice [", offset, ", +", length, ") is outside a table of ", num_rows_, " rows"));
  }
  std::vector<RecordBatchPtr> out;
  int64_t start = 0;  // first row of the current batch
  for (const auto& b : batches_) {
    const int64_t end = start + b->num_rows();
    const int64_t lo = offset > start ? offset : start;
    const int64_t hi = offset + length < end ? offset + length : end;
    if (lo < hi) {
      QUIVER_ASSIGN_OR_RETURN(auto s, b->Slice(lo - start, hi - lo));
      out.push_back(std::move(s));
    }
    start = end;
  }
  return TablePtr(new Table(schema_, std::move(out), length));
}

}  // namespace quiver
