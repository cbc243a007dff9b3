# Build variants of the WebAssembly module (issue 9's size goals), each in its own build
# directory so that the default build stays as it is.
#   make wasm-ipc       the IPC-only core: IPC + LZ4 + ZSTD, no Parquet reader/writer, no
#                       Snappy/GZIP/Brotli (QUIVER_WITH_PARQUET=OFF ...), in build/wasm-ipc:
#                       build/wasm-ipc/js/quiver.{mjs,wasm} and its test ipc_only_test
#   make test-wasm-ipc  runs ipc_only_test under Node (the engine: LZ4/ZSTD IPC round trips,
#                       every Parquet entry point answers `unsupported`) and
#                       tests/variants/ipc_only_package.test.mjs (the npm package on the
#                       variant's module, against js/dist). Part of `make test`: with the
#                       compiler cache warm from the wasm-release build it adds 2-4 minutes.
# `make bench` builds wasm-ipc and reports the .wasm sizes of every variant.
WASM_IPC_DIR := build/wasm-ipc

.PHONY: wasm-ipc test-wasm-ipc

wasm-ipc: deps-wasm
	@cmake -S . -B $(WASM_IPC_DIR) -G Ninja \
	  -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
	  -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" \
	  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache -DQUIVER_BUILD_EXAMPLES=OFF \
	  -DQUIVER_WITH_PARQUET=OFF -DQUIVER_WITH_SNAPPY=OFF -DQUIVER_WITH_ZLIB=OFF -DQUIVER_WITH_BROTLI=OFF >/dev/null
	@cmake --build $(WASM_IPC_DIR) -j $(JOBS) --target quiver_wasm ipc_only_test

test-wasm-ipc: wasm-ipc js-build
	@cd $(WASM_IPC_DIR) && ctest -R '^ipc_only_test$$' --output-on-failure
	@QUIVER_IPC_BUILD=$(WASM_IPC_DIR) node --test tests/variants/ipc_only_package.test.mjs

EXTRA_TESTS += test-wasm-ipc
