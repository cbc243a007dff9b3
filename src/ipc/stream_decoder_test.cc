// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// StreamDecoder: chunks of any size give the same batches as reading the whole stream.
#include <gtest/gtest.h>

#include "core/sample_arrays_test_util.h"
#include "ipc/crafting_test_util.h"

namespace quiver::ipc {
namespace {


TablePtr MixedTable() {
  auto s = schema({field("i", int64()), field("s", utf8()), field("d", dictionary(int16(), utf8()))});
  auto dict = quiver::testing::Utf8Array({"x", "yy", std::nullopt});
  std::vector<RecordBatchPtr> batches;
  for (int b = 0; b < 4; ++b) {
    auto i = quiver::testing::FixedWidthArray<int64_t>(int64(), 3, {b, 10 * b, 100 * b}, {1, b % 2, 1});
    auto str = quiver::testing::Utf8Array({"a", std::nullopt, std::string(static_cast<size_t>(b) * 40, 'z')});
    auto d = MakeArrayData(s->field(2)->type(), 3, {nullptr, quiver::testing::BufferOf(std::vector<int16_t>{2, 0, 1})}, {},
                           0, 0, dict);
    batches.push_back(testing::Must(RecordBatch::Make(s, 3, {i, str, d})));
  }
  return testing::Must(Table::Make(s, batches));
}

class StreamDecoderChunks : public ::testing::TestWithParam<std::tuple<int64_t, Compression, bool>> {};

TEST_P(StreamDecoderChunks, SameBatchesAsReadStream) {
  const auto [chunk, compression, as_buffers] = GetParam();
  auto table = MixedTable();
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table, {.compression = compression}));
  StreamDecoder decoder;
  std::vector<RecordBatchPtr> batches;
  EXPECT_EQ(decoder.schema(), nullptr);
  for (int64_t at = 0; at < stream->size(); at += chunk) {
    const int64_t n = std::min(chunk, stream->size() - at);
    if (as_buffers) {
      // Fresh copies, so that nothing may keep pointing into a chunk the caller reuses.
      QUIVER_ASSERT_OK(decoder.Consume(testing::Copy(*testing::Must(Buffer::Slice(stream, at, n)))));
    } else {
      QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, at, n)));
    }
    for (auto& b : decoder.TakeBatches()) batches.push_back(std::move(b));
    EXPECT_EQ(decoder.finished(), at + n == stream->size());
  }
  QUIVER_ASSERT_OK(decoder.Finish());
  ASSERT_NE(decoder.schema(), nullptr);
  EXPECT_EQ(decoder.next_required_size(), 0);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto whole, Table::Make(decoder.schema(), batches));
  EXPECT_TRUE(testing::TablesEqual(*table, *whole));
}

INSTANTIATE_TEST_SUITE_P(Ipc, StreamDecoderChunks,
                         ::testing::Combine(::testing::Values(1, 2, 3, 7, 8, 13, 100, 1 << 20),
                                            ::testing::Values(Compression::kNone, Compression::kZstd),
                                            ::testing::Bool()));

TEST(StreamDecoder, ReportsBytesNeeded) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*MixedTable()));
  const auto m = testing::Messages(stream);
  StreamDecoder decoder;
  EXPECT_EQ(decoder.next_required_size(), 4);
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, 0, 4)));
  EXPECT_EQ(decoder.next_required_size(), 4);  // the size after the continuation marker
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, 4, 4)));
  EXPECT_EQ(decoder.next_required_size(), m[0].metadata_length - 8);
  QUIVER_ASSERT_OK(decoder.Consume(testing::Bytes(*stream, 8, m[0].metadata_length - 8)));
  ASSERT_NE(decoder.schema(), nullptr);
  EXPECT_EQ(decoder.schema()->num_fields(), 3);
  EXPECT_EQ(decoder.next_required_size(), 4);
}

TEST(StreamDecoder, WholeBuffersAreDecodedWithoutCopies) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*MixedTable()));
  const int64_t copies = DefaultMemoryPool()->stats().copies;
  StreamDecoder decoder;
  QUIVER_ASSERT_OK(decoder.Consume(stream));
  EXPECT_TRUE(decoder.finished());
  auto batches = decoder.TakeBatches();
  ASSERT_EQ(batches.size(), 4u);
  EXPECT_EQ(DefaultMemoryPool()->stats().copies, copies);
  const auto& values = batches[3]->column(0)->buffers[1];
  EXPECT_TRUE(testing::PointsInto(*stream, values->data(), values->size()));
}

TEST(StreamDecoder, MessageMetadata) {
  auto table = MixedTable();
  io::BufferSink sink;
  StreamWriter writer(&sink);
  QUIVER_ASSERT_OK(writer.Begin(table->schema()));
  QUIVER_ASSERT_OK(writer.WriteBatch(*table->batches()[0], {{"page", "1"}}));
  QUIVER_ASSERT_OK(writer.WriteBatch(*table->batches()[1]));
  QUIVER_ASSERT_OK(writer.Finish());
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, sink.Finish());
  StreamDecoder decoder;
  QUIVER_ASSERT_OK(decoder.Consume(stream->span()));
  ASSERT_EQ(decoder.pending_batch_metadata().size(), 2u);
  EXPECT_EQ(decoder.pending_batch_metadata()[0], (KeyValueMetadata{{"page", "1"}}));
  EXPECT_TRUE(decoder.pending_batch_metadata()[1].empty());
  EXPECT_EQ(decoder.TakeBatches().size(), 2u);
  EXPECT_TRUE(decoder.pending_batch_metadata().empty());
}

}  // namespace
}  // namespace quiver::ipc
