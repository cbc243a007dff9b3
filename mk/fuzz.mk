# Fuzzing (docs/testing.md): libFuzzer targets over the IPC readers (ipc_fuzz, and
# ipc_file_fuzz: the file reader against the stream reader), the Parquet reader
# (parquet_fuzz), the thrift decoders (thrift_fuzz), every codec (codec_fuzz) and the geometry
# plugin's WKB and WKT parsers (geo_fuzz), built with
# clang-14, ASan and UBSan in build/fuzz (cmake/fuzz.cmake, QUIVER_FUZZ), from seed corpora
# that fuzz_seeds writes from the test generators (scripts/fuzz.sh). `make fuzz-smoke` runs
# each target FUZZ_SMOKE_SECONDS (30) from the seeds alone and is part of `make test`;
# `make fuzz` runs each FUZZ_SECONDS (600) and keeps the grown corpora. A crash fails the
# target and prints the input's path; it then belongs in tests/regressions/<module>/.
FUZZ_DIR := build/fuzz
FUZZ_TARGETS := ipc_fuzz ipc_file_fuzz parquet_fuzz thrift_fuzz codec_fuzz geo_fuzz
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30

.PHONY: fuzz-build fuzz fuzz-smoke

# The codecs are compiled from the sources the WASM build uses (deps-wasm fetches them), so
# their decoders are instrumented too (QUIVER_CODECS_FROM_SOURCE).
fuzz-build: setup deps-wasm
	@cmake --preset native-release -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIVER_FUZZ=ON \
	  -DQUIVER_BUILD_TESTS=OFF -DQUIVER_BUILD_EXAMPLES=OFF -DQUIVER_CODECS_FROM_SOURCE=ON \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
	  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(FUZZ_TARGETS) fuzz_seeds

fuzz-smoke: fuzz-build
	@bash scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS) --fresh $(FUZZ_TARGETS)

fuzz: fuzz-build
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

EXTRA_TESTS += fuzz-smoke
