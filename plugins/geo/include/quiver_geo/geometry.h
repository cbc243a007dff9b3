// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The in-memory geometry of the geo plugin: one tree type for the seven OGC simple
// feature types, used by the WKB and WKT codecs and by the GeoArrow conversions.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace quiver::geo {

/// The OGC simple feature types, numbered as in WKB (ISO 13249-3 / OGC 06-103r4 §8.2.3).
enum class GeometryType : uint8_t {
  kPoint = 1,
  kLineString = 2,
  kPolygon = 3,
  kMultiPoint = 4,
  kMultiLineString = 5,
  kMultiPolygon = 6,
  kGeometryCollection = 7,
};

/// Which ordinates each coordinate has, besides x and y.
enum class Dimensions : uint8_t { kXY = 0, kXYZ = 1, kXYM = 2, kXYZM = 3 };

/// Ordinates per coordinate: 2, 3, 3 or 4.
inline int CoordSize(Dimensions d) { return d == Dimensions::kXY ? 2 : d == Dimensions::kXYZM ? 4 : 3; }
inline bool HasZ(Dimensions d) { return d == Dimensions::kXYZ || d == Dimensions::kXYZM; }
inline bool HasM(Dimensions d) { return d == Dimensions::kXYM || d == Dimensions::kXYZM; }
inline Dimensions MakeDimensions(bool z, bool m) {
  return z ? (m ? Dimensions::kXYZM : Dimensions::kXYZ) : (m ? Dimensions::kXYM : Dimensions::kXY);
}
/// The ISO WKB type code: type + 1000 (Z), 2000 (M) or 3000 (ZM); e.g. 1001 for POINT Z.
inline int32_t IsoTypeCode(GeometryType t, Dimensions d) {
  return static_cast<int32_t>(t) + 1000 * static_cast<int32_t>(d);
}
/// "Point", "LineString", ..., "GeometryCollection" (the names GeoParquet uses).
std::string_view GeometryTypeName(GeometryType t);
/// "XY", "XYZ", "XYM", "XYZM".
std::string_view DimensionsName(Dimensions d);
/// True for the three Multi* types.
inline bool IsMulti(GeometryType t) {
  return t == GeometryType::kMultiPoint || t == GeometryType::kMultiLineString || t == GeometryType::kMultiPolygon;
}
/// The element type of a Multi* type (Point for MultiPoint, ...); `t` itself otherwise.
GeometryType SingleOf(GeometryType t);
/// The Multi* type whose elements are `t` (MultiPoint for Point, ...); `t` itself otherwise.
GeometryType MultiOf(GeometryType t);

/// One geometry as a tree. Which members are used depends on `type`:
/// - Point: `coords` holds one coordinate, or none for POINT EMPTY;
/// - LineString: `coords` holds its coordinates (possibly none);
/// - Polygon: `rings` holds one coordinate list per ring, the shell first;
/// - Multi* and GeometryCollection: `parts`, each with the same `dims` as the parent.
/// Coordinates are interleaved: CoordSize(dims) doubles per coordinate, ordinates in the
/// order x, y, z, m. The codecs keep every part's `dims` equal to the root's.
struct Geometry {
  GeometryType type = GeometryType::kPoint;
  Dimensions dims = Dimensions::kXY;
  std::vector<double> coords;
  std::vector<std::vector<double>> rings;
  std::vector<Geometry> parts;
  /// The spatial reference id of EWKB or EWKT (`SRID=4326;`), root only; absent in ISO.
  std::optional<int32_t> srid;

  /// True when the geometry has no coordinates at all (POINT EMPTY, LINESTRING EMPTY,
  /// a collection of empties, ...).
  bool IsEmpty() const;
  /// Number of coordinates in the whole tree.
  int64_t NumCoords() const;
};

/// An axis-aligned box in x and y. A box that contains nothing has xmin > xmax (the
/// default: +inf, -inf), so extending it by any point gives that point's box.
struct BoundingBox {
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  double xmin = kInf;
  double ymin = kInf;
  double xmax = -kInf;
  double ymax = -kInf;

  bool IsEmpty() const { return !(xmin <= xmax && ymin <= ymax); }
  /// Extends the box by (x, y); NaN ordinates (the coordinates of POINT EMPTY) are skipped.
  void Extend(double x, double y) {
    if (x != x || y != y) return;
    xmin = x < xmin ? x : xmin;
    ymin = y < ymin ? y : ymin;
    xmax = x > xmax ? x : xmax;
    ymax = y > ymax ? y : ymax;
  }
  void Extend(const BoundingBox& other) {
    if (other.IsEmpty()) return;
    Extend(other.xmin, other.ymin);
    Extend(other.xmax, other.ymax);
  }
};

/// Extends `box` by every coordinate of `g`.
void ExtendBounds(const Geometry& g, BoundingBox* box);

/// Safety limits for geometry input (WKB, WKT and the JSON of metadata).
struct GeoLimits {
  /// Deepest nesting of geometries accepted (default 32; a MultiPolygon is depth 2, a
  /// collection of collections adds one per level). Prevents stack exhaustion from
  /// hostile WKB or WKT nesting GeometryCollections; real data rarely exceeds 4.
  int32_t max_nesting_depth = 32;
};

}  // namespace quiver::geo
