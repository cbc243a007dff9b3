// Copies the WebAssembly module (built by `cmake --build --preset wasm-release --target
// quiver_wasm`) beside the compiled TypeScript: dist/quiver.mjs and dist/quiver.wasm.
// QUIVER_WASM_DIR overrides where the build put them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const from = resolve(process.env.QUIVER_WASM_DIR ?? join(here, '..', '..', 'build', 'wasm-release', 'js'));
const to = join(here, '..', 'dist');
mkdirSync(to, { recursive: true });
for (const name of ['quiver.mjs', 'quiver.wasm']) {
  const src = join(from, name);
  if (!existsSync(src)) {
    console.error(`copy_wasm: ${src} is missing; build it with: cmake --build --preset wasm-release --target quiver_wasm`);
    process.exit(1);
  }
  copyFileSync(src, join(to, name));
}
