// Canonical JSON values of peer readers, in the form quiver_parquet_json prints
// (src/parquet/tools/parquet_json.cc): every scalar a string of its stored value.
export function hex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

function float(n) {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

/** A DuckDB node-api value (from getRows()) in canonical form. */
export function duck(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': return v;
    case 'number': return float(v);
    case 'bigint': return String(v);
    case 'string': return v;
    default: break;
  }
  const name = v.constructor?.name;
  switch (name) {
    case 'DuckDBBlobValue': return hex(v.bytes);
    case 'DuckDBDateValue': return String(v.days);
    case 'DuckDBTimestampValue':
    case 'DuckDBTimestampTZValue':
    case 'DuckDBTimeValue':
    case 'DuckDBTimeTZValue': return String(v.micros);
    case 'DuckDBTimestampNanosecondsValue': return String(v.nanos);
    case 'DuckDBTimestampMillisecondsValue': return String(v.millis);
    case 'DuckDBTimestampSecondsValue': return String(v.seconds);
    case 'DuckDBDecimalValue': return String(v.value);
    case 'DuckDBUUIDValue': return v.toString().replaceAll('-', '');
    case 'DuckDBIntervalValue': return `${v.months}:${v.days}:${v.micros * 1000n}`;
    case 'DuckDBListValue':
    case 'DuckDBArrayValue': return v.items.map(duck);
    case 'DuckDBStructValue': {
      const out = {};
      for (const [k, x] of Object.entries(v.entries)) out[k] = duck(x);
      return out;
    }
    case 'DuckDBMapValue': return v.entries.map((e) => [duck(e.key), duck(e.value)]);
    default: throw new Error(`no canonical form for DuckDB value ${name}`);
  }
}

/** Deep equality of canonical values; returns a path to the first difference or null. */
export function diff(a, b, path = '') {
  if (a === b) return null;
  if (a === null || b === null || typeof a !== typeof b) return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof a === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.join() !== kb.join()) return `${path}: keys ${ka} != ${kb}`;
    for (const k of ka) {
      const d = diff(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}
