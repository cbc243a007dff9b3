// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/status.h"

#include <gtest/gtest.h>

#include "core/str_cat.h"
#include "quiver/result.h"

namespace quiver {
namespace {

TEST(Status, OkIsCheapAndEmpty) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(std::move(s).WithContext("column['x']").ToString(), "OK");
}

TEST(Status, ContextPathIsBuiltOutermostFirst) {
  Status s = Status::InvalidInput("offsets buffer needs 4004 bytes but has 4000");
  s = std::move(s).WithContext("child[0]");
  s = std::move(s).WithContext("column['price']");
  s = std::move(s).WithContext("record_batch[3]");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.context(), "record_batch[3].column['price'].child[0]");
  EXPECT_EQ(s.ToString(), "record_batch[3].column['price'].child[0]: offsets buffer needs 4004 bytes but has 4000");
}

TEST(Status, IndexSegmentsAttachWithoutDot) {
  Status s = std::move(Status::Truncated("need 8 bytes")).WithContext("[2]").WithContext("row_group");
  EXPECT_EQ(s.ToString(), "row_group[2]: need 8 bytes");
}

TEST(Status, CodeNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidInput), "invalid_input");
  EXPECT_EQ(StatusCodeName(StatusCode::kTruncated), "truncated");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnsupported), "unsupported");
  EXPECT_EQ(StatusCodeName(StatusCode::kLimitExceeded), "limit_exceeded");
  EXPECT_EQ(StatusCodeName(StatusCode::kOutOfMemory), "out_of_memory");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidHandle), "invalid_handle");
  EXPECT_EQ(StatusCodeName(StatusCode::kIo), "io");
  EXPECT_EQ(StatusCodeName(StatusCode::kPlugin), "plugin");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
}

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::InvalidArgument("odd");
  return v / 2;
}

Result<int> Quarter(int v) {
  QUIVER_ASSIGN_OR_RETURN(int h, Half(v));
  QUIVER_ASSIGN_OR_RETURN(h, Half(h));
  return h;
}

TEST(Result, PropagatesValuesAndErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd");
}

TEST(Result, FromOkStatusIsInternalError) {
  Result<int> r{Status::OK()};
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(StrCat, FormatsNumbersWithoutIostream) {
  EXPECT_EQ(internal::StrCat("a", 1, ' ', int64_t{-9007199254740993}, ' ', uint8_t{255}, ' ', true), "a1 -9007199254740993 255 true");
  EXPECT_EQ(internal::StrCat(0.1), "0.1");
  EXPECT_EQ(internal::StrCat(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(internal::StrCat(100.0), "100");
  EXPECT_EQ(internal::StrCat(1e20), "100000000000000000000");
  EXPECT_EQ(internal::StrCat(1e21), "1e+21");
  EXPECT_EQ(internal::StrCat(-2.5f), "-2.5");
  EXPECT_EQ(internal::StrCat(0.0 / 0.0), "nan");
  EXPECT_EQ(internal::StrCat(-1.0 / 0.0), "-inf");
}

}  // namespace
}  // namespace quiver
