# Fuzzing (docs/testing.md): one libFuzzer target per src/<module>/<name>_fuzz.cc (ipc_fuzz,
# ipc_file_fuzz, parquet_fuzz, thrift_fuzz, codec_fuzz), geo_fuzz (the geometry plugin's
# WKB and WKT parsers) and fuzz_seeds (tools/fuzz_seeds.cc),
# which writes their seed corpora from the test generators. Coverage needs every library
# instrumented, so use a separate clang build directory; `make fuzz-smoke` and `make fuzz`
# (mk/fuzz.mk) configure build/fuzz with
#   -DQUIVER_FUZZ=ON -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined"
option(QUIVER_FUZZ "Build the libFuzzer targets and fuzz_seeds (clang, native only)" OFF)
if(QUIVER_FUZZ AND NOT EMSCRIPTEN)
  file(GLOB _fuzz_srcs CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/*/*_fuzz.cc")
  foreach(src ${_fuzz_srcs})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_include_directories(${name} PRIVATE "${CMAKE_SOURCE_DIR}/src")
    target_link_libraries(${name} PRIVATE quiver)
    target_compile_options(${name} PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS} -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  endforeach()

  # The geometry plugin's parsers (plugins/geo/src/geo_fuzz.cc), over its own library.
  add_executable(geo_fuzz "${CMAKE_SOURCE_DIR}/plugins/geo/src/geo_fuzz.cc")
  target_include_directories(geo_fuzz PRIVATE "${CMAKE_SOURCE_DIR}/src" "${CMAKE_SOURCE_DIR}/plugins/geo/src")
  target_link_libraries(geo_fuzz PRIVATE quiver_geo)
  target_compile_options(geo_fuzz PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS} -fsanitize=fuzzer)
  target_link_options(geo_fuzz PRIVATE -fsanitize=fuzzer)

  # The seed generator uses the RapidCheck table generator of the IPC property tests, which
  # needs C++ exceptions and GoogleTest's headers.
  find_package(GTest REQUIRED)
  find_package(rapidcheck REQUIRED)
  add_executable(fuzz_seeds "${CMAKE_SOURCE_DIR}/tools/fuzz_seeds.cc")
  target_include_directories(fuzz_seeds PRIVATE "${CMAKE_SOURCE_DIR}/src" "${CMAKE_SOURCE_DIR}/plugins/geo/src")
  target_link_libraries(fuzz_seeds PRIVATE quiver quiver_geo rapidcheck GTest::gtest)
  target_compile_options(fuzz_seeds PRIVATE ${QUIVER_WARNINGS} -fexceptions)
endif()
