// Plugins: WebAssembly side modules loaded into the running core, sharing its memory
// (docs/design.md, "Plugins"). loadPlugin checks the module's imports against what the core
// exports, links it, reads its descriptor, registers it, and returns its typed operations.
import { PLUGIN_IMPORTS } from './plugin_abi.js';
import { fail, guarded, handleId, instance, lastError, loadWasmBytes, makeHandle, ok, takeText } from './wasm.js';
import type { Instance } from './wasm.js';
import type { PluginCall, PluginCallOutput, PluginInfo, QuiverPlugin, Result, TableHandle } from './types.js';

// Imports every side module has that are the dynamic linker's, not the core's functions.
const LINKER = new Set(['memory', '__memory_base', '__table_base', '__stack_pointer', '__indirect_function_table']);

/**
 * Names a side module imports beyond the plugin ABI (bindings/wasm/plugin_exports.txt), or
 * that this core does not export.
 */
async function missingImports(bytes: Uint8Array): Promise<Result<string[]>> {
  const compiled = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>).then(
    (m) => ok(m),
    (e: unknown) => fail<WebAssembly.Module>('plugin', `the plugin is not a WebAssembly module: ${String(e)}`),
  );
  if (!compiled.ok) return compiled;
  // The core exports exactly the ABI list (the link fails otherwise); a module's weak
  // definitions of its own (C++ inline code) appear as imports it satisfies itself.
  const allowed = new Set(PLUGIN_IMPORTS);
  const own = new Set(WebAssembly.Module.exports(compiled.value).map((e) => e.name));
  const missing: string[] = [];
  for (const imp of WebAssembly.Module.imports(compiled.value)) {
    if (imp.module !== 'env' && imp.module !== 'GOT.func' && imp.module !== 'GOT.mem') continue;
    if (LINKER.has(imp.name) || allowed.has(imp.name) || own.has(imp.name)) continue;
    if (!missing.includes(imp.name)) missing.push(imp.name);
  }
  return ok(missing);
}

function columnIndex(inst: Instance, table: number, column: string | number): Result<number> {
  if (typeof column === 'number') return ok(column);
  if (inst.module.schemaSummary(table) !== 0) return lastError(inst);
  const summary = JSON.parse(takeText(inst)) as { columns: { name: string }[] };
  const index = summary.columns.findIndex((c) => c.name === column);
  return index >= 0 ? ok(index) : fail('invalid_argument', `expected a column name of the table but found '${column}'`);
}

async function callOperation(
  pluginId: string,
  operation: string,
  table: TableHandle | null,
  column: string | number | null,
  args: Readonly<Record<string, string | number | boolean | null>> | undefined,
): Promise<Result<PluginCallOutput>> {
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  let tableId = 0;
  if (table !== null) {
    const id = handleId(inst, table);
    if (!id.ok) return id;
    tableId = id.value;
  }
  return guarded(inst, () => {
    let col = 0;
    if (table !== null) {
      const c = columnIndex(inst, tableId, column ?? 0);
      if (!c.ok) return c;
      col = c.value;
    }
    if (inst.module.pluginCall(pluginId, operation, tableId, col, JSON.stringify(args ?? {})) !== 0) return lastError<PluginCallOutput>(inst);
    const out = JSON.parse(takeText(inst)) as { table?: number; values?: unknown[] };
    if (out.table !== undefined) return ok({ kind: 'table' as const, table: makeHandle(inst, out.table) });
    return ok({ kind: 'values' as const, values: out.values ?? [] });
  });
}

/**
 * Loads a plugin into the running core and registers it: its WebAssembly module (from
 * `wasmBytes`, else fetched from `plugin.wasmUrl`) is linked against the core's memory, so
 * its operations work on tables in place. Returns the plugin's typed operations.
 * Errors: `plugin` for a module that imports what the core does not export (naming it), an
 * entry point that is missing or returns an invalid descriptor, an id already loaded.
 * @example
 * const ops = await loadPlugin(somePlugin);
 * if (!ops.ok) console.error(ops.code, ops.error);
 */
export async function loadPlugin<Ops>(plugin: QuiverPlugin<Ops>, wasmBytes?: ArrayBuffer | Uint8Array): Promise<Result<Ops>> {
  if (typeof plugin !== 'object' || plugin === null || typeof plugin.id !== 'string' || typeof plugin.entry !== 'string' || typeof plugin.bind !== 'function') {
    return fail('invalid_argument', 'expected a plugin object with id, entry, wasmUrl and bind');
  }
  const got = await instance();
  if (!got.ok) return got;
  const inst = got.value;
  let bytes: Uint8Array;
  if (wasmBytes === undefined) {
    const loaded = await loadWasmBytes(new URL(plugin.wasmUrl, import.meta.url));
    if (!loaded.ok) return loaded;
    bytes = loaded.value;
  } else {
    bytes = wasmBytes instanceof Uint8Array ? wasmBytes : new Uint8Array(wasmBytes);
  }
  const missing = await missingImports(bytes);
  if (!missing.ok) return missing;
  if (missing.value.length > 0) {
    return fail('plugin', `plugin '${plugin.id}' imports what the core does not export: ${missing.value.join(', ')}`);
  }
  const fs = { findObject: (): object => ({}), readFile: (): Uint8Array => bytes };
  const linked = await inst.module.loadDynamicLibrary(plugin.id, { loadAsync: true, global: false, nodelete: true, fs }).then(
    () => ok(undefined),
    (e: unknown) => fail<void>('plugin', `plugin '${plugin.id}' did not link: ${String(e)}`),
  );
  if (!linked.ok) return linked;
  const info = guarded(inst, (): Result<PluginInfo> => {
    const lib = inst.module.LDSO.loadedLibsByName[plugin.id];
    const entry = lib?.module[plugin.entry];
    if (typeof entry !== 'function') return fail('plugin', `plugin '${plugin.id}' exports no entry point '${plugin.entry}'`);
    const descriptor: unknown = entry();
    if (typeof descriptor !== 'number') return fail('plugin', `plugin '${plugin.id}': the entry point returned no descriptor`);
    if (inst.module.pluginAdd(descriptor) !== 0) return lastError(inst);
    const parsed = JSON.parse(takeText(inst)) as PluginInfo;
    if (parsed.id !== plugin.id) {
      return fail('plugin', `expected the module to describe plugin '${plugin.id}' but it describes '${parsed.id}'`);
    }
    if (inst.module.registerPlugin(parsed.id) !== 0) return lastError(inst);
    return ok(parsed);
  });
  if (!info.ok) return info;
  const call: PluginCall = (operation, table, column, args) => callOperation(plugin.id, operation, table, column, args);
  return ok(plugin.bind(call));
}
