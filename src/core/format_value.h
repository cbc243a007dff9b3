// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Text forms of single Arrow values, for the pretty printer. No iostream, no locale, no
// floating-point std::to_chars (emscripten 3.1.6's libc++ lacks it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/type.h"

namespace quiver::internal {

/// The shortest decimal that reads back as `value`, laid out as JavaScript's
/// Number.prototype.toString does: plain digits for 1e-7 <= |x| < 1e21 ("100", "0.001"),
/// otherwise exponent form ("1e+21", "1.5e-7"); "nan", "inf", "-inf", "-0".
void AppendShortestDouble(std::string* out, double value);
/// As AppendShortestDouble, with the shortest digits that read back as the same float.
void AppendShortestFloat(std::string* out, float value);
/// An IEEE binary16 value given by its bits, with the shortest digits that read back as
/// the same half-precision value ("0.1" for 0x2E66).
void AppendHalf(std::string* out, uint16_t bits);
/// The value of binary16 bits as a float (exact: every half is a float).
float HalfToFloat(uint16_t bits);

/// A decimal of `byte_width` (4, 8, 16 or 32) little-endian two's-complement bytes, with
/// the point placed `scale` digits from the right: 12345 at scale 2 is "123.45", -5 at
/// scale 3 is "-0.005"; a negative scale appends zeros (12 at scale -2 is "1200").
void AppendDecimal(std::string* out, const uint8_t* bytes, int byte_width, int32_t scale);

/// Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; a negative year gets a '-').
void AppendDate(std::string* out, int64_t days);
/// A time of day in `unit`s since midnight: HH:MM:SS plus 3, 6 or 9 fraction digits for
/// ms, us and ns. Out-of-range values (not valid for time32/time64) still print
/// exactly: hours past 23 and a leading '-' for negative values.
void AppendTimeOfDay(std::string* out, int64_t value, TimeUnit unit);
/// A timestamp in `unit`s since the epoch as ISO 8601, YYYY-MM-DDTHH:MM:SS[.fff...].
/// An empty `timezone` prints naive local time; a fixed offset ("+05:30", "-08:00")
/// prints the local time at that offset followed by the offset; any other zone prints
/// the UTC instant followed by "Z" (there is no zone database in the library).
void AppendTimestamp(std::string* out, int64_t value, TimeUnit unit, std::string_view timezone);

/// `bytes` in double quotes: '"' and '\\' escaped, \n \r \t, other C0 controls and DEL as
/// \xHH, C1 controls as \u00HH, and each byte of invalid UTF-8 as \xHH.
void AppendQuotedUtf8(std::string* out, std::string_view bytes);
/// `bytes` as lower-case hex inside x'...'.
void AppendHexLiteral(std::string* out, std::string_view bytes);

}  // namespace quiver::internal
