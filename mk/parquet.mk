# Parquet reader: cross-implementation tests against DuckDB and parquet-wasm (npm peers in
# tests/compat), the @quiver/core Parquet paths (bytes, Blob, path, sources, batch reader) on
# DuckDB's files, the writer (Quiver's files read by DuckDB and parquet-wasm, statistics
# checked by DuckDB), then seeded corruptions of those files read by the ASan+UBSan build.
# Files are generated into build/compat/parquet/ and never committed. A missing peer fails
# the target. The peers install from tests/compat/package-lock.json with `npm install`, not
# `npm ci`: @duckdb/node-api lists platform binaries (darwin, win32, arm64) that the registry
# this project uses does not serve, so they cannot be in the lock file and `npm ci` refuses it.
PARQUET_COMPAT_DIR := build/compat/parquet
PARQUET_JSON_TOOL := build/native-release/quiver_parquet_json
PARQUET_JSON_TOOL_ASAN := build/native-asan/quiver_parquet_json

.PHONY: test-parquet-compat

test-parquet-compat: native asan js-build
	@cd tests/compat && { [ -d node_modules ] || npm install --no-audit --no-fund; }
	@mkdir -p $(PARQUET_COMPAT_DIR)
	@node tests/compat/parquet_duckdb.mjs --tool $(PARQUET_JSON_TOOL) --out $(PARQUET_COMPAT_DIR)/duckdb --cases 60 --seed 1
	@node tests/compat/parquet_wasm.mjs --tool $(PARQUET_JSON_TOOL) --out $(PARQUET_COMPAT_DIR)/parquet-wasm --cases 40 --seed 1
	@node tests/compat/parquet_package.mjs --out $(PARQUET_COMPAT_DIR)/package --cases 24 --seed 1
	@node tests/compat/parquet_write.mjs --out $(PARQUET_COMPAT_DIR)/write --cases 60 --seed 1
	@node tests/compat/parquet_mutate.mjs --tool $(PARQUET_JSON_TOOL_ASAN) --in $(PARQUET_COMPAT_DIR)/duckdb \
	  --in2 $(PARQUET_COMPAT_DIR)/parquet-wasm --per-file 20 --seed 42

EXTRA_TESTS += test-parquet-compat
