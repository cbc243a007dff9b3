// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The engine's seam to src/parquet (parquet_link.h), in a build with Parquet.
#include "handles/parquet_link.h"

#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace quiver::handles {
namespace {

class ParquetBatchWriter final : public BatchWriter {
 public:
  explicit ParquetBatchWriter(std::unique_ptr<parquet::FileWriter> writer) : writer_(std::move(writer)) {}
  Status WriteBatch(const RecordBatch& batch) override { return writer_->WriteBatch(batch); }
  Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<parquet::FileWriter> writer_;
};

}  // namespace

bool ParquetLinked() { return true; }

Result<TablePtr> ParquetReadTable(std::shared_ptr<Buffer> bytes, const ReadRequest& request,
                                  std::vector<std::string>* warnings) {
  QUIVER_ASSIGN_OR_RETURN(std::unique_ptr<parquet::FileReader> reader,
                          parquet::FileReader::Open(std::move(bytes), request.ToParquet()));
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, reader->ReadTable());
  warnings->insert(warnings->end(), reader->warnings().begin(), reader->warnings().end());
  return table;
}

Status ParquetWriteTable(const Table& table, io::Sink* sink, const parquet::WriteOptions& options) {
  return parquet::WriteTableTo(table, sink, options);
}

Status ParquetValidateWriteOptions(const parquet::WriteOptions& options) { return options.Validate(); }

Result<std::unique_ptr<BatchWriter>> ParquetOpenWriter(io::Sink* sink, const SchemaPtr& schema,
                                                       const parquet::WriteOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(std::unique_ptr<parquet::FileWriter> writer, parquet::FileWriter::Open(sink, schema, options));
  return std::unique_ptr<BatchWriter>(std::make_unique<ParquetBatchWriter>(std::move(writer)));
}

}  // namespace quiver::handles
