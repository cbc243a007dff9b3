// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Seeded properties over random tables (random nesting of ints, floats, strings, views,
// bools, lists, structs, dictionaries and unions, sliced at random offsets and split into
// random batches): every write path reads back equal, through both formats, every codec,
// both alignments and random StreamDecoder chunking; random corruption never crashes a
// reader. RapidCheck prints the seed of a failure (rerun with RC_PARAMS="seed=...").
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/builder_test_util.h"
#include "ipc/ipc_test_util.h"
#include "quiver/arrow/builder.h"

namespace quiver::ipc {
namespace {

std::vector<bool> GenValidity(int64_t n) {
  const bool any_nulls = *rc::gen::arbitrary<bool>();
  std::vector<bool> v(static_cast<size_t>(n), true);
  if (any_nulls) {
    for (auto&& b : v) b = *rc::gen::inRange(0, 4) != 0;
  }
  return v;
}

template <typename T>
std::vector<std::optional<T>> GenValues(int64_t n) {
  const auto valid = GenValidity(n);
  std::vector<std::optional<T>> out;
  for (int64_t i = 0; i < n; ++i) {
    out.push_back(valid[static_cast<size_t>(i)] ? std::optional<T>(*rc::gen::arbitrary<T>()) : std::nullopt);
  }
  return out;
}

std::vector<std::optional<std::string>> GenStrings(int64_t n) {
  const auto valid = GenValidity(n);
  std::vector<std::optional<std::string>> out;
  for (int64_t i = 0; i < n; ++i) {
    if (!valid[static_cast<size_t>(i)]) {
      out.emplace_back(std::nullopt);
      continue;
    }
    // Printable ASCII keeps utf8 valid; lengths straddle the 12-byte inline view limit.
    const int len = *rc::gen::inRange(0, 20);
    std::string s;
    for (int k = 0; k < len; ++k) s.push_back(static_cast<char>(*rc::gen::inRange(32, 127)));
    out.emplace_back(std::move(s));
  }
  return out;
}

ArrayPtr GenArray(int depth, int64_t length);

ArrayPtr GenLeaf(int64_t length) {
  switch (*rc::gen::inRange(0, 6)) {
    case 0: return quiver::testing::Int32s(GenValues<int32_t>(length));
    case 1: return quiver::testing::Int64s(GenValues<int64_t>(length));
    case 2: return quiver::testing::Float64s(GenValues<double>(length));
    case 3: return quiver::testing::Utf8s(GenStrings(length));
    case 4: return quiver::testing::Strings(utf8_view(), GenStrings(length), /*block_size=*/64);
    default: return quiver::testing::Bools(GenValues<bool>(length));
  }
}

ArrayPtr GenArray(int depth, int64_t length) {
  const int kind = *rc::gen::inRange(0, depth >= 3 ? 1 : 6);
  switch (kind) {
    case 1: {  // list
      std::vector<int64_t> offsets{0};
      for (int64_t i = 0; i < length; ++i) offsets.push_back(offsets.back() + *rc::gen::inRange(0, 4));
      ArrayPtr child = GenArray(depth + 1, offsets.back());
      return testing::Must(MakeListArray(list(child->type), offsets, child, GenValidity(length)));
    }
    case 2: {  // struct, children possibly longer than the struct
      const int n = *rc::gen::inRange(1, 4);
      std::vector<FieldPtr> fields;
      std::vector<ArrayPtr> children;
      for (int c = 0; c < n; ++c) {
        children.push_back(GenArray(depth + 1, length + *rc::gen::inRange(0, 3)));
        fields.push_back(field("f" + std::to_string(c), children.back()->type));
      }
      return testing::Must(MakeStructArray(fields, children, GenValidity(length), length));
    }
    case 3: {  // dictionary
      const int64_t size = *rc::gen::inRange(1, 6);
      ArrayPtr values = GenLeaf(size);
      const auto valid = GenValidity(length);
      std::vector<std::optional<int32_t>> idx;
      for (int64_t i = 0; i < length; ++i) {
        idx.push_back(valid[static_cast<size_t>(i)] ? std::optional<int32_t>(*rc::gen::inRange<int32_t>(0, size))
                                                    : std::nullopt);
      }
      return testing::Must(
          MakeDictionaryArray(dictionary(int32(), values->type), quiver::testing::Int32s(idx), values));
    }
    case 4: {  // sparse union with codes 3 and 7
      ArrayPtr a = GenArray(depth + 1, length), b = GenArray(depth + 1, length);
      auto type = sparse_union({field("a", a->type), field("b", b->type)}, {3, 7});
      std::vector<int8_t> ids;
      for (int64_t i = 0; i < length; ++i) ids.push_back(*rc::gen::arbitrary<bool>() ? 3 : 7);
      return testing::Must(MakeSparseUnionArray(type, ids, {a, b}));
    }
    case 5: {  // dense union
      ArrayPtr a = GenArray(depth + 1, *rc::gen::inRange<int64_t>(1, 5));
      ArrayPtr b = GenArray(depth + 1, *rc::gen::inRange<int64_t>(1, 5));
      auto type = dense_union({field("a", a->type), field("b", b->type)});
      std::vector<int8_t> ids;
      std::vector<int32_t> offsets;
      int32_t next[2] = {0, 0};  // offsets are non-decreasing per child (full validation)
      for (int64_t i = 0; i < length; ++i) {
        const int k = *rc::gen::arbitrary<bool>() ? 0 : 1;
        const auto last = static_cast<int32_t>((k == 0 ? a : b)->length - 1);
        ids.push_back(static_cast<int8_t>(k));
        offsets.push_back(std::min(next[k], last));
        next[k] += *rc::gen::inRange(0, 2);
      }
      return testing::Must(MakeDenseUnionArray(type, ids, offsets, {a, b}));
    }
    default: return GenLeaf(length);
  }
}

/// A table of 1-3 random columns, each a random slice of a longer array, split into
/// random batches.
TablePtr GenTable() {
  const int64_t rows = *rc::gen::inRange<int64_t>(0, 40);
  const int ncols = *rc::gen::inRange(1, 4);
  std::vector<ArrayPtr> columns;
  std::vector<FieldPtr> fields;
  for (int c = 0; c < ncols; ++c) {
    const int64_t lead = *rc::gen::inRange<int64_t>(0, 10);
    ArrayPtr a = GenArray(0, lead + rows + *rc::gen::inRange<int64_t>(0, 3));
    columns.push_back(quiver::testing::Slice(a, lead, rows));
    fields.push_back(field("c" + std::to_string(c), a->type));
  }
  auto s = schema(fields);
  std::vector<RecordBatchPtr> batches;
  auto add = [&](int64_t at, int64_t n) {
    std::vector<ArrayPtr> cols;
    for (const auto& c : columns) cols.push_back(quiver::testing::Slice(c, at, n));
    batches.push_back(testing::Must(RecordBatch::Make(s, n, cols)));
  };
  for (int64_t at = 0; at < rows;) {
    const int64_t n = std::min<int64_t>(rows - at, *rc::gen::inRange<int64_t>(1, 16));
    add(at, n);
    at += n;
  }
  if (batches.empty() || *rc::gen::arbitrary<bool>()) add(rows, 0);  // an empty batch
  return testing::Must(Table::Make(s, batches));
}

WriteOptions GenOptions() {
  WriteOptions o;
  o.alignment = *rc::gen::element(8, 64);
  o.compression = *rc::gen::element(Compression::kNone, Compression::kLz4Frame, Compression::kZstd);
  o.min_space_savings = *rc::gen::element(0.0, 0.5, 1.0);
  return o;
}

RC_GTEST_PROP(IpcProperty, RandomTablesRoundTrip, ()) {
  const TablePtr table = GenTable();
  const WriteOptions options = GenOptions();
  const auto format = *rc::gen::element(testing::Format::kStream, testing::Format::kFile);
  auto bytes = testing::Write(format, *table, options);
  if (!bytes.ok()) RC_FAIL("write: " + bytes.status().ToString());
  auto back = testing::Read(format, bytes.value(), ReadOptions{.validate_full = true});
  if (!back.ok()) RC_FAIL("read: " + back.status().ToString() + "\n" + table->schema()->ToString());
  const auto equal = testing::TablesEqual(*table, *back.value());
  if (!equal) RC_FAIL(equal.message());
  if (format == testing::Format::kStream) {
    const int64_t chunk = *rc::gen::inRange<int64_t>(1, 200);
    StreamDecoder decoder(ReadOptions{.validate_full = true});
    std::vector<RecordBatchPtr> batches;
    const Buffer& data = *bytes.value();
    for (int64_t at = 0; at < data.size(); at += chunk) {
      RC_ASSERT(decoder.Consume(data.span().subspan(static_cast<size_t>(at),
                                                   static_cast<size_t>(std::min(chunk, data.size() - at))))
                    .ok());
      for (auto& b : decoder.TakeBatches()) batches.push_back(std::move(b));
    }
    RC_ASSERT(decoder.Finish().ok());
    RC_ASSERT(static_cast<bool>(testing::TablesEqual(*table, *testing::Must(Table::Make(decoder.schema(), batches)))));
  }
}

RC_GTEST_PROP(IpcProperty, CorruptionNeverCrashes, ()) {
  const TablePtr table = GenTable();
  const auto format = *rc::gen::element(testing::Format::kStream, testing::Format::kFile);
  auto bytes = testing::Write(format, *table, GenOptions());
  if (!bytes.ok()) RC_FAIL("write: " + bytes.status().ToString());
  auto bad = testing::Copy(*bytes.value());
  const int flips = *rc::gen::inRange(1, 4);
  for (int k = 0; k < flips; ++k) {
    const auto at = *rc::gen::inRange<int64_t>(0, bad->size());
    bad->mutable_data()[at] = *rc::gen::arbitrary<uint8_t>();
  }
  for (bool full : {false, true}) {
    auto r = testing::Read(format, bad, ReadOptions{.validate_full = full});
    if (!r.ok()) {
      const StatusCode code = r.status().code();
      RC_ASSERT(code == StatusCode::kInvalidInput || code == StatusCode::kTruncated ||
                code == StatusCode::kUnsupported || code == StatusCode::kLimitExceeded);
    }
  }
}

}  // namespace
}  // namespace quiver::ipc
