// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Planned reading: PlanReadUnits names exactly the bytes each row group's share of a
// selection needs, and ReadUnitTable reads it from a source that holds nothing else.
#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "core/str_cat.h"
#include "parquet/testing/file_builder_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/parquet/reader.h"

namespace quiver::parquet {
namespace {

using testing::BuildFile;
using testing::FileSpec;
using testing::PageSpec;
using testing::PlainValues;

std::string Text(const Table& t) {
  PrettyPrintOptions o;
  o.show_metadata = false;
  return FormatTable(t, o);
}

// Serves only the ranges it was given (the magic, the footer and planned ranges), as the package's
// Blob reader does; anything else is an error naming the range.
class PiecesSource final : public io::Source {
 public:
  explicit PiecesSource(std::vector<uint8_t> file) : file_(std::move(file)) {}
  void Allow(int64_t offset, int64_t length) { allowed_.push_back({offset, length}); }
  int64_t size() const override { return static_cast<int64_t>(file_.size()); }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const override {
    for (const ByteRange& a : allowed_) {
      if (offset >= a.offset && offset + length <= a.offset + a.length) {
        return Buffer::CopyOf(std::span<const uint8_t>(file_.data() + offset, static_cast<size_t>(length)));
      }
    }
    return Status::IoError(internal::StrCat("range [", offset, ", +", length, ") was not fetched"));
  }

 private:
  std::vector<uint8_t> file_;
  std::vector<ByteRange> allowed_;
};

// Two INT32 columns x (0..n) and y (100..100+n), `groups` row groups of `rows` rows.
FileSpec TwoColumns(int groups, int rows) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32}, {"y", PhysicalType::kInt32}};
  for (int g = 0; g < groups; ++g) {
    std::vector<int32_t> xs, ys;
    for (int i = 0; i < rows; ++i) {
      xs.push_back(g * rows + i);
      ys.push_back(100 + g * rows + i);
    }
    PageSpec px, py;
    px.num_values = py.num_values = rows;
    px.body = PlainValues(xs);
    py.body = PlainValues(ys);
    f.row_groups.push_back({rows, {testing::Chunk({px}), testing::Chunk({py})}});
  }
  return f;
}

// Where the footer (FileMetaData, length, magic) starts.
int64_t FooterStart(const std::vector<uint8_t>& file) {
  const size_t n = file.size();
  const uint32_t len = file[n - 8] | (file[n - 7] << 8) | (file[n - 6] << 16) | (uint32_t{file[n - 5]} << 24);
  return static_cast<int64_t>(n) - 8 - len;
}

TEST(ParquetReadUnitsTest, UnitsCoverTheSelectionAndNeedOnlyTheirRanges) {
  const auto file = BuildFile(TwoColumns(3, 4));
  ReadOptions o;
  o.columns = {"y"};
  o.offset = 2;
  o.limit = 7;
  o.batch_size = 3;
  // Plan over the whole file, then read each unit from a source holding only the footer
  // and that unit's ranges. Rows 2..8 of 12: group 0 gives 2, group 1 gives 4, group 2 one.
  QUIVER_ASSERT_OK_AND_ASSIGN(auto planner, FileReader::Open(*Buffer::CopyOf(file), o));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto units, planner->PlanReadUnits());
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].row_group, 0);
  EXPECT_EQ(units[0].rows, (std::vector<RowRange>{{2, 4}}));
  EXPECT_EQ(units[1].row_group, 1);
  EXPECT_EQ(units[1].rows, (std::vector<RowRange>{{0, 4}}));
  EXPECT_EQ(units[2].row_group, 2);
  EXPECT_EQ(units[2].rows, (std::vector<RowRange>{{0, 1}}));
  const int64_t x0 = planner->metadata().row_groups[0].columns[0].meta_data->data_page_offset;
  for (const ReadUnit& u : units) {
    ASSERT_EQ(u.ranges.size(), 1u);
    const auto& y = *planner->metadata().row_groups[static_cast<size_t>(u.row_group)].columns[1].meta_data;
    EXPECT_EQ(u.ranges[0].offset, y.data_page_offset);
    EXPECT_EQ(u.ranges[0].length, y.total_compressed_size);
    EXPECT_FALSE(u.ranges[0].offset <= x0 && x0 < u.ranges[0].offset + u.ranges[0].length);
  }
  const int64_t footer_from = FooterStart(file);
  std::string all;
  for (const ReadUnit& u : units) {
    auto source = std::make_shared<PiecesSource>(file);
    source->Allow(0, 4);  // the leading magic, checked when opening
    source->Allow(footer_from, static_cast<int64_t>(file.size()) - footer_from);
    for (const ByteRange& r : u.ranges) source->Allow(r.offset, r.length);
    QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(source, o));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, reader->ReadUnitTable(u));
    all += Text(*t) + "\n";
  }
  EXPECT_EQ(all,
            "y: int32 not null\n----\ny: [[102, 103]]\n"
            "y: int32 not null\n----\ny: [[104, 105, 106], [107]]\n"
            "y: int32 not null\n----\ny: [[108]]\n");
}

TEST(ParquetReadUnitsTest, LimitEndsInsideALaterRowGroup) {
  const auto file = BuildFile(TwoColumns(3, 4));
  ReadOptions o;
  o.offset = 3;
  o.limit = 6;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(*Buffer::CopyOf(file), o));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto units, reader->PlanReadUnits());
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].rows, (std::vector<RowRange>{{3, 4}}));
  EXPECT_EQ(units[1].rows, (std::vector<RowRange>{{0, 4}}));
  EXPECT_EQ(units[2].rows, (std::vector<RowRange>{{0, 1}}));
  EXPECT_EQ(units[0].num_rows() + units[1].num_rows() + units[2].num_rows(), 6);
  // Both columns of a row group are adjacent: one coalesced range.
  const auto& rg = reader->metadata().row_groups[2];
  ASSERT_EQ(units[2].ranges.size(), 1u);
  EXPECT_EQ(units[2].ranges[0].offset, rg.columns[0].meta_data->data_page_offset);
  EXPECT_EQ(units[2].ranges[0].length,
            rg.columns[0].meta_data->total_compressed_size + rg.columns[1].meta_data->total_compressed_size);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto apart, reader->PlanReadUnits(0));
  EXPECT_EQ(apart[2].ranges.size(), 1u) << "adjacent chunks merge even without a gap allowance";
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, reader->ReadUnitTable(units[2]));
  EXPECT_EQ(Text(*t), "x: int32 not null\ny: int32 not null\n----\nx: [[8]]\ny: [[108]]");
}

TEST(ParquetReadUnitsTest, MissingRangeIsAnErrorNamingIt) {
  const auto file = BuildFile(TwoColumns(1, 4));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto planner, FileReader::Open(*Buffer::CopyOf(file)));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto units, planner->PlanReadUnits());
  ASSERT_EQ(units.size(), 1u);
  auto source = std::make_shared<PiecesSource>(file);
  const int64_t n = static_cast<int64_t>(file.size());
  source->Allow(0, 4);
  source->Allow(units[0].ranges[0].offset + units[0].ranges[0].length, n - units[0].ranges[0].offset -
                                                                           units[0].ranges[0].length);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(source));
  auto t = reader->ReadUnitTable(units[0]);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kIo);
  EXPECT_EQ(t.status().ToString(),
            internal::StrCat("row_group[0].column['x']: range [", units[0].ranges[0].offset, ", +",
                             planner->metadata().row_groups[0].columns[0].meta_data->total_compressed_size,
                             ") was not fetched"));
}

TEST(ParquetReadUnitsTest, ForgedUnitsAreRejected) {
  const auto file = BuildFile(TwoColumns(1, 4));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(*Buffer::CopyOf(file)));
  ReadUnit u;
  u.row_group = 1;
  u.rows = {{0, 1}};
  EXPECT_EQ(reader->ReadUnitTable(u).status().ToString(), "expected a row group index in [0, 1) but found 1");
  u.row_group = 0;
  u.rows = {{2, 5}};
  EXPECT_EQ(reader->ReadUnitTable(u).status().ToString(),
            "expected rows within [0, 4) of row group 0 but found [2, 5)");
  EXPECT_EQ(reader->PlanReadUnits(-1).status().ToString(), "expected coalesce_gap >= 0 but found -1");
}

}  // namespace
}  // namespace quiver::parquet
