// A small Arrow IPC stream encoder for the model-based test, written from the columnar and
// IPC specifications, independent of both apache-arrow JS and Quiver. It exists for the
// layouts apache-arrow JS cannot build: run-end encoded arrays, list views (32- and 64-bit),
// sparse unions and unions whose type codes are not 0..n-1. It also writes a table as many
// record batches, empty ones included.
//
// A type is a plain object: { id, ...params, children? } with id one of
//   int (bitWidth 16/32/64, signed), float64, bool, utf8,
//   list_view / large_list_view (child), run_end_encoded (runEndBits, values),
//   union (mode 'sparse' | 'dense', typeCodes, children), struct (children),
//   dictionary (indexBits 8/16/32, values, mode 'delta' | 'replace'; top-level fields only):
//   each batch that brings values the dictionary lacks is preceded by a dictionary batch,
//   a delta (the new values appended) or a replacement (the batch's values alone).
// A child is { name, type, nullable }. Values are JavaScript values (bigint for 64-bit
// integers, arrays for lists, objects for structs, null for null); a union value is
// { child: k, value } (k the child's index).
import { Builder } from 'flatbuffers';

// Type union members (Schema.fbs order: Null = 1, Int, FloatingPoint, ...).
const TYPE = { int: 2, float64: 3, utf8: 5, bool: 6, struct: 13, union: 14, run_end_encoded: 22, list_view: 25, large_list_view: 26 };
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
const METADATA_V5 = 4;

/**
 * The canonical text of a value: equal texts, equal values (used to find runs). Numbers
 * and bigints are spelled out so that NaN, -0 and the infinities keep their identity.
 */
function key(v) {
  return JSON.stringify(v, (_, x) => {
    if (typeof x === 'bigint') return { bigint: String(x) };
    if (typeof x === 'number') return { number: Object.is(x, -0) ? '-0' : String(x) };
    return x;
  });
}

// ---- Schema ----------------------------------------------------------------------------

function typeTable(b, type) {
  switch (type.id) {
    case 'int':
      b.startObject(2);
      b.addFieldInt32(0, type.bitWidth, 0);
      b.addFieldInt8(1, type.signed === false ? 0 : 1, 0);
      return b.endObject();
    case 'float64':
      b.startObject(1);
      b.addFieldInt16(0, 2, 0); // DOUBLE
      return b.endObject();
    case 'union': {
      b.startVector(4, type.typeCodes.length, 4);
      for (let i = type.typeCodes.length - 1; i >= 0; i--) b.addInt32(type.typeCodes[i]);
      const codes = b.endVector();
      b.startObject(2);
      b.addFieldInt16(0, type.mode === 'dense' ? 1 : 0, -1); // Sparse = 0: written, not defaulted
      b.addFieldOffset(1, codes, 0);
      return b.endObject();
    }
    default:
      b.startObject(0);
      return b.endObject();
  }
}

function childrenOf(type) {
  switch (type.id) {
    case 'list_view':
    case 'large_list_view':
      return [type.child];
    case 'run_end_encoded':
      return [
        { name: 'run_ends', type: { id: 'int', bitWidth: type.runEndBits }, nullable: false },
        { name: 'values', type: type.values, nullable: true },
      ];
    case 'union':
    case 'struct':
      return type.children;
    default:
      return [];
  }
}

function keyValues(b, metadata) {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) return 0;
  const offsets = entries.map(([k, v]) => {
    const ko = b.createString(k);
    const vo = b.createString(v);
    b.startObject(2);
    b.addFieldOffset(0, ko, 0);
    b.addFieldOffset(1, vo, 0);
    return b.endObject();
  });
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

function offsetVector(b, offsets) {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

function fieldTable(b, field, dictionaryId) {
  const dictionary = field.type.id === 'dictionary' ? field.type : null;
  // A dictionary-encoded field has its values' type, and its encoding beside it.
  const valueType = dictionary === null ? field.type : dictionary.values;
  const name = b.createString(field.name);
  const type = typeTable(b, valueType);
  const children = offsetVector(b, childrenOf(valueType).map((c) => fieldTable(b, c)));
  const metadata = keyValues(b, field.metadata);
  let encoding = 0;
  if (dictionary !== null) {
    const index = typeTable(b, { id: 'int', bitWidth: dictionary.indexBits });
    b.startObject(4);
    b.addFieldInt64(0, BigInt(dictionaryId), -1n);
    b.addFieldOffset(1, index, 0);
    encoding = b.endObject();
  }
  b.startObject(7);
  b.addFieldOffset(0, name, 0);
  b.addFieldInt8(1, field.nullable ? 1 : 0, 0);
  b.addFieldInt8(2, TYPE[valueType.id], 0);
  b.addFieldOffset(3, type, 0);
  if (encoding !== 0) b.addFieldOffset(4, encoding, 0);
  b.addFieldOffset(5, children, 0);
  if (metadata !== 0) b.addFieldOffset(6, metadata, 0);
  return b.endObject();
}

function message(b, headerType, header, bodyLength) {
  b.startObject(5);
  b.addFieldInt16(0, METADATA_V5, 0);
  b.addFieldInt8(1, headerType, 0);
  b.addFieldOffset(2, header, 0);
  b.addFieldInt64(3, BigInt(bodyLength), 0n);
  b.finish(b.endObject());
  return b.asUint8Array();
}

function schemaMessage(fields) {
  const b = new Builder(1024);
  const fieldsVector = offsetVector(b, fields.map((f, i) => fieldTable(b, f, i)));
  b.startObject(4);
  b.addFieldOffset(1, fieldsVector, 0);
  return message(b, HEADER_SCHEMA, b.endObject(), 0);
}

// ---- Data ------------------------------------------------------------------------------

function validity(values) {
  if (!values.some((v) => v === null)) return new Uint8Array(0);
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null) bits[i >> 3] |= 1 << (i & 7);
  });
  return bits;
}

const nullCount = (values) => values.filter((v) => v === null).length;
const bytesOf = (typed) => new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);

// A filler for slots nobody may read (null slots, other children of a sparse union): not
// zero, so that a reader that looks there anyway is noticed.
function filler(type) {
  switch (type.id) {
    case 'int': return type.bitWidth === 64 ? -7n : -7;
    case 'float64': return -7.5;
    case 'bool': return true;
    case 'utf8': return 'unread';
    case 'list_view':
    case 'large_list_view': return [];
    case 'run_end_encoded': return filler(type.values);
    case 'union': return { child: 0, value: filler(type.children[0].type) };
    case 'struct': return Object.fromEntries(type.children.map((c) => [c.name, filler(c.type)]));
    default: throw new Error(`no filler for ${type.id}`);
  }
}

/**
 * Appends the field nodes and buffers of `values` (of `type`), depth first, as the record
 * batch lists them.
 */
function encodeArray(type, values, nodes, buffers) {
  const n = values.length;
  switch (type.id) {
    case 'int': {
      nodes.push([n, nullCount(values)]);
      const Ctor = { 16: Int16Array, 32: Int32Array, 64: BigInt64Array }[type.bitWidth];
      const data = new Ctor(n);
      values.forEach((v, i) => {
        data[i] = v === null ? filler(type) : v;
      });
      buffers.push(validity(values), bytesOf(data));
      return;
    }
    case 'float64': {
      nodes.push([n, nullCount(values)]);
      buffers.push(validity(values), bytesOf(Float64Array.from(values, (v) => (v === null ? filler(type) : v))));
      return;
    }
    case 'bool': {
      nodes.push([n, nullCount(values)]);
      const bits = new Uint8Array((n + 7) >> 3);
      values.forEach((v, i) => {
        if (v === true) bits[i >> 3] |= 1 << (i & 7);
      });
      buffers.push(validity(values), bits);
      return;
    }
    case 'utf8': {
      nodes.push([n, nullCount(values)]);
      const encoded = values.map((v) => new TextEncoder().encode(v ?? ''));
      const offsets = new Int32Array(n + 1);
      encoded.forEach((e, i) => {
        offsets[i + 1] = offsets[i] + e.length;
      });
      const data = new Uint8Array(offsets[n]);
      encoded.forEach((e, i) => data.set(e, offsets[i]));
      buffers.push(validity(values), bytesOf(offsets), data);
      return;
    }
    case 'list_view':
    case 'large_list_view': {
      // The child holds one unread value first, then the lists in reverse row order; a
      // list equal to an earlier row's shares that row's values (views may overlap).
      nodes.push([n, nullCount(values)]);
      const large = type.id === 'large_list_view';
      const offsets = large ? new BigInt64Array(n) : new Int32Array(n);
      const sizes = large ? new BigInt64Array(n) : new Int32Array(n);
      const child = [filler(type.child.type)];
      const seen = new Map();
      for (let i = n - 1; i >= 0; i--) {
        const v = values[i];
        if (v === null || v.length === 0) continue;
        let at = seen.get(key(v));
        if (at === undefined) {
          at = child.length;
          seen.set(key(v), at);
          child.push(...v);
        }
        offsets[i] = large ? BigInt(at) : at;
        sizes[i] = large ? BigInt(v.length) : v.length;
      }
      buffers.push(validity(values), bytesOf(offsets), bytesOf(sizes));
      encodeArray(type.child.type, child, nodes, buffers);
      return;
    }
    case 'run_end_encoded': {
      // No buffers of its own and no validity: nulls are null values of the runs.
      nodes.push([n, 0]);
      const ends = [];
      const runValues = [];
      values.forEach((v, i) => {
        if (runValues.length > 0 && key(runValues[runValues.length - 1]) === key(v)) {
          ends[ends.length - 1] = i + 1;
        } else {
          ends.push(i + 1);
          runValues.push(v);
        }
      });
      encodeArray({ id: 'int', bitWidth: type.runEndBits }, ends.map((e) => (type.runEndBits === 64 ? BigInt(e) : e)), nodes, buffers);
      encodeArray(type.values, runValues, nodes, buffers);
      return;
    }
    case 'union': {
      // No validity bitmap (format version 5): nulls are null values of a child.
      nodes.push([n, 0]);
      buffers.push(Int8Array.from(values, (v) => type.typeCodes[v.child]));
      if (type.mode === 'sparse') {
        type.children.forEach((c, k) => {
          encodeArray(c.type, values.map((v) => (v.child === k ? v.value : filler(c.type))), nodes, buffers);
        });
        return;
      }
      const offsets = new Int32Array(n);
      const counts = type.children.map(() => 0);
      values.forEach((v, i) => {
        offsets[i] = counts[v.child]++;
      });
      buffers.push(bytesOf(offsets));
      type.children.forEach((c, k) => {
        encodeArray(c.type, values.filter((v) => v.child === k).map((v) => v.value), nodes, buffers);
      });
      return;
    }
    case 'struct': {
      nodes.push([n, nullCount(values)]);
      buffers.push(validity(values));
      for (const c of type.children) encodeArray(c.type, values.map((v) => (v === null ? filler(c.type) : v[c.name])), nodes, buffers);
      return;
    }
    case 'dictionary': {
      // Indices into the dictionary as sent so far (type.lookup, kept by encodeStream); an
      // index under a null is out of range on purpose.
      nodes.push([n, nullCount(values)]);
      const Ctor = { 8: Int8Array, 16: Int16Array, 32: Int32Array }[type.indexBits];
      buffers.push(validity(values), bytesOf(Ctor.from(values, (v) => (v === null ? -7 : type.lookup.get(key(v))))));
      return;
    }
    default:
      throw new Error(`ipc_encode: no encoder for ${type.id}`);
  }
}

const pad8 = (n) => (n + 7) & ~7;

/** A vector of structs of two longs (Buffer, FieldNode): back to front, fields too. */
function pairVector(b, pairs) {
  b.startVector(16, pairs.length, 8);
  for (let i = pairs.length - 1; i >= 0; i--) {
    b.prep(8, 16);
    b.writeInt64(BigInt(pairs[i][1]));
    b.writeInt64(BigInt(pairs[i][0]));
  }
  return b.endVector();
}

/** A RecordBatch table of `columns` of `types`, and its body. */
function recordBatch(b, types, columns, rows) {
  const nodes = [];
  const buffers = [];
  types.forEach((t, i) => encodeArray(t, columns[i], nodes, buffers));
  const layout = [];
  let bodyLength = 0;
  for (const buf of buffers) {
    layout.push([bodyLength, buf.byteLength]);
    bodyLength = pad8(bodyLength + buf.byteLength);
  }
  const bufferVector = pairVector(b, layout);
  const nodeVector = pairVector(b, nodes);
  b.startObject(5);
  b.addFieldInt64(0, BigInt(rows), 0n);
  b.addFieldOffset(1, nodeVector, 0);
  b.addFieldOffset(2, bufferVector, 0);
  const table = b.endObject();
  const body = new Uint8Array(bodyLength);
  buffers.forEach((buf, i) => body.set(buf, layout[i][0]));
  return { table, body, bodyLength };
}

function recordBatchMessage(fields, columns, rows) {
  const b = new Builder(1024);
  const { table, body, bodyLength } = recordBatch(b, fields.map((f) => f.type), columns, rows);
  return { metadata: message(b, HEADER_RECORD_BATCH, table, bodyLength), body };
}

function dictionaryBatchMessage(id, valueType, values, isDelta) {
  const b = new Builder(1024);
  const { table, body, bodyLength } = recordBatch(b, [valueType], [values], values.length);
  b.startObject(3);
  b.addFieldInt64(0, BigInt(id), -1n);
  b.addFieldOffset(1, table, 0);
  b.addFieldInt8(2, isDelta ? 1 : 0, 0);
  return { metadata: message(b, HEADER_DICTIONARY_BATCH, b.endObject(), bodyLength), body };
}

/**
 * The dictionary batches a record batch of `values` needs for dictionary field `id` of
 * `type`, updating the dictionary as sent (type.sent) and the lookup its indices use.
 */
function dictionaryUpdates(id, type, values) {
  const fresh = [];
  for (const v of values) {
    if (v !== null && !type.lookup.has(key(v)) && !fresh.some((f) => key(f) === key(v))) fresh.push(v);
  }
  const first = !type.begun;
  type.begun = true;
  // The first batch sends a dictionary even when it needs none (all null, or no rows).
  if (fresh.length === 0 && !first) return [];
  if (type.mode === 'delta' || first) {
    const out = dictionaryBatchMessage(id, type.values, fresh, !first);
    for (const v of fresh) type.lookup.set(key(v), type.sent.push(v) - 1);
    return [out];
  }
  // A replacement: this batch's values alone (in their order of first appearance).
  type.sent = [];
  type.lookup = new Map();
  for (const v of values) {
    if (v !== null && !type.lookup.has(key(v))) type.lookup.set(key(v), type.sent.push(v) - 1);
  }
  return [dictionaryBatchMessage(id, type.values, type.sent, false)];
}

function frame(metadata, body) {
  const size = pad8(8 + metadata.byteLength);
  const out = new Uint8Array(size + body.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xffffffff, true);
  view.setInt32(4, size - 8, true);
  out.set(metadata, 8);
  out.set(body, size);
  return out;
}

/**
 * An Arrow IPC stream of `fields` ({ name, type, nullable, metadata? }) and `columns` (one
 * array of values per field), cut into record batches at `cuts` (ascending row numbers,
 * repeats allowed: each repeat is an empty batch).
 */
export function encodeStream(fields, columns, cuts = []) {
  const rows = columns.length === 0 ? 0 : columns[0].length;
  const bounds = [0, ...cuts.filter((c) => c >= 0 && c <= rows), rows];
  const parts = [frame(schemaMessage(fields), new Uint8Array(0))];
  // The dictionaries' state lives on copies of their types, one per stream.
  const typed = fields.map((f) => (f.type.id === 'dictionary' ? { ...f, type: { ...f.type, sent: [], lookup: new Map() } } : f));
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [from, to] = [bounds[k], bounds[k + 1]];
    const slices = columns.map((c) => c.slice(from, to));
    typed.forEach((f, i) => {
      if (f.type.id !== 'dictionary') return;
      for (const d of dictionaryUpdates(i, f.type, slices[i])) parts.push(frame(d.metadata, d.body));
    });
    const { metadata, body } = recordBatchMessage(typed, slices, to - from);
    parts.push(frame(metadata, body));
  }
  parts.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
