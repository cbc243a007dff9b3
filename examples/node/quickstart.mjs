// Read an Arrow file, look at it, write it back with LZ4, free the handle.
// Run: node examples/node/quickstart.mjs data.arrow   (after `npm install @quiver/core`)
import { readFile, writeFile } from 'node:fs/promises';
import { freeTable, getRows, getSchemaSummary, readTableFromArrayBuffer, writeTableToIpc } from '@quiver/core';

const path = process.argv[2] ?? 'data.arrow';
const table = await readTableFromArrayBuffer(await readFile(path));
if (!table.ok) {
  console.error(`cannot read ${path}: ${table.error} [${table.code}]`);
  process.exit(1);
}
const summary = await getSchemaSummary(table.value);
if (summary.ok) {
  for (const column of summary.value.columns) console.log(`${column.name}: ${column.arrowType}`);
}
const rows = await getRows(table.value, { limit: 5 });
if (rows.ok) console.table(rows.value);
const lz4 = await writeTableToIpc(table.value, true);
if (lz4.ok) await writeFile(`${path}.lz4.arrow`, new Uint8Array(lz4.value));
await freeTable(table.value);
