// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace quiver {
namespace {

TEST(MemoryPool, AllocationsAreAlignedAndCounted) {
  MemoryPool pool;
  auto a = pool.Allocate(100);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(*a) % kBufferAlignment, 0u);
  auto b = pool.Allocate(0);
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*b, nullptr);
  EXPECT_EQ(pool.stats().bytes_live, 100);
  EXPECT_EQ(pool.stats().allocations, 2);
  pool.Free(*a, 100);
  pool.Free(*b, 0);
  EXPECT_EQ(pool.stats().bytes_live, 0);
  EXPECT_EQ(pool.stats().bytes_peak, 100);
  EXPECT_EQ(pool.stats().bytes_allocated, 100);
}

TEST(MemoryPool, LimitGivesOutOfMemoryNotAbort) {
  MemoryPool pool(1000);
  auto ok = pool.Allocate(600);
  ASSERT_TRUE(ok.ok());
  auto fail = pool.Allocate(600);
  ASSERT_FALSE(fail.ok());
  EXPECT_EQ(fail.status().code(), StatusCode::kOutOfMemory);
  EXPECT_EQ(fail.status().message(),
            "allocating 600 bytes would exceed the memory pool limit of 1000 bytes (600 in use)");
  pool.Free(*ok, 600);
}

TEST(MemoryPool, AbsurdSizesFailCleanly) {
  MemoryPool pool;
  auto huge = pool.Allocate(INT64_MAX - 10);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), StatusCode::kOutOfMemory);
  auto negative = pool.Allocate(-1);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(negative.status().message(), "allocation size must be >= 0 but was -1");
  EXPECT_EQ(pool.stats().bytes_live, 0);
}

TEST(Buffer, AllocateIsZeroedAndPadded) {
  MemoryPool pool;
  {
    auto buf = Buffer::Allocate(10, &pool);
    ASSERT_TRUE(buf.ok());
    EXPECT_EQ((*buf)->size(), 10);
    for (int i = 0; i < 10; ++i) EXPECT_EQ((*buf)->data()[i], 0);
    EXPECT_EQ(pool.stats().bytes_live, 64);  // rounded up to the 64-byte alignment
  }
  EXPECT_EQ(pool.stats().bytes_live, 0);
}

TEST(Buffer, SliceKeepsParentAlive) {
  MemoryPool pool;
  std::shared_ptr<Buffer> slice;
  {
    auto parent = Buffer::FromVector(std::vector<int32_t>{1, 2, 3, 4}, &pool);
    ASSERT_TRUE(parent.ok());
    EXPECT_EQ(pool.stats().copies, 1);
    EXPECT_EQ(pool.stats().bytes_copied, 16);
    auto s = Buffer::Slice(*parent, 4, 8);
    ASSERT_TRUE(s.ok());
    slice = *s;
  }
  // The parent's only owner now is the slice.
  EXPECT_EQ(pool.stats().bytes_live, 64);
  ASSERT_EQ(slice->size(), 8);
  EXPECT_EQ(slice->data_as<int32_t>()[0], 2);
  EXPECT_EQ(slice->data_as<int32_t>()[1], 3);
  EXPECT_EQ(pool.stats().copies, 1);  // slicing copies nothing
  slice.reset();
  EXPECT_EQ(pool.stats().bytes_live, 0);
}

TEST(Buffer, SliceOutOfRangeIsRejected) {
  auto parent = Buffer::FromVector(std::vector<uint8_t>(10));
  ASSERT_TRUE(parent.ok());
  for (auto [off, len] : std::vector<std::pair<int64_t, int64_t>>{{11, 0}, {5, 6}, {-1, 2}, {2, -1}, {INT64_MAX, 1}}) {
    auto s = Buffer::Slice(*parent, off, len);
    ASSERT_FALSE(s.ok()) << off << " " << len;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  }
  auto s = Buffer::Slice(*parent, 5, 6);
  EXPECT_EQ(s.status().message(), "slice [5, +6) is outside a buffer of 10 bytes");
}

TEST(Buffer, WrapRunsReleaseOnce) {
  static const uint8_t kBytes[4] = {1, 2, 3, 4};
  int released = 0;
  {
    auto b = Buffer::Wrap(kBytes, 4, [&released] { ++released; });
    auto s = Buffer::Slice(b, 1, 2);
    ASSERT_TRUE(s.ok());
    b.reset();
    EXPECT_EQ(released, 0);
  }
  EXPECT_EQ(released, 1);
}

TEST(BufferBuilder, GrowsAndFinishes) {
  MemoryPool pool;
  {
    BufferBuilder bb(&pool);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(bb.AppendValue<int32_t>(i).ok());
    ASSERT_TRUE(bb.AppendFill(0xAB, 3).ok());
    EXPECT_EQ(bb.size(), 4003);
    auto buf = bb.Finish();
    ASSERT_TRUE(buf.ok());
    EXPECT_EQ((*buf)->size(), 4003);
    EXPECT_EQ((*buf)->data_as<int32_t>()[999], 999);
    EXPECT_EQ((*buf)->data()[4002], 0xAB);
    EXPECT_EQ((*buf)->data()[4003], 0);  // zeroed padding to a multiple of 8
    EXPECT_EQ(bb.size(), 0);
  }
  EXPECT_EQ(pool.stats().bytes_live, 0);
}

TEST(BufferBuilder, OutOfMemoryLeavesBuilderUsable) {
  MemoryPool pool(256);
  BufferBuilder bb(&pool);
  ASSERT_TRUE(bb.AppendFill(1, 100).ok());
  Status s = bb.AppendFill(1, 1000);
  EXPECT_EQ(s.code(), StatusCode::kOutOfMemory);
  EXPECT_EQ(bb.size(), 100);
  auto buf = bb.Finish();
  ASSERT_TRUE(buf.ok());
  EXPECT_EQ((*buf)->size(), 100);
}

}  // namespace
}  // namespace quiver
