// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Plugins in the core: descriptors checked and recorded, activated by id, their hooks run
// when tables with the extension types they handle are read, and their operations called
// with columns lent through the Arrow C Data Interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/table.h"
#include "quiver/plugin/abi.h"
#include "quiver/result.h"

namespace quiver::handles {

/// What an operation returned: an array (with its field) or JSON text.
struct PluginResult {
  FieldPtr field;
  ArrayPtr array;
  std::string json;
  bool has_json = false;
};

class PluginRegistry {
 public:
  /// Checks and records a descriptor, inactive until Activate. Returns the plugin as JSON
  /// `{"id","version","extensionTypes":[...],"operations":[...]}`.
  /// Errors (kPlugin, naming the plugin): null descriptor, ABI version other than
  /// QUIVER_PLUGIN_ABI_VERSION, an id not of the form `a.b.c.vN` (lower-case reverse DNS
  /// with a version suffix), an id already loaded, unnamed or repeated operations.
  Result<std::string> Add(const QuiverPluginDescriptor* descriptor);
  /// Makes a loaded plugin's hooks and operations available. Errors: kInvalidArgument for an
  /// empty id; kPlugin for an id not loaded or already registered.
  Status Activate(std::string_view id);

  /// Calls operation `op` of active plugin `id` on `column` (may be null) with `args_json`.
  /// Errors: kPlugin naming the plugin and operation (unknown, failed, or a result that does
  /// not validate).
  Result<PluginResult> Call(std::string_view id, std::string_view op, std::string_view args_json, const Field* field,
                            const ArrayPtr& column);

  /// Runs validate_field and on_read_column of active plugins on the columns of `table`
  /// whose extension type they handle; replacement columns are validated before use.
  /// Errors: kPlugin naming the plugin and the column.
  Result<TablePtr> OnRead(TablePtr table);

  size_t loaded() const { return plugins_.size(); }

 private:
  struct Plugin {
    const QuiverPluginDescriptor* descriptor;
    std::string id;
    std::vector<std::string> extension_types;
    bool active = false;
  };
  Plugin* Find(std::string_view id);
  const Plugin* ForExtension(std::string_view name) const;

  std::vector<Plugin> plugins_;
};

}  // namespace quiver::handles
