// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: the geometry plugin's WKB and WKT parsers (byte 0 picks one), with the
// two WKB stages checked against each other and every accepted value sent through WKB and
// WKT and back (geo_fuzz_check_test_util.h). An input that finds a bug becomes a file under
// tests/regressions/geo, replayed by geo_regression_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "geo_fuzz_check_test_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const quiver::Status s = quiver::geo::testing::FuzzGeo({data, size});
  if (s.code() == quiver::StatusCode::kInternal) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}
