// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only helpers for the IPC tests. Header-only, for *_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/assert_ok_test_util.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/ipc.h"

namespace quiver::ipc::testing {

/// The value of `result`; aborts with the error when there is none (a bug in the test).
template <typename T>
T Must(Result<T> result, const char* what = "a test helper") {
  if (!result.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, result.status().ToString().c_str());
    std::abort();
  }
  return std::move(result).value();
}

enum class Format { kStream, kFile };

inline const char* FormatName(Format f) { return f == Format::kStream ? "stream" : "file"; }
inline const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kLz4Frame: return "lz4";
    case Compression::kZstd: return "zstd";
  }
  return "?";
}

inline Result<std::shared_ptr<Buffer>> Write(Format format, const Table& table, const WriteOptions& options = {}) {
  return format == Format::kStream ? WriteStream(table, options) : WriteFile(table, options);
}

inline Result<TablePtr> Read(Format format, const std::shared_ptr<Buffer>& data, const ReadOptions& options = {}) {
  return format == Format::kStream ? ReadStream(data, options) : ReadFile(data, options);
}

/// A one-column table of `batches` (each one batch), column named `name`.
inline TablePtr TableOf(const std::vector<ArrayPtr>& batches, const std::string& name = "col", bool nullable = true,
                        KeyValueMetadata metadata = {}) {
  auto s = schema({field(name, batches.at(0)->type, nullable)}, std::move(metadata));
  std::vector<RecordBatchPtr> out;
  for (const ArrayPtr& a : batches) out.push_back(Must(RecordBatch::Make(s, a->length, {a})));
  return Must(Table::Make(s, std::move(out)));
}

/// Equal schemas (metadata included) and, batch by batch, equal columns.
inline ::testing::AssertionResult TablesEqual(const Table& expected, const Table& actual) {
  if (!expected.schema()->Equals(*actual.schema(), /*check_metadata=*/true)) {
    return ::testing::AssertionFailure() << "schemas differ:\n" << expected.schema()->ToString() << "\nvs\n"
                                         << actual.schema()->ToString();
  }
  if (expected.batches().size() != actual.batches().size()) {
    return ::testing::AssertionFailure() << "batch counts differ: " << expected.batches().size() << " vs "
                                         << actual.batches().size();
  }
  for (size_t b = 0; b < expected.batches().size(); ++b) {
    const RecordBatch& x = *expected.batches()[b];
    const RecordBatch& y = *actual.batches()[b];
    if (x.num_rows() != y.num_rows()) {
      return ::testing::AssertionFailure() << "batch " << b << " rows differ: " << x.num_rows() << " vs " << y.num_rows();
    }
    for (int c = 0; c < x.num_columns(); ++c) {
      if (!ArrayEquals(*x.column(c), *y.column(c))) {
        return ::testing::AssertionFailure() << "batch " << b << " column " << c << " differs";
      }
    }
  }
  return ::testing::AssertionSuccess();
}

/// True when [p, p + n) lies inside `buffer`.
inline bool PointsInto(const Buffer& buffer, const uint8_t* p, int64_t n) {
  return p >= buffer.data() && p + n <= buffer.data() + buffer.size();
}

/// Little-endian scalar access to crafted bytes.
template <typename T>
T Load(const Buffer& b, int64_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof(T));
  return v;
}

/// A mutable copy of `data` for corrupting.
inline std::shared_ptr<Buffer> Copy(const Buffer& data) {
  return Must(Buffer::CopyOf(data.span()));
}

}  // namespace quiver::ipc::testing
