// --extern-pre-js for -sEXPORT_ES6 builds (emscripten 3.1.6): the Node branch of the
// generated loader uses the CommonJS globals `require` and `__dirname`, which ES modules
// lack. Browsers skip both (see the shared toolchain notes, section 0).
const __emIsNode = typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string';
const require = __emIsNode ? (await import('node:module')).createRequire(import.meta.url) : undefined;
const __dirname = __emIsNode ? require('node:path').dirname(require('node:url').fileURLToPath(import.meta.url)) : '';
