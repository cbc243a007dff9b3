// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The writer's dictionary against a std::map reference: every distinct value exactly once,
// in order of first appearance, for byte arrays of every length up to 40 (the inline
// comparisons switch at 4, 8 and 16 bytes), 4- and 8-byte values (keyed by their bits,
// through several table growths) and 12-byte values (hashed bytes).
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/builder_test_util.h"
#include "parquet/column/dictionary_builder.h"

namespace quiver::parquet::column {
namespace {

// Checks indices and dictionary against first-occurrence numbering of `values`.
void CheckAgainstReference(const encoding::ValueBuffer& values, const std::vector<std::string>& as_strings) {
  DictionaryBuilder dict(values.type, values.width);
  std::vector<uint32_t> indices(as_strings.size());
  uint32_t max_index = 0;
  // In two calls, so that the second finds the first's values.
  const int64_t half = static_cast<int64_t>(as_strings.size()) / 2;
  QUIVER_ASSERT_OK(dict.IndicesOf(values, 0, half, indices.data(), &max_index));
  QUIVER_ASSERT_OK(dict.IndicesOf(values, half, static_cast<int64_t>(as_strings.size()) - half, indices.data() + half,
                                  &max_index));
  std::map<std::string, uint32_t> first;
  std::vector<std::string> order;
  for (size_t i = 0; i < as_strings.size(); ++i) {
    auto [it, added] = first.emplace(as_strings[i], static_cast<uint32_t>(order.size()));
    if (added) order.push_back(as_strings[i]);
    ASSERT_EQ(indices[i], it->second) << "value " << i;
  }
  ASSERT_EQ(dict.values().count, static_cast<int64_t>(order.size()));
  ASSERT_EQ(max_index, static_cast<uint32_t>(order.size() - 1));
  const auto& d = dict.values();
  for (size_t k = 0; k < order.size(); ++k) {
    std::string got;
    if (d.binary()) {
      const int64_t* off = d.offset_data();
      got.assign(reinterpret_cast<const char*>(d.data.data()) + off[k], static_cast<size_t>(off[k + 1] - off[k]));
    } else {
      got.assign(reinterpret_cast<const char*>(d.data.data()) + k * static_cast<size_t>(d.width), static_cast<size_t>(d.width));
    }
    ASSERT_EQ(got, order[k]) << "dictionary value " << k;
  }
}

TEST(DictionaryBuilderTest, ByteArraysOfEveryLengthMatchReference) {
  std::mt19937 rng(9);
  encoding::ValueBuffer values(PhysicalType::kByteArray, 0);
  std::vector<std::string> strings;
  for (int i = 0; i < 6000; ++i) {
    // Few distinct values per length, differing in their first, middle or last byte.
    const size_t len = rng() % 41;
    std::string s(len, 'a');
    if (len > 0) s[rng() % len] = static_cast<char>('a' + rng() % 3);
    strings.push_back(s);
    QUIVER_ASSERT_OK(values.AppendBinary(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())));
  }
  CheckAgainstReference(values, strings);
}

template <typename T>
void CheckFixed(PhysicalType type, uint32_t distinct) {
  std::mt19937_64 rng(distinct);
  encoding::ValueBuffer values(type, 0);
  std::vector<std::string> strings;
  for (int i = 0; i < 20000; ++i) {
    // Values that differ only in their high bits too, to exercise the slot hash.
    const T v = static_cast<T>((rng() % distinct) << (sizeof(T) * 8 - 20));
    strings.emplace_back(reinterpret_cast<const char*>(&v), sizeof(T));
    QUIVER_ASSERT_OK(values.AppendFixed(reinterpret_cast<const uint8_t*>(&v), 1));
  }
  CheckAgainstReference(values, strings);
}

TEST(DictionaryBuilderTest, FixedWidthValuesMatchReference) {
  CheckFixed<uint32_t>(PhysicalType::kInt32, 7);
  CheckFixed<uint32_t>(PhysicalType::kFloat, 5000);
  CheckFixed<uint64_t>(PhysicalType::kInt64, 3);
  CheckFixed<uint64_t>(PhysicalType::kDouble, 9000);
}

TEST(DictionaryBuilderTest, TwelveByteValuesMatchReference) {
  std::mt19937 rng(4);
  encoding::ValueBuffer values(PhysicalType::kInt96, 0);
  std::vector<std::string> strings;
  for (int i = 0; i < 3000; ++i) {
    std::string s(12, '\0');
    s[rng() % 12] = static_cast<char>(rng() % 4);
    strings.push_back(s);
    QUIVER_ASSERT_OK(values.AppendFixed(reinterpret_cast<const uint8_t*>(s.data()), 1));
  }
  CheckAgainstReference(values, strings);
}

}  // namespace
}  // namespace quiver::parquet::column
