// The Quiver demo page: open or drop an Arrow IPC, Feather or Parquet file, inspect it,
// page through its rows and convert it. Plain ES module, no framework, no build step.
// `make serve` maps /quiver/ to the package's dist/ folder (quiver.wasm beside index.js).
//
// Every call of @quiver/core returns a Result ({ ok: true, value } or { ok: false, error,
// code }); the page checks each one and shows failures with their code. Data from the file
// only ever reaches the page through textContent.
import {
  buildInfo,
  createIpcWriter,
  createParquetWriter,
  finishIpcWriter,
  finishParquetWriter,
  freeIpcWriter,
  freeParquetWriter,
  freeTable,
  getBatch,
  getParquetMetadata,
  getRows,
  getSchema,
  getTableInfo,
  initWasm,
  readTableFromBlob,
  writeToIpcWriter,
  writeToParquetWriter,
} from '/quiver/index.js';

const PAGE_ROWS = 20;
const MAX_LAYOUT_ROWS = 200;
const MAX_TEXT = 200;
const MAX_HEX_BYTES = 32;

const IPC_CODECS = [
  ['none', 'None'],
  ['lz4', 'LZ4 frame'],
  ['zstd', 'Zstandard'],
];
const PARQUET_CODECS = [
  ['snappy', 'Snappy'],
  ['zstd', 'Zstandard'],
  ['gzip', 'Gzip'],
  ['brotli', 'Brotli'],
  ['lz4_raw', 'LZ4 (raw)'],
  ['none', 'None'],
];
const MIME = {
  'arrow-file': 'application/vnd.apache.arrow.file',
  'arrow-stream': 'application/vnd.apache.arrow.stream',
  feather: 'application/vnd.apache.arrow.file',
  parquet: 'application/vnd.apache.parquet',
};
const EXTENSIONS = { 'arrow-file': '.arrow', 'arrow-stream': '.arrows', feather: '.feather', parquet: '.parquet' };

const $ = (id) => document.getElementById(id);

// What the page holds: the open table, its facts, the page shown.
const state = { table: null, name: '', columns: [], rows: 0, batches: 0, page: 0, busy: false, downloadUrl: null };

// ---------------------------------------------------------------------------------------
// Small DOM helpers (textContent only)

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.dataset.state = kind;
}

function showError(where, r) {
  $('error').hidden = false;
  $('error-code').textContent = r.code;
  $('error-message').textContent = `${where}: ${r.error}`;
  const details = r.details === undefined ? [] : [r.details.context, r.details.cause].filter((d) => d !== undefined);
  $('error-context').textContent = details.join(' · ');
  setStatus(`${where} failed (${r.code})`, 'error');
}

function clearError() {
  $('error').hidden = true;
  $('error-code').textContent = '';
  $('error-message').textContent = '';
  $('error-context').textContent = '';
}

function formatBytes(n) {
  if (n === null || n === undefined) return '–';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]} (${n.toLocaleString('en-US')} B)`;
}

function formatCount(n) {
  return n.toLocaleString('en-US');
}

function fillTable(table, head, rows) {
  const thead = table.tHead;
  const tbody = table.tBodies[0];
  thead.replaceChildren();
  tbody.replaceChildren();
  const hr = el('tr');
  for (const h of head) hr.append(el('th', h));
  thead.append(hr);
  for (const cells of rows) {
    const tr = el('tr');
    for (const c of cells) tr.append(c instanceof Node ? c : el('td', String(c)));
    tbody.append(tr);
  }
}

// ---------------------------------------------------------------------------------------
// Values: bigint, binary as hex, nested as JSON, long text cut short

function hex(bytes) {
  const shown = Array.from(bytes.subarray(0, MAX_HEX_BYTES), (b) => b.toString(16).padStart(2, '0')).join('');
  return bytes.length > MAX_HEX_BYTES ? `0x${shown}… (${bytes.length} bytes)` : `0x${shown}`;
}

function toJson(value) {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return hex(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value instanceof Map) return Array.from(value, ([k, v]) => ({ key: toJson(k), value: toJson(v) }));
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}

function renderValue(value) {
  if (value === null || value === undefined) return { text: 'null', kind: 'null' };
  if (typeof value === 'bigint') return { text: value.toString(), kind: 'number' };
  if (typeof value === 'number') return { text: String(value), kind: 'number' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'bool' };
  if (typeof value === 'string') return { text: value, kind: 'string' };
  if (value instanceof Uint8Array) return { text: hex(value), kind: 'binary' };
  return { text: JSON.stringify(toJson(value)), kind: 'nested' };
}

function valueCell(value) {
  const r = renderValue(value);
  const td = el('td', r.text.length > MAX_TEXT ? `${r.text.slice(0, MAX_TEXT)}…` : r.text, `v-${r.kind}`);
  if (r.text.length > MAX_TEXT) td.title = r.text.slice(0, 4000);
  return td;
}

// ---------------------------------------------------------------------------------------
// Format detection from the first bytes (the reader detects it too; the page names it)

async function sniff(file) {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const text = String.fromCharCode(...head.subarray(0, 6));
  const feather = /\.feather$/i.test(file.name);
  if (text.startsWith('PAR1')) return { kind: 'parquet', label: 'Parquet' };
  if (text === 'ARROW1') return { kind: 'ipc', label: feather ? 'Feather v2 (Arrow IPC file)' : 'Arrow IPC file' };
  if (text.startsWith('FEA1')) return { kind: 'ipc', label: 'Feather v1' };
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return { kind: 'ipc', label: 'Arrow IPC stream' };
  if (head.length >= 4) return { kind: 'ipc', label: 'Arrow IPC stream (legacy framing)' };
  return { kind: 'ipc', label: 'unknown' };
}

// ---------------------------------------------------------------------------------------
// Schema tree: nested types (list, struct, map, union, dictionary values) indented

function typeChildren(type) {
  if (type.children.length > 0) return type.children;
  if (type.valueType !== undefined && type.valueType.children.length > 0) return type.valueType.children;
  if (type.storageType !== undefined && type.storageType.children.length > 0) return type.storageType.children;
  return [];
}

function fieldNode(field) {
  const li = el('li', undefined, 'field');
  const line = el('div', undefined, 'field-line');
  line.append(el('span', field.name === '' ? '(unnamed)' : field.name, 'field-name'), el('span', field.type.name, 'field-type'));
  if (!field.nullable) line.append(el('span', 'not null', 'badge'));
  if (field.type.extensionName !== undefined) line.append(el('span', `extension ${field.type.extensionName}`, 'badge'));
  const meta = Object.keys(field.metadata);
  if (meta.length > 0) line.append(el('span', `metadata: ${meta.join(', ')}`, 'badge muted'));
  li.append(line);
  const children = typeChildren(field.type);
  if (children.length > 0) {
    const ul = el('ul');
    for (const c of children) ul.append(fieldNode(c));
    li.append(ul);
  }
  return li;
}

function renderSchema(schema) {
  const root = $('schema');
  root.replaceChildren(...schema.fields.map(fieldNode));
  const meta = Object.keys(schema.metadata).filter((k) => k !== 'ARROW:schema');
  if (meta.length > 0) root.append(el('li', `schema metadata: ${meta.join(', ')}`, 'muted'));
}

// ---------------------------------------------------------------------------------------
// Row groups (Parquet footer) or record batches (IPC)

function renderRowGroups(meta) {
  $('layout-title').textContent = `Row groups (${meta.rowGroups.length})`;
  const rows = meta.rowGroups.slice(0, MAX_LAYOUT_ROWS).map((g, i) => {
    const codecs = el('td', undefined, 'codecs');
    for (const c of g.columns) codecs.append(el('div', `${c.path}: ${c.codec ?? '?'}, ${formatBytes(c.compressedSize)}`));
    return [i, formatCount(g.numRows), formatBytes(g.compressedSize), formatBytes(g.totalByteSize), codecs];
  });
  fillTable($('layout'), ['#', 'Rows', 'Compressed', 'Uncompressed', 'Column chunks: codec, compressed size'], rows);
  const writer = meta.createdBy === null ? '' : `, written by ${meta.createdBy}`;
  const more = meta.rowGroups.length > MAX_LAYOUT_ROWS ? `; first ${MAX_LAYOUT_ROWS} shown` : '';
  $('layout-note').textContent = `Parquet format version ${meta.version}${writer}${more}.`;
}

async function renderBatches(table, count) {
  $('layout-title').textContent = `Record batches (${count})`;
  const rows = [];
  for (let i = 0; i < Math.min(count, MAX_LAYOUT_ROWS); i += 1) {
    const batch = await getBatch(table, i);
    if (!batch.ok) return batch;
    const info = await getTableInfo(batch.value);
    await freeTable(batch.value);
    if (!info.ok) return info;
    rows.push([i, formatCount(info.value.rows), formatBytes(info.value.bytes), info.value.codecs.join(', ') || 'none']);
  }
  fillTable($('layout'), ['#', 'Rows', 'In memory', 'Codecs'], rows);
  $('layout-note').textContent = count > MAX_LAYOUT_ROWS ? `First ${MAX_LAYOUT_ROWS} shown.` : '';
  return { ok: true, value: undefined };
}

// ---------------------------------------------------------------------------------------
// Paged preview

async function showPage(page) {
  const pages = Math.max(1, Math.ceil(state.rows / PAGE_ROWS));
  state.page = Math.min(Math.max(page, 0), pages - 1);
  const rows = await getRows(state.table, { offset: state.page * PAGE_ROWS, limit: PAGE_ROWS });
  if (!rows.ok) {
    showError('Reading rows', rows);
    return;
  }
  const names = state.columns;
  const head = ['#', ...names];
  const body = rows.value.map((row, i) => [el('td', String(state.page * PAGE_ROWS + i), 'row-index'), ...names.map((n) => valueCell(row[n]))]);
  fillTable($('preview'), head, body);
  const first = state.rows === 0 ? 0 : state.page * PAGE_ROWS + 1;
  const last = Math.min(state.rows, (state.page + 1) * PAGE_ROWS);
  $('page').textContent = `Rows ${formatCount(first)}–${formatCount(last)} of ${formatCount(state.rows)} (page ${state.page + 1} of ${pages})`;
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page >= pages - 1;
}

// ---------------------------------------------------------------------------------------
// Opening a file

async function closeCurrent() {
  if (state.table !== null) {
    await freeTable(state.table);
    state.table = null;
  }
  $('loaded').hidden = true;
  $('download').hidden = true;
  $('result').textContent = '';
  $('progress').value = 0;
  $('progress-text').textContent = '';
}

async function openFile(file) {
  if (state.busy) return;
  state.busy = true;
  clearError();
  await closeCurrent();
  setStatus(`Reading ${file.name}…`, 'busy');
  const sniffed = await sniff(file);
  const table = await readTableFromBlob(file);
  if (!table.ok) {
    showError(`Reading ${file.name}`, table);
    state.busy = false;
    return;
  }
  state.table = table.value;
  state.name = file.name;
  const shown = await describe(file, sniffed);
  state.busy = false;
  if (!shown.ok) {
    showError(`Inspecting ${file.name}`, shown);
    return;
  }
  setStatus(`Opened ${file.name}`, 'ready');
}

async function describe(file, sniffed) {
  const info = await getTableInfo(state.table);
  if (!info.ok) return info;
  const schema = await getSchema(state.table);
  if (!schema.ok) return schema;
  state.rows = info.value.rows;
  state.batches = info.value.batches;
  state.columns = schema.value.fields.map((f) => f.name);

  $('file-name').textContent = file.name;
  $('format').textContent = sniffed.label;
  $('file-size').textContent = formatBytes(file.size);
  $('rows').textContent = formatCount(info.value.rows);
  $('columns').textContent = formatCount(info.value.columns);
  $('memory').textContent = formatBytes(info.value.bytes);
  renderSchema(schema.value);

  if (sniffed.kind === 'parquet') {
    const meta = await getParquetMetadata(file);
    if (!meta.ok) return meta;
    const codecs = new Set(meta.value.rowGroups.flatMap((g) => g.columns.map((c) => c.codec ?? '?')));
    $('parts-label').textContent = 'Row groups';
    $('parts').textContent = formatCount(meta.value.rowGroups.length);
    $('codecs').textContent = codecs.size === 0 ? 'none' : Array.from(codecs).join(', ');
    renderRowGroups(meta.value);
  } else {
    $('parts-label').textContent = 'Record batches';
    $('parts').textContent = formatCount(info.value.batches);
    $('codecs').textContent = info.value.codecs.length === 0 ? 'none' : info.value.codecs.join(', ');
    const batches = await renderBatches(state.table, info.value.batches);
    if (!batches.ok) return batches;
  }
  $('loaded').hidden = false;
  await showPage(0);
  return { ok: true, value: undefined };
}

// ---------------------------------------------------------------------------------------
// Converting, batch by batch, with a progress bar

function fillCodecs() {
  const parquet = $('target').value === 'parquet';
  const select = $('codec');
  const keep = select.value;
  select.replaceChildren(...(parquet ? PARQUET_CODECS : IPC_CODECS).map(([value, label]) => {
    const o = el('option', label);
    o.value = value;
    return o;
  }));
  if (Array.from(select.options).some((o) => o.value === keep)) select.value = keep;
}

function setProgress(done, total, text) {
  $('progress').max = Math.max(total, 1);
  $('progress').value = done;
  $('progress-text').textContent = text;
}

/** The writer for a target: write(batch) and finish() give bytes, drop() frees it. */
async function openWriter(target, codec) {
  if (target === 'parquet') {
    const w = await createParquetWriter({ compression: codec });
    if (!w.ok) return w;
    return { ok: true, value: { write: (t) => writeToParquetWriter(w.value, t), finish: () => finishParquetWriter(w.value), drop: () => freeParquetWriter(w.value) } };
  }
  const w = await createIpcWriter({ format: target === 'arrow-stream' ? 'stream' : 'file', compression: codec });
  if (!w.ok) return w;
  return { ok: true, value: { write: (t) => writeToIpcWriter(w.value, t), finish: () => finishIpcWriter(w.value), drop: () => freeIpcWriter(w.value) } };
}

async function writeAll(writer, parts) {
  for (let i = 0; i < state.batches; i += 1) {
    const batch = await getBatch(state.table, i);
    if (!batch.ok) return batch;
    const bytes = await writer.write(batch.value);
    await freeTable(batch.value);
    if (!bytes.ok) return bytes;
    parts.push(bytes.value);
    setProgress(i + 1, state.batches + 1, `batch ${i + 1} of ${state.batches}`);
    // Let the page paint the bar between batches.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }
  if (state.batches === 0) {
    const bytes = await writer.write(state.table);
    if (!bytes.ok) return bytes;
    parts.push(bytes.value);
  }
  const end = await writer.finish();
  if (!end.ok) return end;
  parts.push(end.value);
  return { ok: true, value: parts };
}

async function convert() {
  if (state.busy || state.table === null) return;
  state.busy = true;
  $('convert').disabled = true;
  clearError();
  const target = $('target').value;
  const codec = $('codec').value;
  setProgress(0, state.batches + 1, 'starting');
  setStatus(`Converting to ${target} (${codec})…`, 'busy');
  const started = performance.now();
  const writer = await openWriter(target, codec);
  const written = writer.ok ? await writeAll(writer.value, []) : writer;
  if (!written.ok && writer.ok) await writer.value.drop();
  state.busy = false;
  $('convert').disabled = false;
  if (!written.ok) {
    setProgress(0, 1, 'failed');
    showError(`Converting to ${target}`, written);
    return;
  }
  const blob = new Blob(written.value, { type: MIME[target] });
  const name = `${state.name.replace(/\.[^.]*$/, '') || 'table'}${codec === 'none' ? '' : `.${codec}`}${EXTENSIONS[target]}`;
  const ms = Math.round(performance.now() - started);
  setProgress(1, 1, 'done');
  $('progress').value = $('progress').max;
  $('result').textContent = `${name}: ${formatBytes(blob.size)} in ${ms} ms.`;
  if (state.downloadUrl !== null) URL.revokeObjectURL(state.downloadUrl);
  state.downloadUrl = URL.createObjectURL(blob);
  const link = $('download');
  link.href = state.downloadUrl;
  link.download = name;
  link.textContent = `Download ${name} again`;
  link.hidden = false;
  link.click();
  setStatus(`Converted ${state.name} to ${name}`, 'ready');
}

// ---------------------------------------------------------------------------------------
// Wiring

function wire() {
  $('file').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (file !== undefined) openFile(file);
    event.target.value = '';
  });
  const drop = $('drop');
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
  }
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file !== undefined) openFile(file);
  });
  // A file dropped next to the zone must not replace the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
  $('prev').addEventListener('click', () => showPage(state.page - 1));
  $('next').addEventListener('click', () => showPage(state.page + 1));
  $('target').addEventListener('change', fillCodecs);
  $('convert-form').addEventListener('submit', (event) => {
    event.preventDefault();
    convert();
  });
  fillCodecs();
}

async function start() {
  wire();
  const started = await initWasm();
  if (!started.ok) {
    showError('Starting WebAssembly', started);
    $('file').disabled = true;
    return;
  }
  const build = await buildInfo();
  const version = build.ok ? ` ${build.value.version}` : '';
  setStatus(`Ready: @quiver/core${version}. Open or drop a file.`, 'ready');
}

start();
