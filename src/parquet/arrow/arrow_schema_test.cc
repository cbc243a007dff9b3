// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// ARROW:schema restores Arrow types that Parquet cannot say.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "parquet/testing/file_builder_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/ipc/writer.h"
#include "quiver/parquet/reader.h"

namespace quiver::parquet {
namespace {

using testing::PageSpec;
using testing::PlainStrings;
using testing::PlainValues;

std::string Base64(const uint8_t* p, size_t n) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = uint32_t{p[i]} << 16 | (i + 1 < n ? uint32_t{p[i + 1]} << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back(i + 2 < n ? kAlphabet[v & 63] : '=');
  }
  return out;
}

testing::FileSpec FourColumns() {
  testing::FileSpec f;
  f.columns = {{"s", PhysicalType::kByteArray, Repetition::kRequired, ConvertedType::kUtf8},
               {"t", PhysicalType::kInt64, Repetition::kRequired, ConvertedType::kTimestampMicros},
               {"d", PhysicalType::kInt64},
               {"k", PhysicalType::kByteArray, Repetition::kRequired, ConvertedType::kUtf8}};
  PageSpec s, t, d, kd, k;
  s.num_values = t.num_values = d.num_values = k.num_values = 2;
  s.body = PlainStrings({"x", "yz"});
  t.body = PlainValues<int64_t>({0, 1000000});
  d.body = PlainValues<int64_t>({5, -7});
  kd.type = PageType::kDictionaryPage;
  kd.num_values = 2;
  kd.body = PlainStrings({"red", "blue"});
  k.encoding = Encoding::kRleDictionary;
  k.body = {1, 0x02, 0x01, 0x02, 0x00};  // bit width 1; runs: 1 x 1, 1 x 0
  f.row_groups = {{2, {testing::Chunk({s}), testing::Chunk({t}), testing::Chunk({d}), testing::Chunk({kd, k})}}};
  return f;
}

TEST(ArrowSchemaTest, RestoresArrowTypes) {
  auto arrow_schema = schema({field("s", large_utf8(), false), field("t", timestamp(TimeUnit::kMicro, "Europe/Paris"), false),
                              field("d", duration(TimeUnit::kMilli), false),
                              field("k", dictionary(int32(), utf8()), false)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto empty, Table::Make(arrow_schema, {}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, ipc::WriteStream(*empty));
  testing::FileSpec f = FourColumns();
  f.key_values = {{"ARROW:schema", Base64(stream->data(), static_cast<size_t>(stream->size()))}, {"other", "kept"}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, ReadTable(*Buffer::CopyOf(testing::BuildFile(f))));
  PrettyPrintOptions o;
  EXPECT_EQ(FormatTable(*t, o),
            "s: large_utf8 not null\n"
            "t: timestamp[us, tz=Europe/Paris] not null\n"
            "d: duration[ms] not null\n"
            "k: dictionary<values=utf8, indices=int32> not null\n"
            "-- schema metadata --\n"
            "other: \"kept\"\n"
            "----\n"
            "s: [[\"x\", \"yz\"]]\n"
            "t: [[1970-01-01T00:00:00.000000Z, 1970-01-01T00:00:01.000000Z]]\n"
            "d: [[5ms, -7ms]]\n"
            "k: [[\"blue\", \"red\"]]");
}

TEST(ArrowSchemaTest, WithoutTheKeyParquetTypes) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, ReadTable(*Buffer::CopyOf(testing::BuildFile(FourColumns()))));
  EXPECT_EQ(t->schema()->ToString(),
            "s: utf8 not null\nt: timestamp[us, tz=UTC] not null\nd: int64 not null\nk: utf8 not null");
}

TEST(ArrowSchemaTest, UndecodableSchemaIsIgnored) {
  testing::FileSpec f = FourColumns();
  f.key_values = {{"ARROW:schema", "!!!not base64"}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, ReadTable(*Buffer::CopyOf(testing::BuildFile(f))));
  EXPECT_EQ(t->schema()->field(0)->type()->ToString(), "utf8");
}

}  // namespace
}  // namespace quiver::parquet
