// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// UTF-8 validation for untrusted strings (utf8 arrays, Parquet byte arrays, metadata).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quiver::internal {

/// True when `data[0, size)` is well-formed UTF-8 as defined by Unicode 15, table 3-7: no
/// overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
/// sequence at the end. On false, `*error_pos` (when not null) is the position of the first
/// byte of the first ill-formed sequence. `data` may be null when `size` is 0.
bool ValidateUtf8(const uint8_t* data, int64_t size, int64_t* error_pos = nullptr);

/// Length (2 to 4) of the well-formed multi-byte UTF-8 sequence starting at s[i], or 0 when
/// the bytes there are not one (overlong forms, surrogates, code points past U+10FFFF,
/// truncation). Precondition: i < s.size(). ASCII bytes are the caller's business.
size_t Utf8SequenceLength(std::string_view s, size_t i);

/// True for a UTF-8 continuation byte (10xxxxxx): a valid string never starts with one.
inline bool IsUtf8Continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

}  // namespace quiver::internal
