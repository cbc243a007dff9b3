// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Writing Parquet through the engine: the option tokens, whole tables, the incremental
// writer, and reading the bytes back.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "handles/engine.h"
#include "handles/handles_test_util.h"
#include "handles/parquet_write.h"

namespace quiver::handles {
namespace {

using testing::Input;
using testing::Must;
using testing::OutputText;

std::string Tokens(std::initializer_list<std::string_view> items) {
  std::string out;
  for (std::string_view t : items) {
    out.append(t);
    out.push_back('\0');
  }
  return out;
}

TEST(EngineParquetWriteTest, OptionTokens) {
  auto o = Must(MakeParquetWriteOptions(Tokens({"compression", "zstd", "compressionLevel", "7", "pageVersion", "2",
                                                "dictionary", "false", "rowGroupRows", "1000", "column", "s.x",
                                                "encoding", "delta_binary_packed", "column", "s.x", "statistics",
                                                "false", "metadata", "k", "v", "createdBy", "me"})));
  EXPECT_EQ(o.compression, parquet::Compression::kZstd);
  EXPECT_EQ(o.compression_level, 7);
  EXPECT_EQ(o.page_version, 2);
  EXPECT_FALSE(o.dictionary);
  EXPECT_EQ(o.row_group_rows, 1000);
  ASSERT_EQ(o.columns.size(), 1u);
  EXPECT_EQ(o.columns[0].first, "s.x");
  EXPECT_EQ(o.columns[0].second.encoding, parquet::Encoding::kDeltaBinaryPacked);
  EXPECT_EQ(o.columns[0].second.statistics, false);
  EXPECT_EQ(o.metadata, (std::vector<std::pair<std::string, std::string>>{{"k", "v"}}));
  EXPECT_EQ(o.created_by, "me");
  auto error = [](std::initializer_list<std::string_view> items) {
    return MakeParquetWriteOptions(Tokens(items)).status().ToString();
  };
  EXPECT_EQ(error({"compression", "lzo"}),
            "expected compression 'snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw' or 'none' but found 'lzo'");
  EXPECT_EQ(error({"pageVersion", "x"}), "expected pageVersion to be an integer but found 'x'");
  EXPECT_EQ(error({"dictionary", "yes"}), "expected dictionary to be true or false but found 'yes'");
  EXPECT_EQ(error({"nope", "1"}), "expected a Parquet write option but found 'nope'");
  EXPECT_EQ(error({"column", "a", "encoding"}), "expected 3 value(s) after option 'column' but found fewer");
  EXPECT_EQ(error({"column", "a", "encoding", "zigzag"}),
            "expected columns['a'].encoding 'plain', 'rle', 'delta_binary_packed', 'delta_length_byte_array', "
            "'delta_byte_array' or 'byte_stream_split' but found 'zigzag'");
  EXPECT_EQ(error({"column", "a", "colour", "red"}),
            "expected a column option (compression, compressionLevel, dictionary, encoding, statistics) but found "
            "'colour'");
  EXPECT_EQ(MakeParquetWriteOptions(std::string_view("compression", 11)).status().ToString(),
            "expected every option token to end with NUL but the last does not");
  // Range checks are WriteOptions::Validate's.
  EXPECT_EQ(MakeParquetWriteOptions(Tokens({"pageVersion", "3"})).status().code(), StatusCode::kInvalidArgument);
}

TEST(EngineParquetWriteTest, WholeTableAndIncrementalWriterRoundTrip) {
  Engine e;
  auto ipc = Must(ipc::WriteFile(*testing::SampleTable()));
  HandleId t = Must(e.Read(Input(&e, ipc->span()), ""));
  ASSERT_TRUE(e.Rows(t, 0, 4).ok());
  const std::string want = OutputText(e.output());
  auto options = Must(MakeParquetWriteOptions(Tokens({"compression", "zstd", "rowGroupRows", "3"})));
  ASSERT_TRUE(e.WriteParquet(t, options).ok());
  auto whole = e.output();
  HandleId back = Must(e.Read(Input(&e, whole->span()), ""));
  ASSERT_TRUE(e.Rows(back, 0, 4).ok());
  EXPECT_EQ(OutputText(e.output()), want);
  ASSERT_TRUE(e.Free(back).ok());
  // The same table twice through the incremental writer: 8 rows in row groups of 3.
  HandleId w = Must(e.ParquetWriterOpen(options));
  std::string bytes;
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(e.WriterWrite(w, t).ok());
    bytes.append(reinterpret_cast<const char*>(e.output()->data()), static_cast<size_t>(e.output()->size()));
  }
  ASSERT_TRUE(e.WriterFinish(w).ok());
  bytes.append(reinterpret_cast<const char*>(e.output()->data()), static_cast<size_t>(e.output()->size()));
  EXPECT_EQ(e.WriterFree(w).code(), StatusCode::kInvalidHandle) << "finish frees the writer";
  back = Must(e.Read(Input(&e, {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}), ""));
  ASSERT_TRUE(e.TableInfo(back).ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 34), "{\"rows\":8,\"columns\":3,\"batches\":3,");
  ASSERT_TRUE(e.Free(back).ok());
  ASSERT_TRUE(e.Free(t).ok());
  EXPECT_EQ(e.live_handles(), 0);
}

}  // namespace
}  // namespace quiver::handles
