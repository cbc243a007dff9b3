// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The IPC-only build (QUIVER_WITH_PARQUET=OFF, QUIVER_WITH_SNAPPY/ZLIB/BROTLI=OFF; the small
// WebAssembly variant of mk/variants.mk): it reads and writes LZ4 and ZSTD compressed IPC,
// and every Parquet entry point of the engine answers `unsupported`, never traps.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "handles/engine.h"
#include "handles/handles_test_util.h"
#include "handles/parquet_write.h"
#include "quiver/codec/codec.h"
#include "quiver/ipc/writer.h"

namespace quiver::handles {
namespace {

using testing::Input;
using testing::Must;
using testing::OutputText;

constexpr const char* kNoParquet = "this build has no Parquet support";

// 20,000 rows that compress well: int64 i % 100 and a short repeating string.
std::shared_ptr<Buffer> CompressibleFile() {
  std::vector<int64_t> ids;
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) {
    ids.push_back(i % 100);
    names.push_back("name-" + std::to_string(i % 13));
  }
  auto schema = quiver::schema({field("id", int64(), false), field("name", utf8())});
  auto batch = Must(RecordBatch::Make(schema, 20000, {Must(ArrayFromVector<int64_t>(int64(), ids)), testing::Utf8Array(names)}));
  return Must(ipc::WriteFile(*Must(Table::Make(schema, {batch}))));
}

std::string RowsJson(Engine* e, HandleId id) {
  EXPECT_TRUE(e->Rows(id, 0, 20000).ok());
  return OutputText(e->output());
}

std::string CodecsJson(Engine* e, HandleId id) {
  EXPECT_TRUE(e->TableInfo(id).ok());
  const std::string info = OutputText(e->output());
  return info.substr(info.find("\"codecs\":"));
}

TEST(IpcOnlyTest, WritesAndReadsLz4AndZstd) {
  Engine e;
  const std::shared_ptr<Buffer> plain_bytes = CompressibleFile();
  const HandleId plain = Must(e.Read(Input(&e, plain_bytes->span()), ""));
  const std::string want = RowsJson(&e, plain);
  for (const char* codec : {"lz4", "zstd"}) {
    for (const char* format : {"file", "stream"}) {
      SCOPED_TRACE(std::string(codec) + " " + format);
      ASSERT_TRUE(e.Write(plain, Must(MakeWriteRequest(format, codec, std::nan(""), ""))).ok());
      const std::shared_ptr<Buffer> bytes = e.output();
      e.ReleaseOutput();
      // Compressed bodies: far smaller than the uncompressed file.
      EXPECT_LT(bytes->size() * 4, plain_bytes->size());
      const HandleId back = Must(e.Read(Input(&e, bytes->span()), ""));
      EXPECT_EQ(CodecsJson(&e, back), std::string("\"codecs\":[\"") + codec + "\"]}");
      EXPECT_EQ(RowsJson(&e, back), want);
      ASSERT_TRUE(e.Free(back).ok());
    }
  }
  // The incremental writer too.
  const HandleId w = Must(e.WriterOpen(Must(MakeWriteRequest("stream", "zstd", 19, ""))));
  ASSERT_TRUE(e.WriterWrite(w, plain).ok());
  std::vector<uint8_t> stream(e.output()->data(), e.output()->data() + e.output()->size());
  ASSERT_TRUE(e.WriterFinish(w).ok());
  stream.insert(stream.end(), e.output()->data(), e.output()->data() + e.output()->size());
  const HandleId back = Must(e.Read(Input(&e, stream), "arrow-stream"));
  EXPECT_EQ(RowsJson(&e, back), want);
  ASSERT_TRUE(e.Free(back).ok());
  ASSERT_TRUE(e.Free(plain).ok());
  EXPECT_EQ(e.live_handles(), 0);
}

void ExpectNoParquet(const Status& s) {
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.ToString(), kNoParquet);
}

TEST(IpcOnlyTest, RefusesParquetClearly) {
  Engine e;
  // A Parquet file by detection and by name: "PAR1" at both ends.
  const std::vector<uint8_t> par1 = {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'};
  ExpectNoParquet(e.Read(Input(&e, par1), "").status());
  ExpectNoParquet(e.Read(Input(&e, par1), "parquet").status());
  // The piecewise protocol, with and without a plausible handle.
  ExpectNoParquet(e.ParquetCreate(12, {}).status());
  const HandleId forged = internal::MakeId(HandleKind::kParquet, 0, 1);
  // parquetAdd finds the piece in the input, as JavaScript leaves it; the piece is dropped.
  std::memcpy(e.InputReserve(static_cast<int64_t>(par1.size())), par1.data(), par1.size());
  e.InputCommit(static_cast<int64_t>(par1.size()));
  ExpectNoParquet(e.ParquetAdd(forged, 0));
  EXPECT_EQ(e.InputTake()->size(), 0);
  ExpectNoParquet(e.ParquetLoad(forged));
  ExpectNoParquet(e.ParquetPlan(forged));
  ExpectNoParquet(e.ParquetReadUnit(forged, 0).status());
  ExpectNoParquet(e.ParquetEmpty(forged).status());
  ExpectNoParquet(e.ParquetMetadata(forged));
  ExpectNoParquet(e.ParquetDrop(forged));
  ExpectNoParquet(e.ParquetFree(forged));
  // Writing.
  const HandleId t = Must(e.Read(Input(&e, CompressibleFile()->span()), ""));
  ExpectNoParquet(MakeParquetWriteOptions("").status());
  ExpectNoParquet(e.WriteParquet(t, {}));
  ExpectNoParquet(e.ParquetWriterOpen({}).status());
  EXPECT_EQ(e.output(), nullptr);
  ASSERT_TRUE(e.Free(t).ok());
  EXPECT_EQ(e.live_handles(), 0);
}

TEST(IpcOnlyTest, HasOnlyTheIpcCodecs) {
  EXPECT_TRUE(codec::IsAvailable(codec::CodecKind::kLz4Frame));
  EXPECT_TRUE(codec::IsAvailable(codec::CodecKind::kZstd));
  for (auto [kind, name] : {std::pair{codec::CodecKind::kSnappy, "snappy"}, std::pair{codec::CodecKind::kGzip, "gzip"},
                            std::pair{codec::CodecKind::kBrotli, "brotli"}}) {
    auto c = codec::GetCodec(kind);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
    EXPECT_EQ(c.status().ToString(), std::string("codec '") + name + "' is not included in this build");
  }
  EXPECT_EQ(Engine::BuildInfo(),
            "{\"version\":\"0.1.0\",\"codecs\":{\"lz4\":true,\"zstd\":true,\"snappy\":false,\"gzip\":false,"
            "\"brotli\":false},\"formats\":{\"read\":[\"arrow-file\",\"arrow-stream\",\"feather\"],"
            "\"write\":[\"arrow-file\",\"arrow-stream\",\"feather\"]}}");
}

}  // namespace
}  // namespace quiver::handles
