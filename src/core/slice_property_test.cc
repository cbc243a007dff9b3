// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Properties of zero-copy slicing, over random arrays built with the builders: slices
// compose, read the right slots (checked against a plain C++ model, not ArrayEquals),
// share every buffer without allocating, and refuse ranges outside the array.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/builder_test_util.h"
#include "quiver/arrow/builder.h"

namespace quiver {
namespace {

using testing::Unwrap;

/// A random valid (offset, length) inside [0, n).
std::pair<int64_t, int64_t> GenRange(int64_t n) {
  const int64_t offset = *rc::gen::inRange<int64_t>(0, n + 1);
  const int64_t length = *rc::gen::inRange<int64_t>(0, n - offset + 1);
  return {offset, length};
}

std::vector<std::optional<int32_t>> GenInts() {
  const auto values = *rc::gen::arbitrary<std::vector<int32_t>>();
  const auto valid = *rc::gen::container<std::vector<bool>>(values.size(), rc::gen::arbitrary<bool>());
  std::vector<std::optional<int32_t>> out;
  for (size_t i = 0; i < values.size(); ++i) out.push_back(valid[i] ? std::optional<int32_t>(values[i]) : std::nullopt);
  return out;
}

std::vector<std::optional<std::string>> GenStrings(size_t count) {
  const auto values = *rc::gen::container<std::vector<std::string>>(count, rc::gen::arbitrary<std::string>());
  const auto valid = *rc::gen::container<std::vector<bool>>(count, rc::gen::arbitrary<bool>());
  std::vector<std::optional<std::string>> out;
  for (size_t i = 0; i < count; ++i) out.push_back(valid[i] ? std::optional<std::string>(values[i]) : std::nullopt);
  return out;
}

// Slot readers that go straight to the buffers; `i` is a logical index (offset not applied).
std::optional<int32_t> IntAt(const ArrayData& a, int64_t i) {
  if (!a.IsValid(i)) return std::nullopt;
  return a.GetValues<int32_t>(1)[i];
}

std::optional<std::string> StringAt(const ArrayData& a, int64_t i) {
  if (!a.IsValid(i)) return std::nullopt;
  const int32_t* offsets = a.GetValues<int32_t>(1);
  return std::string(reinterpret_cast<const char*>(a.buffers[2]->data()) + offsets[i],
                     static_cast<size_t>(offsets[i + 1] - offsets[i]));
}

using IntList = std::optional<std::vector<std::optional<int32_t>>>;

IntList ListAt(const ArrayData& a, int64_t i) {
  if (!a.IsValid(i)) return std::nullopt;
  const int32_t* offsets = a.GetValues<int32_t>(1);
  std::vector<std::optional<int32_t>> out;
  for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) out.push_back(IntAt(*a.children[0], k));
  return out;
}

/// The properties shared by every array type: for a random range and a random sub-range,
/// slicing allocates nothing from the pool, shares buffers, children and dictionary,
/// slice-of-slice equals the direct slice, every slot of both slices matches the model
/// through `slot_matches(slice, i, model_index)`, and null counts match the model.
template <typename SlotMatches>
void CheckSlicing(const ArrayPtr& array, const std::vector<bool>& model_valid, const SlotMatches& slot_matches) {
  const auto [o1, l1] = GenRange(array->length);
  const auto [o2, l2] = GenRange(l1);

  const MemoryStats before = DefaultMemoryPool()->stats();
  Result<ArrayPtr> outer = SliceArray(array, o1, l1);
  RC_ASSERT(outer.ok());
  Result<ArrayPtr> inner = SliceArray(*outer, o2, l2);
  Result<ArrayPtr> direct = SliceArray(array, o1 + o2, l2);
  const MemoryStats after = DefaultMemoryPool()->stats();
  RC_ASSERT(inner.ok());
  RC_ASSERT(direct.ok());
  RC_ASSERT(after.allocations == before.allocations);
  RC_ASSERT(after.bytes_allocated == before.bytes_allocated);
  RC_ASSERT(after.copies == before.copies);

  for (const ArrayPtr& s : {*outer, *inner, *direct}) {
    RC_ASSERT(s != array);
    RC_ASSERT(s->type == array->type);
    RC_ASSERT(s->buffers == array->buffers);  // the same Buffer objects, not copies
    RC_ASSERT(s->children == array->children);
    RC_ASSERT(s->dictionary == array->dictionary);
  }
  RC_ASSERT((*outer)->offset == array->offset + o1);
  RC_ASSERT((*outer)->length == l1);
  RC_ASSERT((*inner)->offset == array->offset + o1 + o2);
  RC_ASSERT(ArrayEquals(**inner, **direct));

  auto check = [&](ArrayData& slice, int64_t model_start) {
    int64_t nulls = 0;
    for (int64_t i = 0; i < slice.length; ++i) {
      RC_ASSERT(slot_matches(slice, i, static_cast<size_t>(model_start + i)));
      nulls += model_valid[static_cast<size_t>(model_start + i)] ? 0 : 1;
    }
    RC_ASSERT(slice.GetNullCount() == nulls);
  };
  check(**outer, o1);
  check(**inner, o1 + o2);
}

RC_GTEST_PROP(SliceProperty, Int32, ()) {
  const auto model = GenInts();
  ArrayPtr a = testing::Int32s(model);
  std::vector<bool> valid;
  for (const auto& v : model) valid.push_back(v.has_value());
  CheckSlicing(a, valid, [&](const ArrayData& s, int64_t i, size_t m) { return IntAt(s, i) == model[m]; });
}

RC_GTEST_PROP(SliceProperty, Utf8, ()) {
  const auto model = GenStrings(*rc::gen::inRange<size_t>(0, 60));
  ArrayPtr a = testing::Utf8s(model);
  std::vector<bool> valid;
  for (const auto& v : model) valid.push_back(v.has_value());
  CheckSlicing(a, valid, [&](const ArrayData& s, int64_t i, size_t m) { return StringAt(s, i) == model[m]; });
}

RC_GTEST_PROP(SliceProperty, ListOfInt32, ()) {
  const size_t n = *rc::gen::inRange<size_t>(0, 40);
  std::vector<IntList> model;
  std::vector<std::optional<int32_t>> flat;
  std::vector<int64_t> offsets = {0};
  std::vector<bool> valid;
  for (size_t i = 0; i < n; ++i) {
    const bool is_valid = *rc::gen::arbitrary<bool>();
    auto items = is_valid ? GenInts() : std::vector<std::optional<int32_t>>{};
    if (items.size() > 8) items.resize(8);
    flat.insert(flat.end(), items.begin(), items.end());
    offsets.push_back(static_cast<int64_t>(flat.size()));
    valid.push_back(is_valid);
    model.push_back(is_valid ? IntList(items) : std::nullopt);
  }
  ArrayPtr a = Unwrap(MakeListArray(list(int32()), offsets, testing::Int32s(flat), valid));
  CheckSlicing(a, valid, [&](const ArrayData& s, int64_t i, size_t m) { return ListAt(s, i) == model[m]; });
}

RC_GTEST_PROP(SliceProperty, StructOfSlicedChildren, ()) {
  const size_t n = *rc::gen::inRange<size_t>(0, 50);
  auto ints = GenInts();
  ints.resize(n);  // pads with nulls when short
  const auto strings = GenStrings(n);
  const auto valid = *rc::gen::container<std::vector<bool>>(n, rc::gen::arbitrary<bool>());
  // The children are themselves slices, so child offsets and the struct's offset add up.
  const int64_t pad = *rc::gen::inRange<int64_t>(0, 4);
  std::vector<std::optional<int32_t>> padded_ints(static_cast<size_t>(pad), 7);
  padded_ints.insert(padded_ints.end(), ints.begin(), ints.end());
  std::vector<std::optional<std::string>> padded_strings(static_cast<size_t>(pad), std::string("pad"));
  padded_strings.insert(padded_strings.end(), strings.begin(), strings.end());
  ArrayPtr a = Unwrap(MakeStructArray(
      {field("a", int32()), field("b", utf8())},
      {testing::Slice(testing::Int32s(padded_ints), pad, static_cast<int64_t>(n)),
       testing::Slice(testing::Utf8s(padded_strings), pad, static_cast<int64_t>(n))},
      valid));
  CheckSlicing(a, valid, [&](const ArrayData& s, int64_t i, size_t m) {
    if (s.IsValid(i) != valid[m]) return false;
    if (!valid[m]) return true;
    const int64_t child = s.offset + i;  // a struct's slice applies to its children
    return IntAt(*s.children[0], child) == ints[m] && StringAt(*s.children[1], child) == strings[m];
  });
}

RC_GTEST_PROP(SliceProperty, OutOfRangeIsInvalidArgument, ()) {
  const int64_t n = *rc::gen::inRange<int64_t>(0, 20);
  ArrayPtr a = Unwrap(ArrayFromVector<int32_t>(int32(), std::vector<int32_t>(static_cast<size_t>(n), 1)));
  const auto bound = rc::gen::oneOf(rc::gen::inRange<int64_t>(-3, n + 4), rc::gen::arbitrary<int64_t>(),
                                    rc::gen::element<int64_t>(INT64_MIN, INT64_MIN + 1, INT64_MAX - 1, INT64_MAX));
  const int64_t offset = *bound;
  const int64_t length = *bound;
  const bool inside = offset >= 0 && length >= 0 && offset <= n && length <= n - offset;
  Result<ArrayPtr> s = SliceArray(a, offset, length);
  RC_ASSERT(s.ok() == inside);
  if (!inside) RC_ASSERT(s.status().code() == StatusCode::kInvalidArgument);
  // The same holds for a slice of a slice, whose offset is not zero.
  Result<ArrayPtr> tail = SliceArray(a, n / 2, n - n / 2);
  RC_ASSERT(tail.ok());
  const int64_t m = n - n / 2;
  const bool inside_tail = offset >= 0 && length >= 0 && offset <= m && length <= m - offset;
  Result<ArrayPtr> s2 = SliceArray(*tail, offset, length);
  RC_ASSERT(s2.ok() == inside_tail);
  if (!inside_tail) RC_ASSERT(s2.status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quiver
