// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoArrow (https://geoarrow.org, format 0.2): the extension types and the operations of
// the geo plugin over Arrow arrays of them.
//
// Every operation takes an extension array (ArrayData typed extension(name, storage)),
// runs ValidateArray on it first (so untrusted arrays are safe to walk), and reports a
// malformed geometry with the row as a context segment: `row[17]: expected ... but
// found ...` (rows counted from 0 within the array's slice). Null rows are skipped or
// stay null; empty geometries are kept. Results are new arrays that pass
// ValidateArrayFull; input buffers are never modified.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/array.h"
#include "quiver/arrow/type.h"
#include "quiver/result.h"
#include "quiver_geo/geometry.h"

namespace quiver::geo {

/// How an array stores its geometries.
enum class GeoEncoding : uint8_t {
  kWkb,  ///< geoarrow.wkb: binary, large_binary or binary_view of WKB
  kWkt,  ///< geoarrow.wkt: utf8, large_utf8 or utf8_view of WKT
  kPoint,
  kLineString,
  kPolygon,
  kMultiPoint,
  kMultiLineString,
  kMultiPolygon,
};

/// How native encodings store coordinates: a struct of one float64 array per ordinate
/// (x, y[, z][, m]) or one fixed_size_list<float64>[n] whose child is named xy, xyz, xym
/// or xyzm.
enum class CoordLayout : uint8_t { kSeparated, kInterleaved };

/// The extension name: "geoarrow.wkb", "geoarrow.wkt", "geoarrow.point", ...
std::string_view ExtensionName(GeoEncoding encoding);
/// The geometry type of a native encoding (Point for kPoint, ...); kPoint for WKB/WKT.
GeometryType NativeGeometryType(GeoEncoding encoding);

/// The extension metadata: a JSON object whose members the plugin reads are kept.
struct GeoArrowMetadata {
  /// The `crs` member as its raw JSON text (`"OGC:CRS84"` with its quotes, a PROJJSON
  /// object verbatim, `null`); empty when absent.
  std::string crs;
  /// The `crs_type` member ("projjson", "wkt2:2019", "authority_code", "srid"); empty when absent.
  std::string crs_type;
  /// The `edges` member: empty (planar, the default), "spherical", or another algorithm
  /// name from the GeoArrow spec ("vincenty", "thomas", "andoyer", "karney").
  std::string edges;
};

/// Parses extension metadata. An empty string means no metadata. Unknown members are
/// ignored. Errors: kInvalidInput for malformed JSON, a non-object, or a non-string
/// crs_type/edges (message names the byte position or the member).
Result<GeoArrowMetadata> ParseGeoArrowMetadata(std::string_view json, const GeoLimits& limits = {});
/// The JSON form: `{}` or an object with the non-empty members, crs first.
std::string SerializeGeoArrowMetadata(const GeoArrowMetadata& metadata);

/// A GeoArrow extension type, taken apart.
struct GeoArrowType {
  GeoEncoding encoding = GeoEncoding::kWkb;
  /// Native encodings only.
  Dimensions dims = Dimensions::kXY;
  CoordLayout layout = CoordLayout::kSeparated;
  GeoArrowMetadata metadata;
};

/// Recognises a GeoArrow extension type and checks its storage (binary-like for WKB,
/// string-like for WKT; the nesting, float64 coordinates, field names and list size of a
/// native type; list or large_list levels). Errors: kInvalidArgument when `type` is not
/// a geoarrow extension type or its storage does not fit
/// (`expected storage of geoarrow.point to be a struct of x, y[, z][, m] float64 or a
/// fixed_size_list<float64> but found int32`); kInvalidInput for malformed metadata.
Result<GeoArrowType> ParseGeoArrowType(const DataType& type, const GeoLimits& limits = {});

/// A geoarrow.wkb type over `storage` (binary, large_binary or binary_view).
TypePtr WkbType(const GeoArrowMetadata& metadata = {}, TypePtr storage = binary());
/// A geoarrow.wkt type over `storage` (utf8, large_utf8 or utf8_view).
TypePtr WktType(const GeoArrowMetadata& metadata = {}, TypePtr storage = utf8());
/// The storage type of a native encoding with 32-bit list offsets and the field names of
/// the GeoArrow spec (vertices, rings, polygons, linestrings, points; coordinates not
/// nullable). Precondition: `encoding` is native.
TypePtr NativeStorageType(GeoEncoding encoding, Dimensions dims, CoordLayout layout);
/// The extension type of a native encoding over NativeStorageType.
TypePtr NativeType(GeoEncoding encoding, Dimensions dims, CoordLayout layout = CoordLayout::kSeparated,
                   const GeoArrowMetadata& metadata = {});

/// The x/y bounds of every coordinate of every non-null row (empty when there is none).
/// For WKB the rows are walked without allocating. Errors: kInvalidArgument (not a
/// GeoArrow array), kInvalidInput (an invalid array, or a malformed row with `row[i]`).
Result<BoundingBox> Bounds(const ArrayData& array, const GeoLimits& limits = {});

/// One box per row as struct<xmin, ymin, xmax, ymax: float64>: null for null rows, and
/// (+inf, +inf, -inf, -inf) for empty geometries. Errors as Bounds.
Result<ArrayPtr> BoundsPerRow(const ArrayData& array, const GeoLimits& limits = {});

/// The ISO WKB type code of each row as int32 (1 for POINT, 1001 for POINT Z, 3006 for
/// MULTIPOLYGON ZM, ...); null for null rows. Errors as Bounds.
Result<ArrayPtr> GeometryTypes(const ArrayData& array, const GeoLimits& limits = {});

/// What ToNative chooses the native type from: the geometry types of the non-null rows
/// (bit t set for GeometryType t) and whether any has Z or M.
struct NativeSummary {
  uint32_t types = 0;
  bool z = false;
  bool m = false;

  NativeSummary& operator|=(const NativeSummary& o) {
    types |= o.types;
    z = z || o.z;
    m = m || o.m;
    return *this;
  }
};

/// ToNative's first pass. Errors: kUnsupported for GeometryCollection rows; others as Bounds.
Result<NativeSummary> SummarizeForNative(const ArrayData& array, const GeoLimits& limits = {});

struct ToNativeOptions {
  /// The coordinate layout of the result (default separated, as GeoArrow recommends).
  CoordLayout layout = CoordLayout::kSeparated;
  /// Rows held elsewhere that the type must also hold: the other batches of a column (their
  /// SummarizeForNative), so that every batch is converted to the same type.
  NativeSummary also;
};

/// Converts WKB, WKT (or another native array) to the one native encoding that holds all
/// non-null rows: their common type, or Multi-X when rows are X and Multi-X (each X
/// becoming a Multi-X of one part, POINT EMPTY a MultiPoint of none). Dimensions are the
/// union of the rows' (XY and XYZ rows give XYZ; XYZ and XYM give XYZM), missing
/// ordinates NaN. POINT EMPTY becomes NaN coordinates, as the spec says; EMPTY parts of a
/// MultiPoint have no native form and are dropped. An array with no non-null rows becomes
/// geoarrow.point XY. Metadata is kept. Geometric validity (closed rings, ring sizes) is
/// not checked. The rows of `options.also` count as rows of the array.
/// Errors: kInvalidArgument `expected geometries of one type (or X and Multi-X) but found
/// Point and LineString`; kUnsupported for GeometryCollection rows (GeoArrow has no native
/// collection here); others as Bounds.
Result<ArrayPtr> ToNative(const ArrayData& array, const ToNativeOptions& options = {},
                          const GeoLimits& limits = {});

/// Converts any GeoArrow array to geoarrow.wkb over binary: ISO WKB, little endian, one
/// value per row (EWKB input loses its SRID; metadata is kept). Errors as Bounds, and
/// kLimitExceeded when the result would pass 2 GiB.
Result<ArrayPtr> ToWkb(const ArrayData& array, const GeoLimits& limits = {});

/// Converts any GeoArrow array to geoarrow.wkt over utf8, in EncodeWkt's form without an
/// SRID prefix (an EWKB SRID is dropped: the CRS belongs in the metadata, which is kept).
/// Ordinates that are NaN (an M filled in by ToNative) are written `nan`, which
/// DecodeWkt reads back. Errors as ToWkb.
Result<ArrayPtr> ToWkt(const ArrayData& array, const GeoLimits& limits = {});

/// Coordinates copied out for a renderer.
struct XYCoordinates {
  /// float64, x0, y0, x1, y1, ...: every coordinate of every non-null row, in order
  /// (POINT EMPTY contributes none).
  ArrayPtr xy;
  /// int64, length rows + 1: row i's coordinates are [row_offsets[i], row_offsets[i+1])
  /// (in coordinates, not doubles).
  ArrayPtr row_offsets;
};

/// Collects the x/y coordinates of `array`. Errors as Bounds.
Result<XYCoordinates> CoordinatesXY(const ArrayData& array, const GeoLimits& limits = {});

}  // namespace quiver::geo
