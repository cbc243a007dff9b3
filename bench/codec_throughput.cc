// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// LZ4 and ZSTD throughput through Quiver's codec layer on the buffers of an Arrow IPC file,
// compressed one buffer at a time as the IPC writer does. The same source is compiled
// natively (system liblz4/libzstd) and to WebAssembly (the libraries built from Debian's
// sources, run under Node), so `make bench` can put WASM against native on the same data
// (issue 9: LZ4 in WASM >= 70 % of native to compress, >= 80 % to decompress).
// No Google Benchmark: one plain program that prints one JSON line per codec.
//
//   quiver_codec_throughput FILE.arrow [MIN_SECONDS_PER_DIRECTION]
//   {"codec":"lz4_frame","level":"default","buffers":N,"bytes":N,"compressed":N,"reps":N,
//    "compressMBps":X,"decompressMBps":Y}        (MB = 10^6 bytes of uncompressed data)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/codec/codec.h"
#include "quiver/ipc/reader.h"

namespace {

using quiver::Buffer;
using quiver::codec::Codec;
using quiver::codec::CodecKind;
using Clock = std::chrono::steady_clock;

void Fail(const std::string& what) {
  std::fprintf(stderr, "codec_throughput: %s\n", what.c_str());
  std::exit(1);
}

std::shared_ptr<Buffer> ReadWholeFile(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) Fail(std::string("cannot open ") + path);
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) bytes.insert(bytes.end(), chunk, chunk + n);
  std::fclose(f);
  auto owned = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
  return Buffer::Wrap(owned->data(), static_cast<int64_t>(owned->size()), [owned] {});
}

void CollectBuffers(const quiver::ArrayData& a, std::vector<std::span<const uint8_t>>* out) {
  for (const auto& b : a.buffers) {
    if (b && b->size() > 0) out->push_back(b->span());
  }
  for (const auto& c : a.children) CollectBuffers(*c, out);
  if (a.dictionary) CollectBuffers(*a.dictionary, out);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Runs `pass` (one pass over every buffer) once to warm up, then until `min_seconds` have
// passed and at least 5 times; returns the median seconds of one pass.
template <typename F>
double MedianPass(F pass, double min_seconds, int* reps) {
  pass();
  std::vector<double> times;
  const auto start = Clock::now();
  while (times.size() < 5 || Seconds(Clock::now() - start) < min_seconds) {
    const auto t0 = Clock::now();
    pass();
    times.push_back(Seconds(Clock::now() - t0));
  }
  std::sort(times.begin(), times.end());
  *reps = static_cast<int>(times.size());
  return times[times.size() / 2];
}

void Measure(CodecKind kind, const std::vector<std::span<const uint8_t>>& buffers, int64_t total, double min_seconds) {
  auto got = quiver::codec::GetCodec(kind);
  if (!got.ok()) Fail(got.status().ToString());
  const Codec& codec = **got;
  std::vector<std::vector<uint8_t>> compressed(buffers.size());
  std::vector<int64_t> sizes(buffers.size());
  std::vector<std::vector<uint8_t>> restored(buffers.size());
  for (size_t i = 0; i < buffers.size(); ++i) {
    auto cap = codec.MaxCompressedLength(static_cast<int64_t>(buffers[i].size()));
    if (!cap.ok()) Fail(cap.status().ToString());
    compressed[i].resize(static_cast<size_t>(*cap));
    restored[i].resize(buffers[i].size());
  }
  int64_t compressed_total = 0;
  auto compress = [&] {
    compressed_total = 0;
    for (size_t i = 0; i < buffers.size(); ++i) {
      auto n = codec.Compress(buffers[i], compressed[i], Codec::kDefaultLevel);
      if (!n.ok()) Fail(n.status().ToString());
      sizes[i] = *n;
      compressed_total += *n;
    }
  };
  auto decompress = [&] {
    for (size_t i = 0; i < buffers.size(); ++i) {
      auto input = std::span<const uint8_t>(compressed[i].data(), static_cast<size_t>(sizes[i]));
      quiver::Status s = codec.Decompress(input, restored[i]);
      if (!s.ok()) Fail(s.ToString());
    }
  };
  int compress_reps = 0, decompress_reps = 0;
  const double tc = MedianPass(compress, min_seconds, &compress_reps);
  const double td = MedianPass(decompress, min_seconds, &decompress_reps);
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (std::memcmp(restored[i].data(), buffers[i].data(), buffers[i].size()) != 0) {
      Fail(std::string("round trip differs in buffer ") + std::to_string(i));
    }
  }
  const double mb = static_cast<double>(total) / 1e6;
  std::printf(
      "{\"codec\":\"%s\",\"level\":\"default\",\"buffers\":%zu,\"bytes\":%lld,\"compressed\":%lld,\"reps\":%d,"
      "\"compressMBps\":%.1f,\"decompressMBps\":%.1f}\n",
      std::string(quiver::codec::CodecName(kind)).c_str(), buffers.size(), static_cast<long long>(total),
      static_cast<long long>(compressed_total), std::min(compress_reps, decompress_reps), mb / tc, mb / td);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) Fail("usage: quiver_codec_throughput FILE.arrow [MIN_SECONDS_PER_DIRECTION]");
  const double min_seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
  auto table = quiver::ipc::ReadFile(ReadWholeFile(argv[1]));
  if (!table.ok()) Fail(table.status().ToString());
  std::vector<std::span<const uint8_t>> buffers;
  for (const auto& batch : (*table)->batches()) {
    for (int c = 0; c < batch->num_columns(); ++c) CollectBuffers(*batch->column(c), &buffers);
  }
  int64_t total = 0;
  for (const auto& b : buffers) total += static_cast<int64_t>(b.size());
  for (CodecKind kind : {CodecKind::kLz4Frame, CodecKind::kZstd}) Measure(kind, buffers, total, min_seconds);
  return 0;
}
