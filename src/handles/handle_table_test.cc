// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/handle_table.h"

#include <gtest/gtest.h>

#include <cmath>

#include "handles/handles_test_util.h"

namespace quiver::handles {
namespace {

using testing::SampleTable;

TEST(HandleTableTest, InsertGetRelease) {
  HandleTable t;
  auto table = SampleTable();
  auto id = t.Insert(table);
  ASSERT_TRUE(id.ok());
  EXPECT_NE(*id, 0u);
  EXPECT_EQ(t.live(), 1);
  auto got = t.Get(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->get(), table.get());
  ASSERT_TRUE(t.Release(*id).ok());
  EXPECT_EQ(t.live(), 0);
}

TEST(HandleTableTest, DoubleFreeAndUseAfterFreeAreInvalidHandle) {
  HandleTable t;
  HandleId id = *t.Insert(SampleTable());
  ASSERT_TRUE(t.Release(id).ok());
  Status again = t.Release(id);
  EXPECT_EQ(again.code(), StatusCode::kInvalidHandle);
  EXPECT_EQ(again.message(), "handle " + std::to_string(id) + " is not a live table handle: it was freed");
  EXPECT_EQ(t.Get(id).status().code(), StatusCode::kInvalidHandle);
}

TEST(HandleTableTest, ReusedSlotGetsNewGenerationSoStaleIdFails) {
  HandleTable t;
  HandleId first = *t.Insert(SampleTable());
  ASSERT_TRUE(t.Release(first).ok());
  HandleId second = *t.Insert(SampleTable());
  EXPECT_NE(first, second);
  EXPECT_EQ(first & 0xFFFFFF, second & 0xFFFFFF);  // same slot
  EXPECT_EQ(t.Get(first).status().code(), StatusCode::kInvalidHandle);
  EXPECT_TRUE(t.Get(second).ok());
}

TEST(HandleTableTest, ForgedIdsAreInvalidHandle) {
  HandleTable t;
  HandleId id = *t.Insert(SampleTable());
  for (HandleId forged : {HandleId{0}, id + 1, id + (HandleId{1} << 24), id | (HandleId{1} << 51), HandleId{1} << 51}) {
    Status s = t.Get(forged).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidHandle) << forged;
  }
  EXPECT_EQ(t.Get(0).status().message(), "handle 0 is not a live table handle: no such handle");
}

TEST(HandleTableTest, NullTableIsInvalidArgument) {
  HandleTable t;
  EXPECT_EQ(t.Insert(nullptr).status().code(), StatusCode::kInvalidArgument);
}

TEST(HandleTableTest, ClearFreesEverything) {
  HandleTable t;
  std::vector<HandleId> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(*t.Insert(SampleTable()));
  t.Clear();
  EXPECT_EQ(t.live(), 0);
  for (HandleId id : ids) EXPECT_FALSE(t.Get(id).ok());
}

TEST(HandleTableTest, ManyCyclesKeepOneSlot) {
  HandleTable t;
  auto table = SampleTable();
  HandleId last = 0;
  for (int i = 0; i < 10000; ++i) {
    last = *t.Insert(table);
    ASSERT_TRUE(t.Release(last).ok());
  }
  EXPECT_EQ(last & 0xFFFFFF, 0u);
  EXPECT_EQ(last >> 24, 10000u);
  EXPECT_EQ(t.live(), 0);
}

TEST(SlotTableTest, KindsHaveSeparateIdRanges) {
  HandleTable tables;
  SlotTable<std::shared_ptr<int>> writers(HandleKind::kWriter, "writer");
  HandleId t = *tables.Insert(SampleTable());
  HandleId w = *writers.Insert(std::make_shared<int>(7));
  EXPECT_NE(t, w);
  EXPECT_EQ(writers.Get(t).status().message(), "handle " + std::to_string(t) + " is not a live writer handle: no such handle");
  EXPECT_EQ(tables.Get(w).status().code(), StatusCode::kInvalidHandle);
  EXPECT_EQ(**writers.Get(w), 7);
}

TEST(HandleIdFromNumberTest, AcceptsIntegersBelow2To53) {
  EXPECT_EQ(*HandleIdFromNumber(16777216.0), 16777216u);
  EXPECT_EQ(*HandleIdFromNumber(9007199254740991.0), 9007199254740991u);
}

TEST(HandleIdFromNumberTest, RejectsEverythingElse) {
  struct Case {
    double value;
    const char* found;
  };
  for (const Case& c : {Case{0, "0"}, Case{-1, "a negative number"}, Case{1.5, "a fraction"},
                        Case{std::nan(""), "NaN"}, Case{INFINITY, "a number out of range"},
                        Case{9007199254740992.0, "a number out of range"}}) {
    Status s = HandleIdFromNumber(c.value).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidHandle);
    EXPECT_EQ(s.message(), std::string("expected a handle but found ") + c.found);
  }
}

}  // namespace
}  // namespace quiver::handles
