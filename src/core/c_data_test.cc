// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Arrow C Data Interface: every sample type, whole and sliced, exported and imported
// back without copying; release semantics; malformed structures.
#include "quiver/arrow/c_data.h"

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "core/sample_arrays_test_util.h"

namespace quiver {
namespace {

TEST(CData, EverySampleRoundTripsWholeAndSliced) {
  int tested = 0;
  for (const auto& sample : testing::SampleArrays()) {
    for (int64_t off : {int64_t{0}, int64_t{1}}) {
      if (off > sample.array->length) continue;
      QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr array, SliceArray(sample.array, off, sample.array->length - off));
      Field field("col", array->type, true, {{"k", "v"}});
      ArrowSchema schema;
      ArrowArray c;
      ASSERT_TRUE(ExportField(field, &schema).ok());
      ASSERT_TRUE(ExportArray(array, &c).ok());
      QUIVER_ASSERT_OK_AND_ASSIGN(FieldPtr back_field, ImportField(schema));
      EXPECT_TRUE(back_field->Equals(field, true)) << sample.name << ": " << back_field->ToString();
      EXPECT_TRUE(back_field->type()->Equals(*array->type)) << sample.name;
      schema.release(&schema);
      auto back = ImportArray(&c, back_field->type());
      ASSERT_TRUE(back.ok()) << sample.name << ": " << back.status().ToString();
      EXPECT_EQ(c.release, nullptr) << "import moves the array";
      EXPECT_TRUE(ArrayEquals(**back, *array)) << sample.name << " offset " << off;
      // Zero copy: the first non-null buffer is the same memory.
      for (size_t i = 0; i < array->buffers.size() && i < (*back)->buffers.size(); ++i) {
        if (array->buffers[i] && (*back)->buffers[i]) {
          EXPECT_EQ(array->buffers[i]->data(), (*back)->buffers[i]->data()) << sample.name;
          break;
        }
      }
      ++tested;
    }
  }
  EXPECT_GT(tested, 100);
}

TEST(CData, ReleaseRunsOnceAfterTheLastBuffer) {
  ArrayPtr array = testing::Int32Array({1, 2, 3});
  std::weak_ptr<const ArrayData> watch = array;
  ArrowArray c;
  ASSERT_TRUE(ExportArray(array, &c).ok());
  array.reset();
  EXPECT_FALSE(watch.expired()) << "the export keeps the array alive";
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr back, ImportArray(&c, int32()));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr part, SliceArray(back, 1, 1));
  back.reset();
  EXPECT_FALSE(watch.expired()) << "a slice still refers to the buffers";
  part.reset();
  EXPECT_TRUE(watch.expired()) << "the last buffer released the exported array";
}

TEST(CData, MalformedInputNamesTheProblem) {
  ArrowSchema s{};
  s.release = [](ArrowSchema* x) { x->release = nullptr; };
  s.format = "q";
  EXPECT_EQ(ImportField(s).status().ToString(), "expected an Arrow C format string but found 'q' (unknown type)");
  s.format = "d:10";
  EXPECT_EQ(ImportField(s).status().ToString(), "expected an Arrow C format string but found 'd:10' (bad decimal parameters)");
  s.format = "+l";
  EXPECT_EQ(ImportField(s).status().ToString(), "expected an Arrow C format string but found '+l' (expected one child but found 0)");
  s.format = "tsx:";
  EXPECT_EQ(ImportField(s).status().ToString(), "expected an Arrow C format string but found 'tsx:' (unknown time unit)");
  s.release = nullptr;
  EXPECT_EQ(ImportField(s).status().ToString(), "expected a live ArrowSchema but found a released one");

  ArrayPtr array = testing::Int32Array({1, 2, 3});
  ArrowArray c;
  ASSERT_TRUE(ExportArray(array, &c).ok());
  EXPECT_EQ(ImportArray(&c, utf8()).status().ToString(), "expected 3 buffers for utf8 but found 2");
  EXPECT_EQ(c.release, nullptr) << "moved even when the import fails: its release already ran";
  ASSERT_TRUE(ExportArray(array, &c).ok());
  c.length = -1;
  EXPECT_EQ(ImportArray(&c, int32()).status().ToString(), "expected a non-negative length and offset");
  // (The interface carries no buffer sizes: a length beyond the producer's buffers cannot be
  // detected by the consumer. Plugins share the core's memory and are trusted for this.)
}

}  // namespace
}  // namespace quiver
