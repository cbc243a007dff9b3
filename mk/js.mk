# The npm package @quiver/core (js/): the WebAssembly module, npm dependencies, tsc, tests.
# The module is the quiver_wasm target of the wasm-release build (cmake/bindings.cmake),
# so these targets come after `make wasm`.
.PHONY: js-wasm js-deps js-build geo-build test-js

JS_STAMP := js/node_modules/.quiver-npm-ci

js-wasm: wasm
	@cmake --build --preset wasm-release --target quiver_wasm quiver_wasm_small quiver_test_plugin quiver_bad_plugin quiver_geo_plugin -j $(JOBS)

# npm ci only when node_modules is missing or the lock file changed.
$(JS_STAMP): js/package-lock.json js/package.json
	@cd js && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

js-deps: setup $(JS_STAMP)

js-build: js-wasm js-deps
	@cd js && ./node_modules/.bin/tsc -p tsconfig.json
	@cd js && node scripts/copy_wasm.mjs
	@chmod +x js/dist/cli.js

# The geometry plugin's npm package (plugins/geo/js): its typed face, compiled against the
# core's types, and its side module (built apart from the core by js-wasm).
geo-build: js-build
	@cd plugins/geo/js && ../../../js/node_modules/.bin/tsc -p tsconfig.json
	@cp build/wasm-release/js/plugins/quiver_geo.wasm plugins/geo/js/dist/

test-js: js-build geo-build
	@cd js && node --test test/*.test.mjs

EXTRA_TESTS += test-js

# Longer model-based runs (Node and Chromium); a failure prints the seed to replay with
# QUIVER_MODEL_SEED.
.PHONY: test-long
test-long: js-build
	@cd js && QUIVER_MODEL_RUNS=$${QUIVER_MODEL_RUNS:-5000} node --test test/model.test.mjs
