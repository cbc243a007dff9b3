// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Parquet through the engine: read requests, the piecewise (Blob-style) reading protocol,
// the metadata JSON, and errors of calls out of order.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "handles/engine.h"
#include "core/str_cat.h"
#include "handles/handles_test_util.h"
#include "parquet/testing/file_builder_test_util.h"

namespace quiver::handles {
namespace {

using namespace quiver::parquet;  // NOLINT: the metadata enums
using parquet::testing::BuildFile;
using parquet::testing::FileSpec;
using parquet::testing::PageSpec;
using parquet::testing::PlainValues;
using testing::Input;
using testing::Must;
using testing::OutputText;

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// Leaves `bytes` in the input without taking it (ParquetAdd takes it).
void Stage(Engine* e, std::span<const uint8_t> bytes) {
  uint8_t* dst = e->InputReserve(static_cast<int64_t>(bytes.size()));
  ASSERT_NE(dst, nullptr);
  if (!bytes.empty()) std::memcpy(dst, bytes.data(), bytes.size());
  e->InputCommit(static_cast<int64_t>(bytes.size()));
}

// x INT32 required, y INT64 with statistics; two row groups of three rows.
std::vector<uint8_t> TwoGroups() {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32}, {"y", PhysicalType::kInt64}};
  for (int g = 0; g < 2; ++g) {
    PageSpec px, py;
    px.num_values = py.num_values = 3;
    px.body = PlainValues<int32_t>({g * 3, g * 3 + 1, g * 3 + 2});
    py.body = PlainValues<int64_t>({-g * 3, -g * 3 - 1, -g * 3 - 2});
    auto cy = parquet::testing::Chunk({py}, Compression::kSnappy);
    const int64_t lo = -g * 3 - 2, hi = -g * 3;
    cy.min_value = std::string(reinterpret_cast<const char*>(&lo), 8);
    cy.max_value = std::string(reinterpret_cast<const char*>(&hi), 8);
    f.row_groups.push_back({3, {parquet::testing::Chunk({px}), cy}});
  }
  f.key_values = {{"origin", "test"}};
  return BuildFile(f);
}

std::span<const uint8_t> Part(const std::vector<uint8_t>& v, int64_t offset, int64_t length) {
  return {v.data() + offset, static_cast<size_t>(length)};
}

TEST(EngineParquetTest, ReadsInMemoryWithARequest) {
  Engine e;
  const auto file = TwoGroups();
  auto request = Must(MakeReadRequest(false, std::string_view("y\0", 2), "1", 1, kNone, kNone));
  HandleId id = Must(e.Read(Input(&e, file), "", request));
  ASSERT_TRUE(e.Rows(id, 0, 2).ok());
  EXPECT_EQ(OutputText(e.output()), "[{\"y\":\"-4\"},{\"y\":\"-5\"}]");
  ASSERT_TRUE(e.Free(id).ok());
}

TEST(EngineParquetTest, PiecewiseProtocol) {
  Engine e;
  const auto file = TwoGroups();
  const auto n = static_cast<int64_t>(file.size());
  auto request = Must(MakeReadRequest(false, std::string_view("x\0", 2), "", 2, 3, 2));
  HandleId pq = Must(e.ParquetCreate(static_cast<double>(n), request));
  EXPECT_EQ(e.ParquetPlan(pq).ToString(), "expected a Parquet file whose footer is loaded but found none");
  // The magic and the last 8 bytes: the footer itself is asked for.
  Stage(&e, Part(file, 0, 4));
  ASSERT_TRUE(e.ParquetAdd(pq, 0).ok());
  Stage(&e, Part(file, n - 8, 8));
  ASSERT_TRUE(e.ParquetAdd(pq, static_cast<double>(n - 8)).ok());
  ASSERT_TRUE(e.ParquetLoad(pq).ok());
  uint32_t footer_len;
  std::memcpy(&footer_len, file.data() + n - 8, 4);
  const int64_t footer_start = n - 8 - footer_len;
  EXPECT_EQ(OutputText(e.output()), quiver::internal::StrCat("{\"need\":[", footer_start, ",", footer_len, "]}"));
  Stage(&e, Part(file, footer_start, footer_len));
  ASSERT_TRUE(e.ParquetAdd(pq, static_cast<double>(footer_start)).ok());
  ASSERT_TRUE(e.ParquetLoad(pq).ok());
  EXPECT_EQ(OutputText(e.output()), "{\"need\":null}");
  // Rows 2..4 of x: one from each row group, batches of at most two rows.
  ASSERT_TRUE(e.ParquetPlan(pq).ok());
  const std::string plan = OutputText(e.output());
  EXPECT_EQ(plan.substr(0, 33), "[{\"rowGroup\":0,\"rows\":1,\"ranges\":");
  EXPECT_NE(plan.find("{\"rowGroup\":1,\"rows\":2,\"ranges\":"), std::string::npos) << plan;
  // Reading before the unit's ranges arrive names the missing range.
  auto early = e.ParquetReadUnit(pq, 0);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kIo);
  EXPECT_NE(early.status().ToString().find("row_group[0].column['x']: range ["), std::string::npos);
  // Hand over the whole data region (what the plan asked for is inside it) and read.
  Stage(&e, Part(file, 4, footer_start - 4));
  ASSERT_TRUE(e.ParquetAdd(pq, 4).ok());
  std::string rows;
  for (double u : {0.0, 1.0}) {
    HandleId t = Must(e.ParquetReadUnit(pq, u));
    ASSERT_TRUE(e.Rows(t, 0, u + 1).ok());
    rows += OutputText(e.output());
    ASSERT_TRUE(e.Free(t).ok());
  }
  EXPECT_EQ(rows, "[{\"x\":2}][{\"x\":3},{\"x\":4}]");
  EXPECT_EQ(e.ParquetReadUnit(pq, 2).status().ToString(), "expected a unit index below 2 but found 2");
  HandleId empty = Must(e.ParquetEmpty(pq));
  ASSERT_TRUE(e.Schema(empty).ok());
  EXPECT_NE(OutputText(e.output()).find("\"name\":\"x\""), std::string::npos);
  ASSERT_TRUE(e.TableInfo(empty).ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 33), "{\"rows\":0,\"columns\":1,\"batches\":0");
  ASSERT_TRUE(e.Free(empty).ok());
  ASSERT_TRUE(e.ParquetDrop(pq).ok());
  EXPECT_EQ(e.ParquetReadUnit(pq, 0).status().code(), StatusCode::kIo);
  ASSERT_TRUE(e.ParquetFree(pq).ok());
  EXPECT_EQ(e.ParquetPlan(pq).code(), StatusCode::kInvalidHandle);
  Stage(&e, Part(file, 0, 4));
  EXPECT_EQ(e.ParquetAdd(pq, 0).code(), StatusCode::kInvalidHandle);
  EXPECT_EQ(e.live_handles(), 0);
}

TEST(EngineParquetTest, PieceOutsideTheFileAndBadFooter) {
  Engine e;
  HandleId pq = Must(e.ParquetCreate(12, {}));
  Stage(&e, std::vector<uint8_t>(8, 0));
  EXPECT_EQ(e.ParquetAdd(pq, 8).ToString(), "expected a piece within the 12-byte input but found [8, +8)");
  const uint8_t bad[] = {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', 'X'};
  Stage(&e, bad);
  ASSERT_TRUE(e.ParquetAdd(pq, 0).ok());
  Status s = e.ParquetLoad(pq);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "expected magic PAR1 at the end of the file but found 'PARX'");
  ASSERT_TRUE(e.ParquetFree(pq).ok());
  EXPECT_EQ(e.ParquetCreate(kNone, {}).status().ToString(), "expected the file size but found none");
}

TEST(EngineParquetTest, MetadataJson) {
  Engine e;
  const auto file = TwoGroups();
  HandleId pq = Must(e.ParquetCreate(static_cast<double>(file.size()), {}));
  Stage(&e, file);
  ASSERT_TRUE(e.ParquetAdd(pq, 0).ok());
  EXPECT_EQ(e.ParquetMetadata(pq).ToString(), "expected a Parquet file whose footer is loaded but found none");
  ASSERT_TRUE(e.ParquetLoad(pq).ok());
  ASSERT_TRUE(e.ParquetMetadata(pq).ok());
  const std::string json = OutputText(e.output());
  EXPECT_EQ(json.substr(0, 80),
            "{\"version\":2,\"numRows\":6,\"createdBy\":null,\"metadata\":{\"origin\":\"test\"},\"columns\"");
  EXPECT_NE(json.find("{\"path\":\"y\",\"physicalType\":\"INT64\",\"typeLength\":0,\"logicalType\":null,"
                      "\"convertedType\":null,\"repetition\":\"REQUIRED\",\"maxDefinitionLevel\":0,"
                      "\"maxRepetitionLevel\":0}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"codec\":\"SNAPPY\",\"encodings\":[\"PLAIN\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"statistics\":{\"nullCount\":null,\"distinctCount\":null,\"kind\":\"bigint\","
                      "\"min\":\"-5\",\"max\":\"-3\"}"),
            std::string::npos)
      << json;
  ASSERT_TRUE(e.ParquetFree(pq).ok());
}

TEST(EngineParquetTest, RequestErrors) {
  EXPECT_EQ(MakeReadRequest(false, std::string_view("a", 1), "", kNone, kNone, kNone).status().ToString(),
            "expected every column name to end with NUL but the last does not");
  EXPECT_EQ(MakeReadRequest(false, "", "1,x", kNone, kNone, kNone).status().ToString(),
            "expected a list of non-negative integers but found 'x'");
  EXPECT_EQ(MakeReadRequest(false, "", "", -1, kNone, kNone).status().ToString(),
            "expected offset to be an integer >= 0 but found another number");
  EXPECT_EQ(MakeReadRequest(false, "", "", kNone, 1.5, kNone).status().ToString(),
            "expected limit to be an integer >= 0 but found another number");
  EXPECT_EQ(MakeReadRequest(false, "", "", kNone, kNone, 0).status().ToString(),
            "expected batchSize to be an integer >= 1 but found another number");
}

TEST(EngineParquetTest, IpcInputTakesColumnsOffsetAndLimitButNotRowGroups) {
  Engine e;
  auto ipc = Must(ipc::WriteFile(*testing::SampleTable()));
  auto request = Must(MakeReadRequest(false, std::string_view("name\0id\0", 8), "", 1, 2, kNone));
  HandleId id = Must(e.Read(Input(&e, ipc->span()), "", request));
  ASSERT_TRUE(e.Rows(id, 0, 2).ok());
  EXPECT_EQ(OutputText(e.output()), "[{\"name\":null,\"id\":\"2\"},{\"name\":\"c\",\"id\":\"3\"}]");
  ASSERT_TRUE(e.Free(id).ok());
  request = Must(MakeReadRequest(false, std::string_view("nope\0", 5), "", kNone, kNone, kNone));
  EXPECT_EQ(e.Read(Input(&e, ipc->span()), "", request).status().ToString(),
            "expected a column named 'nope' but the table has none");
  request = Must(MakeReadRequest(false, "", "0", kNone, kNone, kNone));
  EXPECT_EQ(e.Read(Input(&e, ipc->span()), "", request).status().ToString(),
            "expected rowGroups only for Parquet input but found arrow-file input");
  request = Must(MakeReadRequest(false, "", "", 10, kNone, kNone));
  id = Must(e.Read(Input(&e, ipc->span()), "", request));
  ASSERT_TRUE(e.TableInfo(id).ok());
  EXPECT_EQ(OutputText(e.output()).substr(0, 20), "{\"rows\":0,\"columns\":");
  ASSERT_TRUE(e.Free(id).ok());
}

}  // namespace
}  // namespace quiver::handles
