// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Microbenchmarks of IPC batch decode: ipc::ReadStream over a prepared in-memory stream
// (int64, float64 with ~10% nulls, short utf8; 2^20 rows in batches of 64Ki rows) with no
// compression (zero-copy decode plus validation), LZ4_FRAME and ZSTD; and ipc::WriteStream of
// the same table for reference.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/reader.h"
#include "quiver/ipc/writer.h"

namespace {

using quiver::ipc::Compression;

constexpr int64_t kRows = 1 << 20;
constexpr int64_t kBatchRows = 1 << 16;

quiver::TablePtr MakeTable() {
  auto schema = std::make_shared<quiver::Schema>(std::vector<quiver::FieldPtr>{
      quiver::field("id", quiver::int64()), quiver::field("x", quiver::float64()), quiver::field("name", quiver::utf8())});
  std::mt19937_64 rng(21);
  std::vector<quiver::RecordBatchPtr> batches;
  for (int64_t start = 0; start < kRows; start += kBatchRows) {
    quiver::FixedWidthBuilder<int64_t> ids;
    quiver::FixedWidthBuilder<double> xs;
    quiver::BinaryBuilder names(quiver::utf8());
    for (int64_t i = start; i < start + kBatchRows; ++i) {
      (void)ids.Append(i);
      if (rng() % 10 == 0) {
        (void)xs.AppendNull();
      } else {
        (void)xs.Append(static_cast<double>(rng() % 1000000) / 100.0);
      }
      (void)names.Append("name_" + std::to_string(rng() % 5000));
    }
    auto batch = quiver::RecordBatch::Make(
        schema, kBatchRows,
        {*ids.Finish(quiver::int64()), *xs.Finish(quiver::float64()), *names.Finish()});
    if (!batch.ok()) return nullptr;
    batches.push_back(*batch);
  }
  auto table = quiver::Table::Make(schema, batches);
  return table.ok() ? *table : nullptr;
}

const quiver::TablePtr& SharedTable() {
  static const quiver::TablePtr table = MakeTable();
  return table;
}

void ReadStream(benchmark::State& state) {
  const auto& table = SharedTable();
  if (!table) return state.SkipWithError("could not build the table");
  quiver::ipc::WriteOptions wo;
  wo.compression = static_cast<Compression>(state.range(0));
  auto stream = quiver::ipc::WriteStream(*table, wo);
  if (!stream.ok()) return state.SkipWithError("could not write the stream");
  for (auto _ : state) {
    auto t = quiver::ipc::ReadStream(*stream);
    if (!t.ok()) return state.SkipWithError("read failed");
    benchmark::DoNotOptimize(t->get());
  }
  state.SetBytesProcessed(state.iterations() * (*stream)->size());
  state.counters["stream_MiB"] = static_cast<double>((*stream)->size()) / (1 << 20);
}
BENCHMARK(ReadStream)->Arg(static_cast<int>(Compression::kNone))->Arg(static_cast<int>(Compression::kLz4Frame))
    ->Arg(static_cast<int>(Compression::kZstd))->Unit(benchmark::kMillisecond);

void WriteStream(benchmark::State& state) {
  const auto& table = SharedTable();
  if (!table) return state.SkipWithError("could not build the table");
  quiver::ipc::WriteOptions wo;
  wo.compression = static_cast<Compression>(state.range(0));
  for (auto _ : state) {
    auto s = quiver::ipc::WriteStream(*table, wo);
    if (!s.ok()) return state.SkipWithError("write failed");
    benchmark::DoNotOptimize(s->get());
  }
}
BENCHMARK(WriteStream)->Arg(static_cast<int>(Compression::kNone))->Arg(static_cast<int>(Compression::kLz4Frame))
    ->Arg(static_cast<int>(Compression::kZstd))->Unit(benchmark::kMillisecond);

}  // namespace
