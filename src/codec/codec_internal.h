// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Private to src/codec: the per-codec singletons and the helpers their files share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/str_cat.h"
#include "quiver/codec/codec.h"

namespace quiver::codec {

// The singletons. Each is defined by its codec's file, which CMake compiles only when the
// codec is enabled, so GetCodec references them under the same QUIVER_WITH_* guards.
const Codec* Lz4FrameCodecInstance();
const Codec* Lz4RawCodecInstance();
const Codec* Lz4HadoopCodecInstance();
const Codec* ZstdCodecInstance();
const Codec* SnappyCodecInstance();
const Codec* GzipCodecInstance();
const Codec* BrotliCodecInstance();

/// A Status whose message starts with the codec's name: "zstd: ...".
template <typename... Args>
Status CodecError(StatusCode code, CodecKind kind, const Args&... args) {
  return Status(code, internal::StrCat(CodecName(kind), ": ", args...));
}

/// kInvalidInput: the input holds more data than the caller expects.
inline Status TooMuchOutput(CodecKind kind, size_t expected) {
  return CodecError(StatusCode::kInvalidInput, kind, "input decompresses to more than ", expected, " bytes");
}

/// kInvalidInput: the input ended cleanly but held fewer bytes than expected.
inline Status SizeMismatch(CodecKind kind, size_t expected, size_t actual) {
  return CodecError(StatusCode::kInvalidInput, kind, "expected ", expected, " bytes but the input holds ", actual);
}

/// kTruncated: no format has a valid empty stream except Hadoop framing (zero blocks).
inline Status EmptyInput(CodecKind kind) { return CodecError(StatusCode::kTruncated, kind, "input is empty"); }

/// kInvalidArgument from Compress when the library ran out of room in `output`.
inline Status OutputTooSmall(CodecKind kind, size_t output_size) {
  return CodecError(StatusCode::kInvalidArgument, kind, "output of ", output_size,
                    " bytes is too small for the compressed data");
}

/// kInvalidArgument from Compress for codecs whose library needs the whole bound up front
/// (it writes without checking the remaining room).
inline Status OutputBelowBound(CodecKind kind, size_t output_size, int64_t bound) {
  return CodecError(StatusCode::kInvalidArgument, kind, "output of ", output_size, " bytes is smaller than the ",
                    bound, " bytes that MaxCompressedLength requires");
}

/// kLimitExceeded: the format (or size_t on 32-bit WASM) cannot describe an input this large.
inline Status InputTooLarge(CodecKind kind, uint64_t size, uint64_t max) {
  return CodecError(StatusCode::kLimitExceeded, kind, "input of ", size, " bytes exceeds the format's limit of ",
                    max, " bytes");
}

/// kInvalidArgument for a negative size passed to MaxCompressedLength.
inline Status NegativeInputSize(CodecKind kind, int64_t size) {
  return CodecError(StatusCode::kInvalidArgument, kind, "input size must be >= 0 but was ", size);
}

/// Maps kDefaultLevel to `fallback` and clamps every other level into [lo, hi]. Levels
/// only trade speed for ratio, and the libraries clamp most of them the same way, so an
/// out-of-range level is not worth an error.
inline int ResolveLevel(int level, int lo, int hi, int fallback) {
  if (level == Codec::kDefaultLevel) return fallback;
  return std::clamp(level, lo, hi);
}

/// The largest size that both size_t and int64_t hold (size_t is 32 bits in WASM).
inline constexpr uint64_t kMaxSize =
    SIZE_MAX < static_cast<uint64_t>(INT64_MAX) ? SIZE_MAX : static_cast<uint64_t>(INT64_MAX);

/// Libraries read `dst` as "no buffer" when it is null, even with capacity 0 (brotli then
/// hands out its own ring buffer). An empty span may be null, so pass this byte instead.
inline uint8_t* NonNull(std::span<uint8_t> output, uint8_t* dummy) {
  return output.data() != nullptr ? output.data() : dummy;
}
inline const uint8_t* NonNull(std::span<const uint8_t> input, const uint8_t* dummy) {
  return input.data() != nullptr ? input.data() : dummy;
}

}  // namespace quiver::codec
