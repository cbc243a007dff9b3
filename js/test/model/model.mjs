// Model-based test of @quiver/core, shared by Node (test/model.test.mjs) and headless
// Chromium (bundled with esbuild by the same test). fast-check drives random sequences of
// commands against the real package and a plain-JS model side by side: tables are made from
// random schemas and data, written as IPC (file/stream/Feather; none/lz4/zstd) and Parquet
// (every codec, dictionary on/off, page v1/v2, row group sizes), whole or slice by slice
// through the incremental writers, and read back, with and without selections; columns are
// selected, rows sliced, tables concatenated, rows and columns
// copied out, handles freed, used after free and freed twice. After every command the real
// rows and schema (column names, Arrow types, nullability) must equal the model's; errors
// must come exactly where the model predicts them (Parquet cannot store intervals or unions:
// `unsupported`); at the end every handle is freed and memoryStats() is back to its baseline.
//
// Input tables come from two independent encoders: apache-arrow JS (one record batch) and
// ./ipc_encode.mjs, written from the specification for what apache-arrow JS cannot build
// (run-end encoded, list views, sparse unions, unions with arbitrary type codes, dictionary
// deltas and replacements) and for tables of many record batches, empty ones included.
// Kinds both can build are made by either, at random.
// With the geometry plugin (runModel's `geo`), two more commands: MakeGeo (a geoarrow.wkb
// column of random points and linestrings, which every other command then also works on) and
// Geo (the plugin's bounds against the model's, and WKB -> native -> WKB giving the same
// bytes, or the `plugin` error the model predicts for a column mixing points and lines).
import * as fc from 'fast-check';
import {
  Binary, BinaryView, Bool, DateDay, Decimal, DenseUnion, Dictionary, DurationMillisecond, Field, FixedSizeBinary, FixedSizeList, Float16, Float32, Float64,
  Int8, Int32, Int64, IntervalMonthDayNano, LargeList, LargeUtf8, List, Map_, RecordBatch, Schema, Struct, Table, TimeMicrosecond,
  TimestampMillisecond, Uint64, Utf8, Utf8View, makeBuilder, makeData, makeVector, tableToIPC, vectorFromArray,
} from 'apache-arrow';
import { encodeStream } from './ipc_encode.mjs';

/** Little-endian ISO WKB of a point ([[x, y]]) or a linestring (two or more [x, y]). */
function wkb(kind, coords) {
  const b = new DataView(new ArrayBuffer(kind === 'point' ? 21 : 9 + coords.length * 16));
  b.setUint8(0, 1);
  b.setUint32(1, kind === 'point' ? 1 : 2, true);
  let at = 5;
  if (kind !== 'point') {
    b.setUint32(5, coords.length, true);
    at = 9;
  }
  for (const [x, y] of coords) {
    b.setFloat64(at, x, true);
    b.setFloat64(at + 8, y, true);
    at += 16;
  }
  return new Uint8Array(b.buffer);
}

/** The model's reading of the WKB it made: kind and coordinates. */
function unwkb(bytes) {
  const b = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = b.getUint32(1, true);
  const n = type === 1 ? 1 : b.getUint32(5, true);
  const at = type === 1 ? 5 : 9;
  const coords = [];
  for (let i = 0; i < n; i++) coords.push([b.getFloat64(at + 16 * i, true), b.getFloat64(at + 16 * i + 8, true)]);
  return { kind: type === 1 ? 'point' : 'line', coords };
}

const coordinate = fc.integer({ min: -4000000, max: 4000000 }).map((v) => v / 4);
const geometry = fc.oneof(
  fc.tuple(coordinate, coordinate).map((c) => wkb('point', [c])),
  fc.array(fc.tuple(coordinate, coordinate), { minLength: 2, maxLength: 4 }).map((c) => wkb('line', c)),
);

function geoIpc(values) {
  const field = new Field('geom', new Binary(), true, new Map([['ARROW:extension:name', 'geoarrow.wkb'], ['ARROW:extension:metadata', '{}']]));
  const schema = new Schema([field]);
  const data = vectorFromArray(values, new Binary()).data[0];
  return tableToIPC(new Table([new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: values.length, children: [data] }))]), 'stream');
}

// ./ipc_encode.mjs's descriptions of the types both encoders build.
const RAW = {
  int32: { id: 'int', bitWidth: 32 },
  int64: { id: 'int', bitWidth: 64 },
  float64: { id: 'float64' },
  bool: { id: 'bool' },
  utf8: { id: 'utf8' },
};

// The Arrow type of the geometry plugin's input column, as getSchemaSummary spells it.
const GEOM_TYPE = 'Extension<geoarrow.wkb, Binary>';

const DECIMAL_MAX = 10n ** 20n - 1n;

/** The number a half-precision bit pattern (not NaN) stands for, exactly. */
function halfValue(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0x1f) return sign * Infinity;
  return sign * (exp === 0 ? frac * 2 ** -24 : (1024 + frac) * 2 ** (exp - 25));
}

/** A decimal128 value (unscaled bigint) as apache-arrow's four little-endian 32-bit words. */
function decimalWords(v) {
  const u = BigInt.asUintN(128, v);
  return new Uint32Array([0, 1, 2, 3].map((k) => Number((u >> BigInt(32 * k)) & 0xffffffffn)));
}

/** A decimal128(20, 2) value as the text @quiver/core copies out: exact, two decimals. */
function decimalText(v) {
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

// Column kinds: how apache-arrow JS builds them (`type`, `build`) and how ./ipc_encode.mjs
// does (`raw`, `rawBuild`), the Arrow type getSchemaSummary must report (`arrowType`, and a
// union's `typeCodes` in getSchema; `parquetType` when a Parquet round trip reads it back as
// another type, as docs/design.md says: run-end encoded as its values), and the value
// @quiver/core copies out (`out`).
const KINDS = {
  int32: { arrowType: 'Int32', type: () => new Int32(), raw: () => RAW.int32, value: fc.integer({ min: -2147483648, max: 2147483647 }), out: (v) => v },
  int64: { arrowType: 'Int64', type: () => new Int64(), raw: () => RAW.int64, value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), out: (v) => v },
  float64: {
    arrowType: 'Float64',
    type: () => new Float64(),
    raw: () => RAW.float64,
    value: fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308)),
    out: (v) => v,
  },
  bool: { arrowType: 'Boolean', type: () => new Bool(), raw: () => RAW.bool, value: fc.boolean(), out: (v) => v },
  utf8: { arrowType: 'Utf8', type: () => new Utf8(), raw: () => RAW.utf8, value: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ maxLength: 300 })), out: (v) => v },
  binary: { arrowType: 'Binary', type: () => new Binary(), value: fc.uint8Array({ maxLength: 16 }), out: (v) => v },
  timestamp: {
    arrowType: 'Timestamp(ms, "UTC")',
    type: () => new TimestampMillisecond('UTC'),
    value: fc.integer({ min: -8.64e12, max: 8.64e12 }),
    out: (v) => BigInt(v),
  },
  dict: {
    arrowType: 'Dictionary<Int32, Utf8>',
    type: () => new Dictionary(new Utf8(), new Int32()),
    value: fc.constantFrom('red', 'green', 'blue', 'é€', ''),
    out: (v) => v,
  },
  list: {
    arrowType: 'List<Int32>',
    type: () => new List(new Field('item', new Int32(), true)),
    value: fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), { maxLength: 4 }),
    out: (v) => v,
  },
  struct: {
    arrowType: 'Struct<a: Int32, b: Utf8>',
    type: () => new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]),
    raw: () => ({ id: 'struct', children: [{ name: 'a', type: RAW.int32, nullable: true }, { name: 'b', type: RAW.utf8, nullable: true }] }),
    value: fc.record({ a: fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), b: fc.option(fc.string({ maxLength: 5 }), { nil: null }) }),
    out: (v) => v,
  },
  int8: { arrowType: 'Int8', type: () => new Int8(), value: fc.integer({ min: -128, max: 127 }), out: (v) => v },
  uint64: { arrowType: 'UInt64', type: () => new Uint64(), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), out: (v) => v },
  float32: { arrowType: 'Float32', type: () => new Float32(), value: fc.float({ noNaN: true }), out: (v) => v },
  float16: { arrowType: 'Float16', type: () => new Float16(), value: fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7c00) !== 0x7c00 || (b & 0x3ff) === 0).map(halfValue), out: (v) => v },
  date32: { arrowType: 'Date32', type: () => new DateDay(), value: fc.integer({ min: -100000, max: 100000 }), build: (v) => new Date(v * 86400000), out: (v) => v },
  time64: { arrowType: 'Time64(us)', type: () => new TimeMicrosecond(), value: fc.bigInt({ min: 0n, max: 86400000000n - 1n }), out: (v) => v },
  duration: { arrowType: 'Duration(ms)', type: () => new DurationMillisecond(), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), out: (v) => v },
  decimal: { arrowType: 'Decimal128(20, 2)', type: () => new Decimal(2, 20, 128), value: fc.bigInt({ min: -DECIMAL_MAX, max: DECIMAL_MAX }), build: decimalWords, out: decimalText },
  utf8view: { arrowType: 'Utf8View', type: () => new Utf8View(), value: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 13, maxLength: 40 })), out: (v) => v },
  binaryview: { arrowType: 'BinaryView', type: () => new BinaryView(), value: fc.uint8Array({ maxLength: 30 }), out: (v) => v },
  largeutf8: { arrowType: 'LargeUtf8', type: () => new LargeUtf8(), value: fc.string({ maxLength: 20 }), out: (v) => v },
  largelist: {
    arrowType: 'LargeList<Utf8>',
    type: () => new LargeList(new Field('item', new Utf8(), true)),
    value: fc.array(fc.option(fc.string({ maxLength: 3 }), { nil: null }), { maxLength: 3 }),
    out: (v) => v,
  },
  fixedlist: {
    arrowType: 'FixedSizeList<Float64, 2>',
    type: () => new FixedSizeList(2, new Field('item', new Float64(), true)),
    value: fc.tuple(fc.option(fc.double({ noNaN: true }), { nil: null }), fc.option(fc.double({ noNaN: true }), { nil: null })),
    out: (v) => v,
  },
  map: {
    arrowType: 'Map<Utf8, Int32>',
    type: () => new Map_(new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false)),
    value: fc.uniqueArray(fc.tuple(fc.string({ maxLength: 4 }), fc.option(fc.integer({ min: -9, max: 9 }), { nil: null })), { maxLength: 3, selector: (e) => e[0] }),
    build: (v) => new Map(v),
    out: (v) => new Map(v),
  },
  fixedbinary: { arrowType: 'FixedSizeBinary(3)', type: () => new FixedSizeBinary(3), value: fc.uint8Array({ minLength: 3, maxLength: 3 }), out: (v) => v },
  // An extension type Quiver does not know: it keeps the name and metadata and hands out the storage.
  extension: {
    arrowType: 'Extension<quiver.test.opaque, FixedSizeBinary(4)>',
    type: () => new FixedSizeBinary(4),
    metadata: { 'ARROW:extension:name': 'quiver.test.opaque', 'ARROW:extension:metadata': '{"v":1}' },
    value: fc.uint8Array({ minLength: 4, maxLength: 4 }),
    out: (v) => v,
  },
  interval: {
    arrowType: 'Interval(MonthDayNano)',
    type: () => new IntervalMonthDayNano(),
    value: fc.record({ months: fc.integer({ min: -1000, max: 1000 }), days: fc.integer({ min: -1000, max: 1000 }), nanoseconds: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }) }),
    build: (v) => {
      const n = BigInt.asUintN(64, v.nanoseconds);
      return new Int32Array([v.months, v.days, Number(n & 0xffffffffn) | 0, Number(n >> 32n) | 0]);
    },
    out: (v) => v,
    parquet: false,
  },
  // Unions have no validity bitmap: the column is never null.
  union: {
    arrowType: 'DenseUnion<i: Int32, s: Utf8>',
    typeCodes: [0, 1],
    type: () => new DenseUnion([0, 1], [new Field('i', new Int32(), true), new Field('s', new Utf8(), true)]),
    value: fc.oneof(fc.integer({ min: -99, max: 99 }), fc.string({ maxLength: 5 })),
    union: true,
    out: (v) => v,
    parquet: false,
  },
  // Only ./ipc_encode.mjs builds the kinds below (apache-arrow JS has no such layouts).
  // Run-end encoded: few distinct values, so that rows fall into runs; a null row is a run of
  // null values (the array itself has no validity). Run ends of all three widths.
  ree: { arrowType: 'RunEndEncoded<Int32, Utf8>', parquetType: 'Utf8', raw: () => ({ id: 'run_end_encoded', runEndBits: 32, values: RAW.utf8 }), value: fc.constantFrom('a', 'bb', 'é€', ''), out: (v) => v },
  ree16: { arrowType: 'RunEndEncoded<Int16, Int64>', parquetType: 'Int64', raw: () => ({ id: 'run_end_encoded', runEndBits: 16, values: RAW.int64 }), value: fc.constantFrom(-1n, 0n, 2n ** 63n - 1n), out: (v) => v },
  ree64: { arrowType: 'RunEndEncoded<Int64, Float64>', parquetType: 'Float64', raw: () => ({ id: 'run_end_encoded', runEndBits: 64, values: RAW.float64 }), value: fc.constantFrom(0.5, -0, Number.NaN, -Infinity), out: (v) => v },
  // List views: the encoder lays the lists out back to front and shares equal ones, so
  // offsets are out of order and views overlap.
  listview: {
    arrowType: 'ListView<Int32>',
    raw: () => ({ id: 'list_view', child: { name: 'item', type: RAW.int32, nullable: true } }),
    value: fc.oneof(fc.constantFrom([1, 2], [], [null]), fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), { maxLength: 4 })),
    out: (v) => v,
  },
  largelistview: {
    arrowType: 'LargeListView<Utf8>',
    raw: () => ({ id: 'large_list_view', child: { name: 'item', type: RAW.utf8, nullable: true } }),
    value: fc.oneof(fc.constantFrom(['x'], []), fc.array(fc.option(fc.string({ maxLength: 3 }), { nil: null }), { maxLength: 3 })),
    out: (v) => v,
  },
  // Dictionaries sent batch by batch: deltas (16-bit indices) or replacements (8-bit).
  dictdelta: {
    arrowType: 'Dictionary<Int16, Utf8>',
    raw: () => ({ id: 'dictionary', indexBits: 16, values: RAW.utf8, mode: 'delta' }),
    value: fc.constantFrom('a', 'b', 'c', 'dé', ''),
    out: (v) => v,
  },
  dictreplace: {
    arrowType: 'Dictionary<Int8, Utf8>',
    raw: () => ({ id: 'dictionary', indexBits: 8, values: RAW.utf8, mode: 'replace' }),
    value: fc.constantFrom('a', 'b', 'c', 'dé', ''),
    out: (v) => v,
  },
  // A sparse union (every child as long as the union) with type codes that are not child
  // indexes, and a dense one with codes in descending order.
  sparseunion: {
    arrowType: 'SparseUnion<i: Int32, s: Utf8>',
    typeCodes: [5, 9],
    raw: () => ({ id: 'union', mode: 'sparse', typeCodes: [5, 9], children: [{ name: 'i', type: RAW.int32, nullable: true }, { name: 's', type: RAW.utf8, nullable: true }] }),
    value: fc.oneof(fc.integer({ min: -99, max: 99 }), fc.string({ maxLength: 5 })),
    rawBuild: (v) => ({ child: typeof v === 'number' ? 0 : 1, value: v }),
    union: true,
    out: (v) => v,
    parquet: false,
  },
  denseunion: {
    arrowType: 'DenseUnion<b: Boolean, l: Int64>',
    typeCodes: [7, 2],
    raw: () => ({ id: 'union', mode: 'dense', typeCodes: [7, 2], children: [{ name: 'b', type: RAW.bool, nullable: true }, { name: 'l', type: RAW.int64, nullable: true }] }),
    value: fc.oneof(fc.boolean(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
    rawBuild: (v) => ({ child: typeof v === 'boolean' ? 0 : 1, value: v }),
    union: true,
    out: (v) => v,
    parquet: false,
  },
};
/** Every column kind of the generator (model.test checks that each was made). */
export const KIND_NAMES = Object.keys(KINDS);
const ENCODERS = {
  arrow: KIND_NAMES.filter((k) => KINDS[k].type !== undefined),
  raw: KIND_NAMES.filter((k) => KINDS[k].raw !== undefined),
};

/**
 * A random table spec: the encoder, columns (name, kind, nullable) and rows of values (null
 * where allowed); for ./ipc_encode.mjs also where the rows are cut into record batches.
 */
export const tableSpec = fc
  .constantFrom('arrow', 'raw')
  .chain((encoder) => fc.record({
    encoder: fc.constant(encoder),
    kinds: fc.array(fc.record({ kind: fc.constantFrom(...ENCODERS[encoder]), nullable: fc.boolean(), allNull: fc.boolean() }), { minLength: 1, maxLength: 4 })
      .map((ks) => ks.map((k) => (KINDS[k.kind].union ? { ...k, nullable: false, allNull: false } : k))),
    rows: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  }))
  .chain(({ encoder, kinds, rows }) =>
    fc.record({
      columns: fc.tuple(...kinds.map((k) => fc.array(k.nullable ? (k.allNull ? fc.constant(null) : fc.option(KINDS[k.kind].value, { nil: null })) : KINDS[k.kind].value, { minLength: rows, maxLength: rows }))),
      cuts: encoder === 'raw' ? fc.array(fc.nat({ max: rows }), { maxLength: 4 }).map((c) => c.sort((a, b) => a - b)) : fc.constant([]),
    }).map(({ columns, cuts }) => ({ encoder, kinds: kinds.map((k, i) => ({ name: `c${i}_${k.kind}`, ...k })), columns, rows, cuts })));

function vectorOf(kind, values) {
  const type = kind.type();
  const built = kind.build ? values.map((v) => (v === null ? null : kind.build(v))) : values;
  if (!kind.union) return vectorFromArray(built, type);
  const b = makeBuilder({ type, nullValues: [], valueToChildTypeId: (_b, v) => (typeof v === 'number' ? 0 : 1) });
  for (const v of built) b.append(v);
  return makeVector(b.finish().flush());
}

/** The IPC stream of a table spec, made by the spec's encoder. */
function specIpc(spec) {
  if (spec.encoder === 'arrow') return tableToIPC(arrowTable(spec), 'stream');
  const fields = spec.kinds.map((k) => ({ name: k.name, type: KINDS[k.kind].raw(), nullable: k.nullable, metadata: KINDS[k.kind].metadata }));
  const columns = spec.kinds.map((k, i) => {
    const build = KINDS[k.kind].rawBuild;
    return build === undefined ? spec.columns[i] : spec.columns[i].map((v) => (v === null ? null : build(v)));
  });
  return encodeStream(fields, columns, spec.cuts);
}

function arrowTable(spec) {
  const data = {};
  spec.kinds.forEach((k, i) => {
    data[k.name] = vectorOf(KINDS[k.kind], spec.columns[i]);
  });
  const t = new Table(data);
  if (!spec.kinds.some((k) => KINDS[k.kind].metadata)) return t;
  const schema = new Schema(t.schema.fields.map((f, i) => {
    const meta = KINDS[spec.kinds[i].kind].metadata;
    return meta ? f.clone({ metadata: new Map(Object.entries(meta)) }) : f;
  }));
  return new Table(schema, t.batches.map((b) => new RecordBatch(schema, b.data)));
}

function modelRows(spec) {
  const rows = [];
  for (let r = 0; r < spec.rows; r++) {
    const row = {};
    spec.kinds.forEach((k, i) => {
      const v = spec.columns[i][r];
      row[k.name] = v === null || v === undefined ? null : KINDS[k.kind].out(v);
    });
    rows.push(row);
  }
  return rows;
}

/** Canonical text of rows: bigints, bytes, NaN, infinities and -0 spelled out. */
export function text(rows) {
  return JSON.stringify(rows, (_, v) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Map) return { map: [...v] };
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return Object.is(v, -0) ? '-0' : String(v);
    if (v instanceof Uint8Array) return `0x${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    return v;
  });
}

function must(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.code}: ${r.error}`);
  return r.value;
}

// The model: live tables (handle, column names, schema by name, rows) and freed handles.
class Model {
  constructor() {
    this.live = [];
    this.freed = [];
  }
}

/** The first difference between a table's schema and the model's, or null. */
function schemaDifference(names, schema, summary, full) {
  const want = names.map((n) => [n, schema[n].arrowType, schema[n].nullable]);
  const have = summary.columns.map((c) => [c.name, c.arrowType, c.nullable]);
  if (text(have) !== text(want)) return `got  ${text(have)}\n want ${text(want)}`;
  for (const f of full.fields) {
    const m = schema[f.name];
    if (m.typeCodes !== undefined && text(f.type.typeCodes) !== text(m.typeCodes)) return `${f.name}: type codes ${text(f.type.typeCodes)}, want ${text(m.typeCodes)}`;
    // Every command keeps a column's whole field (children, their nullability, metadata) as
    // the table it was first read into had it.
    if (m.field !== undefined && text(f) !== m.field) return `${f.name}: field\n got  ${text(f)}\n want ${m.field}`;
  }
  return null;
}

/**
 * Checks a table the system made against the model's (its schema: column names, Arrow types,
 * nullability, whole fields; its rows) and adds it to the live tables.
 */
async function addTable(q, model, handle, names, rows, what, schema) {
  const got = await q.getRows(handle);
  const summary = await q.getSchemaSummary(handle);
  const full = await q.getSchema(handle);
  const schemaError = summary.ok && full.ok ? schemaDifference(names, schema, summary.value, full.value) : 'unread';
  if (!got.ok || schemaError !== null || text(got.value) !== text(rows)) {
    // Free it first, so that fast-check's shrinking starts from a clean module.
    await q.freeTable(handle);
    must(got, `${what}: getRows`);
    must(summary, `${what}: getSchemaSummary`);
    must(full, `${what}: getSchema`);
    if (schemaError !== null) throw new Error(`${what}: schemas differ: ${schemaError}`);
    throw new Error(`${what}: rows differ\n got  ${text(got.value).slice(0, 400)}\n want ${text(rows).slice(0, 400)}`);
  }
  const fields = Object.fromEntries(full.value.fields.map((f) => [f.name, text(f)]));
  model.live.push({ handle, names, rows, schema: Object.fromEntries(names.map((n) => [n, { ...schema[n], field: schema[n].field ?? fields[n] }])) });
}

const pick = (xs, i) => xs[i % xs.length];

/** The kind of a column Parquet cannot hold (the writer must say `unsupported`), if any. */
const parquetRefuses = (t) => t.names.map((n) => n.replace(/^c\d+_/, '')).find((k) => KINDS[k]?.parquet === false);

/** The model's schema of a table after a Parquet round trip. */
function parquetSchema(t) {
  return Object.fromEntries(t.names.map((n) => {
    const type = KINDS[n.replace(/^c\d+_/, '')]?.parquetType;
    return [n, type === undefined ? t.schema[n] : { arrowType: type, nullable: t.schema[n].nullable }];
  }));
}

/** The bytes of several ArrayBuffers, one after another. */
function joined(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/** The commands, each checking real against model; `made` counts the column kinds made. */
export function commands(q, geo, made = {}) {
  const make = tableSpec.map((spec) => ({
    toString: () => `Make(${spec.encoder}:${spec.kinds.map((k) => k.kind).join(',')} x${spec.rows}${spec.cuts.length > 0 ? ` cut ${spec.cuts}` : ''})`,
    check: () => true,
    run: async (model) => {
      for (const k of spec.kinds) made[`${spec.encoder}:${k.kind}`] = (made[`${spec.encoder}:${k.kind}`] ?? 0) + 1;
      const h = must(await q.readTableFromArrayBuffer(specIpc(spec)), 'read');
      // apache-arrow JS makes every field nullable; ./ipc_encode.mjs writes the spec's.
      const schema = Object.fromEntries(spec.kinds.map((k) => [k.name, { arrowType: KINDS[k.kind].arrowType, typeCodes: KINDS[k.kind].typeCodes, nullable: spec.encoder === 'arrow' || k.nullable }]));
      await addTable(q, model, h, spec.kinds.map((k) => k.name), modelRows(spec), 'make', schema);
    },
  }));
  // Feather is written by writeTableToFeather and read back with its format named.
  const ipc = fc.record({ i: fc.nat(), format: fc.constantFrom('file', 'stream', 'feather'), compression: fc.constantFrom('none', 'lz4', 'zstd') }).map((a) => ({
    toString: () => `Ipc(${a.i},${a.format},${a.compression})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const t = pick(model.live, a.i);
      const written = a.format === 'feather'
        ? await q.writeTableToFeather(t.handle, { compression: a.compression })
        : await q.writeTableToIpc(t.handle, { format: a.format, compression: a.compression });
      const bytes = must(written, `write ${a.format}`);
      const h = must(await q.readTableFromArrayBuffer(bytes, a.format === 'feather' ? { format: 'feather' } : {}), `read ${a.format}`);
      await addTable(q, model, h, t.names, t.rows, `ipc ${a.format}/${a.compression}`, t.schema);
    },
  }));
  const parquet = fc
    .record({
      i: fc.nat(),
      compression: fc.constantFrom('snappy', 'zstd', 'gzip', 'brotli', 'lz4_raw', 'none'),
      dictionary: fc.boolean(),
      pageVersion: fc.constantFrom(1, 2),
      rowGroupRows: fc.constantFrom(3, 10, 1000),
      read: fc.option(fc.record({ offset: fc.nat({ max: 50 }), limit: fc.nat({ max: 50 }), batchSize: fc.integer({ min: 1, max: 20 }), cols: fc.nat() }), { nil: null }),
    })
    .map((a) => ({
      toString: () => `Parquet(${JSON.stringify(a)})`,
      check: (m) => m.live.length > 0,
      run: async (model) => {
        const t = pick(model.live, a.i);
        const written = await q.writeTableToParquet(t.handle, { compression: a.compression, dictionary: a.dictionary, pageVersion: a.pageVersion, rowGroupRows: a.rowGroupRows });
        const refused = parquetRefuses(t);
        if (refused !== undefined) {
          if (written.ok || written.code !== 'unsupported') throw new Error(`Parquet of ${refused}: expected unsupported, got ${written.ok ? 'ok' : `${written.code}: ${written.error}`}`);
          return;
        }
        const bytes = must(written, 'write parquet');
        const schema = parquetSchema(t);
        if (a.read === null) {
          const h = must(await q.readTableFromArrayBuffer(bytes), 'read parquet');
          await addTable(q, model, h, t.names, t.rows, 'parquet', schema);
          return;
        }
        const names = t.names.filter((_, k) => (a.read.cols >> k) & 1);
        const columns = names.length > 0 ? names : t.names;
        const rows = t.rows.slice(a.read.offset, a.read.offset + a.read.limit).map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
        const h = must(await q.readTableFromArrayBuffer(bytes, { columns, offset: a.read.offset, limit: a.read.limit, batchSize: a.read.batchSize }), 'read parquet selection');
        await addTable(q, model, h, columns, rows, 'parquet selection', schema);
      },
    }));
  // The incremental writers (IPC file/stream, Parquet): the table written slice by slice, the
  // pieces each call returns joined, read back whole; or the writer abandoned midway.
  const incremental = fc
    .record({
      i: fc.nat(),
      format: fc.constantFrom('file', 'stream', 'parquet'),
      compression: fc.constantFrom('none', 'lz4', 'zstd'),
      cuts: fc.array(fc.nat({ max: 45 }), { maxLength: 3 }),
      abandon: fc.boolean(),
    })
    .map((a) => ({
      toString: () => `Incremental(${JSON.stringify(a)})`,
      check: (m) => m.live.length > 0,
      run: async (model) => {
        const t = pick(model.live, a.i);
        const parquet = a.format === 'parquet';
        const api = parquet
          ? { create: () => q.createParquetWriter({ compression: a.compression === 'lz4' ? 'lz4_raw' : a.compression, rowGroupRows: 7 }), write: q.writeToParquetWriter, finish: q.finishParquetWriter, free: q.freeParquetWriter }
          : { create: () => q.createIpcWriter({ format: a.format, compression: a.compression }), write: q.writeToIpcWriter, finish: q.finishIpcWriter, free: q.freeIpcWriter };
        const w = must(await api.create(), 'create writer');
        const write = (h) => api.write(w, h);
        const bounds = [0, ...a.cuts.filter((c) => c <= t.rows.length).sort((x, y) => x - y), t.rows.length];
        const parts = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const piece = must(await q.slice(t.handle, bounds[k], bounds[k + 1] - bounds[k]), 'slice');
          const r = await write(piece);
          must(await q.freeTable(piece), 'free slice');
          const refused = parquet ? parquetRefuses(t) : undefined;
          if (refused !== undefined) {
            must(await api.free(w), 'free refused writer');
            if (r.ok || r.code !== 'unsupported') throw new Error(`incremental Parquet of ${refused}: expected unsupported, got ${r.ok ? 'ok' : r.code}`);
            return;
          }
          parts.push(must(r, 'write piece'));
        }
        if (a.abandon) {
          must(await api.free(w), 'free writer');
          const again = await write(t.handle);
          if (again.ok || again.code !== 'invalid_handle') throw new Error(`write after free: expected invalid_handle, got ${again.ok ? 'ok' : again.code}`);
          return;
        }
        parts.push(must(await api.finish(w), 'finish writer'));
        const h = must(await q.readTableFromArrayBuffer(joined(parts)), 'read incremental');
        await addTable(q, model, h, t.names, t.rows, `incremental ${a.format}`, parquet ? parquetSchema(t) : t.schema);
      },
    }));
  const select = fc.record({ i: fc.nat(), mask: fc.nat() }).map((a) => ({
    toString: () => `Select(${a.i},${a.mask})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const t = pick(model.live, a.i);
      const chosen = t.names.filter((_, k) => (a.mask >> k) & 1);
      const cols = chosen.length > 0 ? chosen.reverse() : [t.names[0]];
      const h = must(await q.selectColumns(t.handle, cols), 'select');
      await addTable(q, model, h, cols, t.rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]]))), 'select', t.schema);
    },
  }));
  const slice = fc.record({ i: fc.nat(), offset: fc.nat({ max: 45 }), length: fc.nat({ max: 45 }) }).map((a) => ({
    toString: () => `Slice(${a.i},${a.offset},${a.length})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const t = pick(model.live, a.i);
      const r = await q.slice(t.handle, a.offset, a.length);
      if (a.offset + a.length > t.rows.length) {
        if (r.ok || r.code !== 'invalid_argument') throw new Error(`slice past the end: expected invalid_argument, got ${JSON.stringify(r.ok ? 'ok' : r.code)}`);
        if (r.ok) await q.freeTable(r.value);
        return;
      }
      await addTable(q, model, must(r, 'slice'), t.names, t.rows.slice(a.offset, a.offset + a.length), 'slice', t.schema);
    },
  }));
  const concat = fc.record({ i: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }).map((a) => ({
    toString: () => `Concat(${a.i}x${a.times})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const t = pick(model.live, a.i);
      const h = must(await q.concatTables(Array.from({ length: a.times }, () => t.handle)), 'concat');
      await addTable(q, model, h, t.names, Array.from({ length: a.times }, () => t.rows).flat(), 'concat', t.schema);
    },
  }));
  // A column copied out as values, or (numeric columns) as a typed array with a validity
  // byte per row whose null slots hold 0; length, null count and type as the model says.
  const column = fc.record({ i: fc.nat(), c: fc.nat(), asArray: fc.boolean() }).map((a) => ({
    toString: () => `Column(${a.i},${a.c},${a.asArray ? 'array' : 'typed'})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const t = pick(model.live, a.i);
      const name = pick(t.names, a.c);
      const col = must(await q.getColumn(t.handle, name, { asArray: a.asArray }), 'getColumn');
      const want = t.rows.map((r) => r[name]);
      // Run-end encoded arrays and unions have no validity of their own: their null count is 0.
      const logicalNulls = /^(RunEndEncoded|SparseUnion|DenseUnion)</.test(t.schema[name].arrowType);
      const nulls = logicalNulls ? 0 : want.filter((v) => v === null).length;
      const head = [col.length, col.nullCount, col.arrowType];
      if (text(head) !== text([want.length, nulls, t.schema[name].arrowType])) {
        throw new Error(`getColumn ${name}: length, null count, type ${text(head)}, want ${text([want.length, nulls, t.schema[name].arrowType])}`);
      }
      let got = col.values;
      if (!Array.isArray(got)) {
        if (a.asArray) throw new Error(`getColumn ${name}: asArray gave a typed array`);
        const zero = typeof got[0] === 'bigint' ? 0n : 0;
        const valid = (k) => col.validity === null || col.validity[k] === 1;
        if (got.some((v, k) => !valid(k) && v !== zero)) throw new Error(`getColumn ${name}: a null slot is not 0`);
        got = Array.from(got, (v, k) => (valid(k) ? v : null));
      }
      if (text(got) !== text(want)) throw new Error(`getColumn ${name}: got ${text(got).slice(0, 300)} want ${text(want).slice(0, 300)}`);
    },
  }));
  const free = fc.nat().map((i) => ({
    toString: () => `Free(${i})`,
    check: (m) => m.live.length > 0,
    run: async (model) => {
      const k = i % model.live.length;
      const [t] = model.live.splice(k, 1);
      must(await q.freeTable(t.handle), 'free');
      model.freed.push(t.handle);
    },
  }));
  const stale = fc.record({ i: fc.nat(), op: fc.constantFrom('free', 'rows', 'write', 'select') }).map((a) => ({
    toString: () => `UseAfterFree(${a.i},${a.op})`,
    check: (m) => m.freed.length > 0,
    run: async (model) => {
      const h = pick(model.freed, a.i);
      const r = a.op === 'free' ? await q.freeTable(h) : a.op === 'rows' ? await q.getRows(h) : a.op === 'write' ? await q.writeTableToParquet(h) : await q.selectColumns(h, [0]);
      if (r.ok || r.code !== 'invalid_handle') throw new Error(`${a.op} after free: expected invalid_handle, got ${r.ok ? 'ok' : r.code}`);
    },
  }));
  const base = [make, make, ipc, parquet, parquet, incremental, select, slice, concat, column, free, stale];
  if (geo === undefined) return base;
  let loaded;
  const plugin = async () => must(await (loaded ??= q.loadPlugin(geo.geoPlugin)), 'loadPlugin');
  const makeGeo = fc.array(fc.option(geometry, { nil: null, freq: 4 }), { maxLength: 12 }).map((values) => ({
    toString: () => `MakeGeo(${values.map((v) => (v === null ? 'null' : unwkb(v).kind)).join(',')})`,
    check: () => true,
    run: async (model) => {
      const h = must(await q.readTableFromArrayBuffer(geoIpc(values)), 'read geo');
      await addTable(q, model, h, ['geom'], values.map((geom) => ({ geom })), 'make geo', { geom: { arrowType: GEOM_TYPE, nullable: true } });
    },
  }));
  const geoOps = fc.nat().map((i) => ({
    toString: () => `Geo(${i})`,
    check: (m) => m.live.some((t) => t.names.includes('geom')),
    run: async (model) => {
      const t = pick(model.live.filter((x) => x.names.includes('geom')), i);
      const ops = await plugin();
      const geoms = t.rows.map((r) => (r.geom === null ? null : unwkb(r.geom)));
      const coords = geoms.flatMap((g) => (g === null ? [] : g.coords));
      const want = coords.length === 0 ? null : {
        xmin: Math.min(...coords.map((c) => c[0])), ymin: Math.min(...coords.map((c) => c[1])),
        xmax: Math.max(...coords.map((c) => c[0])), ymax: Math.max(...coords.map((c) => c[1])),
      };
      const got = must(await ops.bounds(t.handle, 'geom'), 'bounds');
      if (text(got) !== text(want)) throw new Error(`bounds: got ${text(got)} want ${text(want)}`);
      const kinds = new Set(geoms.filter((g) => g !== null).map((g) => g.kind));
      if (kinds.size === 0) return;
      const native = await ops.toNative(t.handle, 'geom');
      if (kinds.size > 1) {
        if (native.ok || native.code !== 'plugin') throw new Error(`toNative of mixed kinds: expected plugin, got ${native.ok ? 'ok' : native.code}`);
        if (native.ok) await q.freeTable(native.value);
        return;
      }
      const n = must(native, 'toNative');
      const back = await ops.toWkb(n, 'geom');
      must(await q.freeTable(n), 'free native');
      const b = must(back, 'toWkb');
      const rows = await q.getRows(b);
      must(await q.freeTable(b), 'free wkb');
      if (text(must(rows, 'rows').map((r) => r.geom)) !== text(t.rows.map((r) => r.geom))) {
        throw new Error(`WKB -> native -> WKB changed the values: ${text(rows.value).slice(0, 300)}`);
      }
    },
  }));
  return [...base, makeGeo, geoOps, geoOps];
}

/**
 * Runs `numRuns` random command sequences; throws (with fast-check's seed and path for
 * replay) on the first difference. Returns how many times each command ran and, under
 * `made`, how many columns of each encoder:kind were made.
 */
export async function runModel(q, { numRuns, seed, maxCommands = 25, geo }) {
  const baseline = must(await q.memoryStats(), 'memoryStats');
  const executed = {};
  const made = {};
  const counted = commands(q, geo, made).map((arb) =>
    arb.map((c) => ({
      toString: () => c.toString(),
      check: (m) => c.check(m),
      run: async (m) => {
        const name = c.toString().replace(/\(.*$/, '');
        executed[name] = (executed[name] ?? 0) + 1;
        await c.run(m);
      },
    })));
  await fc.assert(
    fc.asyncProperty(fc.commands(counted, { maxCommands, size: 'large' }), async (cmds) => {
      const model = new Model();
      const real = {};
      const cleanup = async () => {
        for (const t of model.live) must(await q.freeTable(t.handle), 'cleanup');
        model.live = [];
      };
      await fc.asyncModelRun(() => ({ model, real }), cmds).catch(async (e) => {
        await cleanup();
        throw e;
      });
      await cleanup();
      const after = must(await q.memoryStats(), 'memoryStats');
      if (after.liveHandles !== baseline.liveHandles || after.arrowBytesLive !== baseline.arrowBytesLive || after.liveWriters !== baseline.liveWriters) {
        throw new Error(`memory not back to baseline: ${JSON.stringify({ baseline, after })}`);
      }
    }),
    { numRuns, seed, verbose: 1, includeErrorInReport: true },
  );
  return { ...executed, made };
}
