// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Well-known text (OGC 06-103r4 §7, ISO 13249-3 Z/M/ZM keywords) plus the PostGIS
// `SRID=<n>;` prefix (EWKT).
#pragma once

#include <string>
#include <string_view>

#include "quiver/result.h"
#include "quiver_geo/geometry.h"

namespace quiver::geo {

/// Parses one WKT geometry.
///
/// Accepts POINT, LINESTRING, POLYGON, MULTIPOINT (both `MULTIPOINT (1 2, 3 4)` and
/// `MULTIPOINT ((1 2), (3 4))`), MULTILINESTRING, MULTIPOLYGON and GEOMETRYCOLLECTION,
/// case-insensitively, each either EMPTY or parenthesised (a polygon ring without points,
/// which WKB can hold, is EMPTY too: `POLYGON (EMPTY, (0 0, 1 0, 0 0))`); a dimension
/// keyword Z, M or ZM after the type (also attached, as in `POINTZ`); an optional
/// `SRID=<int>;` prefix; any ASCII whitespace between tokens; `nan`, `inf` and `-inf` as ordinates (what EncodeWkt
/// writes for non-finite values). Without a keyword the first coordinate decides: 2
/// numbers XY, 3 XYZ, 4 XYZM. Every coordinate and every nested keyword must agree with
/// the dimensions so decided; an EMPTY geometry without any coordinate is XY.
/// Errors: kInvalidInput with the 0-based byte position, e.g.
/// `expected '(' or EMPTY at position 6 but found '1'`,
/// `expected 3 ordinates (XYZ) at position 20 but found 2`,
/// `expected the end of the text at position 10 but found ')'`;
/// kLimitExceeded `expected geometry nesting depth <= 32 at position N but found 33`.
Result<Geometry> DecodeWkt(std::string_view wkt, const GeoLimits& limits = {});

/// Appends `g` as WKT: upper-case keywords, ` Z`/` M`/` ZM` after the type when not XY,
/// `, ` between items and ordinates in the shortest form that reads back to the same
/// double (`POINT Z (1 2 0.5)`, `MULTIPOINT ((1 2), EMPTY)`, a ring without points as
/// `EMPTY`), prefixed with `SRID=<n>;`
/// when `g.srid` is set. Errors: kInvalidArgument as for EncodeWkb.
Status EncodeWkt(const Geometry& g, std::string* out);

}  // namespace quiver::geo
