// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the geometry fuzz target (geo_fuzz.cc) does with one input, shared with the test
// that replays the inputs it found bugs with (tests/regressions/geo, geo_regression_test.cc).
// Byte 0 picks the parser (bit 0: 0 WKB, 1 WKT); the rest is the value.
//   WKB: VerifyWkb and DecodeWkb must agree (same status, and the summary matches the
//        geometry); whatever decodes must encode as WKB in both byte orders, each decode to
//        the same geometry (without the SRID, which ISO WKB does not carry) and encode
//        again to the same bytes; it must go through WKT and back unchanged; and, as a
//        one-row geoarrow.wkb array, through native GeoArrow (ToNative, refused only for
//        collections) and back to WKB unchanged but for what ToNative documents (EMPTY
//        parts of a MultiPoint dropped, the SRID dropped), with native -> WKB -> native
//        the identity and the native array passing full validation.
//   WKT: whatever DecodeWkt accepts must encode as WKT, decode to the same geometry and
//        encode to the same text again, and go through WKB and back unchanged.
// Geometries are compared ordinate by ordinate as bits (NaN equals NaN, -0 is not 0). The
// only errors a hostile value may give are kInvalidInput and kLimitExceeded; anything else
// breaks a rule and is returned as kInternal. Header-only, test and fuzz code.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/validate.h"
#include "quiver_geo/geoarrow.h"
#include "quiver_geo/wkb.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo::testing {

inline bool SameOrdinate(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  uint64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  return x == y;
}

inline bool SameOrdinates(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameOrdinate(a[i], b[i])) return false;
  }
  return true;
}

// A point whose ordinates are all NaN is POINT EMPTY in WKB, so a geometry that went
// through WKB compares equal to its source with such points emptied (`nan_point_is_empty`).
inline bool SameGeometry(const Geometry& a, const Geometry& b, bool nan_point_is_empty) {
  if (a.type != b.type || a.dims != b.dims) return false;
  if (a.type == GeometryType::kPoint && nan_point_is_empty) {
    auto all_nan = [](const std::vector<double>& c) {
      for (double v : c) {
        if (!std::isnan(v)) return false;
      }
      return true;
    };
    if (all_nan(a.coords) && all_nan(b.coords)) return true;
  }
  if (!SameOrdinates(a.coords, b.coords) || a.rings.size() != b.rings.size() || a.parts.size() != b.parts.size()) {
    return false;
  }
  for (size_t i = 0; i < a.rings.size(); ++i) {
    if (!SameOrdinates(a.rings[i], b.rings[i])) return false;
  }
  for (size_t i = 0; i < a.parts.size(); ++i) {
    if (!SameGeometry(a.parts[i], b.parts[i], nan_point_is_empty)) return false;
  }
  return true;
}

inline bool HostileError(const Status& s) {
  return s.code() == StatusCode::kInvalidInput || s.code() == StatusCode::kLimitExceeded;
}

inline std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// `g` (from either parser) through WKB in both byte orders and back.
inline Status CheckWkbRoundTrip(const Geometry& g, const GeoLimits& limits) {
  for (ByteOrder order : {ByteOrder::kLittleEndian, ByteOrder::kBigEndian}) {
    std::string wkb;
    if (Status st = EncodeWkb(g, &wkb, order); !st.ok()) {
      return Status::Internal("EncodeWkb of a decoded geometry: " + st.ToString());
    }
    Result<Geometry> back = DecodeWkb(Bytes(wkb), limits);
    if (!back.ok()) return Status::Internal("DecodeWkb of EncodeWkb's output: " + back.status().ToString());
    if (back->srid) return Status::Internal("ISO WKB read back with an SRID");
    if (!SameGeometry(g, *back, true)) return Status::Internal("WKB round trip changed the geometry");
    std::string again;
    if (Status st = EncodeWkb(*back, &again, order); !st.ok() || again != wkb) {
      return Status::Internal("WKB re-encoding differs: " + st.ToString());
    }
  }
  return Status::OK();
}

// `g` through WKT and back; `text` (when not null) receives the WKT.
inline Status CheckWktRoundTrip(const Geometry& g, const GeoLimits& limits, std::string* text) {
  std::string wkt;
  if (Status st = EncodeWkt(g, &wkt); !st.ok()) {
    return Status::Internal("EncodeWkt of a decoded geometry: " + st.ToString());
  }
  Result<Geometry> back = DecodeWkt(wkt, limits);
  if (!back.ok()) return Status::Internal("DecodeWkt of EncodeWkt's output '" + wkt + "': " + back.status().ToString());
  if (back->srid != g.srid) return Status::Internal("WKT round trip changed the SRID: " + wkt);
  if (!SameGeometry(g, *back, false)) return Status::Internal("WKT round trip changed the geometry: " + wkt);
  std::string again;
  if (Status st = EncodeWkt(*back, &again); !st.ok() || again != wkt) {
    return Status::Internal("WKT re-encoding differs: " + wkt + " then " + again);
  }
  if (text) *text = std::move(wkt);
  return Status::OK();
}

// What ToNative keeps of `g`: a MultiPoint's EMPTY parts have no native form.
inline Geometry NativeForm(const Geometry& g) {
  Geometry out = g;
  out.srid.reset();
  if (g.type == GeometryType::kMultiPoint) {
    out.parts.clear();
    for (const Geometry& p : g.parts) {
      if (!p.coords.empty()) out.parts.push_back(p);
    }
  }
  return out;
}

// The bytes of row 0 of a binary array.
inline std::string_view Row0(const ArrayData& a) {
  const auto* offsets = a.GetValues<int32_t>(1);
  return {reinterpret_cast<const char*>(a.buffers[2]->data()) + offsets[0],
          static_cast<size_t>(offsets[1] - offsets[0])};
}

// `wkb` (which decodes to `g`) as a one-row geoarrow.wkb array through native GeoArrow.
inline Status CheckNativeRoundTrip(std::span<const uint8_t> wkb, const Geometry& g, const GeoLimits& limits) {
  BinaryBuilder builder(WkbType());
  if (!builder.Append({reinterpret_cast<const char*>(wkb.data()), wkb.size()}).ok()) return Status::OK();
  Result<ArrayPtr> array = builder.Finish();
  if (!array.ok()) return Status::OK();
  for (CoordLayout layout : {CoordLayout::kSeparated, CoordLayout::kInterleaved}) {
    Result<ArrayPtr> native = ToNative(**array, {.layout = layout}, limits);
    if (!native.ok()) {
      if (native.status().code() == StatusCode::kUnsupported && g.type == GeometryType::kGeometryCollection) {
        return Status::OK();
      }
      return Status::Internal("ToNative of a valid WKB value: " + native.status().ToString());
    }
    if (Status st = ValidateArrayFull(**native); !st.ok()) {
      return Status::Internal("ToNative's array fails validation: " + st.ToString());
    }
    Result<ArrayPtr> back = ToWkb(**native, limits);
    if (!back.ok()) return Status::Internal("ToWkb of a native array: " + back.status().ToString());
    Result<Geometry> decoded = DecodeWkb(Bytes(Row0(**back)), limits);
    if (!decoded.ok()) return Status::Internal("DecodeWkb of ToWkb's output: " + decoded.status().ToString());
    if (!SameGeometry(NativeForm(g), *decoded, true)) {
      return Status::Internal("WKB -> native -> WKB changed the geometry");
    }
    Result<ArrayPtr> again = ToNative(**back, {.layout = layout}, limits);
    if (!again.ok() || !ArrayEquals(**again, **native)) {
      return Status::Internal("native -> WKB -> native is not the identity: " + again.status().ToString());
    }
  }
  return Status::OK();
}

inline Status FuzzWkb(std::span<const uint8_t> wkb, const GeoLimits& limits) {
  Result<WkbSummary> summary = VerifyWkb(wkb, limits);
  Result<Geometry> g = DecodeWkb(wkb, limits);
  if (summary.ok() != g.ok() || summary.status().ToString() != g.status().ToString()) {
    return Status::Internal("VerifyWkb and DecodeWkb disagree: " + summary.status().ToString() + " vs " +
                            g.status().ToString());
  }
  if (!g.ok()) return HostileError(g.status()) ? g.status() : Status::Internal("DecodeWkb: " + g.status().ToString());
  if (summary->type != g->type || summary->dims != g->dims || summary->srid != g->srid ||
      summary->num_coords != g->NumCoords()) {
    return Status::Internal("the WKB summary does not match the geometry");
  }
  BoundingBox box;
  ExtendBounds(*g, &box);
  if (box.IsEmpty() != summary->bounds.IsEmpty() ||
      (!box.IsEmpty() && (box.xmin != summary->bounds.xmin || box.ymin != summary->bounds.ymin ||
                          box.xmax != summary->bounds.xmax || box.ymax != summary->bounds.ymax))) {
    return Status::Internal("the WKB summary's bounds do not match the geometry's");
  }
  QUIVER_RETURN_IF_ERROR(CheckWkbRoundTrip(*g, limits));
  QUIVER_RETURN_IF_ERROR(CheckWktRoundTrip(*g, limits, nullptr));
  return CheckNativeRoundTrip(wkb, *g, limits);
}

inline Status FuzzWkt(std::string_view text, const GeoLimits& limits) {
  Result<Geometry> g = DecodeWkt(text, limits);
  if (!g.ok()) return HostileError(g.status()) ? g.status() : Status::Internal("DecodeWkt: " + g.status().ToString());
  QUIVER_RETURN_IF_ERROR(CheckWktRoundTrip(*g, limits, nullptr));
  return CheckWkbRoundTrip(*g, limits);
}

/// One input of the fuzz target: OK or the hostile value's error; kInternal when a rule broke.
inline Status FuzzGeo(std::span<const uint8_t> data) {
  if (data.empty()) return Status::OK();
  GeoLimits limits;
  limits.max_nesting_depth = 16;
  const auto value = data.subspan(1);
  if ((data[0] & 1) == 0) return FuzzWkb(value, limits);
  return FuzzWkt({reinterpret_cast<const char*>(value.data()), value.size()}, limits);
}

}  // namespace quiver::geo::testing
