// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/plugins.h"

#include <cstdlib>
#include <cstring>

#include "core/str_cat.h"
#include "handles/json_writer.h"
#include "quiver/arrow/c_data.h"
#include "quiver/arrow/validate.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace {

// What the host API collects during one call into a plugin (calls are not reentrant:
// one WebAssembly instance runs one at a time).
struct CallContext {
  std::string error;
  bool has_error = false;
  PluginResult result;
  Status import_error;
  bool returned = false;
};
CallContext* g_call = nullptr;

bool ValidId(std::string_view id) {
  // segments of [a-z][a-z0-9_]*, at least three, the last `v` + digits
  size_t segments = 0, pos = 0;
  std::string_view last;
  while (pos <= id.size()) {
    const size_t dot = std::min(id.find('.', pos), id.size());
    const std::string_view seg = id.substr(pos, dot - pos);
    if (seg.empty() || seg[0] < 'a' || seg[0] > 'z') return false;
    for (char c : seg) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    ++segments;
    last = seg;
    pos = dot + 1;
  }
  if (segments < 3 || last.size() < 2 || last[0] != 'v') return false;
  for (char c : last.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// `array` with every buffer also holding `keep` alive: a plugin may return buffers of the
// column it was lent (zero copy), which must outlive the lent export.
ArrayPtr KeepAlive(const ArrayPtr& array, const ArrayPtr& keep) {
  auto copy = std::make_shared<ArrayData>(*array);
  for (auto& b : copy->buffers) {
    if (!b) continue;
    std::shared_ptr<Buffer> inner = b;
    b = Buffer::Wrap(inner->data(), inner->size(), [inner, keep] {});
  }
  for (auto& c : copy->children) c = KeepAlive(c, keep);
  if (copy->dictionary) copy->dictionary = KeepAlive(copy->dictionary, keep);
  return copy;
}

Status PluginError(std::string_view id, std::string_view what) {
  return Status::PluginError(StrCat("plugin '", id, "': ", what));
}

// Runs `call` with a fresh context; a nonzero return or a reported error is kPlugin.
template <typename F>
Result<PluginResult> Run(std::string_view id, std::string_view what, F call) {
  CallContext ctx;
  CallContext* outer = g_call;
  g_call = &ctx;
  const int rc = call();
  g_call = outer;
  if (!ctx.import_error.ok()) return PluginError(id, StrCat(what, " returned an invalid array: ", ctx.import_error.ToString()));
  if (rc != 0 || ctx.has_error) {
    return PluginError(id, StrCat(what, " failed: ", ctx.has_error ? ctx.error : StrCat("returned ", rc)));
  }
  return std::move(ctx.result);
}

}  // namespace

PluginRegistry::Plugin* PluginRegistry::Find(std::string_view id) {
  for (auto& p : plugins_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const PluginRegistry::Plugin* PluginRegistry::ForExtension(std::string_view name) const {
  for (const auto& p : plugins_) {
    if (!p.active) continue;
    for (const auto& t : p.extension_types) {
      if (t == name) return &p;
    }
  }
  return nullptr;
}

Result<std::string> PluginRegistry::Add(const QuiverPluginDescriptor* d) {
  if (d == nullptr) return Status::PluginError("expected a plugin descriptor but the entry point returned null");
  const std::string id = d->id ? d->id : "";
  if (d->abi_version != QUIVER_PLUGIN_ABI_VERSION) {
    return PluginError(id, StrCat("expected plugin ABI version ", QUIVER_PLUGIN_ABI_VERSION, " but found ", d->abi_version));
  }
  if (!ValidId(id)) {
    return Status::PluginError(StrCat("expected a plugin id like 'io.quiver.plugin.geo.v1' but found '", id, "'"));
  }
  if (Find(id) != nullptr) return PluginError(id, "expected a plugin not loaded yet but it is already loaded");
  if (d->num_operations < 0 || d->num_extension_types < 0 || d->num_operations > 1024 || d->num_extension_types > 1024 ||
      (d->num_operations > 0 && d->operations == nullptr) ||
      (d->num_extension_types > 0 && d->extension_types == nullptr)) {
    return PluginError(id, "expected consistent operation and extension type counts");
  }
  Plugin p{d, id, {}, false};
  std::string json = "{\"id\":";
  AppendJsonString(&json, id);
  json += ",\"version\":";
  AppendJsonString(&json, d->version ? d->version : "");
  json += ",\"extensionTypes\":[";
  for (int32_t i = 0; i < d->num_extension_types; ++i) {
    const char* name = d->extension_types[i];
    if (name == nullptr) return PluginError(id, StrCat("expected extension type name ", i, " but found null"));
    p.extension_types.emplace_back(name);
    if (i) json += ",";
    AppendJsonString(&json, name);
  }
  json += "],\"operations\":[";
  for (int32_t i = 0; i < d->num_operations; ++i) {
    const QuiverPluginOperation& op = d->operations[i];
    if (op.name == nullptr || op.name[0] == '\0' || op.call == nullptr) {
      return PluginError(id, StrCat("expected operation ", i, " to have a name and a function"));
    }
    for (int32_t j = 0; j < i; ++j) {
      if (std::strcmp(d->operations[j].name, op.name) == 0) {
        return PluginError(id, StrCat("expected distinct operation names but '", op.name, "' repeats"));
      }
    }
    if (i) json += ",";
    AppendJsonString(&json, op.name);
  }
  json += "]}";
  plugins_.push_back(std::move(p));
  return json;
}

Status PluginRegistry::Activate(std::string_view id) {
  if (id.empty()) return Status::InvalidArgument("expected a plugin id but found an empty string");
  Plugin* p = Find(id);
  if (p == nullptr) return Status::PluginError(StrCat("no plugin '", id, "' is loaded"));
  if (p->active) return PluginError(id, "expected a plugin not registered yet but it is already registered");
  p->active = true;
  return Status::OK();
}

Result<PluginResult> PluginRegistry::Call(std::string_view id, std::string_view op, std::string_view args_json,
                                          const Field* field, const ArrayPtr& column) {
  Plugin* p = Find(id);
  if (p == nullptr || !p->active) return Status::PluginError(StrCat("no plugin '", id, "' is registered"));
  const QuiverPluginOperation* found = nullptr;
  for (int32_t i = 0; i < p->descriptor->num_operations; ++i) {
    if (op == p->descriptor->operations[i].name) found = &p->descriptor->operations[i];
  }
  if (found == nullptr) return PluginError(id, StrCat("has no operation '", op, "'"));
  ArrowSchema schema{};
  ArrowArray array{};
  if (column) {
    QUIVER_RETURN_IF_ERROR(ExportField(*field, &schema));
    QUIVER_RETURN_IF_ERROR(ExportArray(column, &array));
  }
  const std::string args(args_json);
  auto r = Run(id, StrCat("operation '", op, "'"),
               [&] { return found->call(args.c_str(), column ? &schema : nullptr, column ? &array : nullptr); });
  if (schema.release) schema.release(&schema);
  if (array.release) array.release(&array);
  if (r.ok() && r->array && column) r->array = KeepAlive(r->array, column);
  return r;
}

Result<TablePtr> PluginRegistry::OnRead(TablePtr table) {
  const Schema& schema = *table->schema();
  bool any = false;
  for (const auto& f : schema.fields()) any |= f->type()->id() == TypeId::kExtension && ForExtension(f->type()->extension_name());
  if (!any) return table;
  std::vector<RecordBatchPtr> batches = table->batches();
  std::vector<FieldPtr> fields = schema.fields();
  for (int c = 0; c < schema.num_fields(); ++c) {
    const FieldPtr& f = schema.field(c);
    if (f->type()->id() != TypeId::kExtension) continue;
    const Plugin* p = ForExtension(f->type()->extension_name());
    if (p == nullptr) continue;
    const std::string where = StrCat("column '", f->name(), "'");
    ArrowSchema s{};
    QUIVER_RETURN_IF_ERROR(ExportField(*f, &s));
    if (p->descriptor->validate_field) {
      auto v = Run(p->id, StrCat("validate_field of ", where), [&] { return p->descriptor->validate_field(&s); });
      if (!v.ok()) {
        s.release(&s);
        return v.status();
      }
    }
    if (p->descriptor->on_read_column) {
      for (size_t b = 0; b < batches.size(); ++b) {
        ArrowArray a{};
        QUIVER_RETURN_IF_ERROR(ExportArray(batches[b]->column(c), &a));
        auto r = Run(p->id, StrCat("on_read_column of ", where), [&] { return p->descriptor->on_read_column(&s, &a); });
        if (a.release) a.release(&a);
        if (!r.ok()) {
          s.release(&s);
          return r.status();
        }
        if (!r->array) continue;
        r->array = KeepAlive(r->array, batches[b]->column(c));
        if (r->array->length != batches[b]->num_rows()) {
          s.release(&s);
          return PluginError(p->id, StrCat("on_read_column of ", where, " returned ", r->array->length,
                                            " rows for a batch of ", batches[b]->num_rows()));
        }
        fields[static_cast<size_t>(c)] = r->field;
        std::vector<ArrayPtr> cols = batches[b]->columns();
        cols[static_cast<size_t>(c)] = r->array;
        auto next = std::make_shared<const Schema>(fields, schema.metadata());
        QUIVER_ASSIGN_OR_RETURN(batches[b], RecordBatch::Make(next, batches[b]->num_rows(), std::move(cols)));
      }
    }
    s.release(&s);
  }
  auto next = std::make_shared<const Schema>(fields, schema.metadata());
  for (auto& b : batches) {
    if (!b->schema()->Equals(*next)) {
      QUIVER_ASSIGN_OR_RETURN(b, RecordBatch::Make(next, b->num_rows(), b->columns()));
    }
  }
  return Table::Make(next, std::move(batches));
}

}  // namespace quiver::handles

// The host API, exported by the core's WebAssembly module for plugins to import.
extern "C" {

void* quiver_host_alloc(size_t size) { return std::malloc(size); }

void quiver_host_free(void* pointer) { std::free(pointer); }

void quiver_host_set_error(const char* message) {
  if (quiver::handles::g_call == nullptr) return;
  quiver::handles::g_call->has_error = true;
  quiver::handles::g_call->error = message ? message : "(no message)";
}

int quiver_host_return_array(struct ArrowSchema* schema, struct ArrowArray* array) {
  using quiver::handles::g_call;
  if (g_call == nullptr || schema == nullptr || array == nullptr) return 1;
  auto field = quiver::ImportField(*schema);
  if (schema->release) schema->release(schema);
  if (!field.ok()) {
    if (array->release) array->release(array);
    g_call->import_error = field.status();
    return 1;
  }
  auto imported = quiver::ImportArray(array, (*field)->type());
  if (imported.ok()) {
    quiver::Status valid = quiver::ValidateArrayFull(**imported);
    if (!valid.ok()) imported = valid;
  }
  if (!imported.ok()) {
    g_call->import_error = imported.status();
    return 1;
  }
  g_call->result.field = *field;
  g_call->result.array = *imported;
  return 0;
}

int quiver_host_return_json(const char* json, size_t length) {
  using quiver::handles::g_call;
  if (g_call == nullptr || (json == nullptr && length > 0)) return 1;
  g_call->result.json.assign(json ? json : "", length);
  g_call->result.has_json = true;
  return 0;
}

int quiver_host_register_extension_type(const char* name) { return name == nullptr ? 1 : 0; }

}  // extern "C"
