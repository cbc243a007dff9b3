// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Bounds, geometry types, WKB/WKT output and coordinates of GeoArrow arrays.
#include "geoarrow_internal.h"
#include "quiver/arrow/builder.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo {

using detail::AtRow;
using detail::GeoReader;

Result<BoundingBox> Bounds(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  BoundingBox box;
  QUIVER_RETURN_IF_ERROR(ForEachSummary(reader, [&](int64_t, const WkbSummary& summary) {
    box.Extend(summary.bounds);
    return Status::OK();
  }));
  return box;
}

Result<ArrayPtr> BoundsPerRow(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  const auto n = static_cast<size_t>(reader.length());
  std::vector<double> xmin(n), ymin(n), xmax(n), ymax(n);
  std::vector<bool> validity(n, true);
  WkbSummary summary;
  Geometry scratch;
  for (size_t i = 0; i < n; ++i) {
    BoundingBox box;
    if (reader.IsNull(static_cast<int64_t>(i))) {
      validity[i] = false;
    } else {
      Status st = reader.Summarize(static_cast<int64_t>(i), &summary, &scratch);
      if (!st.ok()) return AtRow(std::move(st), static_cast<int64_t>(i));
      box = summary.bounds;
    }
    xmin[i] = box.xmin;
    ymin[i] = box.ymin;
    xmax[i] = box.xmax;
    ymax[i] = box.ymax;
  }
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> children;
  for (auto [name, values] : {std::pair{"xmin", &xmin}, {"ymin", &ymin}, {"xmax", &xmax}, {"ymax", &ymax}}) {
    fields.push_back(field(name, float64(), false));
    QUIVER_ASSIGN_OR_RETURN(ArrayPtr child, ArrayFromVector<double>(float64(), *values));
    children.push_back(std::move(child));
  }
  return MakeStructArray(std::move(fields), std::move(children), validity, static_cast<int64_t>(n));
}

Result<ArrayPtr> GeometryTypes(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  FixedWidthBuilder<int32_t> out;
  WkbSummary summary;
  Geometry scratch;
  for (int64_t i = 0; i < reader.length(); ++i) {
    if (reader.IsNull(i)) {
      QUIVER_RETURN_IF_ERROR(out.AppendNull());
      continue;
    }
    if (reader.type().encoding >= GeoEncoding::kPoint) {
      // A native array's type is its rows' type, whatever their coordinates.
      summary.type = NativeGeometryType(reader.type().encoding);
      summary.dims = reader.type().dims;
    } else {
      Status st = reader.Summarize(i, &summary, &scratch);
      if (!st.ok()) return AtRow(std::move(st), i);
    }
    QUIVER_RETURN_IF_ERROR(out.Append(IsoTypeCode(summary.type, summary.dims)));
  }
  return out.Finish(int32());
}

namespace {

// Re-encodes every row with `encode` into a binary-like builder of `type`.
template <typename Encode>
Result<ArrayPtr> Reencode(const ArrayData& array, const GeoLimits& limits, bool wkb, Encode encode) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  BinaryBuilder out(wkb ? WkbType(reader.type().metadata) : WktType(reader.type().metadata));
  Geometry g;
  std::string bytes;
  for (int64_t i = 0; i < reader.length(); ++i) {
    if (reader.IsNull(i)) {
      QUIVER_RETURN_IF_ERROR(out.AppendNull());
      continue;
    }
    Status st = reader.Read(i, &g);
    bytes.clear();
    if (st.ok()) st = encode(g, &bytes);
    if (!st.ok()) return AtRow(std::move(st), i);
    QUIVER_RETURN_IF_ERROR(out.Append(bytes));
  }
  return out.Finish();
}

void AppendXY(const std::vector<double>& c, size_t cs, std::vector<double>* xy) {
  for (size_t i = 0; i + 1 < c.size(); i += cs) {
    xy->push_back(c[i]);
    xy->push_back(c[i + 1]);
  }
}

void CollectXY(const Geometry& g, std::vector<double>* xy) {
  const auto cs = static_cast<size_t>(CoordSize(g.dims));
  AppendXY(g.coords, cs, xy);
  for (const auto& r : g.rings) AppendXY(r, cs, xy);
  for (const auto& p : g.parts) CollectXY(p, xy);
}

}  // namespace

Result<ArrayPtr> ToWkb(const ArrayData& array, const GeoLimits& limits) {
  return Reencode(array, limits, true, [](const Geometry& g, std::string* out) {
    return EncodeWkb(g, out, ByteOrder::kLittleEndian);
  });
}

Result<ArrayPtr> ToWkt(const ArrayData& array, const GeoLimits& limits) {
  return Reencode(array, limits, false, [](const Geometry& g, std::string* out) {
    // WKT output is ISO: an EWKB SRID belongs in the CRS metadata, not in each value.
    if (!g.srid) return EncodeWkt(g, out);
    Geometry copy = g;
    copy.srid.reset();
    return EncodeWkt(copy, out);
  });
}

Result<XYCoordinates> CoordinatesXY(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  std::vector<double> xy;
  std::vector<int64_t> offsets = {0};
  Geometry g;
  for (int64_t i = 0; i < reader.length(); ++i) {
    if (!reader.IsNull(i)) {
      Status st = reader.Read(i, &g);
      if (!st.ok()) return AtRow(std::move(st), i);
      CollectXY(g, &xy);
    }
    offsets.push_back(static_cast<int64_t>(xy.size() / 2));
  }
  XYCoordinates out;
  QUIVER_ASSIGN_OR_RETURN(out.xy, ArrayFromVector<double>(float64(), xy));
  QUIVER_ASSIGN_OR_RETURN(out.row_offsets, ArrayFromVector<int64_t>(int64(), offsets));
  return out;
}

}  // namespace quiver::geo
