# Benchmark suite (bench/, issue 9): Quiver's npm package against apache-arrow JS, parquet-wasm,
# hyparquet and native DuckDB (npm peers in bench/package.json), on seeded datasets generated
# into build/bench-data/; results in build/bench-results/*.json. `make bench` writes the marked
# section of docs/performance.md (+ docs/bench-ratios.svg); `make bench-quick` writes
# build/bench-results/quick.md instead. Not part of `make test`.
#   make bench          1,000,000 rows, 4 datasets, 3 warm-ups + 5 runs (about 10 minutes)
#   make bench-quick    100,000 rows, the mix dataset, 2 warm-ups + 3 runs (about 1.5 minutes)
#   make bench-native   Google Benchmark microbenchmarks (src/**/*_bench.cc, build/bench-native)
# Both bench modes also report the .wasm sizes per build variant, LZ4/ZSTD throughput in WASM
# against native (bench/codec_throughput.cc) and the core scenarios in headless Chromium.
# The peers install with `npm install`, not `npm ci`, for the reason given in mk/parquet.mk.
# BENCH_JS is the prerequisite that builds js/dist; `make bench-quick BENCH_JS=` uses js/dist as it is.
# BENCH_TOOLS builds the rest the suite measures: the IPC-only WASM variant (mk/variants.mk,
# for its size) and bench/codec_throughput.cc in it and natively (LZ4/ZSTD, WASM against
# native); `BENCH_TOOLS=` uses what is built (a missing piece is reported as such).
BENCH_JS ?= js-build
BENCH_TOOLS ?= bench-tools
BENCH_STAMP := bench/node_modules/.quiver-npm-install

.PHONY: bench bench-quick bench-deps bench-native bench-tools

$(BENCH_STAMP): bench/package.json bench/package-lock.json
	@cd bench && npm install --no-audit --no-fund --loglevel=error
	@touch $@

bench-deps: setup $(BENCH_STAMP)

bench-tools: wasm-ipc
	@cmake --build $(WASM_IPC_DIR) -j $(JOBS) --target quiver_codec_throughput
	@cmake --preset native-release -B build/bench-native -DQUIVER_BENCH=ON -DQUIVER_BUILD_TESTS=OFF -DQUIVER_BUILD_EXAMPLES=OFF >/dev/null
	@cmake --build build/bench-native -j $(JOBS) --target quiver_codec_throughput

bench: $(BENCH_JS) bench-deps $(BENCH_TOOLS)
	@node bench/run.mjs --mode full --ipc-build $(WASM_IPC_DIR)

bench-quick: $(BENCH_JS) bench-deps $(BENCH_TOOLS)
	@node bench/run.mjs --mode quick --ipc-build $(WASM_IPC_DIR)

bench-native: setup
	@cmake --preset native-release -B build/bench-native -DQUIVER_BENCH=ON -DQUIVER_BUILD_TESTS=OFF -DQUIVER_BUILD_EXAMPLES=OFF >/dev/null
	@cmake --build build/bench-native -j $(JOBS) --target quiver_bench
	@mkdir -p build/bench-results
	@./build/bench-native/quiver_bench --benchmark_out=build/bench-results/native.json --benchmark_out_format=json
	@node bench/report.mjs
