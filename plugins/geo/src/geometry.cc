// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver_geo/geometry.h"

namespace quiver::geo {

std::string_view GeometryTypeName(GeometryType t) {
  switch (t) {
    case GeometryType::kPoint: return "Point";
    case GeometryType::kLineString: return "LineString";
    case GeometryType::kPolygon: return "Polygon";
    case GeometryType::kMultiPoint: return "MultiPoint";
    case GeometryType::kMultiLineString: return "MultiLineString";
    case GeometryType::kMultiPolygon: return "MultiPolygon";
    case GeometryType::kGeometryCollection: return "GeometryCollection";
  }
  return "Geometry";
}

std::string_view DimensionsName(Dimensions d) {
  switch (d) {
    case Dimensions::kXY: return "XY";
    case Dimensions::kXYZ: return "XYZ";
    case Dimensions::kXYM: return "XYM";
    case Dimensions::kXYZM: return "XYZM";
  }
  return "XY";
}

GeometryType SingleOf(GeometryType t) {
  switch (t) {
    case GeometryType::kMultiPoint: return GeometryType::kPoint;
    case GeometryType::kMultiLineString: return GeometryType::kLineString;
    case GeometryType::kMultiPolygon: return GeometryType::kPolygon;
    default: return t;
  }
}

GeometryType MultiOf(GeometryType t) {
  switch (t) {
    case GeometryType::kPoint: return GeometryType::kMultiPoint;
    case GeometryType::kLineString: return GeometryType::kMultiLineString;
    case GeometryType::kPolygon: return GeometryType::kMultiPolygon;
    default: return t;
  }
}

bool Geometry::IsEmpty() const { return NumCoords() == 0; }

int64_t Geometry::NumCoords() const {
  const auto cs = static_cast<int64_t>(CoordSize(dims));
  int64_t n = static_cast<int64_t>(coords.size()) / cs;
  for (const auto& r : rings) n += static_cast<int64_t>(r.size()) / cs;
  for (const auto& p : parts) n += p.NumCoords();
  return n;
}

namespace {
void ExtendByCoords(const std::vector<double>& c, size_t cs, BoundingBox* box) {
  for (size_t i = 0; i + 1 < c.size(); i += cs) box->Extend(c[i], c[i + 1]);
}
}  // namespace

void ExtendBounds(const Geometry& g, BoundingBox* box) {
  const auto cs = static_cast<size_t>(CoordSize(g.dims));
  ExtendByCoords(g.coords, cs, box);
  for (const auto& r : g.rings) ExtendByCoords(r, cs, box);
  for (const auto& p : g.parts) ExtendBounds(p, box);
}

}  // namespace quiver::geo
