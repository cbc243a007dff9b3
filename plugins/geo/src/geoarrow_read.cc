// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <cmath>
#include <cstring>

#include "core/str_cat.h"
#include "geoarrow_internal.h"
#include "quiver/arrow/validate.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo::detail {
namespace {

using internal::StrCat;

struct Range {
  int64_t begin;
  int64_t end;
};

// Child positions [begin, end) of list slot i (list or large_list; validated array).
Range ListRange(const ArrayData& list, int64_t i) {
  if (list.type->id() == TypeId::kLargeList ||
      (list.type->id() == TypeId::kExtension && list.type->storage_type()->id() == TypeId::kLargeList)) {
    int64_t o[2];
    std::memcpy(o, list.GetValues<int64_t>(1) + i, sizeof(o));
    return {o[0], o[1]};
  }
  int32_t o[2];
  std::memcpy(o, list.GetValues<int32_t>(1) + i, sizeof(o));
  return {o[0], o[1]};
}

double ReadDouble(const double* p) {
  double v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Appends coordinates [begin, end) of a coordinate array (a struct of float64 children
// or a fixed_size_list of float64; a struct's and fixed-size list's slice applies to
// their children). When `point` is set, a coordinate of only NaN (POINT EMPTY) is skipped.
void ReadCoords(const ArrayData& coords, Range r, int cs, CoordLayout layout, bool point, std::vector<double>* out) {
  double c[4];
  for (int64_t j = r.begin; j < r.end; ++j) {
    const int64_t k = coords.offset + j;
    bool all_nan = true;
    for (int d = 0; d < cs; ++d) {
      if (layout == CoordLayout::kSeparated) {
        c[d] = ReadDouble(coords.children[static_cast<size_t>(d)]->GetValues<double>(1) + k);
      } else {
        c[d] = ReadDouble(coords.children[0]->GetValues<double>(1) + k * cs + d);
      }
      all_nan = all_nan && std::isnan(c[d]);
    }
    if (point && all_nan) continue;
    out->insert(out->end(), c, c + cs);
  }
}

void Reset(Geometry* g, GeometryType type, Dimensions dims) {
  g->type = type;
  g->dims = dims;
  g->coords.clear();
  g->rings.clear();
  g->parts.clear();
  g->srid.reset();
}

}  // namespace

Status AtRow(Status st, int64_t row) { return std::move(st).WithContext(StrCat("row[", row, "]")); }

std::string_view BinaryValue(const ArrayData& array, int64_t i) {
  const TypeId id = array.type->id() == TypeId::kExtension ? array.type->storage_type()->id() : array.type->id();
  if (id == TypeId::kBinaryView || id == TypeId::kUtf8View) {
    const uint8_t* view = array.buffers[1]->data() + (array.offset + i) * 16;
    int32_t size;
    std::memcpy(&size, view, 4);
    if (size <= 12) return {reinterpret_cast<const char*>(view + 4), static_cast<size_t>(size)};
    int32_t index;
    int32_t offset;
    std::memcpy(&index, view + 8, 4);
    std::memcpy(&offset, view + 12, 4);
    const uint8_t* data = array.buffers[2 + static_cast<size_t>(index)]->data() + offset;
    return {reinterpret_cast<const char*>(data), static_cast<size_t>(size)};
  }
  const char* data = reinterpret_cast<const char*>(array.buffers[2] ? array.buffers[2]->data() : nullptr);
  if (id == TypeId::kLargeBinary || id == TypeId::kLargeUtf8) {
    int64_t o[2];
    std::memcpy(o, array.GetValues<int64_t>(1) + i, sizeof(o));
    return {data + o[0], static_cast<size_t>(o[1] - o[0])};
  }
  int32_t o[2];
  std::memcpy(o, array.GetValues<int32_t>(1) + i, sizeof(o));
  return {data + o[0], static_cast<size_t>(o[1] - o[0])};
}

Result<GeoReader> GeoReader::Make(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoArrowType type, ParseGeoArrowType(*array.type, limits));
  QUIVER_RETURN_IF_ERROR(ValidateArray(array));
  return GeoReader(&array, std::move(type), limits);
}

Status GeoReader::Read(int64_t row, Geometry* out) const {
  const auto span = [](std::string_view v) {
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(v.data()), v.size());
  };
  if (type_.encoding == GeoEncoding::kWkb) {
    QUIVER_ASSIGN_OR_RETURN(*out, DecodeWkb(span(BinaryValue(*array_, row)), limits_));
    return Status::OK();
  }
  if (type_.encoding == GeoEncoding::kWkt) {
    QUIVER_ASSIGN_OR_RETURN(*out, DecodeWkt(BinaryValue(*array_, row), limits_));
    return Status::OK();
  }
  const GeometryType gt = NativeGeometryType(type_.encoding);
  const Dimensions dims = type_.dims;
  const int cs = CoordSize(dims);
  const CoordLayout layout = type_.layout;
  Reset(out, gt, dims);
  const ArrayData& a = *array_;
  switch (gt) {
    case GeometryType::kPoint:
      ReadCoords(a, {row, row + 1}, cs, layout, true, &out->coords);
      break;
    case GeometryType::kLineString:
      ReadCoords(*a.children[0], ListRange(a, row), cs, layout, false, &out->coords);
      break;
    case GeometryType::kMultiPoint: {
      const Range r = ListRange(a, row);
      for (int64_t j = r.begin; j < r.end; ++j) {
        out->parts.emplace_back();
        Reset(&out->parts.back(), GeometryType::kPoint, dims);
        ReadCoords(*a.children[0], {j, j + 1}, cs, layout, true, &out->parts.back().coords);
      }
      break;
    }
    case GeometryType::kPolygon:
    case GeometryType::kMultiLineString: {
      const ArrayData& lines = *a.children[0];
      const Range r = ListRange(a, row);
      for (int64_t j = r.begin; j < r.end; ++j) {
        std::vector<double>* coords;
        if (gt == GeometryType::kPolygon) {
          coords = &out->rings.emplace_back();
        } else {
          out->parts.emplace_back();
          Reset(&out->parts.back(), GeometryType::kLineString, dims);
          coords = &out->parts.back().coords;
        }
        ReadCoords(*lines.children[0], ListRange(lines, j), cs, layout, false, coords);
      }
      break;
    }
    default: {  // MultiPolygon
      const ArrayData& polygons = *a.children[0];
      const ArrayData& rings = *polygons.children[0];
      const Range r = ListRange(a, row);
      for (int64_t p = r.begin; p < r.end; ++p) {
        out->parts.emplace_back();
        Geometry& polygon = out->parts.back();
        Reset(&polygon, GeometryType::kPolygon, dims);
        const Range pr = ListRange(polygons, p);
        for (int64_t k = pr.begin; k < pr.end; ++k) {
          ReadCoords(*rings.children[0], ListRange(rings, k), cs, layout, false, &polygon.rings.emplace_back());
        }
      }
      break;
    }
  }
  return Status::OK();
}

Status GeoReader::Summarize(int64_t row, WkbSummary* out, Geometry* scratch) const {
  if (type_.encoding == GeoEncoding::kWkb) {
    const std::string_view v = BinaryValue(*array_, row);
    QUIVER_ASSIGN_OR_RETURN(*out, VerifyWkb({reinterpret_cast<const uint8_t*>(v.data()), v.size()}, limits_));
    return Status::OK();
  }
  QUIVER_RETURN_IF_ERROR(Read(row, scratch));
  *out = WkbSummary{};
  out->type = scratch->type;
  out->dims = scratch->dims;
  out->srid = scratch->srid;
  out->num_coords = scratch->NumCoords();
  ExtendBounds(*scratch, &out->bounds);
  return Status::OK();
}

}  // namespace quiver::geo::detail
