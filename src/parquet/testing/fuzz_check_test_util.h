// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the Parquet fuzz target does with one input, shared with the regression test that
// replays the inputs it found (tests/regressions/parquet). Header-only, test and fuzz code.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace quiver::parquet::testing {

/// Status codes a hostile file may produce; anything else (out of memory under the limits
/// below, internal errors) is a bug.
inline bool ExpectedForBadInput(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
    case StatusCode::kInvalidInput:
    case StatusCode::kTruncated:
    case StatusCode::kUnsupported:
    case StatusCode::kLimitExceeded: return true;
    default: return false;
  }
}

/// Read options derived from the input's last bytes (selection, batch size, dictionaries),
/// with limits small enough that a hostile size becomes kLimitExceeded quickly.
inline ReadOptions FuzzOptions(std::span<const uint8_t> data) {
  ReadOptions o;
  o.validate_full = true;
  o.limits.max_decompressed_size = 16 << 20;
  o.limits.max_buffer_size = 16 << 20;
  o.parquet_limits.max_footer_size = 1 << 20;
  o.parquet_limits.max_page_values = 1 << 20;
  const size_t n = data.size();
  if (n > 2) {
    o.offset = data[n - 1] % 8;
    o.batch_size = 1 + data[n - 2] % 100;
    o.read_dictionary = (data[n - 1] & 0x80) != 0;
  }
  return o;
}

/// Same rows and values, whatever the batch boundaries.
inline bool SameRows(const Table& a, const Table& b) {
  if (a.num_rows() != b.num_rows() || a.num_columns() != b.num_columns()) return false;
  for (int64_t r = 0; r < a.num_rows(); ++r) {
    auto x = a.Slice(r, 1);
    auto y = b.Slice(r, 1);
    if (!x.ok() || !y.ok()) return false;
    for (int c = 0; c < a.num_columns(); ++c) {
      if (!ArrayEquals(*(*x)->batches()[0]->column(c), *(*y)->batches()[0]->column(c))) return false;
    }
  }
  return true;
}

/// Reads `data` whole and by planned units, then writes what it read and reads it back.
/// Returns the whole read's status, or a kInternal status describing a violated rule: an
/// unexpected status code, units that fail differently, or a round trip that fails or
/// differs.
inline Status FuzzOne(std::span<const uint8_t> data) {
  auto buffer = Buffer::CopyOf(data);
  if (!buffer.ok()) return Status::OK();
  const ReadOptions options = FuzzOptions(data);
  auto table = ReadTable(*buffer, options);
  if (!ExpectedForBadInput(table.status())) return Status::Internal("read: " + table.status().ToString());
  auto reader = FileReader::Open(*buffer, options);
  if (!ExpectedForBadInput(reader.status())) return Status::Internal("open: " + reader.status().ToString());
  if (reader.ok()) {
    auto units = (*reader)->PlanReadUnits();
    if (!ExpectedForBadInput(units.status())) return Status::Internal("plan: " + units.status().ToString());
    if (units.ok()) {
      for (const auto& u : *units) {
        Status s = (*reader)->ReadUnitTable(u).status();
        if (!ExpectedForBadInput(s)) return Status::Internal("unit: " + s.ToString());
      }
    }
  }
  if (!table.ok()) return table.status();
  auto written = WriteTable(**table);
  if (!written.ok()) {
    if (written.status().code() == StatusCode::kUnsupported) return Status::OK();
    return Status::Internal("write: " + written.status().ToString());
  }
  auto back = ReadTable(*written);
  if (!back.ok()) return Status::Internal("read back: " + back.status().ToString());
  if (!SameRows(**back, **table)) return Status::Internal("the round trip changed the data");
  return Status::OK();
}

}  // namespace quiver::parquet::testing
