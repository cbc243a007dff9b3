// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Plugins through the engine, with a plugin linked into the test (its descriptor is what a
// side module's entry point returns): registration checks, operations with columns lent
// through the C Data Interface, read hooks, failures naming the plugin.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "handles/engine.h"
#include "handles/handles_test_util.h"
#include "quiver/arrow/c_data.h"
#include "quiver/ipc/writer.h"

namespace quiver::handles {
namespace {

using testing::Input;
using testing::Must;
using testing::OutputText;

// The test plugin: "echo" returns its column, "count" its length as JSON, "fail" fails,
// "bad" returns an array whose buffers do not match its type; the read hook upper-cases
// counts calls, and validate_field refuses fields named "refused".
int g_reads = 0;
int Echo(const char*, const ArrowSchema* schema, const ArrowArray* array) {
  auto field = ImportField(*schema);
  if (!field.ok()) return 1;
  // Re-export a borrowed copy: the core keeps ownership of what it lent.
  ArrowArray copy = *array;
  copy.release = [](ArrowArray* a) { a->release = nullptr; };
  ArrowSchema s;
  if (!ExportField(**field, &s).ok()) return 1;
  return quiver_host_return_array(&s, &copy);
}
int Count(const char* args, const ArrowSchema*, const ArrowArray* array) {
  const std::string json = std::string("{\"rows\":") + std::to_string(array ? array->length : -1) + ",\"args\":" + args + "}";
  return quiver_host_return_json(json.data(), json.size());
}
int Fail(const char*, const ArrowSchema*, const ArrowArray*) {
  quiver_host_set_error("this operation always fails");
  return 1;
}
int Bad(const char*, const ArrowSchema*, const ArrowArray* array) {
  ArrowSchema s;
  if (!ExportType(*utf8(), &s).ok()) return 1;
  ArrowArray copy = *array;  // int64 buffers claimed as utf8
  copy.release = [](ArrowArray* a) { a->release = nullptr; };
  return quiver_host_return_array(&s, &copy);
}
int ValidateField(const ArrowSchema* field) {
  if (std::strcmp(field->name, "refused") == 0) {
    quiver_host_set_error("fields named 'refused' are not allowed");
    return 1;
  }
  return 0;
}
int OnRead(const ArrowSchema*, const ArrowArray*) {
  ++g_reads;
  return 0;
}

const QuiverPluginOperation kOps[] = {{"echo", Echo}, {"count", Count}, {"fail", Fail}, {"bad", Bad}};
const char* const kTypes[] = {"test.point"};
const QuiverPluginDescriptor kPlugin = {QUIVER_PLUGIN_ABI_VERSION, "io.quiver.plugin.test.v1", "1.2.3", kTypes, 1,
                                        ValidateField, OnRead, kOps, 4};

TEST(EnginePluginTest, RegistrationChecks) {
  Engine e;
  ASSERT_TRUE(e.PluginAdd(reinterpret_cast<uintptr_t>(&kPlugin)).ok());
  EXPECT_EQ(OutputText(e.output()),
            "{\"id\":\"io.quiver.plugin.test.v1\",\"version\":\"1.2.3\",\"extensionTypes\":[\"test.point\"],"
            "\"operations\":[\"echo\",\"count\",\"fail\",\"bad\"]}");
  EXPECT_EQ(e.PluginAdd(reinterpret_cast<uintptr_t>(&kPlugin)).ToString(),
            "plugin 'io.quiver.plugin.test.v1': expected a plugin not loaded yet but it is already loaded");
  QuiverPluginDescriptor other = kPlugin;
  other.abi_version = 2;
  EXPECT_EQ(e.PluginAdd(reinterpret_cast<uintptr_t>(&other)).ToString(),
            "plugin 'io.quiver.plugin.test.v1': expected plugin ABI version 1 but found 2");
  other = kPlugin;
  for (const char* id : {"geo", "io.quiver.geo", "Io.quiver.geo.v1", "io..geo.v1", "io.quiver.geo.vx"}) {
    other.id = id;
    EXPECT_EQ(e.PluginAdd(reinterpret_cast<uintptr_t>(&other)).code(), StatusCode::kPlugin) << id;
  }
  other.id = "io.quiver.plugin.dup.v1";
  const QuiverPluginOperation twice[] = {{"a", Echo}, {"a", Count}};
  other.operations = twice;
  other.num_operations = 2;
  EXPECT_EQ(e.PluginAdd(reinterpret_cast<uintptr_t>(&other)).ToString(),
            "plugin 'io.quiver.plugin.dup.v1': expected distinct operation names but 'a' repeats");
  EXPECT_EQ(e.PluginAdd(0).ToString(), "expected a plugin descriptor but the entry point returned null");
  EXPECT_EQ(e.RegisterPlugin("io.quiver.plugin.none.v1").ToString(), "no plugin 'io.quiver.plugin.none.v1' is loaded");
  EXPECT_EQ(e.PluginCall("io.quiver.plugin.test.v1", "count", 0, 0, "{}").ToString(),
            "no plugin 'io.quiver.plugin.test.v1' is registered");
  ASSERT_TRUE(e.RegisterPlugin("io.quiver.plugin.test.v1").ok());
  EXPECT_EQ(e.RegisterPlugin("io.quiver.plugin.test.v1").ToString(),
            "plugin 'io.quiver.plugin.test.v1': expected a plugin not registered yet but it is already registered");
}

TEST(EnginePluginTest, OperationsAndReadHooks) {
  Engine e;
  ASSERT_TRUE(e.PluginAdd(reinterpret_cast<uintptr_t>(&kPlugin)).ok());
  ASSERT_TRUE(e.RegisterPlugin("io.quiver.plugin.test.v1").ok());
  const char* id = "io.quiver.plugin.test.v1";
  auto ipc = Must(ipc::WriteFile(*testing::SampleTable()));  // two batches of 3 and 1 rows
  HandleId t = Must(e.Read(Input(&e, ipc->span()), ""));
  ASSERT_TRUE(e.PluginCall(id, "count", static_cast<double>(t), 0, "{\"x\":1}").ok());
  EXPECT_EQ(OutputText(e.output()), "{\"values\":[{\"rows\":3,\"args\":{\"x\":1}},{\"rows\":1,\"args\":{\"x\":1}}]}");
  ASSERT_TRUE(e.PluginCall(id, "echo", static_cast<double>(t), 1, "{}").ok());
  const std::string echoed = OutputText(e.output());
  ASSERT_EQ(echoed.substr(0, 9), "{\"table\":");
  const HandleId back = std::stoull(echoed.substr(9));
  ASSERT_TRUE(e.Rows(back, 0, 4).ok());
  EXPECT_EQ(OutputText(e.output()), "[{\"name\":\"a\"},{\"name\":null},{\"name\":\"c\"},{\"name\":\"d\"}]");
  EXPECT_EQ(e.PluginCall(id, "fail", static_cast<double>(t), 0, "{}").ToString(),
            "plugin 'io.quiver.plugin.test.v1': operation 'fail' failed: this operation always fails");
  EXPECT_EQ(e.PluginCall(id, "bad", static_cast<double>(t), 0, "{}").code(), StatusCode::kPlugin);
  EXPECT_EQ(e.PluginCall(id, "nope", static_cast<double>(t), 0, "{}").ToString(),
            "plugin 'io.quiver.plugin.test.v1': has no operation 'nope'");
  EXPECT_EQ(e.PluginCall(id, "count", static_cast<double>(t), 9, "{}").ToString(),
            "expected a column index below 3 but found 9");
  ASSERT_TRUE(e.PluginCall(id, "count", 0, 0, "{}").ok());
  EXPECT_EQ(OutputText(e.output()), "{\"values\":[{\"rows\":-1,\"args\":{}}]}");
  // Read hooks: a table with a test.point column calls on_read_column once per batch.
  auto point = extension("test.point", int64());
  auto plain = testing::SampleTable();
  std::vector<FieldPtr> fields = {std::make_shared<const Field>("p", point)};
  auto schema = std::make_shared<const Schema>(fields);
  std::vector<RecordBatchPtr> batches;
  for (const auto& b : plain->batches()) {
    auto col = std::make_shared<ArrayData>(*b->column(0));
    col->type = point;
    batches.push_back(Must(RecordBatch::Make(schema, b->num_rows(), {col})));
  }
  auto bytes = Must(ipc::WriteStream(*Must(Table::Make(schema, batches))));
  g_reads = 0;
  HandleId p = Must(e.Read(Input(&e, bytes->span()), ""));
  EXPECT_EQ(g_reads, 2);
  // validate_field refuses the field: the read fails naming plugin and column.
  fields = {std::make_shared<const Field>("refused", point)};
  schema = std::make_shared<const Schema>(fields);
  for (auto& b : batches) b = Must(RecordBatch::Make(schema, b->num_rows(), b->columns()));
  bytes = Must(ipc::WriteStream(*Must(Table::Make(schema, batches))));
  EXPECT_EQ(e.Read(Input(&e, bytes->span()), "").status().ToString(),
            "plugin 'io.quiver.plugin.test.v1': validate_field of column 'refused' failed: fields named 'refused' are "
            "not allowed");
  for (HandleId h : {t, back, p}) ASSERT_TRUE(e.Free(h).ok());
  EXPECT_EQ(e.live_handles(), 0);
}

}  // namespace
}  // namespace quiver::handles
