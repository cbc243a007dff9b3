// Random (seeded) DuckDB schemas and SQL value expressions for the Parquet compat tests.
// Values come from DuckDB's deterministic hash of the row number, so a seed names a file.

export { rng } from './rng.mjs';

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

export const LEAF_TYPES = [
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT',
  'FLOAT', 'DOUBLE', 'BOOLEAN', 'VARCHAR', 'VARCHAR_LOWCARD', 'BLOB', 'DATE', 'TIMESTAMP', 'TIMESTAMP_NS',
  'TIMESTAMP_MS', 'TIMESTAMPTZ', 'TIME', 'DECIMAL(4,1)', 'DECIMAL(9,3)', 'DECIMAL(18,6)', 'DECIMAL(30,10)',
  'DECIMAL(38,0)', 'UUID', 'INTERVAL',
];

/** A random type tree: {kind: 'leaf', type} | {kind: 'list'|'struct'|'map', ...}; leaves from `leaves`. */
export function randomType(r, depth, leaves = LEAF_TYPES) {
  const x = r();
  if (depth < 2 && x < 0.15) return { kind: 'list', elem: randomType(r, depth + 1, leaves) };
  if (depth < 2 && x < 0.25) return { kind: 'struct', fields: [randomType(r, depth + 1, leaves), randomType(r, depth + 1, leaves)] };
  if (depth < 2 && x < 0.3) return { kind: 'map', value: randomType(r, depth + 1, leaves) };
  return { kind: 'leaf', type: pick(r, leaves) };
}

let lambdaCounter = 0;

/** SQL for a value of type `t` in the row identified by the SQL expression `row`. */
export function valueSql(t, row, seed, salt, nullPct) {
  const h = (k) => `hash(${row}, ${seed}, ${salt * 7 + k})`;
  const nul = (expr) => (nullPct > 0 ? `CASE WHEN ${h(0)} % 100 < ${nullPct} THEN NULL ELSE ${expr} END` : expr);
  if (t.kind === 'list') {
    const x = `x${lambdaCounter++}`;
    return nul(`list_transform(range((${h(1)} % 5)::BIGINT), ${x} -> ${valueSql(t.elem, `(${row}) * 37 + ${x}`, seed, salt + 1, 20)})`);
  }
  if (t.kind === 'struct') {
    return nul(`{'a': ${valueSql(t.fields[0], row, seed, salt + 11, 15)}, 'b': ${valueSql(t.fields[1], row, seed, salt + 13, 15)}}`);
  }
  if (t.kind === 'map') {
    const x = `x${lambdaCounter++}`;
    return nul(`map_from_entries(list_transform(range((${h(2)} % 4)::BIGINT), ${x} -> {'k': 'key' || ${x}::VARCHAR, 'v': ${valueSql(t.value, `(${row}) * 41 + ${x}`, seed, salt + 17, 20)}}))`);
  }
  const H = h(3);
  let e;
  switch (t.type) {
    case 'TINYINT': e = `((${H} % 256)::INTEGER - 128)::TINYINT`; break;
    case 'SMALLINT': e = `((${H} % 65536)::INTEGER - 32768)::SMALLINT`; break;
    case 'INTEGER': e = `((${H} % 4294967296)::BIGINT - 2147483648)::INTEGER`; break;
    case 'BIGINT': e = `(${H}::HUGEINT - 9223372036854775808)::BIGINT`; break;
    case 'UTINYINT': e = `(${H} % 256)::UTINYINT`; break;
    case 'USMALLINT': e = `(${H} % 65536)::USMALLINT`; break;
    case 'UINTEGER': e = `(${H} % 4294967296)::UINTEGER`; break;
    case 'UBIGINT': e = `${H}::UBIGINT`; break;
    case 'FLOAT': e = `((${H} % 2000001)::DOUBLE / 1000 - 1000)::FLOAT`; break;
    case 'DOUBLE': e = `(${H} % 2000000001)::DOUBLE / 7.0 - 100000000`; break;
    case 'BOOLEAN': e = `${H} % 2 = 0`; break;
    case 'VARCHAR': e = `repeat(chr((97 + ${H} % 26)::INTEGER), (${H} % 7)::INTEGER) || (${H} % 100000)::VARCHAR || CASE WHEN ${H} % 5 = 0 THEN 'é€' ELSE '' END`; break;
    case 'VARCHAR_LOWCARD': e = `'v' || (${H} % 7)::VARCHAR`; break;
    case 'BLOB': e = `('b' || (${H} % 1000)::VARCHAR)::BLOB`; break;
    case 'DATE': e = `DATE '1970-01-01' + ((${H} % 40000)::INTEGER - 20000)`; break;
    case 'TIMESTAMP': e = `make_timestamp((${H} % 4000000000000000)::BIGINT - 1000000000000000)`; break;
    case 'TIMESTAMP_NS': e = `make_timestamp((${H} % 4000000000000000)::BIGINT - 1000000000000000)::TIMESTAMP_NS`; break;
    case 'TIMESTAMP_MS': e = `make_timestamp((${H} % 4000000000000000)::BIGINT - 1000000000000000)::TIMESTAMP_MS`; break;
    case 'TIMESTAMPTZ': e = `to_timestamp((${H} % 4000000000)::BIGINT)`; break;
    case 'TIME': e = `make_time((${H} % 24)::BIGINT, (${H} % 60)::BIGINT, (${H} % 60000000)::DOUBLE / 1000000)`; break;
    case 'UUID': e = `(substr(md5(${H}::VARCHAR), 1, 8) || '-' || substr(md5(${H}::VARCHAR), 9, 4) || '-' || substr(md5(${H}::VARCHAR), 13, 4) || '-' || substr(md5(${H}::VARCHAR), 17, 4) || '-' || substr(md5(${H}::VARCHAR), 21, 12))::UUID`; break;
    case 'INTERVAL': e = `to_months((${H} % 30)::INTEGER) + to_days((${H} % 100)::INTEGER) + to_milliseconds((${H} % 100000)::BIGINT)`; break;
    default: {
      const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(t.type);
      if (!m) throw new Error(`unknown type ${t.type}`);
      const p = Number(m[1]), s = Number(m[2]);
      const intDigits = Math.min(p - s, 18), fracDigits = Math.min(s, 18);
      const ip = `(${H}::HUGEINT // 2 % ${10n ** BigInt(intDigits)})::VARCHAR`;
      const fp = s > 0 ? ` || '.' || lpad((${H}::HUGEINT // 7 % ${10n ** BigInt(fracDigits)})::VARCHAR, ${s}, '0')` : '';
      e = `(CASE WHEN ${H} % 2 = 0 THEN '-' ELSE '' END || ${ip}${fp})::${t.type}`;
    }
  }
  return nul(e);
}

export function typeName(t) {
  if (t.kind === 'list') return `${typeName(t.elem)}[]`;
  if (t.kind === 'struct') return `STRUCT(a ${typeName(t.fields[0])}, b ${typeName(t.fields[1])})`;
  if (t.kind === 'map') return `MAP(VARCHAR, ${typeName(t.value)})`;
  return t.type === 'VARCHAR_LOWCARD' ? 'VARCHAR' : t.type;
}
