// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Message formatting without iostream (iostream drags locale into the WASM binary).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace quiver::internal {

inline void AppendPiece(std::string* out, std::string_view s) { out->append(s); }
inline void AppendPiece(std::string* out, const char* s) { out->append(s); }
inline void AppendPiece(std::string* out, const std::string& s) { out->append(s); }
inline void AppendPiece(std::string* out, char c) { out->push_back(c); }
inline void AppendPiece(std::string* out, bool b) { out->append(b ? "true" : "false"); }

template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                                  !std::is_same_v<T, char>>>
void AppendPiece(std::string* out, T value) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, r.ptr);
}

/// Appends a double in the shortest form that round-trips ("0.1", "100", "1e+21", "nan", "-inf").
/// Use this, not std::to_chars: emscripten 3.1.6's libc++ has no floating-point to_chars.
void AppendDouble(std::string* out, double value);
inline void AppendPiece(std::string* out, double d) { AppendDouble(out, d); }
inline void AppendPiece(std::string* out, float f) { AppendDouble(out, f); }

/// Concatenates strings, characters and numbers into one string.
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (AppendPiece(&out, args), ...);
  return out;
}

/// `'name'` quoted for messages and context paths.
inline std::string Quoted(std::string_view name) { return StrCat("'", name, "'"); }

}  // namespace quiver::internal
