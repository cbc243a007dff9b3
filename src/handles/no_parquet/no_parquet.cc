// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Every Parquet entry point of the engine in a build without Parquet (the IPC-only
// WebAssembly variant, QUIVER_WITH_PARQUET=OFF): each answers kUnsupported with
// kNoParquetMessage, so neither src/parquet nor the Parquet-only codecs are linked.
#include "handles/engine.h"
#include "handles/parquet_link.h"
#include "handles/parquet_write.h"

namespace quiver::handles {
namespace {

Status NoParquet() { return Status::Unsupported(kNoParquetMessage); }

}  // namespace

bool ParquetLinked() { return false; }

Result<TablePtr> ParquetReadTable(std::shared_ptr<Buffer>, const ReadRequest&, std::vector<std::string>*) {
  return NoParquet();
}

Status ParquetWriteTable(const Table&, io::Sink*, const parquet::WriteOptions&) { return NoParquet(); }

Status ParquetValidateWriteOptions(const parquet::WriteOptions&) { return NoParquet(); }

Result<std::unique_ptr<BatchWriter>> ParquetOpenWriter(io::Sink*, const SchemaPtr&, const parquet::WriteOptions&) {
  return NoParquet();
}

Result<parquet::WriteOptions> MakeParquetWriteOptions(std::string_view) { return NoParquet(); }

// Engine::ParquetFile stays incomplete: no file is ever made, so every handle is refused
// before one would be needed.
Result<HandleId> Engine::ParquetCreate(double, const ReadRequest&) { return NoParquet(); }
Status Engine::ParquetAdd(HandleId, double) {
  InputReset();  // the piece JavaScript handed over is dropped, as a real file would take it
  return NoParquet();
}
Status Engine::ParquetLoad(HandleId) { return NoParquet(); }
Status Engine::ParquetPlan(HandleId) { return NoParquet(); }
Result<HandleId> Engine::ParquetReadUnit(HandleId, double) { return NoParquet(); }
Status Engine::ParquetDrop(HandleId) { return NoParquet(); }
Result<HandleId> Engine::ParquetEmpty(HandleId) { return NoParquet(); }
Status Engine::ParquetMetadata(HandleId) { return NoParquet(); }
Status Engine::ParquetFree(HandleId) { return NoParquet(); }

}  // namespace quiver::handles
