// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The project's one JSON reader (core/json_internal.h): values, raw views, escapes, limits
// and the errors bad text gets.
#include <gtest/gtest.h>

#include <string>

#include "core/assert_ok_test_util.h"
#include "core/json_internal.h"

namespace quiver::internal {
namespace {

using Kind = JsonValue::Kind;

TEST(JsonTest, ValuesAndTheirRawText) {
  const std::string text = R"( {"a": [1, -2.5e3, true, null], "s": "x\"y\u00e9\ud83d\ude00", "o": {}} )";
  QUIVER_ASSERT_OK_AND_ASSIGN(JsonValue doc, ParseJson(text, 8));
  ASSERT_EQ(doc.kind, Kind::kObject);
  EXPECT_EQ(doc.keys, (std::vector<std::string>{"a", "s", "o"}));
  const JsonValue* a = doc.Find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 4u);
  EXPECT_EQ(a->items[0].number, 1);
  EXPECT_EQ(a->items[1].number, -2500);
  EXPECT_EQ(a->items[1].raw, "-2.5e3");  // numbers keep their text: an int64 need not pass through a double
  EXPECT_TRUE(a->items[2].boolean);
  EXPECT_EQ(a->items[3].kind, Kind::kNull);
  EXPECT_EQ(a->raw, "[1, -2.5e3, true, null]");
  EXPECT_EQ(doc.Find("s")->text, "x\"y\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(doc.Find("o")->kind, Kind::kObject);
  EXPECT_EQ(doc.Find("missing"), nullptr);
  EXPECT_EQ(JsonKindName(Kind::kArray), "array");
}

TEST(JsonTest, BadTextIsAnErrorNamingTheByte) {
  auto error = [](std::string_view text) { return ParseJson(text, 4).status().ToString(); };
  EXPECT_EQ(error(""), "expected a value at byte 0 but found the end of the text");
  EXPECT_EQ(error("{\"a\" 1}"), "expected ':' at byte 5 but found '1'");
  EXPECT_EQ(error("[1, 2"), "expected ',' or ']' at byte 5 but found the end of the text");
  EXPECT_EQ(error("[1] x"), "expected the end of the JSON at byte 4 but found 'x'");
  EXPECT_EQ(error("\"\\q\""), "expected an escape character at byte 2 but found 'q'");
  EXPECT_EQ(error("\"\\ud800\""), "expected a low surrogate escape at byte 7 but found '\"'");
  EXPECT_EQ(error("01"), "expected the end of the JSON at byte 1 but found '1'");
  EXPECT_EQ(error("[-]"), "expected a value at byte 2 but found ']'");
  EXPECT_EQ(ParseJson("[[[[[1]]]]]", 4).status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(error("[[[[[1]]]]]"), "expected JSON nesting depth <= 4 at byte 4 but found 5");
}

TEST(JsonTest, StringsAreWrittenEscaped) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\n\x01");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\u000a\\u0001\"");
}

}  // namespace
}  // namespace quiver::internal
