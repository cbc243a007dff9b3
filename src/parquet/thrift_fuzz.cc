// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: the Parquet thrift compact-protocol decoders (FileMetaData, PageHeader,
// ColumnIndex, OffsetIndex, picked by the first byte) on arbitrary bytes, and for what
// they accept a decode-encode-decode-encode round trip that must give the same bytes. See
// testing/thrift_fuzz_check_test_util.h. An input that finds a bug becomes a file under
// tests/regressions/thrift, replayed by regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "parquet/testing/thrift_fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::parquet::testing::FuzzThrift({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
