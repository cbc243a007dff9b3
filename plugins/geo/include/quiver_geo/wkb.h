// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Well-known binary: ISO WKB (OGC 06-103r4 §8.2, type codes + 1000/2000/3000 for Z/M/ZM)
// and PostGIS extended WKB (flags 0x80000000 Z, 0x40000000 M, 0x20000000 SRID).
//
// Reading is staged as elsewhere in Quiver (docs/style.md §5): VerifyWkb walks a value
// without allocating and learns its type, dimensions and bounds; DecodeWkb runs the same
// walk and also builds the Geometry. Both accept exactly the same inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "quiver/result.h"
#include "quiver_geo/geometry.h"

namespace quiver::geo {

/// What one walk over a WKB value learns, without allocating.
struct WkbSummary {
  GeometryType type = GeometryType::kPoint;
  Dimensions dims = Dimensions::kXY;
  /// The SRID of an EWKB value's root, when its SRID flag is set.
  std::optional<int32_t> srid;
  /// Coordinates in the value, not counting the NaN coordinate of an empty point.
  int64_t num_coords = 0;
  /// The x/y box of those coordinates (empty when num_coords == 0).
  BoundingBox bounds;
};

/// Checks that `wkb` is exactly one well-formed WKB geometry, without allocating.
///
/// Each geometry (the root and every nested one) may use either byte order and either ISO
/// type codes or EWKB flags; the SRID flag is allowed at any level and reported for the
/// root. A point whose ordinates are all NaN is POINT EMPTY (the WKB convention). Nested
/// geometries must have the root's dimensions, and the parts of a Multi* must be of its
/// element type.
/// Errors (kInvalidInput unless said otherwise; N is the byte position in `wkb`):
/// - `expected byte order 0 or 1 at byte N but found 7`;
/// - `expected 4 bytes (geometry type) at byte N but found 2` and likewise for counts,
///   SRIDs and coordinates when the value ends early (a binary value is complete, so an
///   early end is invalid rather than kTruncated);
/// - `expected a WKB geometry type at byte N but found 17`;
/// - `expected at most 3 points (by the 52 bytes left) at byte N but found 1000`, and the
///   same for rings and parts: a declared count is bounded by the bytes that remain
///   before anything is read or allocated;
/// - `expected XYZ coordinates at byte N but found XY` (a part with other dimensions);
/// - `expected a Point at byte N but found LineString` (a Multi* part of the wrong type);
/// - `expected the end of the WKB at byte N but found 4 more bytes`;
/// - kLimitExceeded `expected geometry nesting depth <= 32 at byte N but found 33`.
Result<WkbSummary> VerifyWkb(std::span<const uint8_t> wkb, const GeoLimits& limits = {});

/// Decodes one WKB value into a Geometry. Accepts and rejects exactly what VerifyWkb does,
/// with the same errors. Allocation is bounded by the size of `wkb`.
Result<Geometry> DecodeWkb(std::span<const uint8_t> wkb, const GeoLimits& limits = {});

enum class ByteOrder : uint8_t { kBigEndian = 0, kLittleEndian = 1 };

/// Appends `g` to `out` as ISO WKB (no SRID) in `order`. POINT EMPTY is written with NaN
/// ordinates. Errors: kInvalidArgument when `g` is inconsistent (a coordinate list whose
/// size is not a multiple of CoordSize(dims), a point with other than 0 or 1 coordinate,
/// a part with other dimensions, a Multi* part of the wrong type, a count above
/// UINT32_MAX).
Status EncodeWkb(const Geometry& g, std::string* out, ByteOrder order = ByteOrder::kLittleEndian);

}  // namespace quiver::geo
