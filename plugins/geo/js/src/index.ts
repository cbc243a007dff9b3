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
  return async (table: TableHandle, column: string | number): Promise<Result<TableHandle>> => {
    const r = await call(name, table, column);
    if (!r.ok) return r;
    return r.value.kind === 'table'
      ? { ok: true, value: r.value.table }
      : { ok: false, code: 'plugin', error: `plugin 'io.quiver.plugin.geo.v1': operation '${name}' returned no table` };
  };
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
    toNative: tableOp(call, 'toNative'),
    toWkb: tableOp(call, 'toWkb'),
    toWkt: tableOp(call, 'toWkt'),
    geometryTypes: tableOp(call, 'geometryTypes'),
    coordinatesXY: tableOp(call, 'coordinatesXY'),
  }),
};
