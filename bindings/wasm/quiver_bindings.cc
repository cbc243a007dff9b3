// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The only embind translation unit. It converts JavaScript arguments to C++ ones and back;
// every decision lives in src/handles (handles::Engine), which is unit-tested natively.
//
// Conventions the TypeScript facade (js/src/wasm.ts) relies on: calls that make a handle
// return its id as a number, 0 on error; other calls return 0 on success and 1 on error;
// after an error, errorCode() and errorMessage() describe it. Bytes never cross as
// std::string: input is written into memory from inputReserve(), output is read piece by
// piece (outputPieces(), outputPointer(i)/outputSize(i)) and copied by JavaScript at once.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cstdint>
#include <string>

#include "handles/engine.h"
#include "handles/parquet_write.h"

namespace {

using quiver::Status;
using quiver::handles::Engine;
using quiver::handles::HandleId;

Engine& engine() {
  static Engine* e = new Engine();  // never destroyed: the instance lives as long as the page
  return *e;
}

int Done(const Status& s) {
  if (s.ok()) return 0;
  engine().SetError(s);
  return 1;
}

double Id(const quiver::Result<HandleId>& r) {
  if (r.ok()) return static_cast<double>(*r);
  engine().SetError(r.status());
  return 0;
}

template <typename F>
int WithHandle(double h, F f) {
  auto id = quiver::handles::HandleIdFromNumber(h);
  if (!id.ok()) return Done(id.status());
  return Done(f(*id));
}

template <typename F>
double NewHandle(double h, F f) {
  auto id = quiver::handles::HandleIdFromNumber(h);
  if (!id.ok()) return Id(id.status());
  return Id(f(*id));
}

uintptr_t InputReserve(double n) { return reinterpret_cast<uintptr_t>(engine().InputReserve(static_cast<int64_t>(n))); }
void InputCommit(double n) { engine().InputCommit(static_cast<int64_t>(n)); }
void InputReset() { engine().InputReset(); }
double ReadInput(std::string format, bool full, std::string columns, std::string row_groups, double offset,
                 double limit, double batch_size) {
  auto bytes = engine().InputTake();
  auto request = quiver::handles::MakeReadRequest(full, columns, row_groups, offset, limit, batch_size);
  if (!request.ok()) return Id(request.status());
  return Id(engine().Read(std::move(bytes), format, *request));
}
double ParquetCreate(double size, bool full, std::string columns, std::string row_groups, double offset, double limit,
                     double batch_size) {
  auto request = quiver::handles::MakeReadRequest(full, columns, row_groups, offset, limit, batch_size);
  if (!request.ok()) return Id(request.status());
  return Id(engine().ParquetCreate(size, *request));
}
int ParquetAdd(double h, double offset) {
  return WithHandle(h, [&](HandleId id) { return engine().ParquetAdd(id, offset); });
}
int ParquetLoad(double h) { return WithHandle(h, [](HandleId id) { return engine().ParquetLoad(id); }); }
int ParquetPlan(double h) { return WithHandle(h, [](HandleId id) { return engine().ParquetPlan(id); }); }
double ParquetReadUnit(double h, double unit) {
  return NewHandle(h, [&](HandleId id) { return engine().ParquetReadUnit(id, unit); });
}
double ParquetEmpty(double h) {
  return NewHandle(h, [](HandleId id) { return engine().ParquetEmpty(id); });
}
int ParquetDrop(double h) { return WithHandle(h, [](HandleId id) { return engine().ParquetDrop(id); }); }
int ParquetMetadata(double h) { return WithHandle(h, [](HandleId id) { return engine().ParquetMetadata(id); }); }
int ParquetFree(double h) { return WithHandle(h, [](HandleId id) { return engine().ParquetFree(id); }); }

int FreeTable(double h) { return WithHandle(h, [](HandleId id) { return engine().Free(id); }); }
int SchemaSummary(double h) { return WithHandle(h, [](HandleId id) { return engine().SchemaSummary(id); }); }
int SchemaFull(double h) { return WithHandle(h, [](HandleId id) { return engine().Schema(id); }); }
int TableInfo(double h) { return WithHandle(h, [](HandleId id) { return engine().TableInfo(id); }); }
int Rows(double h, double offset, double length) {
  return WithHandle(h, [&](HandleId id) { return engine().Rows(id, offset, length); });
}
int Column(double h, double column) {
  return WithHandle(h, [&](HandleId id) { return engine().Column(id, column); });
}
double SelectColumns(double h, std::string indices) {
  return NewHandle(h, [&](HandleId id) { return engine().SelectColumns(id, indices); });
}
double Slice(double h, double offset, double length) {
  return NewHandle(h, [&](HandleId id) { return engine().Slice(id, offset, length); });
}
double Concat(std::string ids) { return Id(engine().Concat(ids)); }
int Write(double h, std::string format, std::string compression, double level, std::string metadata) {
  auto request = quiver::handles::MakeWriteRequest(format, compression, level, metadata);
  if (!request.ok()) return Done(request.status());
  return WithHandle(h, [&](HandleId id) { return engine().Write(id, *request); });
}
double WriterOpen(std::string format, std::string compression, double level, std::string metadata) {
  auto request = quiver::handles::MakeWriteRequest(format, compression, level, metadata);
  if (!request.ok()) return Id(request.status());
  return Id(engine().WriterOpen(*request));
}
int WriteParquet(double h, std::string tokens) {
  auto options = quiver::handles::MakeParquetWriteOptions(tokens);
  if (!options.ok()) return Done(options.status());
  return WithHandle(h, [&](HandleId id) { return engine().WriteParquet(id, *options); });
}
double ParquetWriterOpen(std::string tokens) {
  auto options = quiver::handles::MakeParquetWriteOptions(tokens);
  if (!options.ok()) return Id(options.status());
  return Id(engine().ParquetWriterOpen(*options));
}
int WriterWrite(double w, double h) {
  auto table = quiver::handles::HandleIdFromNumber(h);
  if (!table.ok()) return Done(table.status());
  return WithHandle(w, [&](HandleId id) { return engine().WriterWrite(id, *table); });
}
int WriterFinish(double w) { return WithHandle(w, [](HandleId id) { return engine().WriterFinish(id); }); }
int WriterFree(double w) { return WithHandle(w, [](HandleId id) { return engine().WriterFree(id); }); }
double Batch(double h, double index) {
  return NewHandle(h, [&](HandleId id) { return engine().Batch(id, index); });
}
int RegisterPlugin(std::string id) { return Done(engine().RegisterPlugin(id)); }
int PluginAdd(double descriptor) { return Done(engine().PluginAdd(static_cast<uintptr_t>(descriptor))); }
int PluginCall(std::string id, std::string op, double table, double column, std::string args) {
  return Done(engine().PluginCall(id, op, table, column, args));
}
int Stats() { return Done(engine().Stats()); }

int OutputPieces() { return static_cast<int>(engine().output_pieces().size()); }
uintptr_t OutputPointer(int piece) {
  const auto& out = engine().output_pieces();
  return piece >= 0 && static_cast<size_t>(piece) < out.size() ? reinterpret_cast<uintptr_t>(out[piece]->data()) : 0;
}
double OutputSize(int piece) {
  const auto& out = engine().output_pieces();
  return piece >= 0 && static_cast<size_t>(piece) < out.size() ? static_cast<double>(out[piece]->size()) : 0;
}
void ReleaseOutput() { engine().ReleaseOutput(); }
std::string ErrorCode() { return engine().error_code(); }
std::string ErrorMessage() { return engine().error_message(); }
std::string BuildInfo() { return Engine::BuildInfo(); }
double HeapSize() { return static_cast<double>(emscripten_get_heap_size()); }
double HeapInUse() { return static_cast<double>(mallinfo().uordblks); }
// Lets the facade's tests prove that a trap becomes an `internal` error.
void TrapForTesting() { __builtin_trap(); }

}  // namespace

EMSCRIPTEN_BINDINGS(quiver) {
  namespace em = emscripten;
  em::function("inputReserve", &InputReserve);
  em::function("inputCommit", &InputCommit);
  em::function("inputReset", &InputReset);
  em::function("readInput", &ReadInput);
  em::function("parquetCreate", &ParquetCreate);
  em::function("parquetAdd", &ParquetAdd);
  em::function("parquetLoad", &ParquetLoad);
  em::function("parquetPlan", &ParquetPlan);
  em::function("parquetReadUnit", &ParquetReadUnit);
  em::function("parquetDrop", &ParquetDrop);
  em::function("parquetEmpty", &ParquetEmpty);
  em::function("parquetMetadata", &ParquetMetadata);
  em::function("parquetFree", &ParquetFree);
  em::function("freeTable", &FreeTable);
  em::function("schemaSummary", &SchemaSummary);
  em::function("schema", &SchemaFull);
  em::function("tableInfo", &TableInfo);
  em::function("rows", &Rows);
  em::function("column", &Column);
  em::function("selectColumns", &SelectColumns);
  em::function("slice", &Slice);
  em::function("concat", &Concat);
  em::function("write", &Write);
  em::function("writerOpen", &WriterOpen);
  em::function("writeParquet", &WriteParquet);
  em::function("parquetWriterOpen", &ParquetWriterOpen);
  em::function("writerWrite", &WriterWrite);
  em::function("writerFinish", &WriterFinish);
  em::function("writerFree", &WriterFree);
  em::function("batch", &Batch);
  em::function("registerPlugin", &RegisterPlugin);
  em::function("pluginAdd", &PluginAdd);
  em::function("pluginCall", &PluginCall);
  em::function("stats", &Stats);
  em::function("outputPieces", &OutputPieces);
  em::function("outputPointer", &OutputPointer);
  em::function("outputSize", &OutputSize);
  em::function("releaseOutput", &ReleaseOutput);
  em::function("errorCode", &ErrorCode);
  em::function("errorMessage", &ErrorMessage);
  em::function("buildInfo", &BuildInfo);
  em::function("heapSize", &HeapSize);
  em::function("heapInUse", &HeapInUse);
  em::function("trapForTesting", &TrapForTesting);
}
