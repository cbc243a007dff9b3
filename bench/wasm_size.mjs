// Where the bytes of a .wasm go: function body sizes from the code section, named by the
// name section (link with --profiling-funcs to keep it), grouped by library; plus the
// other sections (data: constant tables and strings). Used to see what dominates a build
// variant (bench/README.md, "Sizes").
//
//   node bench/wasm_size.mjs FILE.wasm [--top N]
import fs from 'node:fs';
import { parseArgs } from './common.mjs';

const file = process.argv[2];
if (!file || file.startsWith('--')) throw new Error('usage: node bench/wasm_size.mjs FILE.wasm [--top N]');
const args = parseArgs([process.argv[0], process.argv[1], ...process.argv.slice(3)], { top: 25 });
const b = fs.readFileSync(file);

let p = 8;
const leb = () => {
  let r = 0, shift = 0, byte;
  do {
    byte = b[p++];
    r += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return r;
};
const str = () => {
  const n = leb();
  const s = b.toString('utf8', p, p + n);
  p += n;
  return s;
};
const SECTION = { 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };
const sections = [];
const bodies = [];
const names = new Map();
let importedFunctions = 0;
while (p < b.length) {
  const id = b[p++];
  const size = leb();
  const end = p + size;
  let name = SECTION[id];
  if (id === 0) {
    name = `custom:${str()}`;
    if (name === 'custom:name') {
      while (p < end) {
        const sub = b[p++];
        const subEnd = p + leb();
        if (sub === 1) {
          for (let i = leb(); i > 0; i--) {
            const idx = leb();
            names.set(idx, str());
          }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    for (let i = leb(); i > 0; i--) {
      str();
      str();
      const kind = b[p++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        p++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        p += 2;
      }
    }
  } else if (id === 10) {
    for (let i = leb(); i > 0; i--) {
      const before = p;
      const len = leb();
      bodies.push(p - before + len);
      p += len;
    }
  }
  sections.push({ name, bytes: size });
  p = end;
}

// Groups by name (mangled or not): the codec libraries, Quiver's modules, the C++ and C runtime.
const GROUPS = [
  ['zstd', /ZSTD|HUF_|FSE_|HIST_|ZDICT|XXH64|ZSTDv/],
  ['lz4', /LZ4|lz4/],
  ['snappy', /snappy/],
  ['zlib', /deflate|inflate|crc32|adler32|^_tr_|zcalloc|gz/],
  ['brotli', /Brotli/],
  ['quiver parquet', /quiver7parquet|quiver::parquet/],
  ['quiver ipc + flatbuffers', /quiver3ipc|quiver::ipc|flatbuffers/],
  ['quiver handles + bindings', /quiver7handles|quiver::handles|EMSCRIPTEN_BINDINGS|embind|_embind/],
  ['quiver codec layer', /quiver5codec|quiver::codec/],
  ['quiver core', /quiver/],
  ['libc++ / libc++abi', /^_ZNSt|^_ZNKSt|^_ZSt|St3__2|std::|__cxa|__cxxabiv|^_ZN10__cxxabiv/],
  ['malloc', /malloc|free|dlmalloc|memalign|realloc|sbrk/],
];
const groups = new Map();
const fns = [];
bodies.forEach((size, i) => {
  const name = names.get(importedFunctions + i) ?? `#${importedFunctions + i}`;
  fns.push({ name, size });
  const g = GROUPS.find(([, re]) => re.test(name))?.[0] ?? 'other (libc, compiler-rt, glue)';
  groups.set(g, (groups.get(g) ?? 0) + size);
});
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${b.length.toLocaleString('en')} bytes, ${bodies.length} functions${names.size ? '' : ' (no name section: link with --profiling-funcs)'}`);
console.log('sections:', sections.filter((s) => s.bytes > 1024).map((s) => `${s.name} ${kb(s.bytes)}`).join(', '));
console.log('code by group:');
for (const [g, n] of [...groups].sort((x, y) => y[1] - x[1])) console.log(`  ${g.padEnd(32)} ${kb(n).padStart(10)}`);
console.log(`largest ${args.top} functions:`);
for (const f of fns.sort((x, y) => y.size - x.size).slice(0, args.top)) console.log(`  ${kb(f.size).padStart(10)}  ${f.name.slice(0, 110)}`);
