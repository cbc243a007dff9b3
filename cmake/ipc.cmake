# Arrow IPC (src/ipc): flatbuffers metadata code generated at build time from Quiver's own
# schema, src/ipc/format/arrow_ipc.fbs. The generator is always the build machine's flatc,
# also when cross-compiling to WASM (emscripten's toolchain file searches programs on the
# host already; NO_CMAKE_FIND_ROOT_PATH makes that explicit).
find_program(FLATC flatc REQUIRED NO_CMAKE_FIND_ROOT_PATH)

set(_ipc_fbs "${CMAKE_SOURCE_DIR}/src/ipc/format/arrow_ipc.fbs")
set(_ipc_gen_dir "${CMAKE_BINARY_DIR}/generated/ipc")
set(_ipc_gen "${_ipc_gen_dir}/arrow_ipc_generated.h")
add_custom_command(
  OUTPUT "${_ipc_gen}"
  COMMAND "${FLATC}" --cpp --scoped-enums -o "${_ipc_gen_dir}" "${_ipc_fbs}"
  DEPENDS "${_ipc_fbs}"
  COMMENT "flatc: generating Arrow IPC metadata code"
  VERBATIM)
add_custom_target(quiver_ipc_flatbuffers DEPENDS "${_ipc_gen}")

# Header-only flatbuffers runtime plus the generated header. Under emscripten the Debian
# headers are exposed through a directory holding only a `flatbuffers` symlink, so that
# /usr/include itself never reaches the WASM compiler's search path.
add_library(quiver_flatbuffers INTERFACE)
target_include_directories(quiver_flatbuffers SYSTEM INTERFACE "${_ipc_gen_dir}")
if(EMSCRIPTEN)
  set(_fb_include "${CMAKE_BINARY_DIR}/fb_include")
  file(MAKE_DIRECTORY "${_fb_include}")
  if(NOT EXISTS "${_fb_include}/flatbuffers")
    file(CREATE_LINK /usr/include/flatbuffers "${_fb_include}/flatbuffers" SYMBOLIC)
  endif()
  target_include_directories(quiver_flatbuffers SYSTEM INTERFACE "${_fb_include}")
endif()

quiver_module(ipc "${_ipc_gen}")
target_link_libraries(quiver_ipc PUBLIC quiver_codec quiver_core PRIVATE quiver_flatbuffers)
add_dependencies(quiver_ipc quiver_ipc_flatbuffers)

# The IPC tests craft flatbuffers (corrupt inputs), so they need the generated header too.
# ipc_test is created later, by cmake/tests.cmake; attach to it once the directory is done.
function(_quiver_ipc_test_flatbuffers)
  if(TARGET ipc_test)
    target_link_libraries(ipc_test PRIVATE quiver_flatbuffers)
    add_dependencies(ipc_test quiver_ipc_flatbuffers)
  endif()
endfunction()
cmake_language(DEFER CALL _quiver_ipc_test_flatbuffers)

# quiver_ipc_json (tools/ipc_json.cc): prints an IPC file or stream as canonical JSON and
# rewrites it with each compression, for the cross-implementation tests against apache-arrow
# JS (tests/compat/ipc, `make test-ipc-compat`). Native only: the tests run it as a process.
if(NOT EMSCRIPTEN)
  add_executable(quiver_ipc_json "${CMAKE_SOURCE_DIR}/tools/ipc_json.cc")
  target_link_libraries(quiver_ipc_json PRIVATE quiver_ipc)
  target_compile_options(quiver_ipc_json PRIVATE ${QUIVER_WARNINGS} ${QUIVER_CXX_FLAGS})
endif()
