// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target, differential: whenever the file reader accepts an input, random
// access (FileReader) must give the same batches, and the table written as a stream must
// read back through the stream reader and the incremental decoder as the same batches
// (schemas with metadata, then every column of every batch by ArrayEquals). See
// testing/fuzz_check_test_util.h. An input that finds a bug becomes a file under
// tests/regressions/ipc, replayed by fuzz_regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "ipc/testing/fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::ipc::testing::FuzzFileAgainstStream({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
