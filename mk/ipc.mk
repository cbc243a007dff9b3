# Arrow IPC: cross-implementation tests against apache-arrow JS (npm peer in tests/compat/ipc,
# with lz4js, fzstd and zstd-codec as its LZ4_FRAME and ZSTD codecs). Streams and files written
# by apache-arrow JS (none/lz4/zstd) are read by tools/ipc_json.cc (quiver_ipc_json), and the
# files it rewrites are read by apache-arrow JS; every value is compared exactly. Files are
# generated into build/compat/ipc/ and never committed. A missing peer fails the target
# (npm ci installs it from tests/compat/ipc/package-lock.json).
IPC_COMPAT_DIR := build/compat/ipc
IPC_JSON_TOOL := build/native-release/quiver_ipc_json

.PHONY: test-ipc-compat

test-ipc-compat: setup
	@cd tests/compat/ipc && { [ -d node_modules ] || npm ci --no-audit --no-fund; }
	@cmake --preset native-release >/dev/null
	@cmake --build --preset native-release -j $(JOBS) --target quiver_ipc_json
	@rm -rf $(IPC_COMPAT_DIR) && mkdir -p $(IPC_COMPAT_DIR)
	@node tests/compat/ipc/ipc_arrow_js.mjs --tool $(IPC_JSON_TOOL) --out $(IPC_COMPAT_DIR) --cases 8 --seed 1

EXTRA_TESTS += test-ipc-compat
