// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only helpers for the handle layer. Header-only, for *_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <span>

#include <string>
#include <vector>

#include "handles/engine.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/writer.h"

namespace quiver::handles::testing {

/// Aborts the test binary on an error: helpers build fixed, valid data.
template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    std::abort();
  }
  return std::move(r).value();
}

inline ArrayPtr Utf8Array(const std::vector<std::string>& values, const std::vector<bool>& valid = {}) {
  BinaryBuilder b(utf8());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!valid.empty() && !valid[i]) {
      EXPECT_TRUE(b.AppendNull().ok());
    } else {
      EXPECT_TRUE(b.Append(values[i]).ok());
    }
  }
  return Must(b.Finish());
}

/// Two batches: id int64 [1, 2, 3] + [4], name utf8 ["a", null, "c"] + ["d"], score
/// float64 [0.5, 1.5, nan] + [-2]. Schema metadata {"origin": "test"}.
inline TablePtr SampleTable() {
  auto schema = quiver::schema({field("id", int64(), false), field("name", utf8()), field("score", float64())},
                               {{"origin", "test"}});
  auto b1 = Must(RecordBatch::Make(
      schema, 3,
      {Must(ArrayFromVector<int64_t>(int64(), {1, 2, 3})), Utf8Array({"a", "", "c"}, {true, false, true}),
       Must(ArrayFromVector<double>(float64(), {0.5, 1.5, std::numeric_limits<double>::quiet_NaN()}))}));
  auto b2 = Must(RecordBatch::Make(schema, 1,
                                   {Must(ArrayFromVector<int64_t>(int64(), {4})), Utf8Array({"d"}),
                                    Must(ArrayFromVector<double>(float64(), {-2}))}));
  return Must(Table::Make(schema, {b1, b2}));
}

/// Copies `bytes` into the engine's input and takes it, as the bindings do before a read.
inline std::shared_ptr<Buffer> Input(Engine* e, std::span<const uint8_t> bytes) {
  uint8_t* dst = e->InputReserve(static_cast<int64_t>(bytes.size()));
  EXPECT_NE(dst, nullptr);
  if (!bytes.empty()) std::memcpy(dst, bytes.data(), bytes.size());
  e->InputCommit(static_cast<int64_t>(bytes.size()));
  return e->InputTake();
}

inline std::string OutputText(const std::shared_ptr<Buffer>& out) {
  return out ? std::string(reinterpret_cast<const char*>(out->data()), static_cast<size_t>(out->size())) : "";
}

}  // namespace quiver::handles::testing
