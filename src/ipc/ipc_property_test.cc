// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Seeded properties over random tables of every Arrow type (random_table_test_util.h:
// all leaf types, every nested kind to depth 4, nulls, empty batches, zero-length arrays,
// slices with offsets): each table is written as a stream and as a file with each codec,
// read back, fully validated and compared equal, and the stream is also fed to a
// StreamDecoder in random chunks; random corruption never crashes a reader. RapidCheck
// prints the seed of a failure (rerun with RC_PARAMS="seed=...").
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "ipc/random_table_test_util.h"
#include "quiver/arrow/validate.h"

namespace quiver::ipc {
namespace {

using testing::Format;

/// Full validation of every column of every batch, with the column in the message.
Status ValidateTableFull(const Table& table) {
  for (size_t b = 0; b < table.batches().size(); ++b) {
    const RecordBatch& batch = *table.batches()[b];
    for (int c = 0; c < batch.num_columns(); ++c) {
      Status st = ValidateArrayFull(*batch.column(c));
      if (!st.ok()) {
        return std::move(st).WithContext("batch[" + std::to_string(b) + "].column[" + std::to_string(c) + "]");
      }
    }
  }
  return Status::OK();
}

RC_GTEST_PROP(IpcProperty, RandomTablesRoundTrip, ()) {
  const TablePtr table = testing::GenTable();
  const std::string schema = table->schema()->ToString();
  const Status input = ValidateTableFull(*table);
  if (!input.ok()) RC_FAIL("generator made an invalid table: " + input.ToString() + "\n" + schema);
  WriteOptions options{.alignment = *rc::gen::element(8, 64), .min_space_savings = *rc::gen::element(0.0, 0.5, 1.0)};
  const int64_t chunk = *rc::gen::inRange<int64_t>(1, 200);
  for (Format format : {Format::kStream, Format::kFile}) {
    for (Compression compression : {Compression::kNone, Compression::kLz4Frame, Compression::kZstd}) {
      options.compression = compression;
      const std::string where =
          std::string(testing::FormatName(format)) + "/" + testing::CompressionName(compression) + ": ";
      auto bytes = testing::Write(format, *table, options);
      if (!bytes.ok()) RC_FAIL(where + "write: " + bytes.status().ToString() + "\n" + schema);
      auto back = testing::Read(format, bytes.value(), ReadOptions{.validate_full = true});
      if (!back.ok()) RC_FAIL(where + "read: " + back.status().ToString() + "\n" + schema);
      const Status valid = ValidateTableFull(*back.value());
      if (!valid.ok()) RC_FAIL(where + "read an invalid table: " + valid.ToString() + "\n" + schema);
      const auto equal = testing::TablesEqual(*table, *back.value());
      if (!equal) RC_FAIL(where + equal.message() + "\n" + schema);
      if (format == Format::kFile) {
        // Random access reads the same batch as the whole-file read.
        auto reader = FileReader::Open(bytes.value(), ReadOptions{.validate_full = true});
        if (!reader.ok()) RC_FAIL(where + "open: " + reader.status().ToString() + "\n" + schema);
        const int i = *rc::gen::inRange(0, reader.value()->num_record_batches());
        auto batch = reader.value()->ReadRecordBatch(i);
        if (!batch.ok()) RC_FAIL(where + "batch: " + batch.status().ToString() + "\n" + schema);
        for (int c = 0; c < batch.value()->num_columns(); ++c) {
          RC_ASSERT(ArrayEquals(*table->batches()[static_cast<size_t>(i)]->column(c), *batch.value()->column(c)));
        }
        continue;
      }

      StreamDecoder decoder(ReadOptions{.validate_full = true});
      std::vector<RecordBatchPtr> batches;
      const Buffer& data = *bytes.value();
      for (int64_t at = 0; at < data.size(); at += chunk) {
        const Status st = decoder.Consume(
            data.span().subspan(static_cast<size_t>(at), static_cast<size_t>(std::min(chunk, data.size() - at))));
        if (!st.ok()) RC_FAIL(where + "decoder: " + st.ToString() + "\n" + schema);
        for (auto& b : decoder.TakeBatches()) batches.push_back(std::move(b));
      }
      RC_ASSERT(decoder.Finish().ok());
      const auto decoded = testing::TablesEqual(*table, *testing::Must(Table::Make(decoder.schema(), batches)));
      if (!decoded) RC_FAIL(where + "decoder: " + decoded.message() + "\n" + schema);
    }
  }
}

RC_GTEST_PROP(IpcProperty, CorruptionNeverCrashes, ()) {
  const TablePtr table = testing::GenTable();
  const auto format = *rc::gen::element(Format::kStream, Format::kFile);
  const WriteOptions options{
      .alignment = *rc::gen::element(8, 64),
      .compression = *rc::gen::element(Compression::kNone, Compression::kLz4Frame, Compression::kZstd)};
  auto bytes = testing::Write(format, *table, options);
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
    } else if (full) {
      RC_ASSERT(ValidateTableFull(*r.value()).ok());
    }
  }
  if (format == Format::kStream) {
    StreamDecoder decoder(ReadOptions{.validate_full = true});
    const int64_t chunk = *rc::gen::inRange<int64_t>(1, 200);
    Status st;
    for (int64_t at = 0; st.ok() && at < bad->size(); at += chunk) {
      st = decoder.Consume(
          bad->span().subspan(static_cast<size_t>(at), static_cast<size_t>(std::min(chunk, bad->size() - at))));
      for (const RecordBatchPtr& b : decoder.TakeBatches()) {
        for (const ArrayPtr& column : b->columns()) RC_ASSERT(ValidateArrayFull(*column).ok());
      }
    }
    if (st.ok()) st = decoder.Finish();
    RC_ASSERT(st.ok() || st.code() == StatusCode::kInvalidInput || st.code() == StatusCode::kTruncated ||
              st.code() == StatusCode::kUnsupported || st.code() == StatusCode::kLimitExceeded);
  }
}

/// The type ids in `type` (index, value, storage and run-end types included) into `seen`;
/// returns the number of nested levels (list, struct, map, union, dictionary, run-end
/// encoded, extension) on the deepest path.
int CollectTypes(const DataType& type, std::set<TypeId>* seen) {
  seen->insert(type.id());
  int below = 0;
  // A map's entries struct is part of the map, not a level of its own.
  const DataType& parent = type.id() == TypeId::kMap ? *type.field(0)->type() : type;
  for (const FieldPtr& f : parent.fields()) below = std::max(below, CollectTypes(*f->type(), seen));
  if (type.id() == TypeId::kDictionary) {
    seen->insert(type.index_type()->id());
    below = std::max(below, CollectTypes(*type.value_type(), seen));
  }
  if (type.id() == TypeId::kExtension) below = std::max(below, CollectTypes(*type.storage_type(), seen));
  const bool nested = !type.fields().empty() || type.id() == TypeId::kDictionary || type.id() == TypeId::kExtension ||
                      type.id() == TypeId::kStruct;
  return nested ? below + 1 : below;
}

// The generator reaches every TypeId and the full depth within a few hundred arrays, so
// a generator change that drops a type fails here rather than silently thinning coverage.
TEST(IpcProperty, GeneratorCoversEveryType) {
  std::set<TypeId> seen;
  int deepest = 0;
  const auto gen = rc::gen::exec([] { return testing::GenArray(0, 6); });
  for (int seed = 0; seed < 2000; ++seed) {
    const ArrayPtr a = gen(rc::Random(static_cast<uint64_t>(seed)), 100).value();
    deepest = std::max(deepest, CollectTypes(*a->type, &seen));
  }
  for (int id = 0; id <= static_cast<int>(TypeId::kExtension); ++id) {
    EXPECT_TRUE(seen.count(static_cast<TypeId>(id))) << "never generated: type id " << id;
  }
  EXPECT_EQ(deepest, testing::kMaxDepth);
}

}  // namespace
}  // namespace quiver::ipc
