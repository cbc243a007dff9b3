// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Min/max/null-count statistics of written pages and column chunks, in the sort order of
// each column's type (parquet.thrift ColumnOrder: TypeDefinedOrder).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "parquet/arrow/write_schema.h"
#include "parquet/encoding/values.h"
#include "quiver/parquet/metadata.h"

namespace quiver::parquet::column {

class StatsCollector {
 public:
  StatsCollector(PhysicalType type, arrow::SortOrder order) : type_(type), order_(order) {}

  /// Folds values [begin, begin + n) of `v` in. NaNs are skipped (they have no place in
  /// the order), so a page of NaNs has no min/max.
  void Update(const encoding::ValueBuffer& v, int64_t begin, int64_t n);
  void AddNulls(int64_t n) { null_count_ += n; }
  void Merge(const StatsCollector& other);

  bool has_min_max() const { return has_; }
  int64_t null_count() const { return null_count_; }

  /// The thrift Statistics: min_value/max_value (byte arrays beyond `max_bytes` truncated,
  /// the max rounded up, both then marked inexact; a max that cannot be rounded up is left
  /// out, and then the min too), the legacy min/max when the order is signed, null_count.
  Statistics ToThrift(int64_t max_bytes) const;
  /// The min and max for a column index entry (same truncation); false when either is
  /// missing.
  bool IndexBounds(int64_t max_bytes, std::string* min, std::string* max) const;

  /// Compares two PLAIN-encoded values (byte arrays without their length) in the order.
  int Compare(std::string_view a, std::string_view b) const;

 private:
  template <typename T>
  void UpdateTyped(const char* data, int64_t n);
  void UpdateGeneric(const char* data, const int64_t* off, int32_t width, int64_t begin, int64_t n);
  void FixZeros();

  PhysicalType type_;
  arrow::SortOrder order_;
  bool has_ = false;
  std::string min_, max_;
  int64_t null_count_ = 0;
};

}  // namespace quiver::parquet::column
