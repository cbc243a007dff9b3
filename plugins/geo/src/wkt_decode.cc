// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/str_cat.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Upper(word[i]) != upper[i]) return false;
  }
  return true;
}

constexpr std::string_view kTypeWords[] = {"POINT",      "LINESTRING",      "POLYGON",     "MULTIPOINT",
                                           "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};

class WktParser {
 public:
  WktParser(std::string_view s, const GeoLimits& limits) : s_(s), limits_(limits) {}

  Status Parse(Geometry* out) {
    SkipSpace();
    std::optional<int32_t> srid;
    if (s_.size() - pos_ >= 5 && EqualsUpper(s_.substr(pos_, 5), "SRID=")) {
      pos_ += 5;
      QUIVER_RETURN_IF_ERROR(ParseSrid(&srid));
    }
    QUIVER_RETURN_IF_ERROR(ParseGeometry(1, out));
    SkipSpace();
    if (pos_ != s_.size()) return Error("the end of the text");
    SetDims(out, dims_ ? *dims_ : Dimensions::kXY);
    out->srid = srid;
    return Status::OK();
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }

  // What the next token is, for messages: a word, a number, a character or the end.
  std::string Found() const {
    if (pos_ >= s_.size()) return "the end of the text";
    const auto byte = static_cast<unsigned char>(s_[pos_]);
    if (byte < 0x20 || byte >= 0x7F) return StrCat("byte ", int{byte});  // keeps messages printable
    size_t end = pos_;
    if (IsAlpha(s_[pos_])) {
      while (end < s_.size() && IsAlpha(s_[end]) && end - pos_ < 32) ++end;
    } else if (IsDigit(s_[pos_]) || s_[pos_] == '-' || s_[pos_] == '+' || s_[pos_] == '.') {
      ++end;
      while (end < s_.size() && (IsDigit(s_[end]) || s_[end] == '.' || s_[end] == 'e' || s_[end] == 'E' ||
                                 s_[end] == '-' || s_[end] == '+') && end - pos_ < 32) {
        ++end;
      }
    } else {
      end = pos_ + 1;
    }
    return StrCat("'", s_.substr(pos_, end - pos_), "'");
  }

  Status Error(std::string_view expected) const {
    return Status::InvalidInput(StrCat("expected ", expected, " at position ", pos_, " but found ", Found()));
  }

  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Status Expect(char c) {
    if (Eat(c)) return Status::OK();
    return Error(c == '(' ? "'('" : c == ')' ? "')'" : "','");
  }

  std::string_view PeekWord() {
    SkipSpace();
    size_t end = pos_;
    while (end < s_.size() && IsAlpha(s_[end])) ++end;
    return s_.substr(pos_, end - pos_);
  }

  Status ParseSrid(std::optional<int32_t>* srid) {
    int64_t v = 0;
    const size_t start = pos_;
    const bool negative = pos_ < s_.size() && s_[pos_] == '-';
    if (negative) ++pos_;
    const size_t digits_at = pos_;
    // INT32_MIN is a valid SRID too (EWKB carries any 32-bit value).
    const int64_t max = negative ? -int64_t{INT32_MIN} : int64_t{INT32_MAX};
    while (pos_ < s_.size() && IsDigit(s_[pos_]) && v <= max) v = v * 10 + (s_[pos_++] - '0');
    if (pos_ == digits_at || v > max) {
      pos_ = start;
      return Error("an SRID (a 32-bit integer)");
    }
    *srid = static_cast<int32_t>(negative ? -v : v);
    if (pos_ >= s_.size() || s_[pos_] != ';') return Error("';' after the SRID");
    ++pos_;
    return Status::OK();
  }

  Status FixDims(Dimensions d, size_t at) {
    if (!dims_) {
      dims_ = d;
      return Status::OK();
    }
    if (*dims_ == d) return Status::OK();
    pos_ = at;
    return Status::InvalidInput(StrCat("expected ", DimensionsName(*dims_), " like the rest of the geometry at position ",
                                       at, " but found ", DimensionsName(d)));
  }

  Status ParseNumber(double* v) {
    SkipSpace();
    const size_t start = pos_;
    size_t end = pos_;
    if (end < s_.size() && (s_[end] == '-' || s_[end] == '+')) ++end;
    const size_t mantissa = end;
    // nan and inf are what EncodeWkt writes for such ordinates (an unset M, for one).
    const std::string_view word = s_.substr(end, 3);
    if (EqualsUpper(word, "NAN") || EqualsUpper(word, "INF")) {
      if (end + 3 < s_.size() && !IsSpace(s_[end + 3]) && s_[end + 3] != ',' && s_[end + 3] != ')') {
        return Error("a number");
      }
      const bool nan = Upper(word[0]) == 'N';
      const double inf = std::numeric_limits<double>::infinity();
      *v = nan ? std::numeric_limits<double>::quiet_NaN() : s_[start] == '-' ? -inf : inf;
      pos_ = end + 3;
      return Status::OK();
    }
    while (end < s_.size() && IsDigit(s_[end])) ++end;
    if (end < s_.size() && s_[end] == '.') {
      ++end;
      while (end < s_.size() && IsDigit(s_[end])) ++end;
    }
    if (end == mantissa || (end == mantissa + 1 && s_[mantissa] == '.')) return Error("a number");
    if (end < s_.size() && (s_[end] == 'e' || s_[end] == 'E')) {
      size_t e = end + 1;
      if (e < s_.size() && (s_[e] == '-' || s_[e] == '+')) ++e;
      if (e < s_.size() && IsDigit(s_[e])) {
        while (e < s_.size() && IsDigit(s_[e])) ++e;
        end = e;
      }
    }
    // A number ends at whitespace or punctuation: "1.2.3" and "1-2" are not two numbers.
    if (end < s_.size() && !IsSpace(s_[end]) && s_[end] != ',' && s_[end] != ')' && s_[end] != '(') {
      return Error("a number");
    }
    // strtod needs a terminated string; numbers are short, so copy into a small buffer.
    std::string text(s_.substr(start, end - start));
    *v = std::strtod(text.c_str(), nullptr);
    pos_ = end;
    return Status::OK();
  }

  bool AtNumber() {
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    return IsDigit(c) || c == '-' || c == '+' || c == '.' || Upper(c) == 'N' || Upper(c) == 'I';
  }

  Status ParseCoord(std::vector<double>* out) {
    SkipSpace();
    const size_t at = pos_;
    double c[4];
    int n = 0;
    while (n < 4 && (n < 2 || AtNumber())) QUIVER_RETURN_IF_ERROR(ParseNumber(&c[n++]));
    if (AtNumber()) return Error("at most 4 ordinates");
    if (!dims_) dims_ = n == 2 ? Dimensions::kXY : n == 3 ? Dimensions::kXYZ : Dimensions::kXYZM;
    if (n != CoordSize(*dims_)) {
      return Status::InvalidInput(StrCat("expected ", CoordSize(*dims_), " ordinates (", DimensionsName(*dims_),
                                         ") at position ", at, " but found ", n));
    }
    out->insert(out->end(), c, c + n);
    return Status::OK();
  }

  // The coordinates after '(' up to and including ')'.
  Status CoordsBody(std::vector<double>* out) {
    do {
      QUIVER_RETURN_IF_ERROR(ParseCoord(out));
    } while (Eat(','));
    return Expect(')');
  }
  Status ParseCoordList(std::vector<double>* out) {
    QUIVER_RETURN_IF_ERROR(Expect('('));
    return CoordsBody(out);
  }

  // The rings after '(' up to and including ')'; a ring without points is EMPTY (what
  // EncodeWkt writes for one, which WKB can hold).
  Status RingsBody(Geometry* g) {
    do {
      g->rings.emplace_back();
      if (EatEmpty()) continue;
      QUIVER_RETURN_IF_ERROR(ParseCoordList(&g->rings.back()));
    } while (Eat(','));
    return Expect(')');
  }

  bool EatEmpty() {
    if (!EqualsUpper(PeekWord(), "EMPTY")) return false;
    pos_ += 5;
    return true;
  }

  Status CheckDepth(int32_t depth) {
    if (depth <= limits_.max_nesting_depth) return Status::OK();
    return Status::LimitExceeded(StrCat("expected geometry nesting depth <= ", limits_.max_nesting_depth,
                                        " at position ", pos_, " but found ", depth));
  }

  // One part of a Multi*: EMPTY or a parenthesised body of the element type (a MultiPoint
  // also allows a bare coordinate).
  Status ParseMultiPart(int32_t depth, GeometryType element, Geometry* part) {
    QUIVER_RETURN_IF_ERROR(CheckDepth(depth));
    part->type = element;
    if (EatEmpty()) return Status::OK();
    if (element == GeometryType::kPoint) {
      if (AtNumber()) return ParseCoord(&part->coords);
      if (!Eat('(')) return Error("'(', EMPTY or a coordinate");
      QUIVER_RETURN_IF_ERROR(ParseCoord(&part->coords));
      return Expect(')');
    }
    if (!Eat('(')) return Error("'(' or EMPTY");
    return element == GeometryType::kLineString ? CoordsBody(&part->coords) : RingsBody(part);
  }

  Status ParseGeometry(int32_t depth, Geometry* g) {
    QUIVER_RETURN_IF_ERROR(CheckDepth(depth));
    const size_t at = pos_;
    std::string_view word = PeekWord();
    int type = 0;
    std::string_view suffix;
    for (int t = 0; t < 7 && type == 0; ++t) {
      const std::string_view name = kTypeWords[t];
      if (word.size() >= name.size() && word.size() <= name.size() + 2 && EqualsUpper(word.substr(0, name.size()), name)) {
        suffix = word.substr(name.size());
        if (suffix.empty() || EqualsUpper(suffix, "Z") || EqualsUpper(suffix, "M") || EqualsUpper(suffix, "ZM")) {
          type = t + 1;
        }
      }
    }
    if (type == 0) return Error("a geometry type (POINT, LINESTRING, ...)");
    pos_ += word.size();
    g->type = static_cast<GeometryType>(type);
    if (suffix.empty()) {
      const std::string_view dim_word = PeekWord();
      if (EqualsUpper(dim_word, "Z") || EqualsUpper(dim_word, "M") || EqualsUpper(dim_word, "ZM")) {
        suffix = dim_word;
        pos_ += dim_word.size();
      }
    }
    if (!suffix.empty()) {
      const bool z = Upper(suffix[0]) == 'Z';
      const bool m = Upper(suffix.back()) == 'M';
      QUIVER_RETURN_IF_ERROR(FixDims(MakeDimensions(z, m), at));
    }
    if (EatEmpty()) return Status::OK();
    if (!Eat('(')) return Error("'(' or EMPTY");
    switch (g->type) {
      case GeometryType::kPoint:
        QUIVER_RETURN_IF_ERROR(ParseCoord(&g->coords));
        return Expect(')');
      case GeometryType::kLineString:
        return CoordsBody(&g->coords);
      case GeometryType::kPolygon:
        return RingsBody(g);
      default:
        break;
    }
    do {
      g->parts.emplace_back();
      if (g->type == GeometryType::kGeometryCollection) {
        QUIVER_RETURN_IF_ERROR(ParseGeometry(depth + 1, &g->parts.back()));
      } else {
        QUIVER_RETURN_IF_ERROR(ParseMultiPart(depth + 1, SingleOf(g->type), &g->parts.back()));
      }
    } while (Eat(','));
    return Expect(')');
  }

  static void SetDims(Geometry* g, Dimensions d) {
    g->dims = d;
    for (auto& p : g->parts) SetDims(&p, d);
  }

  std::string_view s_;
  const GeoLimits& limits_;
  size_t pos_ = 0;
  std::optional<Dimensions> dims_;
};

}  // namespace

Result<Geometry> DecodeWkt(std::string_view wkt, const GeoLimits& limits) {
  Geometry g;
  QUIVER_RETURN_IF_ERROR(WktParser(wkt, limits).Parse(&g));
  return g;
}

}  // namespace quiver::geo
