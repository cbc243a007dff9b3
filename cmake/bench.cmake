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
