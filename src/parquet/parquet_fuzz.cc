// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: arbitrary bytes as a Parquet file, read whole (full validation) and by
// planned units with a selection taken from the input, then, when the read succeeds,
// written back with the writer and read again: anything Quiver reads it must write (or
// refuse as unsupported) and read back equal. See testing/fuzz_check_test_util.h. An input
// that finds a bug becomes a file under tests/regressions/parquet, replayed by
// regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "parquet/testing/fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::parquet::testing::FuzzOne({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
