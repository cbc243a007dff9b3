// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Parquet in the engine: files read through pieces that JavaScript
// fetches asynchronously (see Engine::ParquetCreate).
#include <cmath>

#include "core/str_cat.h"
#include "handles/engine.h"
#include "handles/parquet_json.h"
#include "handles/range_source.h"
#include "quiver/parquet/reader.h"

namespace quiver::handles {

using quiver::internal::StrCat;

parquet::ReadOptions ReadRequest::ToParquet() const {
  parquet::ReadOptions o;
  o.columns = columns;
  o.row_groups = row_groups;
  o.offset = offset;
  o.limit = limit;
  if (batch_size > 0) o.batch_size = batch_size;
  o.validate_full = validate_full;
  return o;
}

struct Engine::ParquetFile {
  std::shared_ptr<PiecewiseSource> source;
  parquet::ReadOptions options;
  std::unique_ptr<parquet::FileReader> reader;  // set by ParquetLoad
  std::vector<parquet::ReadUnit> units;         // set by ParquetPlan
};

Result<HandleId> Engine::ParquetCreate(double size, const ReadRequest& request) {
  QUIVER_ASSIGN_OR_RETURN(int64_t n, OptionalInteger(size, "the file size", 0, -1));
  if (n < 0) return Status::InvalidArgument("expected the file size but found none");
  auto file = std::make_shared<ParquetFile>();
  file->source = std::make_shared<PiecewiseSource>(n);
  file->options = request.ToParquet();
  QUIVER_RETURN_IF_ERROR(file->options.Validate());
  return parquet_files_.Insert(std::move(file));
}

Status Engine::ParquetAdd(HandleId id, double offset) {
  std::shared_ptr<Buffer> bytes = InputTake();
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, parquet_files_.Get(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t at, OptionalInteger(offset, "offset", 0, -1));
  return file->source->Add(at, std::move(bytes));
}

Status Engine::ParquetLoad(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, parquet_files_.Get(id));
  if (file->reader) return SetTextOutput("{\"need\":null}");
  auto reader = parquet::FileReader::Open(file->source, file->options);
  if (reader.ok()) {
    file->reader = std::move(reader).value();
    return SetTextOutput("{\"need\":null}");
  }
  const PiecewiseSource::Range missing = file->source->missing();
  if (reader.status().code() != StatusCode::kIo || missing.offset < 0) return std::move(reader).status();
  return SetTextOutput(StrCat("{\"need\":[", missing.offset, ",", missing.length, "]}"));
}

Result<std::shared_ptr<Engine::ParquetFile>> Engine::LoadedParquet(HandleId id) const {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, parquet_files_.Get(id));
  if (!file->reader) return Status::InvalidArgument("expected a Parquet file whose footer is loaded but found none");
  return file;
}

Status Engine::ParquetPlan(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, LoadedParquet(id));
  QUIVER_ASSIGN_OR_RETURN(file->units, file->reader->PlanReadUnits());
  std::string json = "[";
  for (size_t i = 0; i < file->units.size(); ++i) {
    const parquet::ReadUnit& u = file->units[i];
    json += StrCat(i ? "," : "", "{\"rowGroup\":", u.row_group, ",\"rows\":", u.num_rows(), ",\"ranges\":[");
    for (size_t r = 0; r < u.ranges.size(); ++r) {
      json += StrCat(r ? "," : "", "[", u.ranges[r].offset, ",", u.ranges[r].length, "]");
    }
    json += "]}";
  }
  json += "]";
  return SetTextOutput(std::move(json));
}

Result<HandleId> Engine::ParquetReadUnit(HandleId id, double unit) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, LoadedParquet(id));
  QUIVER_ASSIGN_OR_RETURN(int64_t i, OptionalInteger(unit, "the unit index", 0, -1));
  if (i < 0 || i >= static_cast<int64_t>(file->units.size())) {
    return Status::InvalidArgument(StrCat("expected a unit index below ", file->units.size(), " but found ", i));
  }
  Result<TablePtr> table = file->reader->ReadUnitTable(file->units[static_cast<size_t>(i)]);
  return AdoptRead(std::move(table), Origin{{}, file->reader->warnings()});
}

Status Engine::ParquetDrop(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, parquet_files_.Get(id));
  file->source->Clear();
  return Status::OK();
}

Result<HandleId> Engine::ParquetEmpty(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, LoadedParquet(id));
  Result<TablePtr> table = file->reader->ReadUnitTable(parquet::ReadUnit{});
  return Adopt(std::move(table), Origin{{}, file->reader->warnings()});
}

Status Engine::ParquetMetadata(HandleId id) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<ParquetFile> file, LoadedParquet(id));
  return SetTextOutput(ParquetMetadataJson(*file->reader));
}

Status Engine::ParquetFree(HandleId id) { return parquet_files_.Release(id); }

}  // namespace quiver::handles
