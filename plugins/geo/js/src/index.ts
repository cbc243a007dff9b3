// @quiver/plugin-geo: the geometry plugin's typed face. `loadPlugin(geoPlugin)` from
// @quiver/core loads quiver_geo.wasm into the running core and returns these operations;
// they work on the core's tables in place and return Results, never throwing.
import type { PluginCall, QuiverPlugin, Result, TableHandle } from '@quiver/core';

/** A bounding box in the column's coordinates. */
export interface Bounds {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

/** The operations of the geometry plugin. `column` is a column name or index. */
export interface GeoOperations {
  /** Total bounds of a geometry column (WKB, WKT or native GeoArrow); null when all rows are null or empty. */
  readonly bounds: (table: TableHandle, column: string | number) => Promise<Result<Bounds | null>>;
  /** The column as native GeoArrow (separated coordinates), in a new table. */
  readonly toNative: (table: TableHandle, column: string | number) => Promise<Result<TableHandle>>;
  /** The column as geoarrow.wkb (ISO WKB, little-endian), in a new table. */
  readonly toWkb: (table: TableHandle, column: string | number) => Promise<Result<TableHandle>>;
  /** The column as geoarrow.wkt, in a new table. */
  readonly toWkt: (table: TableHandle, column: string | number) => Promise<Result<TableHandle>>;
  /** ISO geometry type codes per row (1 point, 1001 point Z, ...), in a new table. */
  readonly geometryTypes: (table: TableHandle, column: string | number) => Promise<Result<TableHandle>>;
  /** All x, y coordinates interleaved as one float64 column (for a renderer), in a new table. */
  readonly coordinatesXY: (table: TableHandle, column: string | number) => Promise<Result<TableHandle>>;
  /**
   * The complete GeoParquet 1.1.0 `geo` value for the named geometry columns (the first is
   * the primary column): encoding, `geometry_types` and `bbox` computed from the data, crs
   * and edges from the GeoArrow metadata. Pass it to the writer, which keeps a valid value:
   * `writeTableToParquet(table, { metadata: { geo } })`.
   */
  readonly geoParquetMetadata: (table: TableHandle, columns: readonly string[]) => Promise<Result<string>>;
}

interface GeoColumn {
  readonly encoding: string;
  readonly geometry_types: readonly string[];
  readonly bbox?: readonly number[];
  readonly [key: string]: unknown;
}

// One batch's one-column `geo` value as the side module returns it.
function columnOf(v: unknown, name: string): GeoColumn | null {
  if (typeof v !== 'object' || v === null || !('columns' in v)) return null;
  const columns = v.columns;
  if (typeof columns !== 'object' || columns === null || !(name in columns)) return null;
  const c: unknown = (columns as Record<string, unknown>)[name];
  return typeof c === 'object' && c !== null && 'encoding' in c && 'geometry_types' in c ? (c as GeoColumn) : null;
}

// The batches of one column merged: geometry types united (in first-seen order), boxes joined.
function mergeColumn(parts: readonly GeoColumn[]): GeoColumn | null {
  const first = parts[0];
  if (first === undefined) return null;
  const types: string[] = [];
  let box: number[] | null = null;
  for (const p of parts) {
    for (const t of p.geometry_types) if (!types.includes(t)) types.push(t);
    const b = p.bbox;
    if (b === undefined || b.length !== 4) continue;
    box = box === null
      ? [...b]
      : b.map((x, i) => (i < 2 ? Math.min(x, box?.[i] ?? x) : Math.max(x, box?.[i] ?? x)));
  }
  // The first batch's members in their order, with the merged types and box.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (key === 'bbox') continue;
    out[key] = key === 'geometry_types' ? types : value;
    if (key === 'geometry_types' && box !== null) out['bbox'] = box;
  }
  return { ...out, encoding: first.encoding, geometry_types: types };
}

async function geoParquet(call: PluginCall, table: TableHandle, columns: readonly string[]): Promise<Result<string>> {
  const primary = columns[0];
  if (primary === undefined) return { ok: false, code: 'invalid_argument', error: 'expected at least one geometry column but found none' };
  const out: Record<string, GeoColumn> = {};
  for (const name of columns) {
    const r = await call('geoParquetColumn', table, name);
    if (!r.ok) return r;
    const parts = r.value.kind === 'values' ? r.value.values.map((v) => columnOf(v, name)) : [];
    const merged = parts.every((p) => p !== null) ? mergeColumn(parts.filter((p) => p !== null)) : null;
    // A table without batches still gets an entry: types unknown, no bbox.
    out[name] = merged ?? { encoding: 'WKB', geometry_types: [] };
  }
  return { ok: true, value: JSON.stringify({ version: '1.1.0', primary_column: primary, columns: out }) };
}

function asBounds(v: unknown): Bounds | null {
  return typeof v === 'object' && v !== null && 'xmin' in v ? (v as Bounds) : null;
}

function merge(values: readonly unknown[]): Bounds | null {
  let out: Bounds | null = null;
  for (const value of values) {
    const v = asBounds(value);
    if (v === null) continue;
    out = out === null
      ? v
      : { xmin: Math.min(out.xmin, v.xmin), ymin: Math.min(out.ymin, v.ymin), xmax: Math.max(out.xmax, v.xmax), ymax: Math.max(out.ymax, v.ymax) };
  }
  return out;
}

function tableOp(call: PluginCall, name: string) {
  return async (table: TableHandle, column: string | number, args?: Readonly<Record<string, number | boolean>>): Promise<Result<TableHandle>> => {
    const r = await call(name, table, column, args);
    if (!r.ok) return r;
    return r.value.kind === 'table'
      ? { ok: true, value: r.value.table }
      : { ok: false, code: 'plugin', error: `plugin 'io.quiver.plugin.geo.v1': operation '${name}' returned no table` };
  };
}

/**
 * toNative over every batch of a column at once: the batches' type summaries (what each
 * holds: geometry types as bits, Z, M) united, then each batch converted with the union, so
 * that all get one native type (a batch of nulls alone would otherwise become points).
 */
async function toNative(call: PluginCall, table: TableHandle, column: string | number): Promise<Result<TableHandle>> {
  const parts = await call('nativeSummary', table, column);
  if (!parts.ok) return parts;
  let types = 0;
  let z = false;
  let m = false;
  for (const v of parts.value.kind === 'values' ? parts.value.values : []) {
    if (typeof v !== 'object' || v === null) continue;
    const s = v as { readonly types?: unknown; readonly z?: unknown; readonly m?: unknown };
    types |= typeof s.types === 'number' ? s.types : 0;
    z = z || s.z === true;
    m = m || s.m === true;
  }
  return tableOp(call, 'toNative')(table, column, { types, z, m });
}

/** The geometry plugin, for `loadPlugin(geoPlugin)`. */
export const geoPlugin: QuiverPlugin<GeoOperations> = {
  id: 'io.quiver.plugin.geo.v1',
  entry: 'quiver_plugin_entry',
  wasmUrl: new URL('./quiver_geo.wasm', import.meta.url),
  bind: (call: PluginCall): GeoOperations => ({
    bounds: async (table, column) => {
      const r = await call('bounds', table, column);
      if (!r.ok) return r;
      return { ok: true, value: r.value.kind === 'values' ? merge(r.value.values) : null };
    },
    toNative: (table, column) => toNative(call, table, column),
    toWkb: tableOp(call, 'toWkb'),
    toWkt: tableOp(call, 'toWkt'),
    geometryTypes: tableOp(call, 'geometryTypes'),
    coordinatesXY: tableOp(call, 'coordinatesXY'),
    geoParquetMetadata: (table, columns) => geoParquet(call, table, columns),
  }),
};
