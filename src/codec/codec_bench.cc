// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Microbenchmarks of the LZ4 frame and ZSTD buffer paths (codec::Codec), on data shaped like
// Arrow IPC bodies of the benchmark suite: int64 ids with small deltas, doubles with few
// distinct mantissas, and short strings. Throughput is reported on uncompressed bytes.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "quiver/codec/codec.h"

namespace {

using quiver::codec::Codec;
using quiver::codec::CodecKind;

std::vector<uint8_t> ColumnarBytes(size_t size) {
  std::vector<uint8_t> out(size);
  std::mt19937_64 rng(42);
  size_t third = size / 3 / 8 * 8;
  int64_t id = 1000000;
  for (size_t i = 0; i + 8 <= third; i += 8) {
    id += static_cast<int64_t>(rng() % 16);
    std::memcpy(&out[i], &id, 8);
  }
  for (size_t i = third; i + 8 <= 2 * third; i += 8) {
    double x = static_cast<double>(rng() % 100000) / 100.0;
    std::memcpy(&out[i], &x, 8);
  }
  static const char* kWords[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
  size_t pos = 2 * third;
  while (pos < size) {
    const char* w = kWords[rng() % 8];
    size_t n = std::min(std::strlen(w), size - pos);
    std::memcpy(&out[pos], w, n);
    pos += n;
  }
  return out;
}

const std::vector<uint8_t>& Input() {
  static const std::vector<uint8_t> data = ColumnarBytes(8 << 20);
  return data;
}

const Codec* Get(CodecKind kind) {
  auto c = quiver::codec::GetCodec(kind);
  return c.ok() ? *c : nullptr;
}

void Compress(benchmark::State& state, CodecKind kind) {
  const Codec* codec = Get(kind);
  if (codec == nullptr) return state.SkipWithError("codec not in this build");
  const auto& in = Input();
  std::vector<uint8_t> out(static_cast<size_t>(*codec->MaxCompressedLength(static_cast<int64_t>(in.size()))));
  int64_t compressed = 0;
  for (auto _ : state) {
    auto r = codec->Compress(in, out, Codec::kDefaultLevel);
    if (!r.ok()) return state.SkipWithError("compress failed");
    compressed = *r;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.counters["ratio"] = static_cast<double>(in.size()) / static_cast<double>(compressed);
}

void Decompress(benchmark::State& state, CodecKind kind) {
  const Codec* codec = Get(kind);
  if (codec == nullptr) return state.SkipWithError("codec not in this build");
  const auto& in = Input();
  std::vector<uint8_t> packed(static_cast<size_t>(*codec->MaxCompressedLength(static_cast<int64_t>(in.size()))));
  auto n = codec->Compress(in, packed, Codec::kDefaultLevel);
  if (!n.ok()) return state.SkipWithError("compress failed");
  packed.resize(static_cast<size_t>(*n));
  std::vector<uint8_t> out(in.size());
  for (auto _ : state) {
    if (!codec->Decompress(packed, out).ok()) return state.SkipWithError("decompress failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
}

BENCHMARK_CAPTURE(Compress, lz4_frame, CodecKind::kLz4Frame)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Decompress, lz4_frame, CodecKind::kLz4Frame)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Compress, zstd, CodecKind::kZstd)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Decompress, zstd, CodecKind::kZstd)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Compress, snappy, CodecKind::kSnappy)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Decompress, snappy, CodecKind::kSnappy)->Unit(benchmark::kMillisecond);

}  // namespace
