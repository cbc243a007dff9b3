// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <cstring>

#include "core/utf8_internal.h"

namespace quiver::internal {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

/// True when the 16 bytes at p are all ASCII.
inline bool Ascii16(const uint8_t* p) {
  uint64_t a, b;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  return ((a | b) & kHighBits) == 0;
}

}  // namespace

bool ValidateUtf8(const uint8_t* data, int64_t size, int64_t* error_pos) {
  int64_t i = 0;
  while (i < size) {
    // Text is mostly ASCII: skip it 16 bytes at a time, then decode one sequence at a time.
    while (size - i >= 16 && Ascii16(data + i)) i += 16;
    if (i >= size) break;
    const uint8_t c = data[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int64_t left = size - i;
    // Lead byte ranges and the allowed range of the second byte, per Unicode table 3-7.
    int64_t n;           // sequence length
    uint8_t lo = 0x80;   // bounds of the second byte
    uint8_t hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong 3-byte forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;  // no overlong 4-byte forms
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      n = 0;  // continuation byte, C0/C1 (overlong) or F5..FF
    }
    bool ok = n != 0 && left >= n && data[i + 1] >= lo && data[i + 1] <= hi;
    for (int64_t k = 2; ok && k < n; ++k) ok = IsUtf8Continuation(data[i + k]);
    if (!ok) {
      if (error_pos != nullptr) *error_pos = i;
      return false;
    }
    i += n;
  }
  return true;
}

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&s](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t c = byte(i);
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace quiver::internal
