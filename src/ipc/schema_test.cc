// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Schema metadata: the flatbuffer form of each type parameter, ids, metadata at every level.
#include <gtest/gtest.h>

#include "core/sample_arrays_test_util.h"
#include "ipc/crafting_test_util.h"

namespace quiver::ipc {
namespace {

/// The first field of the schema message of a stream written from `s`.
struct FirstField {
  std::shared_ptr<Buffer> stream;
  internal::Message message;
  const fb::Field* field = nullptr;
};

FirstField Encode(const SchemaPtr& s) {
  FirstField out;
  out.stream = testing::Must(WriteStream(*testing::Must(Table::Make(s, {}))));
  out.message = testing::Must(internal::DecodeMessage(out.stream, 0, ReadOptions{}));
  out.field = out.message.message->header_as_Schema()->fields()->Get(0);
  return out;
}

SchemaPtr RoundTrip(const SchemaPtr& s) {
  return testing::Must(ReadStream(testing::Must(WriteStream(*testing::Must(Table::Make(s, {}))))))->schema();
}

TEST(Schema, EveryTypeRoundTripsWithMetadata) {
  for (const auto& sample : quiver::testing::SampleArrays()) {
    SCOPED_TRACE(sample.name);
    auto s = schema({field("a", sample.array->type, false, {{"field", sample.name}})}, {{"schema", "level"}});
    EXPECT_TRUE(RoundTrip(s)->Equals(*s, /*check_metadata=*/true)) << RoundTrip(s)->ToString();
  }
}

TEST(Schema, TypeParametersOnTheWire) {
  {
    auto f = Encode(schema({field("d", decimal256(40, 5))}));
    ASSERT_EQ(f.field->type_type(), fb::Type::Decimal);
    EXPECT_EQ(f.field->type_as_Decimal()->bit_width(), 256);
    EXPECT_EQ(f.field->type_as_Decimal()->precision(), 40);
    EXPECT_EQ(f.field->type_as_Decimal()->scale(), 5);
  }
  {
    auto f = Encode(schema({field("d", decimal32(7, 2))}));
    EXPECT_EQ(f.field->type_as_Decimal()->bit_width(), 32);
  }
  {
    auto f = Encode(schema({field("m", map(utf8(), int32(), /*keys_sorted=*/true))}));
    ASSERT_EQ(f.field->type_type(), fb::Type::Map);
    EXPECT_TRUE(f.field->type_as_Map()->keys_sorted());
    ASSERT_EQ(f.field->children()->size(), 1u);
    EXPECT_EQ(f.field->children()->Get(0)->name()->str(), "entries");
    EXPECT_FALSE(f.field->children()->Get(0)->nullable());
  }
  {
    auto f = Encode(schema({field("u", dense_union({field("a", int8()), field("b", utf8())}, {4, 9}))}));
    ASSERT_EQ(f.field->type_type(), fb::Type::Union);
    EXPECT_EQ(f.field->type_as_Union()->mode(), fb::UnionMode::Dense);
    EXPECT_EQ(std::vector<int32_t>(f.field->type_as_Union()->type_ids()->begin(),
                                   f.field->type_as_Union()->type_ids()->end()),
              (std::vector<int32_t>{4, 9}));
  }
  {
    auto f = Encode(schema({field("t", time64(TimeUnit::kNano))}));
    EXPECT_EQ(f.field->type_as_Time()->bit_width(), 64);
    EXPECT_EQ(f.field->type_as_Time()->unit(), fb::TimeUnit::NANOSECOND);
  }
  {
    auto f = Encode(schema({field("t", timestamp(TimeUnit::kMilli, "+07:30"))}));
    EXPECT_EQ(f.field->type_as_Timestamp()->timezone()->str(), "+07:30");
    auto naive = Encode(schema({field("t", timestamp(TimeUnit::kMilli))}));
    EXPECT_EQ(naive.field->type_as_Timestamp()->timezone(), nullptr);
  }
  {
    auto f = Encode(schema({field("v", utf8_view())}));
    EXPECT_EQ(f.field->type_type(), fb::Type::Utf8View);
    auto r = Encode(schema({field("r", run_end_encoded(int32(), utf8()))}));
    EXPECT_EQ(r.field->type_type(), fb::Type::RunEndEncoded);
    EXPECT_EQ(r.field->children()->size(), 2u);
    auto l = Encode(schema({field("l", large_list_view(int8()))}));
    EXPECT_EQ(l.field->type_type(), fb::Type::LargeListView);
  }
}

TEST(Schema, DictionaryEncodingOnTheWire) {
  auto s = schema({field("a", dictionary(uint16(), utf8(), /*ordered=*/true)), field("b", dictionary(int32(), int64()))});
  auto f = Encode(s);
  const fb::DictionaryEncoding* d = f.field->dictionary();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->id(), 0);
  EXPECT_TRUE(d->is_ordered());
  EXPECT_EQ(d->index_type()->bit_width(), 16);
  EXPECT_FALSE(d->index_type()->is_signed());
  EXPECT_EQ(f.field->type_type(), fb::Type::Utf8);  // the value type
  const fb::Field* b = f.message.message->header_as_Schema()->fields()->Get(1);
  EXPECT_EQ(b->dictionary()->id(), 1);
  EXPECT_TRUE(RoundTrip(s)->Equals(*s));
}

TEST(Schema, DictionaryWithoutIndexTypeMeansInt32) {
  auto message = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("d");
    auto t = fb::CreateUtf8(fbb);
    auto d = fb::CreateDictionaryEncoding(fbb, 7, 0, false);
    return fb::CreateField(fbb, n, true, fb::Type::Utf8, t.Union(), d);
  });
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, ReadStream(testing::Concat({message})));
  EXPECT_TRUE(table->schema()->field(0)->type()->Equals(*dictionary(int32(), utf8())));
}

TEST(Schema, SharedDictionaryIdsMustAgree) {
  auto field_with_id = [](flatbuffers::FlatBufferBuilder& fbb, const char* name, bool as_int) {
    auto n = fbb.CreateString(name);
    auto d = fb::CreateDictionaryEncoding(fbb, 3);
    if (as_int) return fb::CreateField(fbb, n, true, fb::Type::Int, fb::CreateInt(fbb, 64, true).Union(), d);
    return fb::CreateField(fbb, n, true, fb::Type::Utf8, fb::CreateUtf8(fbb).Union(), d);
  };
  for (bool second_int : {false, true}) {
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<fb::Field>> fields{field_with_id(fbb, "a", false), field_with_id(fbb, "b", second_int)};
    auto schema_table = fb::CreateSchema(fbb, fb::Endianness::Little, fbb.CreateVector(fields));
    fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion::V5, fb::MessageHeader::Schema, schema_table.Union(), 0));
    auto r = ReadStream(testing::Concat({testing::Frame(fbb)}));
    if (!second_int) {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().ToString(),
                "schema: dictionary id 3 is used by fields 'a' and 'b' with different value types utf8 and int64");
    }
  }
}

TEST(Schema, ExtensionOverDictionaryRoundTrips) {
  // The format has one place for the extension keys, on the field. Like Arrow C++, the
  // reader applies them outside the dictionary encoding.
  auto ext = extension("my.label", dictionary(int8(), utf8()));
  auto back = RoundTrip(schema({field("e", ext)}));
  EXPECT_TRUE(back->field(0)->type()->Equals(*ext)) << back->field(0)->type()->ToString();
}

TEST(Schema, DictionaryOfExtensionReadsBackAsExtensionOverDictionary) {
  // Both forms are written the same way; the reader picks Arrow C++'s.
  auto dict = dictionary(int8(), extension("my.label", utf8()));
  auto back = RoundTrip(schema({field("e", dict)}));
  EXPECT_TRUE(back->field(0)->type()->Equals(*extension("my.label", dictionary(int8(), utf8()))))
      << back->field(0)->type()->ToString();
}

TEST(Schema, V4UnionsCarryAnUnusedValidityBuffer) {
  auto message = testing::SchemaMessage(
      [](flatbuffers::FlatBufferBuilder& fbb) {
        auto child_name = fbb.CreateString("i");
        auto child = fb::CreateField(fbb, child_name, true, fb::Type::Int, fb::CreateInt(fbb, 32, true).Union());
        std::vector<flatbuffers::Offset<fb::Field>> children{child};
        auto c = fbb.CreateVector(children);
        auto n = fbb.CreateString("u");
        auto t = fb::CreateUnion(fbb, fb::UnionMode::Sparse);
        return fb::CreateField(fbb, n, true, fb::Type::Union, t.Union(), 0, c);
      },
      fb::MetadataVersion::V4);
  // Body: union validity (absent), type ids [0, 0], child validity (absent), values [5, 6].
  std::vector<uint8_t> body(16, 0);
  body[8] = 5;
  body[12] = 6;
  auto batch = [&](int64_t union_nulls) {
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<fb::FieldNode> nodes{fb::FieldNode(2, union_nulls), fb::FieldNode(2, 0)};
    std::vector<fb::Buffer> buffers{fb::Buffer(0, 0), fb::Buffer(0, 2), fb::Buffer(8, 0), fb::Buffer(8, 8)};
    auto rb = fb::CreateRecordBatch(fbb, 2, fbb.CreateVectorOfStructs(nodes), fbb.CreateVectorOfStructs(buffers));
    fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion::V4, fb::MessageHeader::RecordBatch, rb.Union(), 16));
    return testing::Frame(fbb, body);
  };
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, ReadStream(testing::Concat({message, batch(0)})));
  const ArrayData& u = *table->batches()[0]->column(0);
  EXPECT_EQ(u.buffers.size(), 1u);
  EXPECT_EQ(testing::Load<int32_t>(*u.children[0]->buffers[1], 4), 6);
  auto r = ReadStream(testing::Concat({message, batch(1)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            "record_batch[0].column['u']: expected no top-level nulls in a pre-V5 union but found some");
}

}  // namespace
}  // namespace quiver::ipc
