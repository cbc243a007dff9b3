// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/type.h"
#include "quiver/result.h"

namespace quiver {

class RecordBatch;
using RecordBatchPtr = std::shared_ptr<const RecordBatch>;

/// Equal-length columns under a schema. Immutable.
class RecordBatch {
 public:
  /// Errors: kInvalidArgument when the column count, a column's length or a column's type
  /// does not match the schema.
  static Result<RecordBatchPtr> Make(SchemaPtr schema, int64_t num_rows, std::vector<ArrayPtr> columns);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const ArrayPtr& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<ArrayPtr>& columns() const { return columns_; }

  /// Zero-copy slice of rows [offset, offset + length). Errors: kInvalidArgument.
  Result<RecordBatchPtr> Slice(int64_t offset, int64_t length) const;

 private:
  RecordBatch(SchemaPtr schema, int64_t num_rows, std::vector<ArrayPtr> columns)
      : schema_(std::move(schema)), num_rows_(num_rows), columns_(std::move(columns)) {}
  SchemaPtr schema_;
  int64_t num_rows_;
  std::vector<ArrayPtr> columns_;
};

class Table;
using TablePtr = std::shared_ptr<const Table>;

/// A sequence of record batches sharing one schema. Immutable.
class Table {
 public:
  /// Errors: kInvalidArgument when a batch's schema differs from `schema`.
  static Result<TablePtr> Make(SchemaPtr schema, std::vector<RecordBatchPtr> batches);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return schema_->num_fields(); }
  const std::vector<RecordBatchPtr>& batches() const { return batches_; }

  /// Zero-copy slice of rows [offset, offset + length), spanning batches as needed.
  /// Errors: kInvalidArgument.
  Result<TablePtr> Slice(int64_t offset, int64_t length) const;

 private:
  Table(SchemaPtr schema, std::vector<RecordBatchPtr> batches, int64_t num_rows)
      : schema_(std::move(schema)), batches_(std::move(batches)), num_rows_(num_rows) {}
  SchemaPtr schema_;
  std::vector<RecordBatchPtr> batches_;
  int64_t num_rows_;
};

}  // namespace quiver
