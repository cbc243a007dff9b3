// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// One recursive walk serves VerifyWkb (out == nullptr: no allocation) and DecodeWkb.
#include <bit>
#include <cmath>
#include <cstring>

#include "core/str_cat.h"
#include "quiver_geo/wkb.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

static_assert(std::endian::native == std::endian::little, "the WKB reader assumes a little-endian host");

// EWKB flags (PostGIS liblwgeom/lwin_wkb.c documents them; they are not in ISO WKB).
constexpr uint32_t kEwkbZ = 0x80000000u;
constexpr uint32_t kEwkbM = 0x40000000u;
constexpr uint32_t kEwkbSrid = 0x20000000u;
// The smallest nested geometry: byte order, type and a zero count (an empty LineString).
constexpr size_t kMinGeometryBytes = 9;

class WkbWalker {
 public:
  WkbWalker(std::span<const uint8_t> bytes, const GeoLimits& limits) : bytes_(bytes), limits_(limits) {}

  Status Walk(Geometry* out, WkbSummary* summary) {
    summary_ = summary;
    Header root;
    QUIVER_RETURN_IF_ERROR(Walk(1, nullptr, nullptr, out, &root));
    summary->type = root.type;
    summary->dims = root.dims;
    summary->srid = root.srid;
    if (pos_ != bytes_.size()) {
      return Status::InvalidInput(
          StrCat("expected the end of the WKB at byte ", pos_, " but found ", bytes_.size() - pos_, " more bytes"));
    }
    return Status::OK();
  }

 private:
  struct Header {
    GeometryType type = GeometryType::kPoint;
    Dimensions dims = Dimensions::kXY;
    std::optional<int32_t> srid;
    bool big_endian = false;
  };

  size_t left() const { return bytes_.size() - pos_; }

  Status Need(size_t n, const char* what) const {
    if (left() >= n) return Status::OK();
    return Status::InvalidInput(StrCat("expected ", n, " bytes (", what, ") at byte ", pos_, " but found ", left()));
  }

  uint32_t U32(bool big) {
    uint32_t v;
    std::memcpy(&v, bytes_.data() + pos_, 4);
    pos_ += 4;
    return big ? __builtin_bswap32(v) : v;
  }

  Status ReadHeader(Header* h) {
    if (left() < 1) {
      return Status::InvalidInput(StrCat("expected 1 byte (byte order) at byte ", pos_, " but found 0"));
    }
    const uint8_t order = bytes_[pos_];
    if (order > 1) {
      return Status::InvalidInput(StrCat("expected byte order 0 or 1 at byte ", pos_, " but found ", int{order}));
    }
    ++pos_;
    h->big_endian = order == 0;
    QUIVER_RETURN_IF_ERROR(Need(4, "geometry type"));
    const size_t type_pos = pos_;
    const uint32_t code = U32(h->big_endian);
    const uint32_t flags = code & (kEwkbZ | kEwkbM | kEwkbSrid);
    const uint32_t low = code & ~(kEwkbZ | kEwkbM | kEwkbSrid);
    uint32_t base = low;
    bool z = (code & kEwkbZ) != 0;
    bool m = (code & kEwkbM) != 0;
    if (flags == 0) {  // ISO: 1000 * dimension + type
      base = low % 1000;
      const uint32_t dim = low / 1000;
      if (dim > 3) base = 0;
      z = dim == 1 || dim == 3;
      m = dim == 2 || dim == 3;
    }
    if (base < 1 || base > 7) {
      return Status::InvalidInput(StrCat("expected a WKB geometry type at byte ", type_pos, " but found ", code));
    }
    h->type = static_cast<GeometryType>(base);
    h->dims = MakeDimensions(z, m);
    if (code & kEwkbSrid) {
      QUIVER_RETURN_IF_ERROR(Need(4, "SRID"));
      h->srid = static_cast<int32_t>(U32(h->big_endian));
    }
    return Status::OK();
  }

  // Reads a count and checks it against the bytes left, at `unit` bytes per element.
  Status Count(bool big, size_t unit, const char* what, uint32_t* n) {
    QUIVER_RETURN_IF_ERROR(Need(4, "count"));
    const size_t at = pos_;
    *n = U32(big);
    if (*n > left() / unit) {
      return Status::InvalidInput(StrCat("expected at most ", left() / unit, " ", what, " (by the ", left(),
                                         " bytes left) at byte ", at, " but found ", *n));
    }
    return Status::OK();
  }

  // Reads n coordinates (bounds already checked by the caller). A point's single
  // coordinate made only of NaN is POINT EMPTY and is neither counted nor stored.
  void Coords(uint32_t n, int cs, bool big, bool is_point, std::vector<double>* out) {
    double c[4];
    for (uint32_t i = 0; i < n; ++i) {
      bool all_nan = true;
      for (int d = 0; d < cs; ++d) {
        uint64_t bits;
        std::memcpy(&bits, bytes_.data() + pos_, 8);
        pos_ += 8;
        if (big) bits = __builtin_bswap64(bits);
        std::memcpy(&c[d], &bits, 8);
        all_nan = all_nan && std::isnan(c[d]);
      }
      if (is_point && all_nan) continue;
      summary_->bounds.Extend(c[0], c[1]);
      ++summary_->num_coords;
      if (out) out->insert(out->end(), c, c + cs);
    }
  }

  Status CoordList(const Header& h, bool is_point, std::vector<double>* out) {
    const int cs = CoordSize(h.dims);
    uint32_t n = 1;
    if (is_point) {
      QUIVER_RETURN_IF_ERROR(Need(static_cast<size_t>(cs) * 8, "point coordinates"));
    } else {
      QUIVER_RETURN_IF_ERROR(Count(h.big_endian, static_cast<size_t>(cs) * 8, "points", &n));
    }
    if (out) out->reserve(static_cast<size_t>(n) * static_cast<size_t>(cs));
    Coords(n, cs, h.big_endian, is_point, out);
    return Status::OK();
  }

  // Walks one geometry at nesting `depth`. `parent` (null for the root) constrains the
  // dimensions; `element` (null unless inside a Multi*) constrains the type.
  Status Walk(int32_t depth, const Header* parent, const GeometryType* element, Geometry* out, Header* h) {
    const size_t start = pos_;
    if (depth > limits_.max_nesting_depth) {
      return Status::LimitExceeded(StrCat("expected geometry nesting depth <= ", limits_.max_nesting_depth,
                                          " at byte ", start, " but found ", depth));
    }
    QUIVER_RETURN_IF_ERROR(ReadHeader(h));
    if (parent && h->dims != parent->dims) {
      return Status::InvalidInput(StrCat("expected ", DimensionsName(parent->dims), " coordinates at byte ", start,
                                         " but found ", DimensionsName(h->dims)));
    }
    if (element && h->type != *element) {
      return Status::InvalidInput(StrCat("expected a ", GeometryTypeName(*element), " at byte ", start,
                                         " but found ", GeometryTypeName(h->type)));
    }
    if (out) {
      out->type = h->type;
      out->dims = h->dims;
      if (!parent) out->srid = h->srid;
    }
    switch (h->type) {
      case GeometryType::kPoint:
      case GeometryType::kLineString:
        return CoordList(*h, h->type == GeometryType::kPoint, out ? &out->coords : nullptr);
      case GeometryType::kPolygon: {
        uint32_t rings;
        QUIVER_RETURN_IF_ERROR(Count(h->big_endian, 4, "rings", &rings));
        // Rings and parts are added as they are read, not sized by the declared count
        // first: a count is only bounded by the bytes left, so sizing each level by it
        // would allocate up to ~10x the value's size per nesting level.
        for (uint32_t r = 0; r < rings; ++r) {
          QUIVER_RETURN_IF_ERROR(CoordList(*h, false, out ? &out->rings.emplace_back() : nullptr));
        }
        return Status::OK();
      }
      default: {
        uint32_t parts;
        QUIVER_RETURN_IF_ERROR(Count(h->big_endian, kMinGeometryBytes, "parts", &parts));
        const GeometryType single = SingleOf(h->type);
        const GeometryType* constraint = IsMulti(h->type) ? &single : nullptr;
        for (uint32_t p = 0; p < parts; ++p) {
          Header child;
          QUIVER_RETURN_IF_ERROR(Walk(depth + 1, h, constraint, out ? &out->parts.emplace_back() : nullptr, &child));
        }
        return Status::OK();
      }
    }
  }

  std::span<const uint8_t> bytes_;
  const GeoLimits& limits_;
  WkbSummary* summary_ = nullptr;
  size_t pos_ = 0;
};

}  // namespace

Result<WkbSummary> VerifyWkb(std::span<const uint8_t> wkb, const GeoLimits& limits) {
  WkbSummary summary;
  QUIVER_RETURN_IF_ERROR(WkbWalker(wkb, limits).Walk(nullptr, &summary));
  return summary;
}

Result<Geometry> DecodeWkb(std::span<const uint8_t> wkb, const GeoLimits& limits) {
  WkbSummary summary;
  Geometry g;
  QUIVER_RETURN_IF_ERROR(WkbWalker(wkb, limits).Walk(&g, &summary));
  return g;
}

}  // namespace quiver::geo
