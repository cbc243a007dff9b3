// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// RapidCheck properties of every codec in the build (native only: RapidCheck needs
// exceptions). A failure prints the seed and the shrunk counterexample; rerun it with
// RC_PARAMS="seed=<seed>".
// rapidcheck/gtest.h uses GoogleTest without including it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>
#include <vector>

#include "quiver/codec/codec.h"

namespace quiver::codec {
namespace {

using Bytes = std::vector<uint8_t>;

// Arbitrary bytes, bytes from a tiny alphabet, or runs: the compressors take different paths
// on incompressible and on repetitive input.
rc::Gen<Bytes> GenData() {
  return rc::gen::oneOf(
      rc::gen::arbitrary<Bytes>(), rc::gen::container<Bytes>(rc::gen::inRange<uint8_t>(0, 3)),
      rc::gen::map(rc::gen::container<std::vector<std::pair<uint8_t, uint16_t>>>(
                       rc::gen::pair(rc::gen::arbitrary<uint8_t>(), rc::gen::inRange<uint16_t>(1, 2000))),
                   [](const std::vector<std::pair<uint8_t, uint16_t>>& runs) {
                     Bytes out;
                     for (const auto& [byte, count] : runs) out.insert(out.end(), count, byte);
                     return out;
                   }));
}

rc::Gen<int> GenLevel() {
  return rc::gen::oneOf(rc::gen::just(Codec::kDefaultLevel), rc::gen::inRange(-10, 25), rc::gen::arbitrary<int>(),
                        rc::gen::element(INT_MIN + 1, INT_MAX));
}

Bytes CompressAll(const Codec& codec, const Bytes& data, int level) {
  auto bound = codec.MaxCompressedLength(static_cast<int64_t>(data.size()));
  RC_ASSERT(bound.ok());
  Bytes out(static_cast<size_t>(*bound));
  auto written = codec.Compress(data, out, level);
  if (!written.ok()) RC_FAIL(written.status().ToString());
  RC_ASSERT(*written <= *bound);
  out.resize(static_cast<size_t>(*written));
  return out;
}

// Decompresses into `size` bytes between guard zones; asserts the guards are intact and any
// error is one that data can cause.
Status DecompressGuarded(const Codec& codec, const Bytes& input, size_t size, Bytes* result) {
  constexpr size_t kGuard = 32;
  Bytes storage(size + 2 * kGuard, 0xA5);
  Status status = codec.Decompress(input, {storage.data() + kGuard, size});
  RC_ASSERT(std::all_of(storage.begin(), storage.begin() + kGuard, [](uint8_t b) { return b == 0xA5; }));
  RC_ASSERT(std::all_of(storage.end() - kGuard, storage.end(), [](uint8_t b) { return b == 0xA5; }));
  if (!status.ok()) {
    const StatusCode code = status.code();
    if (code != StatusCode::kInvalidInput && code != StatusCode::kTruncated && code != StatusCode::kUnsupported) {
      RC_FAIL(status.ToString());
    }
  }
  if (result != nullptr) result->assign(storage.begin() + kGuard, storage.end() - kGuard);
  return status;
}

void DecompressInvertsCompress(const Codec& codec) {
  const Bytes data = *GenData();
  const int level = *GenLevel();
  const Bytes compressed = CompressAll(codec, data, level);
  Bytes decoded;
  Status status = DecompressGuarded(codec, compressed, data.size(), &decoded);
  if (!status.ok()) RC_FAIL(status.ToString());
  RC_ASSERT(decoded == data);
}

void ArbitraryInputFailsOrFillsExactly(const Codec& codec) {
  const Bytes input = *rc::gen::arbitrary<Bytes>();
  const size_t size = *rc::gen::inRange<size_t>(0, 5000);
  // The output span is exactly `size` bytes, so OK means exactly filled; the guards catch
  // anything written outside it.
  (void)DecompressGuarded(codec, input, size, nullptr);
}

// Random bytes rarely get past a magic number; damaging a valid stream reaches the decoders.
void DamagedStreamFailsOrFillsExactly(const Codec& codec) {
  const Bytes data = *GenData();
  const Bytes intact = CompressAll(codec, data, Codec::kDefaultLevel);
  Bytes damaged = intact;
  const auto edits = *rc::gen::container<std::vector<std::pair<size_t, uint8_t>>>(
      rc::gen::pair(rc::gen::arbitrary<size_t>(), rc::gen::inRange<uint8_t>(1, 255)));
  for (const auto& [at, mask] : edits) {
    if (!damaged.empty()) damaged[at % damaged.size()] ^= mask;
  }
  if (*rc::gen::arbitrary<bool>()) damaged.resize(*rc::gen::inRange<size_t>(0, damaged.size() + 1));
  const size_t size = *rc::gen::oneOf(rc::gen::just(data.size()), rc::gen::inRange<size_t>(0, data.size() + 100));
  Bytes decoded;
  Status status = DecompressGuarded(codec, damaged, size, &decoded);
  if (damaged == intact && size == data.size()) {
    RC_ASSERT(status.ok());
    RC_ASSERT(decoded == data);
  }
}

// One set of properties per codec, so that each gets RapidCheck's full number of cases.
#define QUIVER_CODEC_PROPERTIES(Suite, kind)                                          \
  RC_GTEST_PROP(Suite, DecompressInvertsCompress, ()) {                               \
    if (!IsAvailable(kind)) RC_SUCCEED("not included in this build");                 \
    DecompressInvertsCompress(**GetCodec(kind));                                      \
  }                                                                                   \
  RC_GTEST_PROP(Suite, ArbitraryInputFailsOrFillsExactly, ()) {                       \
    if (!IsAvailable(kind)) RC_SUCCEED("not included in this build");                 \
    ArbitraryInputFailsOrFillsExactly(**GetCodec(kind));                              \
  }                                                                                   \
  RC_GTEST_PROP(Suite, DamagedStreamFailsOrFillsExactly, ()) {                        \
    if (!IsAvailable(kind)) RC_SUCCEED("not included in this build");                 \
    DamagedStreamFailsOrFillsExactly(**GetCodec(kind));                               \
  }

QUIVER_CODEC_PROPERTIES(Lz4FrameProperty, CodecKind::kLz4Frame)
QUIVER_CODEC_PROPERTIES(Lz4RawProperty, CodecKind::kLz4Raw)
QUIVER_CODEC_PROPERTIES(Lz4HadoopProperty, CodecKind::kLz4Hadoop)
QUIVER_CODEC_PROPERTIES(ZstdProperty, CodecKind::kZstd)
QUIVER_CODEC_PROPERTIES(SnappyProperty, CodecKind::kSnappy)
QUIVER_CODEC_PROPERTIES(GzipProperty, CodecKind::kGzip)
QUIVER_CODEC_PROPERTIES(BrotliProperty, CodecKind::kBrotli)

}  // namespace
}  // namespace quiver::codec
