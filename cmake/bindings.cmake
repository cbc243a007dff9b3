# The handle layer (src/handles, library quiver_handles: generational handles, table
# operations, format detection, JSON summaries) and, under emscripten, the WebAssembly
# module of the npm package (target quiver_wasm: js/quiver.mjs + js/quiver.wasm in the
# build directory; mk/js.mk copies them into js/dist/wasm).
if(NOT TARGET quiver_ipc)
  return()
endif()

if(QUIVER_WITH_PARQUET)
  quiver_module(handles)
  target_link_libraries(quiver_handles PUBLIC quiver_parquet quiver_ipc quiver_codec quiver_core)
else()
  # Without Parquet, the engine's Parquet side (src/handles/*parquet*.cc: the seam
  # parquet_link.cc, engine_parquet.cc, parquet_json.cc, parquet_write.cc) is replaced by
  # no_parquet/no_parquet.cc, whose entry points answer `unsupported`.
  quiver_module(handles "${CMAKE_SOURCE_DIR}/src/handles/no_parquet/no_parquet.cc")
  get_target_property(_handles_srcs quiver_handles SOURCES)
  list(FILTER _handles_srcs EXCLUDE REGEX "/src/handles/[^/]*parquet[^/]*\\.cc$")
  set_property(TARGET quiver_handles PROPERTY SOURCES ${_handles_srcs})
  target_link_libraries(quiver_handles PUBLIC quiver_ipc quiver_codec quiver_core)
endif()

# handles_test is made by cmake/tests.cmake's function, defined later in this directory.
# Without Parquet it is replaced by ipc_only_test (tests/variants), which proves that the
# variant reads and writes LZ4 and ZSTD IPC and refuses Parquet.
function(_quiver_handles_tests)
  if(QUIVER_BUILD_TESTS AND COMMAND quiver_test_module AND QUIVER_WITH_PARQUET)
    quiver_test_module(handles)
    if(TARGET handles_test)
      target_link_libraries(handles_test PRIVATE quiver_handles)
    endif()
  elseif(QUIVER_BUILD_TESTS)
    add_executable(ipc_only_test "${CMAKE_SOURCE_DIR}/tests/variants/ipc_only_test.cc")
    target_include_directories(ipc_only_test PRIVATE "${CMAKE_SOURCE_DIR}/src")
    target_link_libraries(ipc_only_test PRIVATE quiver_handles ${QUIVER_GTEST})
    target_compile_options(ipc_only_test PRIVATE ${QUIVER_WARNINGS})
    if(EMSCRIPTEN)
      target_link_options(ipc_only_test PRIVATE ${QUIVER_WASM_LINK_FLAGS})
    endif()
    add_test(NAME ipc_only_test COMMAND ipc_only_test)
  endif()
endfunction()
cmake_language(DEFER CALL _quiver_handles_tests)

if(EMSCRIPTEN)
  include(cmake/plugins.cmake)
  add_executable(quiver_wasm "${CMAKE_SOURCE_DIR}/bindings/wasm/quiver_bindings.cc")
  target_link_libraries(quiver_wasm PRIVATE quiver_handles)
  target_include_directories(quiver_wasm PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_compile_options(quiver_wasm PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
  set(_shim "${CMAKE_SOURCE_DIR}/bindings/wasm/node_esm_shim.js")
  target_link_options(quiver_wasm PRIVATE
    ${QUIVER_WASM_LINK_FLAGS} -O3 -lembind
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createQuiverModule
    -sENVIRONMENT=web,worker,node -sFILESYSTEM=0
    -sMAIN_MODULE=2 "-sEXPORTED_FUNCTIONS=${QUIVER_PLUGIN_EXPORTS}"
    -sEXPORTED_RUNTIME_METHODS=loadDynamicLibrary,LDSO
    "SHELL:--extern-pre-js ${_shim}")
  set_target_properties(quiver_wasm PROPERTIES
    OUTPUT_NAME quiver SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/js"
    LINK_DEPENDS "${_shim}")

  # The same module with memory capped at 64 MiB, for the tests that prove a read needing
  # more than WebAssembly can give ends in `out_of_memory` and leaves the instance usable
  # (js/test/memory_limit.test.mjs). Only the .wasm is used, with quiver.mjs: the two differ
  # in the memory's declared maximum alone.
  add_executable(quiver_wasm_small "${CMAKE_SOURCE_DIR}/bindings/wasm/quiver_bindings.cc")
  target_link_libraries(quiver_wasm_small PRIVATE quiver_handles)
  target_include_directories(quiver_wasm_small PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_compile_options(quiver_wasm_small PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
  get_target_property(_flags quiver_wasm LINK_OPTIONS)
  list(TRANSFORM _flags REPLACE "^-sMAXIMUM_MEMORY=4GB$" "-sMAXIMUM_MEMORY=64MB")
  target_link_options(quiver_wasm_small PRIVATE ${_flags})
  set_target_properties(quiver_wasm_small PROPERTIES
    OUTPUT_NAME quiver_small SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/js/small"
    LINK_DEPENDS "${_shim}")
endif()
