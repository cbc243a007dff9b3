// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Microbenchmarks of the Parquet value and level decoders (src/parquet/encoding): the
// RLE/bit-packed hybrid (bit unpacking at several widths, and RLE runs), dictionary indices
// plus the gather, DELTA_BINARY_PACKED, and PLAIN. Inputs are encoded here (the library has
// no encoder yet): bit-packed groups LSB first, delta blocks of 128 values in 4 miniblocks.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace {

namespace enc = quiver::parquet::encoding;
using quiver::parquet::PhysicalType;

constexpr int64_t kValues = 1 << 20;

void Uleb(std::vector<uint8_t>* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<uint8_t>(v));
}

// Appends `values` (a multiple of 8) LSB first at `width` bits each.
void PackBits(std::vector<uint8_t>* out, const uint64_t* values, size_t n, int width) {
  size_t start = out->size();
  out->resize(start + (n * static_cast<size_t>(width) + 7) / 8, 0);
  uint64_t bit = 0;
  for (size_t i = 0; i < n; ++i, bit += static_cast<uint64_t>(width)) {
    for (int b = 0; b < width; ++b) {
      if ((values[i] >> b) & 1) (*out)[start + (bit + static_cast<uint64_t>(b)) / 8] |= static_cast<uint8_t>(1u << ((bit + static_cast<uint64_t>(b)) % 8));
    }
  }
}

// One bit-packed run per 512 values (the shape writers produce for random indices).
std::vector<uint8_t> HybridBitPacked(const std::vector<uint32_t>& v, int width) {
  std::vector<uint8_t> out;
  std::vector<uint64_t> wide(v.begin(), v.end());
  for (size_t i = 0; i < wide.size(); i += 512) {
    size_t n = std::min<size_t>(512, wide.size() - i);
    Uleb(&out, ((n / 8) << 1) | 1);
    PackBits(&out, &wide[i], n, width);
  }
  return out;
}

std::vector<uint8_t> HybridRle(const std::vector<uint32_t>& v, int width) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    Uleb(&out, (j - i) << 1);
    for (int b = 0; b < (width + 7) / 8; ++b) out.push_back(static_cast<uint8_t>(v[i] >> (8 * b)));
    i = j;
  }
  return out;
}

std::vector<uint32_t> RandomBelow(uint32_t bound, int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint32_t> v(static_cast<size_t>(n));
  for (auto& x : v) x = bound == 0 ? 0 : rng() % bound;
  return v;
}

void BitUnpack(benchmark::State& state) {
  int width = static_cast<int>(state.range(0));
  auto values = RandomBelow(width == 32 ? 0xffffffffu : (1u << width), kValues, 1);
  auto data = HybridBitPacked(values, width);
  std::vector<uint32_t> out(values.size());
  for (auto _ : state) {
    enc::RleBitPackedDecoder d(data, width);
    if (!d.Decode(out.data(), kValues).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(BitUnpack)->Arg(1)->Arg(3)->Arg(8)->Arg(13)->Arg(17)->Arg(32);

// Definition levels of a column with ~10% nulls, as 16-bit levels.
void RleLevels(benchmark::State& state) {
  std::mt19937 rng(2);
  std::vector<uint32_t> levels(static_cast<size_t>(kValues));
  for (auto& l : levels) l = (rng() % 10) != 0;
  auto data = state.range(0) == 0 ? HybridRle(levels, 1) : HybridBitPacked(levels, 1);
  std::vector<uint16_t> out(levels.size());
  for (auto _ : state) {
    enc::RleBitPackedDecoder d(data, 1);
    if (!d.Decode(out.data(), kValues).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
  state.SetLabel(state.range(0) == 0 ? "rle runs" : "bit-packed");
}
BENCHMARK(RleLevels)->Arg(0)->Arg(1);

// Dictionary indices (bit-width byte + hybrid), then the gather of int64 values.
void DictionaryIndices(benchmark::State& state) {
  int width = static_cast<int>(state.range(0));
  auto idx = RandomBelow(1u << width, kValues, 3);
  std::vector<uint8_t> page{static_cast<uint8_t>(width)};
  auto body = HybridBitPacked(idx, width);
  page.insert(page.end(), body.begin(), body.end());
  std::vector<uint32_t> out;
  for (auto _ : state) {
    out.clear();
    if (!enc::DecodeDictionaryIndices(page, kValues, &out).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(DictionaryIndices)->Arg(4)->Arg(10)->Arg(16);

void DictionaryGatherInt64(benchmark::State& state) {
  const uint32_t dict_size = 1024;
  enc::ValueBuffer dict(PhysicalType::kInt64, 0);
  std::vector<int64_t> dv(dict_size);
  for (uint32_t i = 0; i < dict_size; ++i) dv[i] = int64_t{i} * 1000003;
  if (!dict.AppendFixed(reinterpret_cast<const uint8_t*>(dv.data()), dict_size).ok()) return state.SkipWithError("dict");
  auto idx = RandomBelow(dict_size, kValues, 4);
  for (auto _ : state) {
    enc::ValueBuffer out(PhysicalType::kInt64, 0);
    if (!enc::GatherDictionary(dict, idx.data(), kValues, &out).ok()) return state.SkipWithError("gather failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(DictionaryGatherInt64);

// DELTA_BINARY_PACKED: blocks of 128 values, 4 miniblocks of 32.
std::vector<uint8_t> DeltaEncode(const std::vector<int64_t>& v) {
  std::vector<uint8_t> out;
  auto zigzag = [](int64_t x) { return (static_cast<uint64_t>(x) << 1) ^ static_cast<uint64_t>(x >> 63); };
  Uleb(&out, 128);
  Uleb(&out, 4);
  Uleb(&out, v.size());
  Uleb(&out, zigzag(v.empty() ? 0 : v[0]));
  for (size_t i = 1; i < v.size(); i += 128) {
    std::vector<int64_t> deltas(128, 0);
    size_t n = std::min<size_t>(128, v.size() - i);
    for (size_t k = 0; k < n; ++k) deltas[k] = v[i + k] - v[i + k - 1];
    int64_t min_delta = *std::min_element(deltas.begin(), deltas.begin() + static_cast<long>(n));
    Uleb(&out, zigzag(min_delta));
    std::vector<uint64_t> rel(128, 0);
    for (size_t k = 0; k < n; ++k) rel[k] = static_cast<uint64_t>(deltas[k] - min_delta);
    uint8_t widths[4];
    for (int m = 0; m < 4; ++m) {
      uint64_t mx = 0;
      for (int k = 0; k < 32; ++k) mx |= rel[static_cast<size_t>(m * 32 + k)];
      widths[m] = static_cast<uint8_t>(enc::BitWidthOf(mx));
    }
    out.insert(out.end(), widths, widths + 4);
    for (int m = 0; m < 4; ++m) {
      if (static_cast<size_t>(m * 32) >= n) break;  // miniblocks past the last value are omitted
      PackBits(&out, &rel[static_cast<size_t>(m * 32)], 32, widths[m]);
    }
  }
  return out;
}

void DeltaBinaryPacked(benchmark::State& state) {
  std::mt19937 rng(5);
  std::vector<int64_t> v(static_cast<size_t>(kValues));
  int64_t x = 1700000000000;
  for (auto& e : v) e = (x += static_cast<int64_t>(rng() % static_cast<uint32_t>(state.range(0))));
  auto data = DeltaEncode(v);
  for (auto _ : state) {
    enc::ValueBuffer out(PhysicalType::kInt64, 0);
    int64_t consumed = 0;
    if (!enc::DecodeDeltaBinaryPacked(data, kValues, &out, &consumed).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(DeltaBinaryPacked)->Arg(16)->Arg(1 << 20);

void PlainInt64(benchmark::State& state) {
  std::vector<uint8_t> data(static_cast<size_t>(kValues) * 8);
  std::mt19937_64 rng(6);
  for (size_t i = 0; i < data.size(); i += 8) {
    uint64_t r = rng();
    std::memcpy(&data[i], &r, 8);
  }
  for (auto _ : state) {
    enc::ValueBuffer out(PhysicalType::kInt64, 0);
    if (!enc::DecodePlain(data, kValues, &out).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(PlainInt64);

void PlainByteArray(benchmark::State& state) {
  std::mt19937 rng(7);
  std::vector<uint8_t> data;
  for (int64_t i = 0; i < kValues; ++i) {
    uint32_t len = 4 + rng() % 12;
    data.insert(data.end(), reinterpret_cast<uint8_t*>(&len), reinterpret_cast<uint8_t*>(&len) + 4);
    for (uint32_t k = 0; k < len; ++k) data.push_back(static_cast<uint8_t>('a' + rng() % 26));
  }
  for (auto _ : state) {
    enc::ValueBuffer out(PhysicalType::kByteArray, 0);
    if (!enc::DecodePlain(data, kValues, &out).ok()) return state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(PlainByteArray);

}  // namespace
