// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// ARROW:schema restores Arrow types that Parquet cannot say.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "parquet/testing/file_builder_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/ipc/writer.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

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

// An extension type over utf8, next to large_utf8, duration[ns] and a dictionary with
// int8 indices over binary, all restored from one ARROW:schema written by our IPC writer.
TEST(ArrowSchemaTest, RestoresExtensionLargeUtf8DurationDictionary) {
  testing::FileSpec f;
  f.columns = {{"e", PhysicalType::kByteArray, Repetition::kOptional, ConvertedType::kUtf8},
               {"s", PhysicalType::kByteArray, Repetition::kRequired, ConvertedType::kUtf8},
               {"d", PhysicalType::kInt64, Repetition::kRequired},
               {"k", PhysicalType::kByteArray, Repetition::kRequired}};
  PageSpec e, s, d, kd, k;
  e.num_values = s.num_values = d.num_values = k.num_values = 2;
  e.body = testing::Concat({testing::V1Levels({1, 0}, 1), PlainStrings({"ext"})});
  s.body = PlainStrings({"", "long"});
  d.body = PlainValues<int64_t>({-1, 1000000000});
  kd.type = PageType::kDictionaryPage;
  kd.num_values = 2;
  kd.body = PlainStrings({"A", "B"});
  k.encoding = Encoding::kRleDictionary;
  k.body = {1, 0x04, 0x01};  // bit width 1; one run: 2 x 1
  f.row_groups = {{2, {testing::Chunk({e}), testing::Chunk({s}), testing::Chunk({d}), testing::Chunk({kd, k})}}};
  auto ext = extension("quiver.test.tag", utf8(), "v1");
  auto arrow_schema = schema({field("e", ext, true, {{"note", "kept"}}), field("s", large_utf8(), false),
                              field("d", duration(TimeUnit::kNano), false),
                              field("k", dictionary(int8(), binary()), false)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto empty, Table::Make(arrow_schema, {}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, ipc::WriteStream(*empty));
  f.key_values = {{"ARROW:schema", Base64(stream->data(), static_cast<size_t>(stream->size()))}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, ReadTable(*Buffer::CopyOf(testing::BuildFile(f))));
  const Schema& sc = *t->schema();
  ASSERT_EQ(sc.num_fields(), 4);
  const DataType& et = *sc.field(0)->type();
  ASSERT_EQ(et.id(), TypeId::kExtension);
  EXPECT_EQ(et.extension_name(), "quiver.test.tag");
  EXPECT_EQ(et.extension_metadata(), "v1");
  EXPECT_EQ(et.storage_type()->id(), TypeId::kUtf8);
  EXPECT_TRUE(sc.field(0)->nullable());
  EXPECT_EQ(sc.field(0)->metadata(), (KeyValueMetadata{{"note", "kept"}}));
  EXPECT_EQ(sc.field(1)->type()->id(), TypeId::kLargeUtf8);
  EXPECT_TRUE(sc.field(2)->type()->Equals(*duration(TimeUnit::kNano)));
  EXPECT_TRUE(sc.field(3)->type()->Equals(*dictionary(int8(), binary())));
  EXPECT_TRUE(sc.metadata().empty());
  ASSERT_EQ(t->batches().size(), 1u);
  const RecordBatch& b = *t->batches()[0];
  const ArrayData& ea = *b.column(0);
  EXPECT_TRUE(ea.type->Equals(*ext));
  EXPECT_TRUE(ea.IsValid(0));
  EXPECT_FALSE(ea.IsValid(1));
  EXPECT_EQ(std::string(ea.buffers[2]->data_as<char>(), static_cast<size_t>(ea.GetValues<int32_t>(1)[1])), "ext");
  const ArrayData& sa = *b.column(1);
  EXPECT_EQ(sa.GetValues<int64_t>(1)[0], 0);
  EXPECT_EQ(sa.GetValues<int64_t>(1)[1], 0);
  EXPECT_EQ(sa.GetValues<int64_t>(1)[2], 4);
  EXPECT_EQ(std::string(sa.buffers[2]->data_as<char>(), 4), "long");
  const int64_t* dv = b.column(2)->GetValues<int64_t>(1);
  EXPECT_EQ(dv[0], -1);
  EXPECT_EQ(dv[1], 1000000000);
  const ArrayData& ka = *b.column(3);
  EXPECT_EQ(ka.GetValues<int8_t>(1)[0], 1);
  EXPECT_EQ(ka.GetValues<int8_t>(1)[1], 1);
  ASSERT_NE(ka.dictionary, nullptr);
  EXPECT_TRUE(ka.dictionary->type->Equals(*binary()));
  PrettyPrintOptions o;
  o.show_metadata = false;
  EXPECT_EQ(FormatTable(*t, o).substr(FormatTable(*t, o).find("----")),
            "----\n"
            "e: [[\"ext\", null]]\n"
            "s: [[\"\", \"long\"]]\n"
            "d: [[-1ns, 1000000000ns]]\n"
            "k: [[x'42', x'42']]");
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

// Bug found by parquet_fuzz (tests/regressions/parquet/map_value_name_lost.parquet): the
// writer names a map's Parquet fields `key` and `value` whatever Arrow calls them, and the
// reader kept Parquet's names over ARROW:schema's, so a map's key and value names did not
// survive a write and read.
TEST(ArrowSchemaTest, MapKeyAndValueNamesSurviveTheRoundTrip) {
  auto entries = field("entries", struct_({field("k", utf8(), false), field("qalue", list(int64()))}), false);
  auto s = schema({field("m", map(entries, false))});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto nulls, MakeArrayOfNulls(s->field(0)->type(), 3));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::Make(s, 3, {nulls}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, Table::Make(s, {batch}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteTable(*table));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(file));
  EXPECT_EQ(back->schema()->field(0)->type()->ToString(), "map<utf8, list<item: int64>>");
  EXPECT_TRUE(back->schema()->Equals(*s)) << back->schema()->field(0)->type()->field(0)->ToString();
}

// Bug found by parquet_fuzz (tests/regressions/parquet/duplicate_names_arrow_type_lost.parquet):
// with two top-level columns of one name, ARROW:schema's first field of that name was the
// hint for both, so the second column lost its Arrow type (here an extension) on a write
// and read.
TEST(ArrowSchemaTest, ColumnsOfOneNameEachTakeTheirOwnArrowType) {
  auto s = schema({field("c", utf8()), field("c", duration(TimeUnit::kMilli))});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto a, MakeArrayOfNulls(s->field(0)->type(), 2));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto b, MakeArrayOfNulls(s->field(1)->type(), 2));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::Make(s, 2, {a, b}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, Table::Make(s, {batch}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteTable(*table));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(file));
  EXPECT_EQ(back->schema()->ToString(), "c: utf8\nc: duration[ms]");
}

}  // namespace
}  // namespace quiver::parquet
