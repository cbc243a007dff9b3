// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Whole-file Parquet benchmarks on the benchmark suite's mix shape (bench/datasets.mjs:
// int32, int64, float64, bool, short utf8, timestamp[ms], dictionary<utf8>, ~10% nulls,
// batches of 65,536 rows), generated here from a fixed seed: writing it with the default
// options (snappy, dictionary with fallback, statistics) and reading one projected column
// and the whole file back. The native profile of the writer comes from these.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/table.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace {

using namespace quiver;

constexpr int64_t kRows = 1 << 20;
constexpr int64_t kBatchRows = 65536;

const char* const kWords[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
                              "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et"};

template <typename T, typename Gen>
ArrayPtr Fixed(TypePtr type, int64_t n, std::mt19937_64& rng, Gen gen) {
  FixedWidthBuilder<T> b;
  for (int64_t i = 0; i < n; ++i) {
    const bool null = rng() % 10 == 0;
    const Status st = null ? b.AppendNull() : b.Append(gen(i));
    if (!st.ok()) return nullptr;
  }
  auto r = b.Finish(std::move(type));
  return r.ok() ? *r : nullptr;
}

Result<RecordBatchPtr> MixBatch(const SchemaPtr& schema, const ArrayPtr& dict, int64_t start, int64_t n,
                                std::mt19937_64& rng) {
  std::vector<ArrayPtr> cols;
  cols.push_back(Fixed<int32_t>(int32(), n, rng, [&](int64_t) { return static_cast<int32_t>(rng() % 200000) - 100000; }));
  cols.push_back(Fixed<int64_t>(int64(), n, rng, [&](int64_t i) { return (start + i) * 7 + static_cast<int64_t>(rng() % 7); }));
  cols.push_back(Fixed<double>(float64(), n, rng, [&](int64_t) { return static_cast<double>(rng() % 100000000) / 100; }));
  BooleanBuilder flags;
  for (int64_t i = 0; i < n; ++i) QUIVER_RETURN_IF_ERROR(rng() % 10 == 0 ? flags.AppendNull() : flags.Append(rng() & 1));
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr flag, flags.Finish());
  cols.push_back(flag);
  BinaryBuilder names(utf8());
  for (int64_t i = 0; i < n; ++i) {
    if (rng() % 10 == 0) {
      QUIVER_RETURN_IF_ERROR(names.AppendNull());
    } else {
      QUIVER_RETURN_IF_ERROR(names.Append(std::string(kWords[rng() % 16]) + "_" + std::to_string(rng() % 10000)));
    }
  }
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr name, names.Finish());
  cols.push_back(name);
  cols.push_back(Fixed<int64_t>(timestamp(TimeUnit::kMilli), n, rng, [&](int64_t i) {
    return int64_t{1700000000000} + (start + i) * 1000 + static_cast<int64_t>(rng() % 1000);
  }));
  ArrayPtr codes = Fixed<int32_t>(int32(), n, rng, [&](int64_t) { return static_cast<int32_t>(rng() % 32); });
  if (!codes) return Status::Internal("building the dictionary codes failed");
  cols.push_back(MakeArrayData(dictionary(int32(), utf8()), n, codes->buffers, {}, codes->null_count, 0, dict));
  for (const ArrayPtr& c : cols) {
    if (!c) return Status::Internal("building a column failed");
  }
  return RecordBatch::Make(schema, n, std::move(cols));
}

Result<TablePtr> MixTable() {
  SchemaPtr schema = quiver::schema({field("i32", int32()), field("i64", int64()), field("f64", float64()),
                                     field("flag", boolean()), field("name", utf8()),
                                     field("ts", timestamp(TimeUnit::kMilli)),
                                     field("category", dictionary(int32(), utf8()))});
  BinaryBuilder words(utf8());
  for (int i = 0; i < 32; ++i) QUIVER_RETURN_IF_ERROR(words.Append("cat_" + std::to_string(i) + "_" + kWords[i % 16]));
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr dict, words.Finish());
  std::mt19937_64 rng(42);
  std::vector<RecordBatchPtr> batches;
  for (int64_t start = 0; start < kRows; start += kBatchRows) {
    QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr b, MixBatch(schema, dict, start, std::min(kBatchRows, kRows - start), rng));
    batches.push_back(std::move(b));
  }
  return Table::Make(schema, std::move(batches));
}

const Result<TablePtr>& Mix() {
  static const Result<TablePtr> table = MixTable();
  return table;
}

void ParquetWriteMix(benchmark::State& state) {
  if (!Mix().ok()) return state.SkipWithError(Mix().status().ToString().c_str());
  int64_t bytes = 0;
  for (auto _ : state) {
    auto out = parquet::WriteTable(**Mix());
    if (!out.ok()) return state.SkipWithError(out.status().ToString().c_str());
    bytes = (*out)->size();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.counters["file_MiB"] = static_cast<double>(bytes) / (1 << 20);
}
BENCHMARK(ParquetWriteMix)->Unit(benchmark::kMillisecond);

void ParquetReadMix(benchmark::State& state) {
  if (!Mix().ok()) return state.SkipWithError(Mix().status().ToString().c_str());
  static const Result<std::shared_ptr<Buffer>> file = parquet::WriteTable(**Mix());
  if (!file.ok()) return state.SkipWithError(file.status().ToString().c_str());
  parquet::ReadOptions options;
  if (state.range(0) == 1) options.columns = {"f64"};
  for (auto _ : state) {
    auto t = parquet::ReadTable(*file, options);
    if (!t.ok()) return state.SkipWithError(t.status().ToString().c_str());
    benchmark::DoNotOptimize(t->get());
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetLabel(state.range(0) == 1 ? "column f64" : "whole");
}
BENCHMARK(ParquetReadMix)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
