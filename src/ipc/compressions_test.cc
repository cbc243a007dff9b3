// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Which body compressions the readers report: ReadStream, ReadFile, FileReader and
// StreamDecoder, for record batch and dictionary messages.
#include <gtest/gtest.h>

#include "core/sample_arrays_test_util.h"
#include "ipc/crafting_test_util.h"

namespace quiver::ipc {
namespace {

using testing::Format;

CompressionSet SetOf(std::initializer_list<Compression> members) {
  CompressionSet set;
  for (Compression c : members) set.Insert(c);
  return set;
}

// Two batches of an int32 column (no dictionaries).
TablePtr PlainTable() {
  return testing::TableOf({quiver::testing::Int32Array({1, 2, 3}), quiver::testing::Int32Array({4})});
}

// One batch with a dictionary-encoded column, so that a dictionary message precedes it.
TablePtr DictionaryTable() {
  auto s = schema({field("d", dictionary(int16(), utf8()))});
  auto dict = quiver::testing::Utf8Array({"x", "yy"});
  auto d = MakeArrayData(s->field(0)->type(), 3, {nullptr, quiver::testing::BufferOf(std::vector<int16_t>{1, 0, 1})},
                         {}, 0, 0, dict);
  return testing::Must(Table::Make(s, {testing::Must(RecordBatch::Make(s, 3, {d}))}));
}

TEST(CompressionSet, InsertContainsEquals) {
  CompressionSet set;
  EXPECT_TRUE(set.empty());
  EXPECT_FALSE(set.Contains(Compression::kNone));
  set.Insert(Compression::kLz4Frame);
  set.Insert(Compression::kLz4Frame);
  EXPECT_FALSE(set.empty());
  EXPECT_TRUE(set.Contains(Compression::kLz4Frame));
  EXPECT_FALSE(set.Contains(Compression::kNone));
  EXPECT_FALSE(set.Contains(Compression::kZstd));
  set.Insert(SetOf({Compression::kNone, Compression::kZstd}));
  EXPECT_EQ(set, SetOf({Compression::kZstd, Compression::kNone, Compression::kLz4Frame}));
  EXPECT_NE(set, SetOf({Compression::kNone}));
}

class WholeReadCompressions : public ::testing::TestWithParam<std::tuple<Format, Compression>> {};

TEST_P(WholeReadCompressions, ReportTheWritersCodec) {
  const auto [format, compression] = GetParam();
  for (const TablePtr& table : {PlainTable(), DictionaryTable()}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *table, {.compression = compression}));
    CompressionSet seen = SetOf({Compression::kNone, Compression::kLz4Frame, Compression::kZstd});
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, format == Format::kStream ? ReadStream(bytes, {}, &seen)
                                                                     : ReadFile(bytes, {}, &seen));
    EXPECT_TRUE(testing::TablesEqual(*table, *back));
    EXPECT_EQ(seen, SetOf({compression}));  // replaced, not added to
  }
}

INSTANTIATE_TEST_SUITE_P(FormatsAndCodecs, WholeReadCompressions,
                         ::testing::Combine(::testing::Values(Format::kStream, Format::kFile),
                                            ::testing::Values(Compression::kNone, Compression::kLz4Frame,
                                                              Compression::kZstd)),
                         [](const auto& info) {
                           return std::string(testing::FormatName(std::get<0>(info.param))) + "_" +
                                  testing::CompressionName(std::get<1>(info.param));
                         });

TEST(ReadCompressions, FileReaderReportsWhatItHasRead) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto plain, WriteFile(*PlainTable(), {.compression = Compression::kLz4Frame}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(plain));
  EXPECT_TRUE(reader->compressions().empty());  // Open reads no record batch
  QUIVER_ASSERT_OK(reader->ReadRecordBatch(1).status());
  EXPECT_EQ(reader->compressions(), SetOf({Compression::kLz4Frame}));
  // A failed read adds nothing.
  EXPECT_EQ(reader->ReadRecordBatch(2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reader->compressions(), SetOf({Compression::kLz4Frame}));

  // Open reads every dictionary, so their codec is known before any batch.
  QUIVER_ASSERT_OK_AND_ASSIGN(auto dict, WriteFile(*DictionaryTable(), {.compression = Compression::kZstd}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto dict_reader, FileReader::Open(dict));
  EXPECT_EQ(dict_reader->compressions(), SetOf({Compression::kZstd}));
}

TEST(ReadCompressions, StreamDecoderAccumulatesAsItDecodes) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*DictionaryTable(), {.compression = Compression::kLz4Frame}));
  const auto messages = testing::Messages(stream);
  ASSERT_EQ(messages.size(), 4u);  // schema, dictionary, record batch, end of stream
  StreamDecoder decoder;
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, 0, messages[1].offset)));
  EXPECT_NE(decoder.schema(), nullptr);
  EXPECT_TRUE(decoder.compressions().empty());
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, messages[1].offset, messages[2].offset - messages[1].offset)));
  EXPECT_EQ(decoder.compressions(), SetOf({Compression::kLz4Frame}));  // the dictionary's
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, messages[2].offset, stream->size() - messages[2].offset)));
  QUIVER_ASSERT_OK(decoder.Finish());
  EXPECT_EQ(decoder.TakeBatches().size(), 1u);
  EXPECT_EQ(decoder.compressions(), SetOf({Compression::kLz4Frame}));
}

TEST(ReadCompressions, StreamMixingCodecsReportsEach) {
  // The schema and batches of an uncompressed stream, then the batches of a ZSTD one: the
  // format allows each message its own compression.
  auto table = PlainTable();
  QUIVER_ASSERT_OK_AND_ASSIGN(auto plain, WriteStream(*table));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto zstd, WriteStream(*table, {.compression = Compression::kZstd}));
  const auto plain_messages = testing::Messages(plain);
  const auto zstd_messages = testing::Messages(zstd);
  ASSERT_TRUE(plain_messages.back().end_of_stream);
  ASSERT_TRUE(zstd_messages.back().end_of_stream);
  const int64_t plain_end = plain_messages.back().offset;
  const int64_t zstd_start = zstd_messages[1].offset;
  auto mixed = testing::Join({testing::Bytes(*plain, 0, plain_end),
                              testing::Bytes(*zstd, zstd_start, zstd->size() - zstd_start)});
  CompressionSet seen;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(mixed, {}, &seen));
  EXPECT_EQ(back->num_rows(), 8);
  EXPECT_EQ(seen, SetOf({Compression::kNone, Compression::kZstd}));
}

TEST(ReadCompressions, FailedReadLeavesTheSetAlone) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*PlainTable(), {.compression = Compression::kLz4Frame}));
  const auto messages = testing::Messages(stream);
  // Cut inside the second record batch.
  auto cut = testing::Copy(*testing::Must(Buffer::Slice(stream, 0, messages[2].offset + 12)));
  CompressionSet seen = SetOf({Compression::kZstd});
  EXPECT_EQ(ReadStream(cut, {}, &seen).status().code(), StatusCode::kTruncated);
  EXPECT_EQ(seen, SetOf({Compression::kZstd}));
}

}  // namespace
}  // namespace quiver::ipc
