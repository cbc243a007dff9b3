// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the IPC fuzz targets do with one input (ipc_fuzz.cc, ipc_file_fuzz.cc), shared with
// the test that replays the inputs they found bugs with (tests/regressions/ipc,
// fuzz_regression_test.cc). Each check returns the reader's status, or kInternal naming a
// violated rule. Header-only, test and fuzz code.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "core/str_cat.h"
#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/ipc.h"

namespace quiver::ipc::testing {

/// Status codes a hostile input may produce. kOutOfMemory is one: FuzzPool() caps what a
/// read may allocate, so a huge declared size must end there rather than abort.
inline bool ExpectedForBadInput(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
    case StatusCode::kInvalidInput:
    case StatusCode::kTruncated:
    case StatusCode::kUnsupported:
    case StatusCode::kLimitExceeded:
    case StatusCode::kOutOfMemory: return true;
    default: return false;
  }
}

/// The pool every fuzz read allocates from: at most 256 MiB live.
inline MemoryPool* FuzzPool() {
  static MemoryPool pool(int64_t{256} << 20);
  return &pool;
}

/// Full validation, and limits small enough that a hostile size fails quickly.
inline ReadOptions FuzzReadOptions() {
  ReadOptions o;
  o.validate_full = true;
  o.limits.max_decompressed_size = 64 << 20;
  o.limits.max_buffer_size = 64 << 20;
  o.limits.max_fields = 1 << 16;
  o.pool = FuzzPool();
  return o;
}

inline Status Rule(const char* what, const Status& s) {
  return ExpectedForBadInput(s) ? s : Status::Internal(internal::StrCat(what, ": ", s.ToString()));
}

/// The stream reader, the file reader and the incremental decoder (fed in chunks whose size
/// comes from the first byte) on `data`. Returns the stream reader's status.
inline Status FuzzReaders(std::span<const uint8_t> data) {
  auto buffer = Buffer::CopyOf(data);
  if (!buffer.ok()) return Status::OK();
  const ReadOptions options = FuzzReadOptions();
  const Status stream = ReadStream(*buffer, options).status();
  if (!ExpectedForBadInput(stream)) return Rule("stream", stream);
  const Status file = ReadFile(*buffer, options).status();
  if (!ExpectedForBadInput(file)) return Rule("file", file);
  StreamDecoder decoder(options);
  const size_t chunk = data.empty() ? 1 : 1 + data[0] % 64;
  Status s;
  for (size_t at = 0; at < data.size() && s.ok(); at += chunk) {
    s = decoder.Consume(data.subspan(at, std::min(chunk, data.size() - at)));
  }
  if (s.ok()) s = decoder.Finish();
  if (!ExpectedForBadInput(s)) return Rule("decoder", s);
  return stream;
}

/// Equal schemas (metadata included) and, batch by batch, equal columns.
inline bool SameBatches(const Table& a, const Table& b) {
  if (!a.schema()->Equals(*b.schema(), /*check_metadata=*/true)) return false;
  if (a.batches().size() != b.batches().size()) return false;
  for (size_t i = 0; i < a.batches().size(); ++i) {
    const RecordBatch& x = *a.batches()[i];
    const RecordBatch& y = *b.batches()[i];
    if (x.num_rows() != y.num_rows() || x.num_columns() != y.num_columns()) return false;
    for (int c = 0; c < x.num_columns(); ++c) {
      if (!ArrayEquals(*x.column(c), *y.column(c))) return false;
    }
  }
  return true;
}

/// Differential check of the file reader: when ReadFile accepts `data`, FileReader must
/// give the same batches one by one, and the table written as a stream must read back
/// through the stream reader and the incremental decoder as the same batches. Returns the
/// file reader's status.
inline Status FuzzFileAgainstStream(std::span<const uint8_t> data) {
  auto buffer = Buffer::CopyOf(data);
  if (!buffer.ok()) return Status::OK();
  const ReadOptions options = FuzzReadOptions();
  auto table = ReadFile(*buffer, options);
  if (!table.ok()) return Rule("file", table.status());
  auto reader = FileReader::Open(*buffer, options);
  if (!reader.ok()) return Status::Internal("ReadFile accepts the file but FileReader::Open gives " +
                                            reader.status().ToString());
  if ((*reader)->num_record_batches() != static_cast<int>((*table)->batches().size())) {
    return Status::Internal("FileReader and ReadFile disagree on the number of batches");
  }
  std::vector<RecordBatchPtr> one_by_one;
  for (int i = 0; i < (*reader)->num_record_batches(); ++i) {
    auto batch = (*reader)->ReadRecordBatch(i);
    if (!batch.ok()) return Status::Internal("FileReader batch: " + batch.status().ToString());
    one_by_one.push_back(*batch);
  }
  auto random_access = Table::Make((*reader)->schema(), one_by_one);
  if (!random_access.ok()) return Status::Internal("Table::Make: " + random_access.status().ToString());
  if (!SameBatches(**table, **random_access)) return Status::Internal("FileReader and ReadFile differ");

  auto stream = WriteStream(**table);
  if (!stream.ok()) {
    if (stream.status().code() == StatusCode::kOutOfMemory) return Status::OK();
    return Status::Internal("writing the file's table as a stream: " + stream.status().ToString());
  }
  auto back = ReadStream(*stream, options);
  if (!back.ok()) {
    if (back.status().code() == StatusCode::kOutOfMemory) return Status::OK();
    return Status::Internal("reading the stream back: " + back.status().ToString());
  }
  if (!SameBatches(**table, **back)) return Status::Internal("the stream reader gives other batches than the file");
  StreamDecoder decoder(options);
  Status s = decoder.Consume(*stream);
  if (s.ok()) s = decoder.Finish();
  if (!s.ok()) return Status::Internal("decoding the stream back: " + s.ToString());
  auto decoded = Table::Make((*table)->schema(), decoder.TakeBatches());
  if (!decoded.ok() || !SameBatches(**table, **decoded)) {
    return Status::Internal("the stream decoder gives other batches than the file");
  }
  return Status::OK();
}

}  // namespace quiver::ipc::testing
