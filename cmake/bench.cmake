# Native microbenchmarks (Google Benchmark, Debian libbenchmark-dev): every src/**/*_bench.cc
# (the library globs skip them) in one executable, quiver_bench. Off by default and native
# only; `make bench-native` configures build/bench-native with -DQUIVER_BENCH=ON and runs it.
option(QUIVER_BENCH "Build the quiver_bench microbenchmarks (native only)" OFF)
if(QUIVER_BENCH AND NOT EMSCRIPTEN)
  find_package(benchmark REQUIRED)
  file(GLOB_RECURSE _bench_srcs CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/*_bench.cc")
  add_executable(quiver_bench ${_bench_srcs})
  target_include_directories(quiver_bench PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(quiver_bench PRIVATE quiver benchmark::benchmark_main)
  target_compile_options(quiver_bench PRIVATE ${QUIVER_WARNINGS})
endif()

# quiver_codec_throughput (bench/codec_throughput.cc): LZ4/ZSTD MB/s through the codec layer
# on an IPC file's buffers, a plain program built from the same source natively and in WASM
# (-sNODERAWFS: it reads the file under Node), so `make bench` compares the two. Not built
# by default.
if(TARGET quiver_ipc)
  add_executable(quiver_codec_throughput EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/codec_throughput.cc")
  target_link_libraries(quiver_codec_throughput PRIVATE quiver_ipc quiver_codec quiver_core)
  target_compile_options(quiver_codec_throughput PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
  if(EMSCRIPTEN)
    target_link_options(quiver_codec_throughput PRIVATE ${QUIVER_WASM_LINK_FLAGS} -O3 -sNODERAWFS=1)
  endif()
endif()
