/* Copyright Quiver contributors. Licensed under the Apache License 2.0.
 *
 * The Quiver plugin ABI, version 1: what a plugin (an Emscripten side module sharing the
 * core's linear memory) exports and what it may import. Plain C, so plugins in any language
 * that compiles to WebAssembly can implement it; plugins/sdk/quiver_plugin.hpp wraps it for
 * C++ authors.
 *
 * A plugin exports exactly one entry point returning its descriptor (static storage; the
 * core reads it once when the plugin is loaded). Arrays cross the boundary as Arrow C Data
 * Interface structures pointing into the shared memory: the core lends columns to the
 * plugin (borrowed for the duration of the call), and the plugin hands results back with
 * quiver_host_return_array, which takes ownership. A plugin may import only the functions
 * declared here (the host API) and the libc/libc++ subset listed in
 * bindings/wasm/plugin_exports.txt; the core exports exactly that list.
 */
#ifndef QUIVER_PLUGIN_ABI_H
#define QUIVER_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#include "quiver/plugin/c_data.h"

#ifdef __cplusplus
extern "C" {
#endif

#define QUIVER_PLUGIN_ABI_VERSION 1

/* Calls return 0 on success; on failure they call quiver_host_set_error and return nonzero. */

/* A named operation. `args_json` is a UTF-8 JSON object of the caller's arguments; `schema`
 * and `array` are the column it applies to (borrowed), or null when it takes none. A result
 * is returned with quiver_host_return_array (a column) or quiver_host_return_json (a value). */
typedef struct QuiverPluginOperation {
  const char* name;
  int (*call)(const char* args_json, const struct ArrowSchema* schema, const struct ArrowArray* array);
} QuiverPluginOperation;

typedef struct QuiverPluginDescriptor {
  /* QUIVER_PLUGIN_ABI_VERSION of the headers the plugin was built with. */
  uint32_t abi_version;
  /* Reverse-DNS id with a version suffix: "io.quiver.plugin.geo.v1". */
  const char* id;
  /* The plugin's own version ("0.1.0"). */
  const char* version;
  /* Extension type names whose columns this plugin handles. */
  const char* const* extension_types;
  int32_t num_extension_types;
  /* Checks a field of a handled extension type when a table is read (may be null). */
  int (*validate_field)(const struct ArrowSchema* field);
  /* Sees each record batch's column of a handled type when it is read; it may return a
   * replacement with quiver_host_return_array, validated by the core (may be null). */
  int (*on_read_column)(const struct ArrowSchema* field, const struct ArrowArray* column);
  const QuiverPluginOperation* operations;
  int32_t num_operations;
} QuiverPluginDescriptor;

/* The host API: implemented by the core, imported by plugins. */
void* quiver_host_alloc(size_t size);
void quiver_host_free(void* pointer);
void quiver_host_set_error(const char* message);
/* Takes ownership of both (their release callbacks are moved out). The array may point at
 * buffers of the column the plugin was lent (no copy): the core keeps that column alive for
 * as long as the result refers to it. */
int quiver_host_return_array(struct ArrowSchema* schema, struct ArrowArray* array);
int quiver_host_return_json(const char* json, size_t length);
/* Declares that values of this extension type name may appear in results. */
int quiver_host_register_extension_type(const char* name);

#ifdef __cplusplus
}
#endif

#endif /* QUIVER_PLUGIN_ABI_H */
