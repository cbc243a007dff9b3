// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// libFuzzer target: arbitrary bytes through the stream reader, the file reader and the
// incremental decoder (fed in chunks whose size comes from the input), at full validation.
// Any outcome but a crash, a sanitizer report or an unexpected status code is fine.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "quiver/ipc/ipc.h"

namespace {

void Check(const quiver::Status& s) {
  using quiver::StatusCode;
  switch (s.code()) {
    case StatusCode::kOk:
    case StatusCode::kInvalidInput:
    case StatusCode::kTruncated:
    case StatusCode::kUnsupported:
    case StatusCode::kLimitExceeded: return;
    default: std::abort();  // out of memory, internal errors etc. are bugs here
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quiver;
  ipc::ReadOptions options;
  options.validate_full = true;
  options.limits.max_decompressed_size = 64 << 20;
  options.limits.max_buffer_size = 64 << 20;
  auto buffer = Buffer::CopyOf({data, size});
  if (!buffer.ok()) return 0;
  Check(ipc::ReadStream(*buffer, options).status());
  Check(ipc::ReadFile(*buffer, options).status());
  ipc::StreamDecoder decoder(options);
  const size_t chunk = size > 0 ? 1 + data[0] % 64 : 1;
  Status s;
  for (size_t at = 0; at < size && s.ok(); at += chunk) {
    s = decoder.Consume(std::span<const uint8_t>(data + at, std::min(chunk, size - at)));
  }
  if (s.ok()) s = decoder.Finish();
  Check(s);
  return 0;
}
