// Deterministic (seeded) datasets of the benchmark suite, built as apache-arrow JS tables
// in record batches of BATCH_ROWS rows. Every value comes from rng(seed + column salt), so
// a (dataset, rows, seed) triple always names the same bytes.
import { rng } from './common.mjs';

export const BATCH_ROWS = 65536;

const WORDS = ('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore '
  + 'et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea '
  + 'commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur '
  + 'excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum')
  .split(' ').map((w) => new TextEncoder().encode(w));

function validity(r, n, pct) {
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (r() * 100 < pct) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { nullBitmap: nullCount ? bitmap : undefined, nullCount };
}

function fixed(A, type, Arr, n, pct, r, gen) {
  const data = new Arr(n);
  for (let i = 0; i < n; i++) data[i] = gen(i);
  return A.makeData({ type, length: n, data, ...validity(r, n, pct) });
}

/** utf8 from `pieces(i)`: an array of byte arrays joined by '_'. */
function utf8(A, n, pct, r, pieces) {
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(n * 16);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const parts = pieces(i);
    let len = parts.length - 1;
    for (const p of parts) len += p.length;
    if (pos + len > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, pos + len));
      grown.set(bytes.subarray(0, pos));
      bytes = grown;
    }
    parts.forEach((p, k) => {
      if (k) bytes[pos++] = 95;
      bytes.set(p, pos);
      pos += p.length;
    });
    offsets[i + 1] = pos;
  }
  return A.makeData({ type: new A.Utf8(), length: n, valueOffsets: offsets, data: bytes.slice(0, pos), ...validity(r, n, pct) });
}

const ascii = (s) => new TextEncoder().encode(s);
const words = (r, k) => Array.from({ length: k }, () => WORDS[Math.floor(r() * WORDS.length)]);

/** Column makers: (A, n, r, start) => Data, with the field's type. */
function mixColumns(A, dictVector) {
  return {
    i32: [new A.Int32(), (n, r) => fixed(A, new A.Int32(), Int32Array, n, 10, r, () => Math.floor(r() * 200000) - 100000)],
    i64: [new A.Int64(), (n, r, s) => fixed(A, new A.Int64(), BigInt64Array, n, 10, r, (i) => BigInt(s + i) * 7n + BigInt(Math.floor(r() * 7)))],
    f64: [new A.Float64(), (n, r) => fixed(A, new A.Float64(), Float64Array, n, 10, r, () => Math.round(r() * 1e8) / 100)],
    flag: [new A.Bool(), (n, r) => {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (r() < 0.5) data[i >> 3] |= 1 << (i & 7);
      return A.makeData({ type: new A.Bool(), length: n, data, ...validity(r, n, 10) });
    }],
    name: [new A.Utf8(), (n, r) => utf8(A, n, 10, r, () => [WORDS[Math.floor(r() * WORDS.length)], ascii(String(Math.floor(r() * 10000)))])],
    ts: [new A.TimestampMillisecond(), (n, r, s) => fixed(A, new A.TimestampMillisecond(), BigInt64Array, n, 10, r,
      (i) => 1700000000000n + BigInt(s + i) * 1000n + BigInt(Math.floor(r() * 1000)))],
    category: [new A.Dictionary(new A.Utf8(), new A.Int32()), (n, r) => A.makeData({
      type: new A.Dictionary(new A.Utf8(), new A.Int32()), length: n,
      data: Int32Array.from({ length: n }, () => Math.floor(r() * dictVector.length)), dictionary: dictVector, ...validity(r, n, 10),
    })],
  };
}

function wideColumns(A) {
  const cols = {};
  for (let c = 0; c < 60; c++) {
    const k = c % 3;
    const [type, Arr, gen] = k === 0 ? [new A.Int32(), Int32Array, (r) => Math.floor(r() * 1e6)]
      : k === 1 ? [new A.Int64(), BigInt64Array, (r) => BigInt(Math.floor(r() * 1e12))]
        : [new A.Float64(), Float64Array, (r) => Math.round(r() * 1e6) / 1000];
    cols[`c${c}`] = [type, (n, r) => fixed(A, type, Arr, n, 5, r, () => gen(r))];
  }
  return cols;
}

function stringColumns(A) {
  const cats = Array.from({ length: 100 }, (_, i) => ascii(`category_${i}`));
  return {
    short: [new A.Utf8(), (n, r) => utf8(A, n, 5, r, () => words(r, 1))],
    medium: [new A.Utf8(), (n, r) => utf8(A, n, 5, r, () => words(r, 4 + Math.floor(r() * 8)))],
    long: [new A.Utf8(), (n, r) => utf8(A, n, 5, r, () => words(r, 10 + Math.floor(r() * 20)))],
    cat: [new A.Utf8(), (n, r) => utf8(A, n, 5, r, () => [cats[Math.floor(r() * cats.length)]])],
  };
}

function nestedColumns(A) {
  const item = new A.Field('item', new A.Int32(), true);
  const structType = new A.Struct([new A.Field('x', new A.Float64(), true), new A.Field('label', new A.Utf8(), true)]);
  return {
    id: [new A.Int64(), (n, r, s) => fixed(A, new A.Int64(), BigInt64Array, n, 0, r, (i) => BigInt(s + i))],
    tags: [new A.List(item), (n, r) => {
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + Math.floor(r() * 6);
      const m = offsets[n];
      const child = fixed(A, new A.Int32(), Int32Array, m, 5, r, () => Math.floor(r() * 1000));
      return A.makeData({ type: new A.List(item), length: n, valueOffsets: offsets, child, ...validity(r, n, 10) });
    }],
    point: [structType, (n, r) => A.makeData({
      type: structType, length: n, ...validity(r, n, 10),
      children: [fixed(A, new A.Float64(), Float64Array, n, 5, r, () => Math.round(r() * 1e6) / 100),
        utf8(A, n, 5, r, () => words(r, 1 + Math.floor(r() * 2)))],
    })],
  };
}

/** The apache-arrow JS Table of `name` with `rows` rows. */
export function makeTable(A, name, rows, seed) {
  const dict = A.makeVector(utf8(A, 32, 0, rng(seed), (i) => [ascii(`cat_${i}`), WORDS[i % WORDS.length]]));
  const cols = { mix: () => mixColumns(A, dict), wide: () => wideColumns(A), strings: () => stringColumns(A), nested: () => nestedColumns(A) }[name]();
  const names = Object.keys(cols);
  const schema = new A.Schema(names.map((k) => new A.Field(k, cols[k][0], true)));
  const rs = names.map((_, c) => rng(seed * 1000 + c + 1));
  const batches = [];
  for (let start = 0; start < rows; start += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows - start);
    const children = names.map((k, c) => cols[k][1](n, rs[c], start));
    batches.push(new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: n, children })));
  }
  return new A.Table(schema, batches);
}
