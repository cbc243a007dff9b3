/* Copyright Quiver contributors. Licensed under the Apache License 2.0.
 * A plugin that imports a function the core does not export: loading it must fail with a
 * clear `plugin` error naming the symbol, before any code of it runs. */
#include "quiver/plugin/abi.h"

int quiver_host_not_in_the_abi(int);

static const struct QuiverPluginDescriptor kDescriptor = {
    QUIVER_PLUGIN_ABI_VERSION, "io.quiver.plugin.bad.v1", "0.1.0", 0, 0, 0, 0, 0, 0};

const struct QuiverPluginDescriptor* quiver_plugin_entry(void) {
  return quiver_host_not_in_the_abi(1) ? &kDescriptor : 0;
}
