# Quiver: `make demo` and `make test` install what is missing, build and run.
SHELL := /bin/bash
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)

.PHONY: demo demo-native test _tests_done setup deps-wasm native asan wasm test-native test-asan test-wasm clean

setup:
	@bash scripts/setup.sh

deps-wasm: setup
	@bash scripts/fetch_codec_sources.sh

native: setup
	@cmake --preset native-release >/dev/null
	@cmake --build --preset native-release -j $(JOBS)

asan: setup
	@cmake --preset native-asan >/dev/null
	@cmake --build --preset native-asan -j $(JOBS)

wasm: deps-wasm
	@cmake --preset wasm-release >/dev/null
	@cmake --build --preset wasm-release -j $(JOBS)

test-native: native
	@ctest --preset native-release -j $(JOBS)

test-asan: asan
	@ctest --preset native-asan -j $(JOBS)

test-wasm: wasm
	@ctest --preset wasm-release -j $(JOBS)

# Feature areas add their own targets in mk/*.mk and append them to EXTRA_TESTS.
EXTRA_TESTS :=
-include mk/*.mk

# Every test: native release, native ASan+UBSan, WASM under Node, then the feature areas'
# own suites. Builds run one after another (the machine has two cores).
test: test-native test-asan test-wasm
	@$(MAKE) --no-print-directory $(EXTRA_TESTS) _tests_done

_tests_done:
	@echo "make test: every suite passed"

# The CLI-driven demo of the npm package (js/scripts/demo.mjs; targets in mk/js.mk). The
# C++ demo it replaced is `make demo-native`.
demo: js-build
	@node js/scripts/demo.mjs

demo-native: native
	@./build/native-release/demo

clean:
	rm -rf build/native-release build/native-asan build/wasm-release
