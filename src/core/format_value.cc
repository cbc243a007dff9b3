// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "core/format_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/str_cat.h"
#include "core/utf8_internal.h"

namespace quiver::internal {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// ---- Floating point ---------------------------------------------------------------------

/// Fills `buf` with the "%.*e" form of `v` (positive, finite) with the fewest significant
/// digits, up to `max_digits`, that `accept` takes as reading back to the original.
/// snprintf and strtod round correctly in glibc and in emscripten's musl, and use the
/// "C" locale (no program here calls setlocale).
template <typename Accept>
void ShortestScientific(double v, int max_digits, char (&buf)[40], Accept accept) {
  for (int p = 1; p <= max_digits; ++p) {
    std::snprintf(buf, sizeof(buf), "%.*e", p - 1, v);
    if (accept(buf)) return;
  }
}

/// Lays out "d.ddde[+-]x" (from ShortestScientific) as JavaScript's Number#toString does.
void AppendJsLayout(std::string* out, const char* sci) {
  char digits[40];
  int n = 0;
  const char* p = sci;
  for (; *p != '\0' && *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') digits[n++] = *p;
  }
  const int exp10 = *p == 'e' ? std::atoi(p + 1) : 0;
  while (n > 1 && digits[n - 1] == '0') --n;
  const int point = exp10 + 1;  // digits before the decimal point
  if (n <= point && point <= 21) {
    out->append(digits, static_cast<size_t>(n));
    out->append(static_cast<size_t>(point - n), '0');
  } else if (0 < point && point <= 21) {
    out->append(digits, static_cast<size_t>(point));
    out->push_back('.');
    out->append(digits + point, static_cast<size_t>(n - point));
  } else if (-6 < point && point <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-point), '0');
    out->append(digits, static_cast<size_t>(n));
  } else {
    out->push_back(digits[0]);
    if (n > 1) {
      out->push_back('.');
      out->append(digits + 1, static_cast<size_t>(n - 1));
    }
    out->push_back('e');
    out->push_back(exp10 < 0 ? '-' : '+');
    char e[8];
    const int len = std::snprintf(e, sizeof(e), "%d", exp10 < 0 ? -exp10 : exp10);
    out->append(e, static_cast<size_t>(len));
  }
}

/// Handles nan, infinities and zeros; true when it did.
bool AppendSpecial(std::string* out, double v) {
  if (std::isnan(v)) {
    out->append("nan");
  } else if (std::isinf(v)) {
    out->append(v < 0 ? "-inf" : "inf");
  } else if (v == 0) {
    out->append(std::signbit(v) ? "-0" : "0");
  } else {
    return false;
  }
  return true;
}

/// |value| of binary16 bits in [0, 0x7C00]; 0x7C00 (infinity) is taken as 2^16, the next
/// step after the largest finite half, so that rounding intervals work at the top.
double HalfMagnitude(uint32_t bits) {
  const int exponent = static_cast<int>(bits >> 10);
  const int mantissa = static_cast<int>(bits & 0x3FF);
  if (exponent == 0) return std::ldexp(mantissa, -24);
  return std::ldexp(1024 + mantissa, exponent - 25);
}

// ---- Calendar ---------------------------------------------------------------------------

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b) != 0 && a < 0) --q;
  return q;
}

void AppendPadded(std::string* out, uint64_t value, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

int64_t UnitsPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return 1;
    case TimeUnit::kMilli: return 1000;
    case TimeUnit::kMicro: return 1000000;
    case TimeUnit::kNano: return 1000000000;
  }
  return 1;
}

int FractionDigits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return 0;
    case TimeUnit::kMilli: return 3;
    case TimeUnit::kMicro: return 6;
    case TimeUnit::kNano: return 9;
  }
  return 0;
}

/// HH:MM:SS[.fff] for a non-negative number of seconds and a fraction in units.
void AppendClock(std::string* out, uint64_t seconds, uint64_t fraction, TimeUnit unit) {
  AppendPadded(out, seconds / 3600, 2);
  out->push_back(':');
  AppendPadded(out, seconds / 60 % 60, 2);
  out->push_back(':');
  AppendPadded(out, seconds % 60, 2);
  if (unit != TimeUnit::kSecond) {
    out->push_back('.');
    AppendPadded(out, fraction, FractionDigits(unit));
  }
}

/// Seconds east of UTC for a "+HH:MM" / "-HH:MM" zone; false for anything else.
bool ParseFixedOffset(std::string_view tz, int64_t* seconds) {
  auto digit = [&tz](size_t i) { return tz[i] >= '0' && tz[i] <= '9'; };
  if (tz.size() != 6 || (tz[0] != '+' && tz[0] != '-') || !digit(1) || !digit(2) || tz[3] != ':' || !digit(4) ||
      !digit(5)) {
    return false;
  }
  const int64_t hours = (tz[1] - '0') * 10 + (tz[2] - '0');
  const int64_t minutes = (tz[4] - '0') * 10 + (tz[5] - '0');
  if (hours > 23 || minutes > 59) return false;
  *seconds = (tz[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

// ---- Text -------------------------------------------------------------------------------

void AppendHexByte(std::string* out, const char* prefix, uint8_t b) {
  out->append(prefix);
  out->push_back(kHexDigits[b >> 4]);
  out->push_back(kHexDigits[b & 15]);
}

}  // namespace

void AppendShortestDouble(std::string* out, double value) {
  if (AppendSpecial(out, value)) return;
  if (value < 0) out->push_back('-');
  const double v = std::fabs(value);
  char buf[40];
  ShortestScientific(v, 17, buf, [v](const char* s) { return std::strtod(s, nullptr) == v; });
  AppendJsLayout(out, buf);
}

void AppendShortestFloat(std::string* out, float value) {
  if (AppendSpecial(out, value)) return;
  if (value < 0) out->push_back('-');
  const float v = std::fabs(value);
  char buf[40];
  ShortestScientific(v, 9, buf, [v](const char* s) { return std::strtof(s, nullptr) == v; });
  AppendJsLayout(out, buf);
}

float HalfToFloat(uint16_t bits) {
  const uint32_t magnitude = bits & 0x7FFFu;
  float v;
  if (magnitude > 0x7C00u) {
    v = NAN;
  } else if (magnitude == 0x7C00u) {
    v = INFINITY;
  } else {
    v = static_cast<float>(HalfMagnitude(magnitude));
  }
  return (bits & 0x8000u) != 0 ? -v : v;
}

void AppendHalf(std::string* out, uint16_t bits) {
  const uint32_t magnitude = bits & 0x7FFFu;
  if (magnitude == 0 || magnitude >= 0x7C00u) {
    AppendSpecial(out, HalfToFloat(bits));
    return;
  }
  if ((bits & 0x8000u) != 0) out->push_back('-');
  // A decimal reads back as this half when it lies inside the rounding interval around
  // it; a decimal exactly on the edge rounds to the neighbour with the even mantissa.
  // All the bounds are exact in double.
  const double v = HalfMagnitude(magnitude);
  const double lo = (HalfMagnitude(magnitude - 1) + v) / 2;
  const double hi = (v + HalfMagnitude(magnitude + 1)) / 2;
  const bool even = (magnitude & 1) == 0;
  char buf[40];
  ShortestScientific(v, 9, buf, [&](const char* s) {
    const double x = std::strtod(s, nullptr);
    return (lo < x && x < hi) || (even && (x == lo || x == hi));
  });
  AppendJsLayout(out, buf);
}

void AppendDecimal(std::string* out, const uint8_t* bytes, int byte_width, int32_t scale) {
  uint32_t limbs[8] = {};
  const int n = byte_width / 4;
  std::memcpy(limbs, bytes, static_cast<size_t>(n) * 4);  // Arrow decimals are little-endian, as are both targets
  const bool negative = (limbs[n - 1] & 0x80000000u) != 0;
  if (negative) {  // magnitude = two's-complement negation; the minimum maps to 2^(bits-1)
    uint64_t carry = 1;
    for (int i = 0; i < n; ++i) {
      const uint64_t sum = static_cast<uint64_t>(static_cast<uint32_t>(~limbs[i])) + carry;
      limbs[i] = static_cast<uint32_t>(sum);
      carry = sum >> 32;
    }
  }
  // Divide by 10^9 repeatedly, collecting nine digits at a time, least significant first.
  char reversed[96];
  int nd = 0;
  for (;;) {
    bool zero = true;
    for (int i = 0; i < n; ++i) zero = zero && limbs[i] == 0;
    if (zero) break;
    uint64_t rem = 0;
    for (int i = n - 1; i >= 0; --i) {
      const uint64_t cur = (rem << 32) | limbs[i];
      limbs[i] = static_cast<uint32_t>(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    for (int k = 0; k < 9; ++k) {
      reversed[nd++] = static_cast<char>('0' + rem % 10);
      rem /= 10;
    }
  }
  while (nd > 0 && reversed[nd - 1] == '0') --nd;
  std::string digits;
  for (int i = nd - 1; i >= 0; --i) digits.push_back(reversed[i]);
  if (digits.empty()) digits = "0";
  if (negative) out->push_back('-');
  // Scales far outside any valid precision would make huge strings: write an exponent.
  if (scale > 100 || scale < -100) {
    out->append(digits);
    out->push_back('e');
    AppendPiece(out, -static_cast<int64_t>(scale));
    return;
  }
  if (scale <= 0) {
    out->append(digits);
    if (digits != "0") out->append(static_cast<size_t>(-scale), '0');
    return;
  }
  const size_t s = static_cast<size_t>(scale);
  if (digits.size() <= s) digits.insert(0, s + 1 - digits.size(), '0');
  out->append(digits, 0, digits.size() - s);
  out->push_back('.');
  out->append(digits, digits.size() - s, s);
}

void AppendDate(std::string* out, int64_t days) {
  // Howard Hinnant's civil_from_days; exact for every int64 day count used here
  // (|days| < 2^47 even for second timestamps).
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0) out->push_back('-');
  AppendPadded(out, static_cast<uint64_t>(year < 0 ? -year : year), 4);
  out->push_back('-');
  AppendPadded(out, static_cast<uint64_t>(month), 2);
  out->push_back('-');
  AppendPadded(out, static_cast<uint64_t>(day), 2);
}

void AppendTimeOfDay(std::string* out, int64_t value, TimeUnit unit) {
  uint64_t magnitude = static_cast<uint64_t>(value);
  if (value < 0) {
    out->push_back('-');
    magnitude = 0 - magnitude;
  }
  const uint64_t per_second = static_cast<uint64_t>(UnitsPerSecond(unit));
  AppendClock(out, magnitude / per_second, magnitude % per_second, unit);
}

void AppendTimestamp(std::string* out, int64_t value, TimeUnit unit, std::string_view timezone) {
  const int64_t per_second = UnitsPerSecond(unit);
  int64_t seconds = FloorDiv(value, per_second);
  int64_t fraction = value % per_second;  // not value - seconds * per_second: that overflows at INT64_MIN
  if (fraction < 0) fraction += per_second;
  int64_t offset = 0;
  const bool fixed = ParseFixedOffset(timezone, &offset);
  int64_t local;
  const bool shifted = fixed && !__builtin_add_overflow(seconds, offset, &local);
  if (shifted) seconds = local;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) second_of_day += 86400;
  AppendDate(out, FloorDiv(seconds, 86400));
  out->push_back('T');
  AppendClock(out, static_cast<uint64_t>(second_of_day), static_cast<uint64_t>(fraction), unit);
  if (shifted) {
    out->append(timezone);
  } else if (!timezone.empty()) {
    out->push_back('Z');
  }
}

void AppendQuotedUtf8(std::string* out, std::string_view bytes) {
  out->push_back('"');
  size_t i = 0;
  while (i < bytes.size()) {
    const uint8_t c = static_cast<uint8_t>(bytes[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F) {
            AppendHexByte(out, "\\x", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) {
      AppendHexByte(out, "\\x", c);
      ++i;
    } else if (c == 0xC2 && static_cast<uint8_t>(bytes[i + 1]) < 0xA0) {
      AppendHexByte(out, "\\u00", static_cast<uint8_t>(bytes[i + 1]));  // C1 control U+0080..U+009F
      i += 2;
    } else {
      out->append(bytes.substr(i, len));
      i += len;
    }
  }
  out->push_back('"');
}

void AppendHexLiteral(std::string* out, std::string_view bytes) {
  out->append("x'");
  for (char ch : bytes) {
    const uint8_t b = static_cast<uint8_t>(ch);
    out->push_back(kHexDigits[b >> 4]);
    out->push_back(kHexDigits[b & 15]);
  }
  out->push_back('\'');
}

}  // namespace quiver::internal
