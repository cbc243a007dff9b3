// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the codec fuzz target (codec_fuzz.cc) does with one input, shared with the test that
// replays the inputs it found bugs with (tests/regressions/codec, fuzz_regression_test.cc).
// Input layout: byte 0 picks the codec (low 3 bits, modulo the 7 kinds) and whether the
// declared size is taken raw (bit 7: up to 4 GiB, beyond the limit) or bounded by it;
// bytes 1-4 are the declared uncompressed size (little-endian); the rest is the payload.
// The payload is decompressed to the declared size (a size over the limit must give
// kLimitExceeded before any allocation), and compressed, decompressed and compared.
// Header-only, test and fuzz code.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

#include "core/str_cat.h"
#include "quiver/codec/codec.h"

namespace quiver::codec::testing {

inline constexpr int64_t kFuzzMaxSize = int64_t{1} << 22;

inline MemoryPool* FuzzPool() {
  static MemoryPool pool(int64_t{64} << 20);
  return &pool;
}

inline bool DecodeExpected(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
    case StatusCode::kInvalidInput:
    case StatusCode::kTruncated:
    case StatusCode::kUnsupported:
    case StatusCode::kLimitExceeded: return true;
    default: return false;
  }
}

inline Status FuzzCodec(std::span<const uint8_t> data) {
  if (data.size() < 5) return Status::OK();
  const CodecKind kind = static_cast<CodecKind>((data[0] & 7) % 7);
  auto codec = GetCodec(kind);
  if (!codec.ok()) return Status::OK();  // left out of this build
  uint32_t declared = 0;
  for (int i = 0; i < 4; ++i) declared |= uint32_t{data[1 + i]} << (8 * i);
  const int64_t size = (data[0] & 0x80) ? int64_t{declared} : int64_t{declared} % (kFuzzMaxSize + 1);
  const std::span<const uint8_t> payload = data.subspan(5);
  const std::string name(CodecName(kind));

  Limits limits;
  limits.max_decompressed_size = kFuzzMaxSize;
  auto out = DecompressToBuffer(**codec, payload, size, limits, FuzzPool());
  if (!DecodeExpected(out.status())) return Status::Internal(name + " decompress: " + out.status().ToString());
  if (size > kFuzzMaxSize && out.status().code() != StatusCode::kLimitExceeded) {
    return Status::Internal(internal::StrCat(name, ": a declared size of ", size, " passed the limit"));
  }
  if (out.ok() && (*out)->size() != size) return Status::Internal(name + ": decompressed to the wrong size");

  // Round trip of the payload at a level picked by its first byte (low levels only: the
  // highest brotli and zstd levels are too slow for fuzzing).
  const int level = payload.empty() ? Codec::kDefaultLevel : payload[0] % 4;
  auto packed = CompressToBuffer(**codec, payload, level, FuzzPool());
  if (!packed.ok()) return Status::Internal(name + " compress: " + packed.status().ToString());
  auto unpacked = DecompressToBuffer(**codec, (*packed)->span(), static_cast<int64_t>(payload.size()),
                                     kDefaultLimits, FuzzPool());
  if (!unpacked.ok()) return Status::Internal(name + " round trip: " + unpacked.status().ToString());
  if ((*unpacked)->size() != static_cast<int64_t>(payload.size()) ||
      (!payload.empty() && std::memcmp((*unpacked)->data(), payload.data(), payload.size()) != 0)) {
    return Status::Internal(name + " round trip changed the bytes");
  }
  return out.status();
}

}  // namespace quiver::codec::testing
