// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <cstring>
#include <limits>

#include "core/str_cat.h"
#include "quiver_geo/wkb.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

class WkbEncoder {
 public:
  WkbEncoder(std::string* out, ByteOrder order) : out_(out), big_(order == ByteOrder::kBigEndian) {}

  Status Encode(const Geometry& g, const Geometry* parent) {
    if (parent && g.dims != parent->dims) {
      return Status::InvalidArgument(StrCat("expected ", DimensionsName(parent->dims), " parts but found ",
                                            DimensionsName(g.dims)));
    }
    if (parent && IsMulti(parent->type) && g.type != SingleOf(parent->type)) {
      return Status::InvalidArgument(StrCat("expected ", GeometryTypeName(SingleOf(parent->type)), " parts in a ",
                                            GeometryTypeName(parent->type), " but found ", GeometryTypeName(g.type)));
    }
    out_->push_back(big_ ? '\0' : '\1');
    U32(static_cast<uint32_t>(IsoTypeCode(g.type, g.dims)));
    const size_t cs = static_cast<size_t>(CoordSize(g.dims));
    switch (g.type) {
      case GeometryType::kPoint:
        if (g.coords.empty()) {
          for (size_t d = 0; d < cs; ++d) F64(std::numeric_limits<double>::quiet_NaN());
          return Status::OK();
        }
        if (g.coords.size() != cs) {
          return Status::InvalidArgument(StrCat("expected ", cs, " ordinates in a point but found ", g.coords.size()));
        }
        for (double v : g.coords) F64(v);
        return Status::OK();
      case GeometryType::kLineString:
        return CoordList(g.coords, cs);
      case GeometryType::kPolygon:
        QUIVER_RETURN_IF_ERROR(Count(g.rings.size()));
        for (const auto& r : g.rings) QUIVER_RETURN_IF_ERROR(CoordList(r, cs));
        return Status::OK();
      default:
        QUIVER_RETURN_IF_ERROR(Count(g.parts.size()));
        for (const auto& p : g.parts) QUIVER_RETURN_IF_ERROR(Encode(p, &g));
        return Status::OK();
    }
  }

 private:
  void U32(uint32_t v) {
    if (big_) v = __builtin_bswap32(v);
    char b[4];
    std::memcpy(b, &v, 4);
    out_->append(b, 4);
  }
  void F64(double d) {
    uint64_t v;
    std::memcpy(&v, &d, 8);
    if (big_) v = __builtin_bswap64(v);
    char b[8];
    std::memcpy(b, &v, 8);
    out_->append(b, 8);
  }
  Status Count(size_t n) {
    if (n > std::numeric_limits<uint32_t>::max()) {
      return Status::InvalidArgument(StrCat("expected a count <= 4294967295 but found ", n));
    }
    U32(static_cast<uint32_t>(n));
    return Status::OK();
  }
  Status CoordList(const std::vector<double>& c, size_t cs) {
    if (c.size() % cs != 0) {
      return Status::InvalidArgument(StrCat("expected a multiple of ", cs, " ordinates but found ", c.size()));
    }
    QUIVER_RETURN_IF_ERROR(Count(c.size() / cs));
    for (double v : c) F64(v);
    return Status::OK();
  }

  std::string* out_;
  bool big_;
};

}  // namespace

Status EncodeWkb(const Geometry& g, std::string* out, ByteOrder order) {
  const size_t mark = out->size();
  Status st = WkbEncoder(out, order).Encode(g, nullptr);
  if (!st.ok()) out->resize(mark);
  return st;
}

}  // namespace quiver::geo
