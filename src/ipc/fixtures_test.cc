// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Arrow project's IPC compression gold files (arrow-testing, 2.0.0-compression): read
// each file and stream, compare with the golden JSON, rewrite with our writer, read again.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "ipc/ipc_test_util.h"
#include "ipc/testing/integration_json_internal.h"
#include "quiver/codec/codec.h"

namespace quiver::ipc {
namespace {


std::string FixturePath(const std::string& name) {
  return std::string(QUIVER_FIXTURES_DIR) + "/arrow-ipc-compression/" + name;
}

Result<std::shared_ptr<Buffer>> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open " + path);
  BufferBuilder builder;
  uint8_t chunk[4096];
  size_t n;
  Status s;
  while (s.ok() && (n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) s = builder.Append(chunk, static_cast<int64_t>(n));
  std::fclose(f);
  QUIVER_RETURN_IF_ERROR(s);
  return builder.Finish();
}

// gzip's trailer ends with the uncompressed size modulo 2^32 (RFC 1952, ISIZE).
Result<std::string> Gunzip(const Buffer& gz) {
  if (gz.size() < 18) return Status::InvalidInput("not a gzip file");
  const uint32_t size = testing::Load<uint32_t>(gz, gz.size() - 4);
  QUIVER_ASSIGN_OR_RETURN(const codec::Codec* gzip, codec::GetCodec(codec::CodecKind::kGzip));
  std::string out(size, '\0');
  QUIVER_RETURN_IF_ERROR(gzip->Decompress(gz.span(), {reinterpret_cast<uint8_t*>(out.data()), out.size()}));
  return out;
}


class GoldFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldFileTest, MatchesGoldenJsonAndSurvivesRewriting) {
  const std::string name = GetParam();
  QUIVER_ASSERT_OK_AND_ASSIGN(auto gz, ReadWholeFile(FixturePath(name + ".json.gz")));
  QUIVER_ASSERT_OK_AND_ASSIGN(std::string json_text, Gunzip(*gz));
  QUIVER_ASSERT_OK_AND_ASSIGN(testing::Json golden, testing::ParseJson(json_text));

  QUIVER_ASSERT_OK_AND_ASSIGN(auto file_bytes, ReadWholeFile(FixturePath(name + ".arrow_file")));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream_bytes, ReadWholeFile(FixturePath(name + ".stream")));
  QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr from_file, ReadFile(file_bytes, ReadOptions{.validate_full = true}));
  QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr from_stream, ReadStream(stream_bytes, ReadOptions{.validate_full = true}));
  EXPECT_TRUE(testing::MatchesIntegrationJson(golden, *from_file));
  EXPECT_TRUE(testing::MatchesIntegrationJson(golden, *from_stream));
  EXPECT_TRUE(testing::TablesEqual(*from_file, *from_stream));

  for (auto format : {testing::Format::kStream, testing::Format::kFile}) {
    for (auto compression : {Compression::kNone, Compression::kLz4Frame, Compression::kZstd}) {
      SCOPED_TRACE(std::string(testing::FormatName(format)) + " " + testing::CompressionName(compression));
      QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *from_file, WriteOptions{.compression = compression}));
      QUIVER_ASSERT_OK_AND_ASSIGN(TablePtr again, testing::Read(format, bytes));
      EXPECT_TRUE(testing::TablesEqual(*from_file, *again));
      EXPECT_TRUE(testing::MatchesIntegrationJson(golden, *again));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ArrowTesting, GoldFileTest,
                         ::testing::Values("generated_lz4", "generated_zstd", "generated_uncompressible_lz4",
                                           "generated_uncompressible_zstd"));

}  // namespace
}  // namespace quiver::ipc
