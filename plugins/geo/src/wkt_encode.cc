// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "core/format_value.h"
#include "core/str_cat.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo {
namespace {

using internal::StrCat;

constexpr std::string_view kTypeWords[] = {"",           "POINT",           "LINESTRING",   "POLYGON",
                                           "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};

class WktEncoder {
 public:
  explicit WktEncoder(std::string* out) : out_(out) {}

  Status Write(const geo::Geometry& g, const geo::Geometry* parent) {
    if (parent && g.dims != parent->dims) {
      return Status::InvalidArgument(StrCat("expected ", DimensionsName(parent->dims), " parts but found ",
                                            DimensionsName(g.dims)));
    }
    out_->append(kTypeWords[static_cast<int>(g.type)]);
    static constexpr std::string_view kDimWords[] = {"", " Z", " M", " ZM"};
    out_->append(kDimWords[static_cast<int>(g.dims)]);
    const size_t cs = static_cast<size_t>(CoordSize(g.dims));
    switch (g.type) {
      case GeometryType::kPoint:
        if (g.coords.empty()) break;
        if (g.coords.size() != cs) {
          return Status::InvalidArgument(StrCat("expected ", cs, " ordinates in a point but found ", g.coords.size()));
        }
        out_->append(" (");
        Coord(g.coords.data(), cs);
        out_->push_back(')');
        return Status::OK();
      case GeometryType::kLineString:
        if (g.coords.empty()) break;
        out_->push_back(' ');
        return CoordList(g.coords, cs);
      case GeometryType::kPolygon:
        if (g.rings.empty()) break;
        out_->push_back(' ');
        return Rings(g, cs);
      default:
        if (g.parts.empty()) break;
        out_->append(" (");
        for (size_t i = 0; i < g.parts.size(); ++i) {
          if (i > 0) out_->append(", ");
          QUIVER_RETURN_IF_ERROR(Part(g, g.parts[i], cs));
        }
        out_->push_back(')');
        return Status::OK();
    }
    out_->append(" EMPTY");
    return Status::OK();
  }

 private:
  // A part of a Multi* is written without its keyword; of a collection, with it.
  Status Part(const geo::Geometry& parent, const geo::Geometry& p, size_t cs) {
    if (parent.type == GeometryType::kGeometryCollection) return Write(p, &parent);
    if (p.type != SingleOf(parent.type) || p.dims != parent.dims) {
      return Status::InvalidArgument(StrCat("expected ", GeometryTypeName(SingleOf(parent.type)), " parts in a ",
                                            GeometryTypeName(parent.type), " but found ", GeometryTypeName(p.type)));
    }
    switch (p.type) {
      case GeometryType::kPoint:
        if (p.coords.empty()) break;
        if (p.coords.size() != cs) {
          return Status::InvalidArgument(StrCat("expected ", cs, " ordinates in a point but found ", p.coords.size()));
        }
        out_->push_back('(');
        Coord(p.coords.data(), cs);
        out_->push_back(')');
        return Status::OK();
      case GeometryType::kLineString:
        if (p.coords.empty()) break;
        return CoordList(p.coords, cs);
      default:
        if (p.rings.empty()) break;
        return Rings(p, cs);
    }
    out_->append("EMPTY");
    return Status::OK();
  }

  void Coord(const double* c, size_t cs) {
    for (size_t d = 0; d < cs; ++d) {
      if (d > 0) out_->push_back(' ');
      internal::AppendShortestDouble(out_, c[d]);
    }
  }

  Status CoordList(const std::vector<double>& c, size_t cs) {
    if (c.size() % cs != 0) {
      return Status::InvalidArgument(StrCat("expected a multiple of ", cs, " ordinates but found ", c.size()));
    }
    out_->push_back('(');
    for (size_t i = 0; i < c.size(); i += cs) {
      if (i > 0) out_->append(", ");
      Coord(c.data() + i, cs);
    }
    out_->push_back(')');
    return Status::OK();
  }

  Status Rings(const geo::Geometry& g, size_t cs) {
    out_->push_back('(');
    for (size_t i = 0; i < g.rings.size(); ++i) {
      if (i > 0) out_->append(", ");
      if (g.rings[i].empty()) {  // a ring without points, which WKB can hold
        out_->append("EMPTY");
        continue;
      }
      QUIVER_RETURN_IF_ERROR(CoordList(g.rings[i], cs));
    }
    out_->push_back(')');
    return Status::OK();
  }

  std::string* out_;
};

}  // namespace

Status EncodeWkt(const Geometry& g, std::string* out) {
  const size_t mark = out->size();
  if (g.srid) out->append(StrCat("SRID=", *g.srid, ";"));
  Status st = WktEncoder(out).Write(g, nullptr);
  if (!st.ok()) out->resize(mark);
  return st;
}

}  // namespace quiver::geo
