// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/predicate.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <variant>

namespace quiver::parquet::internal {
namespace {

// -1, 0, 1 comparing a with b.
template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool Decide(Predicate::Op op, int min_vs_v, int max_vs_v) {
  switch (op) {
    case Predicate::Op::kEq: return min_vs_v <= 0 && max_vs_v >= 0;
    case Predicate::Op::kNe: return !(min_vs_v == 0 && max_vs_v == 0);
    case Predicate::Op::kLt: return min_vs_v < 0;
    case Predicate::Op::kLe: return min_vs_v <= 0;
    case Predicate::Op::kGt: return max_vs_v > 0;
    case Predicate::Op::kGe: return max_vs_v >= 0;
  }
  return true;
}

}  // namespace

bool MayMatch(const Predicate& p, PhysicalType t, bool unsigned_order, const std::string& min, const std::string& max) {
  switch (t) {
    case PhysicalType::kInt32:
    case PhysicalType::kInt64: {
      const int64_t* v = std::get_if<int64_t>(&p.value);
      const size_t w = t == PhysicalType::kInt32 ? 4 : 8;
      if (!v || min.size() != w || max.size() != w) return true;
      int64_t lo = 0, hi = 0;
      if (w == 4) {
        int32_t a, b;
        std::memcpy(&a, min.data(), 4);
        std::memcpy(&b, max.data(), 4);
        if (unsigned_order) {
          lo = static_cast<uint32_t>(a);
          hi = static_cast<uint32_t>(b);
        } else {
          lo = a;
          hi = b;
        }
      } else {
        std::memcpy(&lo, min.data(), 8);
        std::memcpy(&hi, max.data(), 8);
        if (unsigned_order && (lo < 0 || hi < 0)) return true;
      }
      return Decide(p.op, Cmp(lo, *v), Cmp(hi, *v));
    }
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: {
      // An integer constant compares as a double with floating-point columns.
      const int64_t* iv = std::get_if<int64_t>(&p.value);
      const double dv = iv ? static_cast<double>(*iv) : 0.0;
      const double* v = iv ? &dv : std::get_if<double>(&p.value);
      const size_t w = t == PhysicalType::kFloat ? 4 : 8;
      if (!v || min.size() != w || max.size() != w || std::isnan(*v)) return true;
      double lo, hi;
      if (w == 4) {
        float a, b;
        std::memcpy(&a, min.data(), 4);
        std::memcpy(&b, max.data(), 4);
        lo = a;
        hi = b;
      } else {
        std::memcpy(&lo, min.data(), 8);
        std::memcpy(&hi, max.data(), 8);
      }
      if (std::isnan(lo) || std::isnan(hi)) return true;
      return Decide(p.op, Cmp(lo, *v), Cmp(hi, *v));
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      const std::string* v = std::get_if<std::string>(&p.value);
      if (!v) return true;
      // Byte strings compare as unsigned bytes, as std::string's char_traits do.
      auto cmp = [](const std::string& a, const std::string& b) {
        int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
        if (c != 0) return c < 0 ? -1 : 1;
        return Cmp(a.size(), b.size());
      };
      return Decide(p.op, cmp(min, *v), cmp(max, *v));
    }
    default:
      return true;
  }
}

}  // namespace quiver::parquet::internal
