// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Microbenchmarks of the validity bitmap operations (quiver/arrow/bit_util.h): popcount
// over a bitmap at an aligned and an unaligned offset, and bitmap copies between offsets
// (what slicing, concatenation and realignment do).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "quiver/arrow/bit_util.h"

namespace {

constexpr int64_t kBits = 1 << 23;

std::vector<uint8_t> RandomBitmap() {
  std::vector<uint8_t> bits(static_cast<size_t>(kBits / 8 + 8));
  std::mt19937 rng(11);
  for (auto& b : bits) b = static_cast<uint8_t>(rng());
  return bits;
}

void CountSetBits(benchmark::State& state) {
  auto bits = RandomBitmap();
  int64_t offset = state.range(0);
  for (auto _ : state) benchmark::DoNotOptimize(quiver::bit_util::CountSetBits(bits.data(), offset, kBits - offset));
  state.SetBytesProcessed(state.iterations() * kBits / 8);
}
BENCHMARK(CountSetBits)->Arg(0)->Arg(3);

void CopyBitmap(benchmark::State& state) {
  auto src = RandomBitmap();
  std::vector<uint8_t> dst(src.size());
  int64_t src_offset = state.range(0), dst_offset = state.range(1);
  for (auto _ : state) {
    quiver::bit_util::CopyBitmap(src.data(), src_offset, kBits - 16, dst.data(), dst_offset);
    benchmark::DoNotOptimize(dst.data());
  }
  state.SetBytesProcessed(state.iterations() * kBits / 8);
}
BENCHMARK(CopyBitmap)->Args({0, 0})->Args({3, 0})->Args({5, 3});

// Per-bit reads, the pattern of a naive null-aware loop, for comparison with the above.
void GetBitLoop(benchmark::State& state) {
  auto bits = RandomBitmap();
  for (auto _ : state) {
    int64_t n = 0;
    for (int64_t i = 0; i < kBits; ++i) n += quiver::bit_util::GetBit(bits.data(), i);
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * kBits / 8);
}
BENCHMARK(GetBitLoop);

}  // namespace
