// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the engine needs of src/parquet, behind one seam so that a build can leave Parquet
// out: parquet_link.cc implements these with the Parquet reader and writer (library
// quiver_handles_parquet), no_parquet/no_parquet.cc answers kUnsupported (library
// quiver_handles_no_parquet, linked by the IPC-only WebAssembly variant). A program links
// exactly one of the two.
#pragma once

#include <memory>
#include <vector>
#include <string>

#include "handles/engine.h"
#include "quiver/arrow/table.h"
#include "quiver/io/sink.h"
#include "quiver/parquet/writer.h"
#include "quiver/result.h"

namespace quiver::handles {

/// The message of every Parquet entry point in a build without Parquet.
inline constexpr const char* kNoParquetMessage = "this build has no Parquet support";

/// An incremental writer of record batches of one schema into a sink.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  virtual Status WriteBatch(const RecordBatch& batch) = 0;
  virtual Status Finish() = 0;
};

/// Whether this program links the Parquet reader and writer.
bool ParquetLinked();

/// parquet::ReadTable with the request's options; the reader's warnings are appended to
/// `warnings`.
Result<TablePtr> ParquetReadTable(std::shared_ptr<Buffer> bytes, const ReadRequest& request,
                                  std::vector<std::string>* warnings);
/// parquet::WriteTableTo.
Status ParquetWriteTable(const Table& table, io::Sink* sink, const parquet::WriteOptions& options);
/// parquet::WriteOptions::Validate.
Status ParquetValidateWriteOptions(const parquet::WriteOptions& options);
/// parquet::FileWriter::Open into `sink`, which must outlive the writer.
Result<std::unique_ptr<BatchWriter>> ParquetOpenWriter(io::Sink* sink, const SchemaPtr& schema,
                                                       const parquet::WriteOptions& options);

}  // namespace quiver::handles
