// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Printed forms of flat arrays: every primitive, decimal, temporal, interval and binary
// type, plus the options. Nested types are in pretty_print_nested_test.cc.
#include "quiver/arrow/pretty_print.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/builder_test_util.h"

namespace quiver {
namespace {

using testing::Array;
using testing::Bools;
using testing::Int32s;
using testing::Slice;
using testing::Strings;
using testing::Unwrap;

TEST(FormatArray, Null) {
  EXPECT_EQ(FormatArray(*Unwrap(MakeArrayOfNulls(null(), 3))), "[null, null, null]");
  EXPECT_EQ(FormatArray(*Unwrap(MakeArrayOfNulls(null(), 0))), "[]");
}

TEST(FormatArray, Bool) {
  EXPECT_EQ(FormatArray(*Bools({true, std::nullopt, false})), "[true, null, false]");
}

TEST(FormatArray, Integers) {
  EXPECT_EQ(FormatArray(*Array<int8_t>(int8(), {-128, 127, std::nullopt})), "[-128, 127, null]");
  EXPECT_EQ(FormatArray(*Array<int16_t>(int16(), {-32768, 32767})), "[-32768, 32767]");
  EXPECT_EQ(FormatArray(*Int32s({INT32_MIN, 0, INT32_MAX})), "[-2147483648, 0, 2147483647]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(int64(), {INT64_MIN, INT64_MAX})),
            "[-9223372036854775808, 9223372036854775807]");
  EXPECT_EQ(FormatArray(*Array<uint8_t>(uint8(), {0, 255})), "[0, 255]");
  EXPECT_EQ(FormatArray(*Array<uint16_t>(uint16(), {65535})), "[65535]");
  EXPECT_EQ(FormatArray(*Array<uint32_t>(uint32(), {4294967295u})), "[4294967295]");
  EXPECT_EQ(FormatArray(*Array<uint64_t>(uint64(), {UINT64_MAX, std::nullopt})), "[18446744073709551615, null]");
}

TEST(FormatArray, Float16IsWidenedAndShortest) {
  // 0x2E66 is the half nearest 0.1 (0.0999755859375), 0x3555 the one nearest 1/3; the
  // largest half, 65504, is the only one that 65500 rounds to (as numpy prints it).
  EXPECT_EQ(FormatArray(*Array<uint16_t>(float16(), {0x3C00, 0x2E66, 0x3555, 0xC000, 0x7BFF, 0x0001, 0x0400})),
            "[1, 0.1, 0.3333, -2, 65500, 6e-8, 0.00006104]");
  EXPECT_EQ(FormatArray(*Array<uint16_t>(float16(), {0x7C00, 0xFC00, 0x7E00, 0x8000, 0x0000, std::nullopt})),
            "[inf, -inf, nan, -0, 0, null]");
}

TEST(FormatArray, Float32IsShortestAsFloat) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(FormatArray(*Array<float>(float32(), {0.1f, -2.5f, 16777216.0f, 0.001f, 1e-7f, 1e21f,
                                                  3.4028235e38f, -inf, std::nanf(""), std::nullopt})),
            "[0.1, -2.5, 16777216, 0.001, 1e-7, 1e+21, 3.4028235e+38, -inf, nan, null]");
}

TEST(FormatArray, Float64FollowsJavaScriptLayout) {
  EXPECT_EQ(FormatArray(*Array<double>(float64(), {0.1, 1.0 / 3, 100, 1e21, 1.2345678901234568e20, 0.000001,
                                                   1e-7, 5e-324, -0.0, -1.5e300})),
            "[0.1, 0.3333333333333333, 100, 1e+21, 123456789012345680000, 0.000001, 1e-7, 5e-324, -0, -1.5e+300]");
}

TEST(FormatArray, DecimalsAtTheirScale) {
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal32(9, 2), {"12345", "-5", "0", "999999999", "-2147483648"})),
            "[123.45, -0.05, 0.00, 9999999.99, -21474836.48]");
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal64(18, 0), {"-999999999999999999", "7", std::nullopt})),
            "[-999999999999999999, 7, null]");
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal128(38, 10), {"99999999999999999999999999999999999999",
                                                                "-99999999999999999999999999999999999999", "1"})),
            "[9999999999999999999999999999.9999999999, -9999999999999999999999999999.9999999999, 0.0000000001]");
  // The most negative 128-bit value, beyond any precision, still prints exactly.
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal128(38, 0), {"-170141183460469231731687303715884105728"})),
            "[-170141183460469231731687303715884105728]");
}

TEST(FormatArray, Decimal256AtMaximumPrecision) {
  const std::string nines(76, '9');
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal256(76, 0), {nines, "-" + nines})),
            "[" + nines + ", -" + nines + "]");
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal256(76, 76), {nines, "-1"})),
            "[0." + nines + ", -0." + std::string(75, '0') + "1]");
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal256(76, 3), {"-123456", "0"})), "[-123.456, 0.000]");
  // A negative scale multiplies by a power of ten.
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal256(76, -3), {"12", "-12", "0"})), "[12000, -12000, 0]");
}

TEST(FormatArray, Dates) {
  EXPECT_EQ(FormatArray(*Int32s({0, 19000, -1, -719162, -719528, -719529, std::nullopt}, date32())),
            "[1970-01-01, 2022-01-08, 1969-12-31, 0001-01-01, 0000-01-01, -0001-12-31, null]");
  // date64 should hold whole days; a remainder is shown rather than hidden.
  EXPECT_EQ(FormatArray(*Array<int64_t>(date64(), {86400000, -86400000, 1})),
            "[1970-01-02, 1969-12-31, 1970-01-01T00:00:00.001]");
}

TEST(FormatArray, TimesOfDay) {
  EXPECT_EQ(FormatArray(*Int32s({0, 86399, std::nullopt}, time32(TimeUnit::kSecond))), "[00:00:00, 23:59:59, null]");
  EXPECT_EQ(FormatArray(*Int32s({45296789}, time32(TimeUnit::kMilli))), "[12:34:56.789]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(time64(TimeUnit::kMicro), {45296789012})), "[12:34:56.789012]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(time64(TimeUnit::kNano), {1, 86399999999999})),
            "[00:00:00.000000001, 23:59:59.999999999]");
}

TEST(FormatArray, TimestampsNaiveUtcAndOffset) {
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kSecond), {0, -1, 1700000000})),
            "[1970-01-01T00:00:00, 1969-12-31T23:59:59, 2023-11-14T22:13:20]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kMilli), {1700000000123, std::nullopt})),
            "[2023-11-14T22:13:20.123, null]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kMicro, "UTC"), {1})), "[1970-01-01T00:00:00.000001Z]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kNano), {-1, INT64_MIN})),
            "[1969-12-31T23:59:59.999999999, 1677-09-21T00:12:43.145224192]");
  // A named zone prints the UTC instant; a fixed offset prints local time and the offset.
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kSecond, "America/New_York"), {0})),
            "[1970-01-01T00:00:00Z]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kNano, "+05:30"), {0})),
            "[1970-01-01T05:30:00.000000000+05:30]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kSecond, "-08:00"), {0})),
            "[1969-12-31T16:00:00-08:00]");
}

TEST(FormatArray, ExtremeValuesPrintExactly) {
  EXPECT_EQ(FormatArray(*Int32s({INT32_MAX, INT32_MIN}, date32())), "[5881580-07-11, -5877641-06-23]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kSecond), {INT64_MAX, INT64_MIN})),
            "[292277026596-12-04T15:30:07, -292277022657-01-27T08:29:52]");
  // When shifting to the offset would overflow, the UTC instant is shown instead.
  EXPECT_EQ(FormatArray(*Array<int64_t>(timestamp(TimeUnit::kSecond, "+01:00"), {INT64_MAX})),
            "[292277026596-12-04T15:30:07Z]");
  // Times of day outside [0, 24h) are invalid but still print without wrapping.
  EXPECT_EQ(FormatArray(*Int32s({-1, 90000}, time32(TimeUnit::kSecond))), "[-00:00:01, 25:00:00]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(time64(TimeUnit::kNano), {INT64_MIN})), "[-2562047:47:16.854775808]");
  // Scales far outside any precision switch to an exponent instead of pages of zeros.
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal128(38, 200), {"5"})), "[5e-200]");
  EXPECT_EQ(FormatArray(*testing::Decimals(decimal128(38, -101), {"-5"})), "[-5e101]");
  EXPECT_EQ(FormatArray(*Array<float>(float32(), {1e-45f, -3.4028235e38f})), "[1e-45, -3.4028235e+38]");
  EXPECT_EQ(FormatArray(*Array<double>(float64(), {1.7976931348623157e308, 2.2250738585072014e-308})),
            "[1.7976931348623157e+308, 2.2250738585072014e-308]");
}

TEST(FormatArray, DurationsWithUnit) {
  EXPECT_EQ(FormatArray(*Array<int64_t>(duration(TimeUnit::kSecond), {5, std::nullopt})), "[5s, null]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(duration(TimeUnit::kMilli), {-1500})), "[-1500ms]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(duration(TimeUnit::kMicro), {7})), "[7us]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(duration(TimeUnit::kNano), {INT64_MIN})), "[-9223372036854775808ns]");
}

TEST(FormatArray, Intervals) {
  EXPECT_EQ(FormatArray(*Int32s({3, -14, std::nullopt}, interval_year_month())), "[3M, -14M, null]");
  EXPECT_EQ(FormatArray(*Array<int64_t>(interval_day_time(), {testing::DayTime(5, 1000), testing::DayTime(-1, -2),
                                                              std::nullopt})),
            "[5d 1000ms, -1d -2ms, null]");
  EXPECT_EQ(FormatArray(*testing::MonthDayNanos({{1, 2, 3}, {0, 0, 0}, {-1, 31, INT64_MAX}})),
            "[1M 2d 3ns, 0M 0d 0ns, -1M 31d 9223372036854775807ns]");
}

TEST(FormatArray, Utf8IsQuotedAndEscaped) {
  const std::vector<std::optional<std::string>> values = {
      "plain", "a\"b\\c", "tab\there\r\n", std::string("\x00\x01\x1f\x7f", 4), "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
      "\xc2\x85", "", std::nullopt};
  const std::string expected =
      R"(["plain", "a\"b\\c", "tab\there\r\n", "\x00\x01\x1f\x7f", "é€😀", "\u0085", "", null])";
  for (const TypePtr& t : {utf8(), large_utf8(), utf8_view()}) {
    EXPECT_EQ(FormatArray(*Strings(t, values)), expected) << t->ToString();
  }
}

TEST(FormatArray, InvalidUtf8BytesAreHexEscaped) {
  // A lone continuation byte, a truncated sequence, an overlong NUL, a surrogate, a code
  // point past U+10FFFF and 0xFF; valid text around them is kept.
  EXPECT_EQ(FormatArray(*Strings(utf8(), {"a\x80z", "\xe2\x82", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                          "\xff\xc3\xa9"})),
            R"(["a\x80z", "\xe2\x82", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xffé"])");
}

TEST(FormatArray, BinaryIsHex) {
  const std::vector<std::optional<std::string>> values = {std::string("\x00\xff\x10", 3), "", std::nullopt, "AB"};
  for (const TypePtr& t : {binary(), large_binary(), binary_view()}) {
    EXPECT_EQ(FormatArray(*Strings(t, values)), "[x'00ff10', x'', null, x'4142']") << t->ToString();
  }
  EXPECT_EQ(FormatArray(*testing::FixedSizeBinaries(3, {"abc", std::nullopt, std::string("\0\1\2", 3)})),
            "[x'616263', null, x'000102']");
}

TEST(FormatArray, ViewsInSeveralVariadicBuffers) {
  ArrayPtr a = Strings(utf8_view(), {"short", "a string longer than twelve bytes", std::nullopt,
                                     "another long string, in a second buffer", "tiny"},
                       /*block_size=*/40);
  ASSERT_EQ(a->buffers.size(), 4u);
  EXPECT_EQ(FormatArray(*a),
            R"(["short", "a string longer than twelve bytes", null, "another long string, in a second buffer", "tiny"])");
  EXPECT_EQ(FormatArray(*Slice(a, 3, 2)), R"(["another long string, in a second buffer", "tiny"])");
}

TEST(FormatArray, SlicesOfFlatArrays) {
  EXPECT_EQ(FormatArray(*Slice(Int32s({1, 2, std::nullopt, 4, 5}), 1, 3)), "[2, null, 4]");
  EXPECT_EQ(FormatArray(*Slice(Int32s({1, 2}), 2, 0)), "[]");
  // Bit-packed values at an offset that is not a multiple of 8.
  ArrayPtr bools = Bools({true, false, true, true, false, false, true, false, true, std::nullopt, false});
  EXPECT_EQ(FormatArray(*Slice(bools, 6, 5)), "[true, false, true, null, false]");
  EXPECT_EQ(FormatArray(*Slice(Strings(large_utf8(), {"a", "b", std::nullopt, "d"}), 1, 2)), R"(["b", null])");
  EXPECT_EQ(FormatArray(*Slice(testing::Decimals(decimal128(5, 1), {"1", "-22", "333"}), 1, 2)), "[-2.2, 33.3]");
  EXPECT_EQ(FormatArray(*Slice(testing::FixedSizeBinaries(2, {"ab", "cd", "ef"}), 2, 1)), "[x'6566']");
  EXPECT_EQ(FormatArray(*Slice(Unwrap(MakeArrayOfNulls(null(), 5)), 1, 2)), "[null, null]");
}

TEST(FormatArray, LongArraysAreElided) {
  std::vector<std::optional<int32_t>> values;
  for (int i = 0; i < 100; ++i) values.emplace_back(i);
  ArrayPtr a = Int32s(values);
  EXPECT_EQ(FormatArray(*a),
            "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ..., 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]");
  EXPECT_EQ(FormatArray(*a, {.window = 2}), "[0, 1, ..., 98, 99]");
  EXPECT_EQ(FormatArray(*a, {.window = 0}), "[...]");
  EXPECT_EQ(FormatArray(*Slice(a, 10, 5), {.window = 2}), "[10, 11, ..., 13, 14]");
  // Exactly 2 * window values fit without eliding; a negative window never elides.
  EXPECT_EQ(FormatArray(*Slice(a, 0, 4), {.window = 2}), "[0, 1, 2, 3]");
  EXPECT_EQ(FormatArray(*Slice(a, 0, 5), {.window = -1}), "[0, 1, 2, 3, 4]");
}

TEST(FormatArray, Options) {
  ArrayPtr a = Int32s({1, std::nullopt});
  EXPECT_EQ(FormatArray(*a, {.null_string = "NA"}), "[1, NA]");
  EXPECT_EQ(FormatArray(*a, {.indent = 4}), "    [1, null]");
}

}  // namespace
}  // namespace quiver
