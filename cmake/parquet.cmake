# Parquet reader (src/parquet, in subdirectories by stage: thrift/ encoding/ page/ column/
# arrow/). One static library, quiver_parquet; it uses the IPC module's schema decoder for
# the ARROW:schema key, so it needs the IPC flatbuffers header too.
file(GLOB_RECURSE _pq_srcs CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/parquet/*.cc")
list(FILTER _pq_srcs EXCLUDE REGEX "_(test|bench|fuzz)\\.cc$")
list(FILTER _pq_srcs EXCLUDE REGEX "_property_test\\.cc$")
list(FILTER _pq_srcs EXCLUDE REGEX "/tools/")
add_library(quiver_parquet STATIC ${_pq_srcs})
target_include_directories(quiver_parquet PUBLIC "${CMAKE_SOURCE_DIR}/include" PRIVATE "${CMAKE_SOURCE_DIR}/src")
target_compile_options(quiver_parquet PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
target_link_libraries(quiver_parquet PUBLIC quiver_ipc quiver_codec quiver_core PRIVATE quiver_flatbuffers)
add_dependencies(quiver_parquet quiver_ipc_flatbuffers)

# Tools: a small CLI that prints a Parquet file as JSON, for the cross-implementation tests
# (tests/compat). Native only.
if(NOT EMSCRIPTEN)
  add_executable(quiver_parquet_json "${CMAKE_SOURCE_DIR}/src/parquet/tools/parquet_json.cc")
  target_include_directories(quiver_parquet_json PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(quiver_parquet_json PRIVATE quiver_parquet)
  target_compile_options(quiver_parquet_json PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
endif()

# parquet_fuzz (src/parquet/parquet_fuzz.cc): libFuzzer target over the reader and a
# read-write-read round trip. Configure a clang build directory with
#   -DQUIVER_PARQUET_FUZZ=ON -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined"
option(QUIVER_PARQUET_FUZZ "Build the parquet_fuzz libFuzzer target (clang, native only)" OFF)
if(QUIVER_PARQUET_FUZZ AND NOT EMSCRIPTEN)
  add_executable(parquet_fuzz "${CMAKE_SOURCE_DIR}/src/parquet/parquet_fuzz.cc")
  target_include_directories(parquet_fuzz PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(parquet_fuzz PRIVATE quiver_parquet)
  target_compile_options(parquet_fuzz PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS} -fsanitize=fuzzer)
  target_link_options(parquet_fuzz PRIVATE -fsanitize=fuzzer)
endif()

# Tests are defined once cmake/tests.cmake has found GoogleTest (it runs after this file).
function(_quiver_parquet_tests)
  if(NOT QUIVER_BUILD_TESTS)
    return()
  endif()
  file(GLOB_RECURSE tests CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/parquet/*_test.cc")
  list(FILTER tests EXCLUDE REGEX "_property_test\\.cc$")
  if(tests)
    add_executable(parquet_test ${tests})
    target_include_directories(parquet_test PRIVATE "${CMAKE_SOURCE_DIR}/src")
    target_link_libraries(parquet_test PRIVATE quiver_parquet ${QUIVER_GTEST})
    target_compile_options(parquet_test PRIVATE ${QUIVER_WARNINGS})
    target_compile_definitions(parquet_test PRIVATE QUIVER_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    if(EMSCRIPTEN)
      target_link_options(parquet_test PRIVATE ${QUIVER_WASM_LINK_FLAGS} -sNODERAWFS=1)
    endif()
    add_test(NAME parquet_test COMMAND parquet_test)
  endif()
  file(GLOB_RECURSE props CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/parquet/*_property_test.cc")
  if(props AND NOT EMSCRIPTEN)
    add_executable(parquet_property_test ${props})
    target_include_directories(parquet_property_test PRIVATE "${CMAKE_SOURCE_DIR}/src")
    target_link_libraries(parquet_property_test PRIVATE quiver_parquet rapidcheck_gtest rapidcheck ${QUIVER_GTEST})
    target_compile_options(parquet_property_test PRIVATE -fexceptions)
    add_test(NAME parquet_property_test COMMAND parquet_property_test)
  endif()
endfunction()
cmake_language(DEFER CALL _quiver_parquet_tests)
