// Shared test helpers: sample tables built with apache-arrow, and assertions on Results.
import assert from 'node:assert/strict';
import { Bool, Float64, Int32, Int64, List, Field, Struct, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';

/** A table of four rows with int64, utf8 (one null), float64, bool, timestamp, list and struct columns. */
export function sampleArrowTable() {
  return new Table({
    id: vectorFromArray([1n, 2n, 3n, 4n], new Int64()),
    name: vectorFromArray(['a', null, 'c', 'd'], new Utf8()),
    score: vectorFromArray([0.5, 1.5, Number.NaN, -2], new Float64()),
    flag: vectorFromArray([true, false, null, true], new Bool()),
    at: vectorFromArray([0, 1000, 2000, 3000], new TimestampMillisecond('UTC')),
    tags: vectorFromArray([[1, 2], [], null, [3]], new List(new Field('item', new Int32(), true))),
    point: vectorFromArray(
      [{ x: 1, y: 'p' }, { x: 2, y: 'q' }, null, { x: 4, y: 's' }],
      new Struct([new Field('x', new Int32(), true), new Field('y', new Utf8(), true)]),
    ),
  });
}

/** The sample table as IPC bytes: 'file' or 'stream'. */
export function sampleBytes(format = 'file') {
  return tableToIPC(sampleArrowTable(), format);
}

export function expectOk(r) {
  assert.equal(r.ok, true, r.ok ? '' : `${r.code}: ${r.error}`);
  return r.value;
}

export function expectError(r, code, message) {
  assert.equal(r.ok, false, 'expected an error');
  assert.equal(r.code, code, r.error);
  if (message instanceof RegExp) assert.match(r.error, message);
  else if (message !== undefined) assert.equal(r.error, message);
  return r;
}
