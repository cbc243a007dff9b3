# Plugins as Emscripten side modules (toolchain.md section 4): the core module quiver_wasm is
# linked with -sMAIN_MODULE=2 and exports exactly the symbols of
# bindings/wasm/plugin_exports.txt (plus what embind needs), so a plugin may import those and
# nothing else. The list is also written as JSON next to the module for the JavaScript
# import check (js/src/plugins.ts). Test plugins (plugins/testing/*.c) are built here.
if(NOT EMSCRIPTEN)
  return()
endif()

file(STRINGS "${CMAKE_SOURCE_DIR}/bindings/wasm/plugin_exports.txt" _lines)
set(_exports "")
set(_json "")
foreach(_line IN LISTS _lines)
  string(STRIP "${_line}" _sym)
  if(_sym STREQUAL "" OR _sym MATCHES "^#")
    continue()
  endif()
  list(APPEND _exports "_${_sym}")
  string(APPEND _json "\"${_sym}\",")
endforeach()
string(REGEX REPLACE ",$" "" _json "${_json}")
list(JOIN _exports "," QUIVER_PLUGIN_EXPORTS)
file(WRITE "${CMAKE_BINARY_DIR}/js/plugin_exports.json" "[${_json}]\n")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/bindings/wasm/plugin_exports.txt")

# Test plugins: a good one and one importing a symbol the core does not export.
function(quiver_side_module name source)
  add_executable(${name} "${source}")
  target_include_directories(${name} PRIVATE "${CMAKE_SOURCE_DIR}/include")
  target_compile_options(${name} PRIVATE -fPIC)
  target_link_options(${name} PRIVATE -O2 -sSIDE_MODULE=2 -sEXPORTED_FUNCTIONS=_quiver_plugin_entry)
  set_target_properties(${name} PROPERTIES SUFFIX ".wasm" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/js/plugins")
endfunction()
quiver_side_module(quiver_test_plugin "${CMAKE_SOURCE_DIR}/plugins/testing/test_plugin.c")
quiver_side_module(quiver_bad_plugin "${CMAKE_SOURCE_DIR}/plugins/testing/bad_plugin.c")
