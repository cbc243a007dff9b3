// Turns the JSON the module writes for values (src/handles/value_json.h) into JavaScript
// values, walking the type alongside. Internal module.
import type { DataTypeInfo, Value } from './types.js';

const BIG = new Set(['int64', 'uint64', 'date64', 'time64', 'timestamp', 'duration']);
const FLOAT = new Set(['float16', 'float32', 'float64']);
const BINARY = new Set(['binary', 'large_binary', 'binary_view', 'fixed_size_binary']);
const LIST = new Set(['list', 'large_list', 'list_view', 'large_list_view', 'fixed_size_list']);

/** `x` rounded to the nearest IEEE half-precision value (ties to even), as a number. */
function roundToFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  if (2 ** (e + 1) <= a) e += 1;
  const quantum = 2 ** (Math.max(e, -14) - 10);
  const q = a / quantum;
  const floor = Math.floor(q);
  const rest = q - floor;
  const n = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  const r = n * quantum;
  return Math.sign(x) * (r >= 65520 ? Infinity : r);
}

/**
 * The module writes float16 and float32 values as their shortest text, which JavaScript
 * parses as the nearest double; rounding back to the type gives the stored value exactly
 * (as a Float32Array element would).
 */
function floatValue(text: number, id: string): number {
  return id === 'float32' ? Math.fround(text) : id === 'float16' ? roundToFloat16(text) : text;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function childType(type: DataTypeInfo, i: number): DataTypeInfo | undefined {
  return type.children[i]?.type;
}

/** Converts one raw JSON value of type `type`. Unknown shapes pass through as null. */
export function convertValue(raw: unknown, type: DataTypeInfo): Value {
  if (raw === null || raw === undefined) return null;
  const id = type.id;
  if (BIG.has(id)) return typeof raw === 'string' || typeof raw === 'number' ? BigInt(raw) : null;
  if (FLOAT.has(id)) return typeof raw === 'string' ? floatValue(Number(raw), id) : typeof raw === 'number' ? floatValue(raw, id) : null;
  if (BINARY.has(id)) return typeof raw === 'string' ? hexToBytes(raw) : null;
  if (LIST.has(id)) {
    const child = childType(type, 0);
    return Array.isArray(raw) && child !== undefined ? raw.map((v: unknown) => convertValue(v, child)) : null;
  }
  switch (id) {
    case 'struct': {
      if (typeof raw !== 'object' || Array.isArray(raw)) return null;
      const src = raw as Readonly<Record<string, unknown>>;
      const out: Record<string, Value> = {};
      for (const f of type.children) out[f.name] = convertValue(src[f.name], f.type);
      return out;
    }
    case 'map': {
      const entries = childType(type, 0);
      const keyField = entries?.children[0];
      const valueField = entries?.children[1];
      if (!Array.isArray(raw) || keyField === undefined || valueField === undefined) return null;
      const out = new Map<Value, Value>();
      for (const e of raw as readonly unknown[]) {
        if (typeof e !== 'object' || e === null) continue;
        const entry = e as Readonly<Record<string, unknown>>;
        out.set(convertValue(entry[keyField.name], keyField.type), convertValue(entry[valueField.name], valueField.type));
      }
      return out;
    }
    case 'sparse_union':
    case 'dense_union': {
      if (!Array.isArray(raw)) return null;
      const pair = raw as readonly unknown[];
      const index = pair[0];
      const child = typeof index === 'number' ? childType(type, index) : undefined;
      return child === undefined ? null : convertValue(pair[1], child);
    }
    case 'dictionary':
      return type.valueType === undefined ? null : convertValue(raw, type.valueType);
    case 'run_end_encoded': {
      const values = childType(type, 1);
      return values === undefined ? null : convertValue(raw, values);
    }
    case 'extension':
      return type.storageType === undefined ? null : convertValue(raw, type.storageType);
    case 'interval_day_time': {
      const pair = Array.isArray(raw) ? (raw as readonly unknown[]) : [];
      return { days: Number(pair[0]), milliseconds: Number(pair[1]) };
    }
    case 'interval_month_day_nano': {
      const triple = Array.isArray(raw) ? (raw as readonly unknown[]) : [];
      const nanos = triple[2];
      return {
        months: Number(triple[0]),
        days: Number(triple[1]),
        nanoseconds: typeof nanos === 'string' ? BigInt(nanos) : 0n,
      };
    }
    default:
      if (typeof raw === 'boolean' || typeof raw === 'number' || typeof raw === 'string') return raw;
      return null;
  }
}
