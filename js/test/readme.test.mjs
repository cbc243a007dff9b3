// The README's quickstart, followed the way a new user would. The first `sh` block runs as
// written (except its `make demo`: `make test` has already built js/dist, and the sample
// comes from apache-arrow here) with HOME pointing at a temporary folder, so `~/try-quiver`
// is a fresh project that installs the packed tarball. The Node program (`quickstart.mjs`)
// runs there on an Arrow stream; what it writes is read back by apache-arrow JS (with lz4js)
// and by the package, and must hold the same rows. The browser block's commands copy dist/
// and start Python's server; the page (`index.html`) in headless Chromium reads a Parquet
// file picked through its input, and its LZ4 download must read back to the same rows.
// examples/browser/index.html is served and used the same way. Skipped only when
// /usr/bin/chromium is absent (the browser half), as the other browser tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompressionType, Float64, Int64, Table, Utf8, compressionRegistry, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import lz4 from 'lz4js';
import { freeTable, getRows, readTableFromArrayBuffer, writeTableToParquet } from '../dist/index.js';
import { expectOk } from './helpers.mjs';

compressionRegistry.set(CompressionType.LZ4_FRAME, {
  encode: (data) => lz4.compress(data),
  decode: (data) => lz4.decompress(data).slice(),
});

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 1234;

/** The code blocks of the README's quickstart section, as [language, text]. */
function quickstartBlocks() {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const start = text.indexOf('## Quickstart');
  assert.ok(start >= 0, 'README has a Quickstart section');
  const next = text.indexOf('\n## ', start + 3);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]);
}

function sampleTable() {
  const ids = [];
  const names = [];
  const values = [];
  for (let i = 0; i < ROWS; i += 1) {
    ids.push(BigInt(i) * 1000003n);
    names.push(i % 11 === 4 ? null : `row ${i} ✓`);
    values.push(i % 13 === 0 ? null : i / 8);
  }
  return new Table({
    id: vectorFromArray(ids, new Int64()),
    name: vectorFromArray(names, new Utf8()),
    value: vectorFromArray(values, new Float64()),
  });
}

function plainRows(table) {
  return table.toArray().map((row) => {
    const o = row.toJSON();
    return { id: o.id, name: o.name, value: o.value };
  });
}

async function quiverRows(bytes) {
  const t = expectOk(await readTableFromArrayBuffer(bytes));
  const rows = expectOk(await getRows(t));
  expectOk(await freeTable(t));
  return rows;
}

function sh(script, cwd, env) {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, env, encoding: 'utf8', timeout: 180000 });
  assert.equal(r.status, 0, `${script}\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  return r;
}

test('README quickstart: install the packed package, run the Node program, serve and use the page in Chromium', { timeout: 300000 }, async (t) => {
  const blocks = quickstartBlocks();
  const shells = blocks.filter(([lang]) => lang === 'sh');
  const node = blocks.find(([lang, code]) => lang === 'ts' && code.startsWith('// quickstart.mjs'));
  const html = blocks.find(([lang, code]) => lang === 'html' && code.startsWith('<!-- index.html -->'));
  assert.equal(shells.length, 2, 'two sh blocks: install, then serve');
  assert.ok(node, 'a ts block starting with // quickstart.mjs');
  assert.ok(html, 'an html block starting with <!-- index.html -->');
  for (const [, code] of [node, html]) assert.doesNotMatch(code, /\b(this|any|try|catch)\b/);

  const home = mkdtempSync(join(tmpdir(), 'quiver-readme-'));
  const env = { ...process.env, HOME: home, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  try {
    // 1. Install: every line of the first block but `make demo`.
    const install = shells[0][1].split('\n').filter((l) => !/^\s*make\s/.test(l)).join('\n');
    assert.match(install, /npm pack/);
    sh(install, root, env);
    const project = join(home, 'try-quiver');
    assert.ok(existsSync(join(project, 'node_modules', '@quiver', 'core', 'dist', 'quiver.wasm')), 'the tarball installed the module');

    // 2. Node: the program on an Arrow stream, in the project (it resolves @quiver/core there).
    const source = sampleTable();
    const expected = plainRows(source);
    writeFileSync(join(project, 'quickstart.mjs'), node[1]);
    writeFileSync(join(project, 'sample.arrows'), tableToIPC(source, 'stream'));
    const run = spawnSync(process.execPath, ['quickstart.mjs', 'sample.arrows'], { cwd: project, env, encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`.slice(0, 4000));
    assert.match(run.stdout, /arrowType: 'Int64'/);
    assert.match(run.stdout, /wrote out\.lz4\.arrow \(\d+\) and out\.parquet \(\d+\)/);
    const arrowOut = readFileSync(join(project, 'out.lz4.arrow'));
    const parquetOut = readFileSync(join(project, 'out.parquet'));
    assert.deepEqual(plainRows(tableFromIPC(arrowOut)), expected, 'apache-arrow JS reads the LZ4 file to the same rows');
    const viaQuiver = await quiverRows(arrowOut);
    assert.deepEqual(await quiverRows(parquetOut), viaQuiver, 'the Parquet file holds the same rows');
    assert.equal(viaQuiver.length, ROWS);

    // 3. Browser: the serve block (port 0: any free port), the page, a Parquet file picked.
    await t.test('browser', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
      const [copy, serve] = shells[1][1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
      assert.match(copy, /^cp -r /);
      assert.match(serve, /^python3 -m http\.server 8000 --bind 127\.0\.0\.1$/);
      sh(copy, project, env);
      writeFileSync(join(project, 'index.html'), html[1]);
      const parquetIn = join(project, 'picked.parquet');
      const t0 = expectOk(await readTableFromArrayBuffer(tableToIPC(source, 'stream')));
      writeFileSync(parquetIn, new Uint8Array(expectOk(await writeTableToParquet(t0, { compression: 'snappy' }))));
      expectOk(await freeTable(t0));

      const server = spawn('bash', ['-c', serve.replace(' 8000 ', ' 0 ')], { cwd: project, env: { ...env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const { chromium } = await import('playwright-core');
      let browser;
      try {
        const port = await new Promise((resolve, reject) => {
          let seen = '';
          const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 20000);
          server.stdout.on('data', (d) => {
            seen += d;
            const m = /port (\d+)/.exec(seen);
            if (m) {
              clearTimeout(timer);
              resolve(Number(m[1]));
            }
          });
          server.on('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
        });
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        const context = await browser.newContext({ acceptDownloads: true });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForFunction(() => document.querySelector('#out').textContent === 'ready', null, { timeout: 30000 });
        await page.setInputFiles('input[type=file]', parquetIn);
        await page.waitForFunction(() => /rows in/.test(document.querySelector('#out').textContent), null, { timeout: 30000 });
        const shown = await page.textContent('#out');
        assert.match(shown, new RegExp(`^picked\\.parquet: ${ROWS} rows in \\d+ batches; \\d+ bytes as Arrow LZ4$`));
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#download')]);
        assert.equal(download.suggestedFilename(), 'picked.parquet.lz4.arrow');
        const bytes = readFileSync(await download.path());
        assert.deepEqual(plainRows(tableFromIPC(bytes)), expected, 'the download reads back in apache-arrow JS');

        // examples/browser/index.html, served the same way (it also imports ./dist/index.js).
        writeFileSync(join(project, 'example.html'), readFileSync(join(root, 'examples', 'browser', 'index.html')));
        writeFileSync(join(project, 'picked.arrow'), tableToIPC(source, 'file'));
        await page.goto(`http://127.0.0.1:${port}/example.html`);
        await page.waitForFunction(() => document.querySelector('#out').textContent === 'ready', null, { timeout: 30000 });
        await page.setInputFiles('#file', join(project, 'picked.arrow'));
        await page.waitForFunction(() => /rows/.test(document.querySelector('#out').textContent), null, { timeout: 30000 });
        assert.equal(await page.textContent('#out'), `picked.arrow: ${ROWS} rows\nid: Int64\nname: Utf8\nvalue: Float64`);
        assert.deepEqual(errors, []);
      } finally {
        if (browser) await browser.close();
        server.kill();
      }
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
