// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// ARROW:schema restores Arrow types that Parquet cannot say.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "core/sample_arrays_test_util.h"
#include "parquet/arrow/arrow_schema.h"
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

Result<TablePtr> OneBatch(const SchemaPtr& s, std::vector<ArrayPtr> columns) {
  const int64_t rows = columns.empty() ? 0 : columns[0]->length;
  QUIVER_ASSIGN_OR_RETURN(auto batch, RecordBatch::Make(s, rows, std::move(columns)));
  return Table::Make(s, {batch});
}

// Parquet stores fixed-size lists and list views as lists; ARROW:schema brings their types
// back (as pyarrow does for fixed-size lists), a null fixed-size list getting its slots of
// null values. Runs of nulls and values alternate to exercise the padding.
TEST(ArrowSchemaTest, FixedSizeListsAndListViewsAreRestored) {
  using quiver::testing::Int32Array;
  using quiver::testing::Utf8Array;
  auto fsl = MakeFixedSizeListArray(fixed_size_list(int32(), 3), 6, Int32Array({1, 2, 3, 9, 9, 9, 9, 9, 9, 4, 5, 6, 9, 9, 9, 7, 8, 9},
                                                                               {1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1}),
                                    {true, false, false, true, false, true});
  ASSERT_TRUE(fsl.ok()) << fsl.status().ToString();
  // Views out of order and overlapping: [b, null], null, [a, b, null], [], [b], null.
  auto view = MakeListViewArray(list_view(utf8()), {1, 0, 0, 3, 1, 0}, {2, 0, 3, 0, 1, 0},
                                Utf8Array({"a", "b", std::nullopt, "x"}), {true, false, true, true, true, false});
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  auto inner = MakeFixedSizeListArray(fixed_size_list(utf8(), 2), 3, Utf8Array({"p", "q", "", "", "r", std::nullopt}),
                                      {true, false, true});
  ASSERT_TRUE(inner.ok());
  auto nested = MakeListArray(large_list(field("pair", fixed_size_list(utf8(), 2))), {0, 2, 2, 3, 3, 3, 3}, *inner,
                              {true, true, true, false, true, true});
  ASSERT_TRUE(nested.ok()) << nested.status().ToString();
  auto s = schema({field("f", (*fsl)->type), field("v", (*view)->type), field("n", (*nested)->type)});
  QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr table, OneBatch(s, {*fsl, *view, *nested}));
  for (int rows_per_group : {1, 2, 1000}) {
    WriteOptions o;
    o.row_group_rows = rows_per_group;
    QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteTable(*table, o));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(file, ReadOptions{.validate_full = true}));
    EXPECT_TRUE(back->schema()->Equals(*s)) << back->schema()->ToString();
    // A batch per row group: each equals its rows of the original.
    int64_t at = 0;
    for (const auto& b : back->batches()) {
      QUIVER_ASSERT_OK_AND_ASSIGN(auto got, Table::Make(back->schema(), {b}));
      QUIVER_ASSERT_OK_AND_ASSIGN(auto want, table->Slice(at, b->num_rows()));
      EXPECT_EQ(FormatTable(*got), FormatTable(*want)) << rows_per_group;
      at += b->num_rows();
    }
    EXPECT_EQ(at, table->num_rows());
  }
}

// Found by the writer property test: a fixed-size list that is absent because a parent is
// null (here not nullable itself) must be padded too; and padding under a list of
// dictionaries must keep the indices valid (null arrays of a dictionary type have an empty
// dictionary, which a concatenation took over).
TEST(ArrowSchemaTest, FixedSizeListsUnderNullParentsAndOverDictionaries) {
  using quiver::testing::FixedWidthArray;
  using quiver::testing::Utf8Array;
  auto bools = FixedWidthArray(boolean(), 3, std::vector<uint8_t>{0b101}, {});
  auto fsl_type = fixed_size_list(boolean(), 1);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto fsl, MakeFixedSizeListArray(fsl_type, 3, bools));
  auto struct_type = struct_({field("f", fsl_type, false)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto st, MakeStructArray(struct_type, {fsl}, {true, false, true}));
  auto dict_type = dictionary(int8(), utf8());
  QUIVER_ASSERT_OK_AND_ASSIGN(auto dict, MakeDictionaryArray(dict_type, FixedWidthArray(int8(), 6, std::vector<int8_t>{0, 1, 0, 0, 2, 0}, {}),
                                                             Utf8Array({"a", "b", "c"})));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto pairs, MakeFixedSizeListArray(fixed_size_list(dict_type, 2), 3, dict, {true, false, true}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto lists, MakeListArray(list(pairs->type), {0, 2, 3}, pairs));
  auto s = schema({field("s", struct_type), field("l", lists->type)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto struct_and_pad, SliceArray(st, 0, 2));
  QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr table, OneBatch(s, {struct_and_pad, lists}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteTable(*table));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadTable(file, ReadOptions{.validate_full = true}));
  EXPECT_TRUE(back->schema()->Equals(*s)) << back->schema()->ToString();
  EXPECT_EQ(FormatTable(*back), FormatTable(*table));
}

// A list that ARROW:schema calls fixed-size but whose lists are not all of that size is an
// error naming the column and the list; an absurd declared size is a limit.
TEST(ArrowSchemaTest, FixedSizeListsThatDoNotFitAreRefused) {
  using quiver::testing::Int32Array;
  auto lists = MakeListArray(list(int32()), {0, 3, 5, 5}, Int32Array({1, 2, 3, 4, 5}), {true, true, false});
  ASSERT_TRUE(lists.ok());
  auto s = schema({field("c", list(int32()))});
  QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr table, OneBatch(s, {*lists}));
  auto written_as = [&](const TypePtr& type) -> Result<std::shared_ptr<Buffer>> {
    WriteOptions o;
    o.store_arrow_schema = false;
    QUIVER_ASSIGN_OR_RETURN(std::string hint, arrow::EncodeArrowSchema(schema({field("c", type)})));
    o.metadata = {{"ARROW:schema", hint}};
    return WriteTable(*table, o);
  };
  QUIVER_ASSERT_OK_AND_ASSIGN(auto three, written_as(fixed_size_list(int32(), 3)));
  Result<TablePtr> wrong = ReadTable(three);
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(wrong.status().message(), "expected lists of 3 values in fixed-size list 'c' but list 1 holds 2");
  QUIVER_ASSERT_OK_AND_ASSIGN(auto absurd, written_as(fixed_size_list(int32(), 1 << 30)));
  Result<TablePtr> huge = ReadTable(absurd);
  EXPECT_EQ(huge.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(huge.status().message(), "fixed-size list 'c' of 3 lists of 1073741824 values needs more than 2147483648 values");
}

}  // namespace
}  // namespace quiver::parquet
