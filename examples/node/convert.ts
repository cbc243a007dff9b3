// Read an Arrow, Feather or Parquet file, print what it holds, and convert it: to Parquet
// (zstd) from Arrow input, to an LZ4-compressed Arrow file from Parquet input.
// Run (after `npm install @quiver/core`, compiled with tsc): node convert.js INPUT OUTPUT
import { writeFile } from 'node:fs/promises';
import { freeTable, getSchemaSummary, getTableInfo, writeTableToIpc, writeTableToParquet } from '@quiver/core';
import { readTableFromFile } from '@quiver/core/node';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  console.error('usage: node convert.js INPUT OUTPUT');
  process.exit(2);
}
const table = await readTableFromFile(input);
if (!table.ok) {
  console.error(`${input}: ${table.error} [${table.code}]`);
  process.exit(1);
}
const info = await getTableInfo(table.value);
const summary = await getSchemaSummary(table.value);
if (info.ok && summary.ok) {
  console.log(`${input}: ${info.value.rows} rows, ${info.value.columns} columns`);
  for (const c of summary.value.columns) console.log(`  ${c.name}: ${c.arrowType}${c.nullable ? '' : ' not null'}`);
}
const toParquet = !output.endsWith('.arrow');
const bytes = toParquet ? await writeTableToParquet(table.value, { compression: 'zstd' }) : await writeTableToIpc(table.value, { compression: 'lz4' });
await freeTable(table.value);
if (!bytes.ok) {
  console.error(`${output}: ${bytes.error} [${bytes.code}]`);
  process.exit(1);
}
await writeFile(output, new Uint8Array(bytes.value));
console.log(`${output}: ${bytes.value.byteLength} bytes (${toParquet ? 'Parquet, zstd' : 'Arrow file, LZ4'})`);
