// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: arbitrary bytes through the stream reader, the file reader and the
// incremental decoder (fed in chunks whose size comes from the input), at full validation
// with capped allocations. Any outcome but a crash, a sanitizer report or an unexpected
// status code is fine; see testing/fuzz_check_test_util.h. An input that finds a bug
// becomes a file under tests/regressions/ipc, replayed by fuzz_regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "ipc/testing/fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::ipc::testing::FuzzReaders({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
