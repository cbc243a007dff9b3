// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "handles/handles_test_util.h"
#include "quiver/ipc/writer.h"

namespace quiver::handles {
namespace {

using testing::Input;
using testing::Must;
using testing::OutputText;
using testing::SampleTable;

std::shared_ptr<Buffer> SampleFile(bool stream = false, ipc::WriteOptions options = {}) {
  auto t = SampleTable();
  return Must(stream ? ipc::WriteStream(*t, options) : ipc::WriteFile(*t, options));
}

TEST(EngineTest, ReadsFileAndStreamByDetection) {
  Engine e;
  for (bool stream : {false, true}) {
    auto id = e.Read(Input(&e, SampleFile(stream)->span()), "");
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ASSERT_TRUE(e.TableInfo(*id).ok());
    EXPECT_EQ(OutputText(e.output()).substr(0, 36), "{\"rows\":4,\"columns\":3,\"batches\":2,\"b");
    ASSERT_TRUE(e.Free(*id).ok());
  }
  EXPECT_EQ(e.live_handles(), 0);
}

// The "codecs" member of TableInfo's JSON, e.g. `["lz4"]`.
std::string CodecsJson(Engine* e, HandleId id) {
  EXPECT_TRUE(e->TableInfo(id).ok());
  const std::string info = OutputText(e->output());
  const size_t at = info.find("\"codecs\":");
  return at == std::string::npos ? info : info.substr(at + 9, info.size() - at - 10);
}

TEST(EngineTest, TableInfoReportsTheCodecsRead) {
  Engine e;
  HandleId plain = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  ASSERT_TRUE(e.TableInfo(plain).ok());
  const std::string info = OutputText(e.output());
  EXPECT_EQ(info.substr(info.find(",\"codecs\"")), ",\"codecs\":[\"none\"]}");  // the last member
  HandleId lz4 = Must(e.Read(Input(&e, SampleFile(false, {.compression = ipc::Compression::kLz4Frame})->span()), ""));
  EXPECT_EQ(CodecsJson(&e, lz4), "[\"lz4\"]");
  HandleId zstd = Must(e.Read(Input(&e, SampleFile(true, {.compression = ipc::Compression::kZstd})->span()), ""));
  EXPECT_EQ(CodecsJson(&e, zstd), "[\"zstd\"]");
  // Derived tables carry their sources' codecs; a concatenation has all of them, in order.
  EXPECT_EQ(CodecsJson(&e, Must(e.Slice(lz4, 1, 2))), "[\"lz4\"]");
  EXPECT_EQ(CodecsJson(&e, Must(e.SelectColumns(zstd, "1"))), "[\"zstd\"]");
  EXPECT_EQ(CodecsJson(&e, Must(e.Batch(lz4, 1))), "[\"lz4\"]");
  const std::string all = std::to_string(zstd) + "," + std::to_string(lz4) + "," + std::to_string(plain);
  EXPECT_EQ(CodecsJson(&e, Must(e.Concat(all))), "[\"none\",\"lz4\",\"zstd\"]");
  // A freed handle's codecs do not pass to the next table in its slot.
  ASSERT_TRUE(e.Free(lz4).ok());
  auto schema_only = ipc::WriteStream(*Must(Table::Make(SampleTable()->schema(), {})));
  ASSERT_TRUE(schema_only.ok());
  HandleId empty = Must(e.Read(Input(&e, (*schema_only)->span()), ""));
  EXPECT_EQ(CodecsJson(&e, empty), "[]");  // no batch, no dictionary: nothing to report
  EXPECT_EQ(e.TableInfo(lz4).code(), StatusCode::kInvalidHandle);
}

TEST(EngineTest, ExplicitFormatMismatchIsAnError) {
  Engine e;
  auto id = e.Read(Input(&e, SampleFile(true)->span()), "arrow-file");
  EXPECT_FALSE(id.ok());
  EXPECT_EQ(e.Read(Input(&e, SampleFile()->span()), "csv").status().message(),
            "expected format 'arrow-file', 'arrow-stream', 'feather' or 'parquet' but found 'csv'");
}

TEST(EngineTest, DetectionErrors) {
  Engine e;
  const uint8_t garbage[] = {'h', 'e', 'l', 'l', 'o', '!', '!', '!'};
  Status s = e.Read(Input(&e, garbage), "").status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "expected Arrow IPC, Feather or Parquet data but found bytes 68 65 6c 6c");
  EXPECT_EQ(e.Read(Input(&e, std::span<const uint8_t>(garbage, 2)), "").status().code(), StatusCode::kTruncated);
  const uint8_t parquet[] = {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'};
  s = e.Read(Input(&e, parquet), "").status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.ToString(), "footer: expected more thrift bytes but found the end of the input");
  const uint8_t feather1[] = {'F', 'E', 'A', '1', 0, 0, 0, 0};
  EXPECT_EQ(e.Read(Input(&e, feather1), "").status().code(), StatusCode::kUnsupported);
}

TEST(EngineTest, TruncatedFileIsAnErrorNotACrash) {
  Engine e;
  auto file = SampleFile(true);
  for (int64_t n : {int64_t{8}, file->size() / 2, file->size() - 9}) {
    Status s = e.Read(Input(&e, file->span().subspan(0, static_cast<size_t>(n))), "").status();
    EXPECT_FALSE(s.ok()) << n;
  }
  EXPECT_EQ(e.live_handles(), 0);
}

TEST(EngineTest, SchemaSummaryAndSchema) {
  Engine e;
  HandleId id = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  ASSERT_TRUE(e.SchemaSummary(id).ok());
  EXPECT_EQ(OutputText(e.output()),
            "{\"columns\":[{\"name\":\"id\",\"arrowType\":\"Int64\",\"nullable\":false},"
            "{\"name\":\"name\",\"arrowType\":\"Utf8\",\"nullable\":true},"
            "{\"name\":\"score\",\"arrowType\":\"Float64\",\"nullable\":true}]}");
  ASSERT_TRUE(e.Schema(id).ok());
  EXPECT_NE(OutputText(e.output()).find("\"metadata\":{\"origin\":\"test\"}"), std::string::npos);
}

TEST(EngineTest, WriteRoundTripsEveryFormatAndCodec) {
  Engine e;
  HandleId id = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  for (const char* format : {"file", "stream"}) {
    for (const char* compression : {"none", "lz4", "zstd"}) {
      auto request = MakeWriteRequest(format, compression, std::nan(""), std::string_view("k\0v\0", 4));
      ASSERT_TRUE(request.ok()) << request.status().ToString();
      ASSERT_TRUE(e.Write(id, *request).ok());
      auto bytes = e.output();
      HandleId back = Must(e.Read(Input(&e, bytes->span()), ""));
      ASSERT_TRUE(e.Rows(back, 0, 4).ok());
      EXPECT_EQ(OutputText(e.output()),
                "[{\"id\":\"1\",\"name\":\"a\",\"score\":0.5},{\"id\":\"2\",\"name\":null,\"score\":1.5},"
                "{\"id\":\"3\",\"name\":\"c\",\"score\":\"NaN\"},{\"id\":\"4\",\"name\":\"d\",\"score\":-2}]");
      ASSERT_TRUE(e.Schema(back).ok());
      EXPECT_NE(OutputText(e.output()).find("\"k\":\"v\""), std::string::npos);
      ASSERT_TRUE(e.Free(back).ok());
    }
  }
}

TEST(EngineTest, BadWriteOptions) {
  EXPECT_EQ(MakeWriteRequest("csv", "none", NAN, "").status().message(),
            "expected format 'file' or 'stream' but found 'csv'");
  EXPECT_EQ(MakeWriteRequest("file", "gzip", NAN, "").status().message(),
            "expected compression 'none', 'lz4' or 'zstd' but found 'gzip'");
  EXPECT_EQ(MakeWriteRequest("file", "zstd", 1.5, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeWriteRequest("file", "none", NAN, std::string_view("k\0", 2)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(MakeWriteRequest("stream", "zstd", 9, "").ok());
}

TEST(EngineTest, SelectSliceConcatShareBuffers) {
  Engine e;
  HandleId id = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  HandleId sel = Must(e.SelectColumns(id, "2,0"));
  ASSERT_TRUE(e.SchemaSummary(sel).ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 49), "{\"columns\":[{\"name\":\"score\",\"arrowType\":\"Float64\"");
  HandleId sl = Must(e.Slice(id, 2, 2));
  ASSERT_TRUE(e.Rows(sl, 0, 2).ok());
  EXPECT_EQ(OutputText(e.output()),
            "[{\"id\":\"3\",\"name\":\"c\",\"score\":\"NaN\"},{\"id\":\"4\",\"name\":\"d\",\"score\":-2}]");
  HandleId cat = Must(e.Concat(std::to_string(id) + "," + std::to_string(sl)));
  ASSERT_TRUE(e.TableInfo(cat).ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 22), "{\"rows\":6,\"columns\":3,");
  // Freeing the source leaves derived tables readable: they share, not borrow.
  ASSERT_TRUE(e.Free(id).ok());
  ASSERT_TRUE(e.Rows(cat, 5, 1).ok());
  EXPECT_EQ(OutputText(e.output()), "[{\"id\":\"4\",\"name\":\"d\",\"score\":-2}]");
  EXPECT_EQ(e.Concat(std::to_string(sel) + "," + std::to_string(cat)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.Concat("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.SelectColumns(sel, "3").status().message(), "expected a column index below 2 but found 3");
  EXPECT_EQ(e.SelectColumns(sel, "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.Slice(sl, 1, 2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.Slice(sl, -1, 1).status().message(), "expected offset to be a non-negative integer but found -1");
  EXPECT_EQ(e.Slice(id, 0, 1).status().code(), StatusCode::kInvalidHandle);
}

TEST(EngineTest, ColumnTypedAndJson) {
  Engine e;
  HandleId id = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  ASSERT_TRUE(e.Column(id, 0).ok());
  auto out = e.output();
  uint32_t header_len;
  std::memcpy(&header_len, out->data(), 4);
  std::string header(reinterpret_cast<const char*>(out->data()) + 4, header_len);
  EXPECT_EQ(header,
            "{\"kind\":\"typed\",\"arrowType\":\"Int64\",\"length\":4,\"nullCount\":0,\"byteWidth\":8,"
            "\"valuesSize\":32,\"validityOffset\":-1}");
  const int64_t head = (4 + header_len + 7) / 8 * 8;
  int64_t values[4];
  std::memcpy(values, out->data() + head, 32);
  EXPECT_EQ(values[3], 4);
  ASSERT_TRUE(e.Column(id, 1).ok());
  out = e.output();
  std::memcpy(&header_len, out->data(), 4);
  const int64_t head1 = (4 + header_len + 7) / 8 * 8;
  EXPECT_EQ(OutputText(out).substr(static_cast<size_t>(head1), 18), "[\"a\",null,\"c\",\"d\"]");
  EXPECT_EQ(e.Column(id, 3).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.Rows(id, 3, 2).code(), StatusCode::kInvalidArgument);
}

// Found by the model-based test (its IPC encoder leaves -7 in null slots): a typed column
// copy kept whatever the buffer held under a null, where the package promises 0.
TEST(EngineTest, TypedColumnNullSlotsHoldZero) {
  std::vector<int32_t> held = {5, 99, 7};
  auto values = Must(Buffer::CopyOf(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(held.data()), 12)));
  const uint8_t bits = 0b101;
  auto validity = Must(Buffer::CopyOf(std::span<const uint8_t>(&bits, 1)));
  auto s = schema({field("v", int32())});
  auto batch = Must(RecordBatch::Make(s, 3, {MakeArrayData(int32(), 3, {validity, values}, {}, 1)}));
  auto bytes = Must(ipc::WriteStream(*Must(Table::Make(s, {batch}))));
  Engine e;
  HandleId id = Must(e.Read(Input(&e, bytes->span()), ""));
  ASSERT_TRUE(e.Column(id, 0).ok());
  auto out = e.output();
  uint32_t header_len;
  std::memcpy(&header_len, out->data(), 4);
  const int64_t head = (4 + header_len + 7) / 8 * 8;
  int32_t got[3];
  std::memcpy(got, out->data() + head, 12);
  EXPECT_EQ(got[0], 5);
  EXPECT_EQ(got[1], 0);
  EXPECT_EQ(got[2], 7);
  EXPECT_EQ(out->data()[head + 16 + 1], 0);  // validity bytes after the values, padded to 8
  EXPECT_EQ(out->data()[head + 16 + 2], 1);
}

TEST(EngineTest, IncrementalWriterMatchesWholeWrite) {
  Engine e;
  HandleId id = Must(e.Read(Input(&e, SampleFile()->span()), ""));
  for (bool stream : {false, true}) {
    WriteRequest request;
    request.stream = stream;
    HandleId w = Must(e.WriterOpen(request));
    std::string bytes;
    HandleId first = Must(e.Batch(id, 0));
    HandleId second = Must(e.Batch(id, 1));
    for (HandleId part : {first, second}) {
      ASSERT_TRUE(e.WriterWrite(w, part).ok());
      bytes += OutputText(e.output());
    }
    ASSERT_TRUE(e.WriterFinish(w).ok());
    bytes += OutputText(e.output());
    EXPECT_EQ(e.WriterFinish(w).code(), StatusCode::kInvalidHandle);
    auto back = Must(e.Read(Input(&e, {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}), ""));
    ASSERT_TRUE(e.Rows(back, 0, 4).ok());
    EXPECT_EQ(OutputText(e.output()),
              "[{\"id\":\"1\",\"name\":\"a\",\"score\":0.5},{\"id\":\"2\",\"name\":null,\"score\":1.5},"
              "{\"id\":\"3\",\"name\":\"c\",\"score\":\"NaN\"},{\"id\":\"4\",\"name\":\"d\",\"score\":-2}]");
    for (HandleId h : {first, second, back}) ASSERT_TRUE(e.Free(h).ok());
  }
  HandleId w = Must(e.WriterOpen(WriteRequest{}));
  EXPECT_EQ(e.WriterFinish(w).message(), "expected at least one table written before finishing but found none");
  HandleId other = Must(e.SelectColumns(id, "0"));
  ASSERT_TRUE(e.WriterWrite(w, id).ok());
  EXPECT_EQ(e.WriterWrite(w, other).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.WriterWrite(id, id).code(), StatusCode::kInvalidHandle);  // a table id is no writer id
  ASSERT_TRUE(e.WriterFree(w).ok());
  EXPECT_EQ(e.Batch(id, 2).status().message(), "expected a batch index below 2 but found 2");
}

TEST(EngineTest, UnknownPluginsAreNotRegistered) {
  Engine e;
  Status s = e.RegisterPlugin("geo");
  EXPECT_EQ(s.code(), StatusCode::kPlugin);
  EXPECT_EQ(s.message(), "no plugin 'geo' is loaded");
  EXPECT_EQ(e.RegisterPlugin("").code(), StatusCode::kInvalidArgument);
}

TEST(EngineTest, StatsAndErrors) {
  Engine e;
  ASSERT_TRUE(e.Stats().ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 17), "{\"liveHandles\":0,");
  e.SetError(Status::InvalidInput("bad").WithContext("column['x']"));
  EXPECT_EQ(e.error_code(), "invalid_input");
  EXPECT_EQ(e.error_message(), "column['x']: bad");
  EXPECT_NE(Engine::BuildInfo().find("\"lz4\":true"), std::string::npos);
}

TEST(EngineTest, InputGrowsAcrossReserves) {
  Engine e;
  auto file = SampleFile();
  size_t pos = 0;
  while (pos < static_cast<size_t>(file->size())) {
    const size_t n = std::min<size_t>(7, static_cast<size_t>(file->size()) - pos);
    uint8_t* dst = e.InputReserve(static_cast<int64_t>(n));
    ASSERT_NE(dst, nullptr);
    std::memcpy(dst, file->data() + pos, n);
    e.InputCommit(static_cast<int64_t>(n));
    pos += n;
  }
  EXPECT_TRUE(e.Read(e.InputTake(), "feather").ok());
  EXPECT_EQ(e.InputReserve(-1), nullptr);
  e.InputReserve(100);
  e.InputReset();
  EXPECT_EQ(e.InputTake()->size(), 0);
}

TEST(ParseIdListTest, Lists) {
  EXPECT_TRUE(ParseIdList("")->empty());
  EXPECT_EQ(*ParseIdList("3,0,12"), (std::vector<uint64_t>{3, 0, 12}));
  EXPECT_EQ(ParseIdList("1,,2").status().message(), "expected a list of non-negative integers but found ''");
  EXPECT_FALSE(ParseIdList("-1").ok());
}

}  // namespace
}  // namespace quiver::handles
