// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: every codec's decoder (LZ4 frame, raw and Hadoop, ZSTD, Snappy, GZIP,
// Brotli; the first byte picks one) on arbitrary bytes with a declared uncompressed size
// taken from the input, plus a compress-decompress round trip of the same bytes. See
// fuzz_check_test_util.h for the input layout. An input that finds a bug becomes a file
// under tests/regressions/codec, replayed by fuzz_regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "codec/fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::codec::testing::FuzzCodec({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
