// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// ToNative: one pass to choose the native type, one to build it.
#include <limits>

#include "core/str_cat.h"
#include "geoarrow_internal.h"
#include "quiver/arrow/builder.h"

namespace quiver::geo {
namespace {

using detail::AtRow;
using detail::GeoReader;
using internal::StrCat;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Accumulates coordinates and list offsets of one native encoding, outermost level first.
class NativeBuilder {
 public:
  NativeBuilder(GeometryType target, Dimensions dims) : target_(target), dims_(dims) {
    for (auto& o : offsets_) o.push_back(0);
  }

  void AppendNull() {
    validity_.push_back(false);
    if (target_ == GeometryType::kPoint) {
      NaNCoord();
    } else {
      offsets_[0].push_back(offsets_[0].back());
    }
  }

  // Precondition: g.type is target_, or its element type when target_ is a Multi*.
  void Append(const Geometry& g) {
    validity_.push_back(true);
    const bool promote = IsMulti(target_) && g.type != target_;
    switch (target_) {
      case GeometryType::kPoint:
        if (g.coords.empty()) NaNCoord(); else Coord(g.coords.data(), g.dims);
        return;
      case GeometryType::kLineString:
        Coords(g.coords, g.dims);
        offsets_[0].push_back(NumCoords());
        return;
      case GeometryType::kPolygon:
        Polygon(g, 0);
        return;
      case GeometryType::kMultiPoint:
        if (promote) {
          if (!g.coords.empty()) Coord(g.coords.data(), g.dims);
        } else {
          // A MultiPoint's EMPTY parts have no native form; they are dropped.
          for (const auto& p : g.parts) {
            if (!p.coords.empty()) Coord(p.coords.data(), p.dims);
          }
        }
        offsets_[0].push_back(NumCoords());
        return;
      case GeometryType::kMultiLineString:
        if (promote) {
          Line(g.coords, g.dims, 1);
        } else {
          for (const auto& p : g.parts) Line(p.coords, p.dims, 1);
        }
        offsets_[0].push_back(Size(1));
        return;
      default:  // MultiPolygon
        if (promote) {
          Polygon(g, 1);
        } else {
          for (const auto& p : g.parts) Polygon(p, 1);
        }
        offsets_[0].push_back(Size(1));
        return;
    }
  }

  Result<ArrayPtr> Finish(const TypePtr& type) {
    const TypePtr& storage = type->storage_type();
    std::vector<TypePtr> levels = {storage};
    while (levels.back()->id() == TypeId::kList) levels.push_back(levels.back()->field(0)->type());
    const int64_t n = NumCoords();
    const bool point = levels.size() == 1;
    const std::vector<bool> none;
    const std::vector<bool>& coord_validity = point ? validity_ : none;
    ArrayPtr array;
    if (levels.back()->id() == TypeId::kStruct) {
      std::vector<ArrayPtr> children;
      for (int d = 0; d < CoordSize(dims_); ++d) {
        QUIVER_ASSIGN_OR_RETURN(ArrayPtr c, ArrayFromVector<double>(float64(), ordinates_[d]));
        children.push_back(std::move(c));
      }
      QUIVER_ASSIGN_OR_RETURN(array, MakeStructArray(levels.back(), std::move(children), coord_validity, n));
    } else {
      std::vector<double> interleaved;
      interleaved.reserve(static_cast<size_t>(n) * static_cast<size_t>(CoordSize(dims_)));
      for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
        for (int d = 0; d < CoordSize(dims_); ++d) interleaved.push_back(ordinates_[d][i]);
      }
      QUIVER_ASSIGN_OR_RETURN(ArrayPtr values, ArrayFromVector<double>(float64(), interleaved));
      QUIVER_ASSIGN_OR_RETURN(array, MakeFixedSizeListArray(levels.back(), n, std::move(values), coord_validity));
    }
    for (size_t level = levels.size() - 1; level-- > 0;) {
      QUIVER_ASSIGN_OR_RETURN(array, MakeListArray(levels[level], offsets_[level], std::move(array),
                                                   level == 0 ? validity_ : none));
    }
    return MakeExtensionArray(type, array);
  }

 private:
  int64_t NumCoords() const { return static_cast<int64_t>(ordinates_[0].size()); }
  // Entries of the list level below `level`, i.e. the last offset of level `level + 1`.
  int64_t Size(int level) const { return static_cast<int64_t>(offsets_[level].size()) - 1; }

  void NaNCoord() {
    for (int d = 0; d < CoordSize(dims_); ++d) ordinates_[d].push_back(kNaN);
  }
  // Copies one coordinate of dimensions `src`; ordinates `src` lacks become NaN.
  void Coord(const double* c, Dimensions src) {
    int d = 0;
    ordinates_[d++].push_back(c[0]);
    ordinates_[d++].push_back(c[1]);
    if (HasZ(dims_)) ordinates_[d++].push_back(HasZ(src) ? c[2] : kNaN);
    if (HasM(dims_)) ordinates_[d++].push_back(HasM(src) ? c[HasZ(src) ? 3 : 2] : kNaN);
  }
  void Coords(const std::vector<double>& c, Dimensions src) {
    const auto cs = static_cast<size_t>(CoordSize(src));
    for (size_t i = 0; i + cs <= c.size(); i += cs) Coord(c.data() + i, src);
  }
  // A coordinate list closing an entry of offsets level `level`.
  void Line(const std::vector<double>& c, Dimensions src, int level) {
    Coords(c, src);
    offsets_[static_cast<size_t>(level)].push_back(NumCoords());
  }
  // A polygon whose rings level is `level`: its rings close entries of level + 1.
  void Polygon(const Geometry& g, int level) {
    for (const auto& ring : g.rings) Line(ring, g.dims, level + 1);
    if (level > 0) offsets_[static_cast<size_t>(level)].push_back(Size(level + 1));
    else offsets_[0].push_back(Size(1));
  }

  GeometryType target_;
  Dimensions dims_;
  std::vector<double> ordinates_[4];
  std::vector<int64_t> offsets_[3];
  std::vector<bool> validity_;
};

}  // namespace

Result<NativeSummary> SummarizeForNative(const ArrayData& array, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  NativeSummary out;
  QUIVER_RETURN_IF_ERROR(ForEachSummary(reader, [&](int64_t, const WkbSummary& summary) {
    if (summary.type == GeometryType::kGeometryCollection) {
      return Status::Unsupported("expected a geometry type with a native GeoArrow encoding but found GeometryCollection");
    }
    out.types |= 1u << static_cast<int>(summary.type);
    out.z = out.z || HasZ(summary.dims);
    out.m = out.m || HasM(summary.dims);
    return Status::OK();
  }));
  return out;
}

Result<ArrayPtr> ToNative(const ArrayData& array, const ToNativeOptions& options, const GeoLimits& limits) {
  QUIVER_ASSIGN_OR_RETURN(GeoReader reader, GeoReader::Make(array, limits));
  QUIVER_ASSIGN_OR_RETURN(NativeSummary all, SummarizeForNative(array, limits));
  all |= options.also;
  const uint32_t seen = all.types & 0x7eu;  // bits 1..6: the types with a native encoding
  const bool z = all.z;
  const bool m = all.m;
  Geometry g;
  GeometryType target = GeometryType::kPoint;
  int singles = 0;
  std::string found;
  for (int t = 1; t <= 6; ++t) {
    const auto type = static_cast<GeometryType>(t);
    if (!(seen & (1u << t))) continue;
    if (IsMulti(type) && (seen & (1u << static_cast<int>(SingleOf(type))))) {
      target = type;
      continue;
    }
    found += StrCat(singles > 0 ? " and " : "", GeometryTypeName(type));
    ++singles;
    target = type;
  }
  if (singles > 1) {
    return Status::InvalidArgument(StrCat("expected geometries of one type (or X and Multi-X) but found ", found));
  }
  const Dimensions dims = MakeDimensions(z, m);
  const auto encoding = static_cast<GeoEncoding>(static_cast<int>(target) + 1);
  const TypePtr type = NativeType(encoding, dims, options.layout, reader.type().metadata);
  NativeBuilder builder(target, dims);
  for (int64_t i = 0; i < reader.length(); ++i) {
    if (reader.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    Status st = reader.Read(i, &g);
    if (!st.ok()) return AtRow(std::move(st), i);
    builder.Append(g);
  }
  return builder.Finish(type);
}

}  // namespace quiver::geo
