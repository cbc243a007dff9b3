// Publishing: what `npm pack` would put in the two tarballs. The plugin's holds its typed
// face and its side module; the core's holds no plugin module and no geometry code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('..', import.meta.url));
const plugin = fileURLToPath(new URL('../../plugins/geo/js/', import.meta.url));

// Strings only geometry code holds (the plugin's module has every one of them).
const MARKERS = ['geoarrow.multipolygon', 'geoarrow.linestring', 'LINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION', 'quiver_plugin_entry'];

function pack(dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  const [entry] = JSON.parse(out);
  return { name: entry.name, files: entry.files.map((f) => f.path).sort() };
}

test('the plugin tarball holds its module, types and code, depending on the core as a peer', () => {
  const p = pack(plugin);
  assert.equal(p.name, '@quiver/plugin-geo');
  assert.deepEqual(p.files, ['README.md', 'dist/index.d.ts', 'dist/index.js', 'dist/quiver_geo.wasm', 'package.json']);
  const pkg = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.peerDependencies, { '@quiver/core': JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')).version });
  assert.equal(pkg.dependencies, undefined);
  assert.deepEqual(pkg.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' });
  assert.equal(pkg.exports['./quiver_geo.wasm'], './dist/quiver_geo.wasm');
  // The module is the one the package loads, and it is the geometry plugin.
  const wasm = readFileSync(join(plugin, 'dist', 'quiver_geo.wasm'));
  for (const marker of ['io.quiver.plugin.geo.v1', ...MARKERS]) assert.ok(wasm.includes(Buffer.from(marker)), marker);
  assert.match(readFileSync(join(plugin, 'dist', 'index.js'), 'utf8'), /new URL\('\.\/quiver_geo\.wasm', import\.meta\.url\)/);
});

test('the core tarball holds no plugin module and no geometry code', () => {
  const c = pack(core);
  assert.equal(c.name, '@quiver/core');
  assert.deepEqual(c.files.filter((f) => f.endsWith('.wasm')), ['dist/quiver.wasm']);
  assert.ok(c.files.includes('dist/index.js') && c.files.includes('dist/index.d.ts'));
  for (const f of c.files) {
    const bytes = readFileSync(join(core, f));
    // (The core may name the plugin id in an error message's example; it has none of its code.)
    for (const marker of MARKERS) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} contains '${marker}'`);
    }
  }
});
