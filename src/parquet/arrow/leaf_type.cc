// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Arrow type of a Parquet leaf: LogicalType first, ConvertedType for older files,
// else the physical type (LogicalTypes.md). Annotations that do not fit the physical type
// are ignored, as the format asks of readers; decimal parameters are checked.
#include "parquet/arrow/leaf_type.h"

#include "core/str_cat.h"
#include "parquet/arrow/geoparquet.h"

namespace quiver::parquet::arrow {

using internal::StrCat;

namespace {

TypePtr PhysicalDefault(const SchemaElement& e) {
  switch (*e.type) {
    case PhysicalType::kBoolean: return boolean();
    case PhysicalType::kInt32: return int32();
    case PhysicalType::kInt64: return int64();
    // INT96 holds legacy Impala/Hive timestamps: nanoseconds of the day, then the Julian day.
    case PhysicalType::kInt96: return timestamp(TimeUnit::kNano);
    case PhysicalType::kFloat: return float32();
    case PhysicalType::kDouble: return float64();
    case PhysicalType::kByteArray: return binary();
    case PhysicalType::kFixedLenByteArray: return fixed_size_binary(e.type_length);
  }
  return binary();
}

Result<TypePtr> Decimal(const SchemaElement& e, int32_t precision, int32_t scale) {
  PhysicalType t = *e.type;
  int32_t max_precision = 76;
  if (t == PhysicalType::kInt32) max_precision = 9;
  if (t == PhysicalType::kInt64) max_precision = 18;
  if (t == PhysicalType::kFixedLenByteArray) {
    // n bytes hold floor(log10(2^(8n-1) - 1)) digits; capped by decimal256.
    static constexpr int32_t kDigits[] = {0, 2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38,
                                          40, 43, 45, 47, 50, 52, 55, 57, 59, 62, 64, 67, 69, 71, 74, 76};
    max_precision = e.type_length >= 0 && e.type_length <= 32 ? kDigits[e.type_length] : 76;
  }
  if (t != PhysicalType::kInt32 && t != PhysicalType::kInt64 && t != PhysicalType::kFixedLenByteArray &&
      t != PhysicalType::kByteArray) {
    return Status::InvalidInput(StrCat("expected DECIMAL on INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY but found ",
                                       PhysicalTypeName(t)));
  }
  if (precision < 1 || precision > max_precision) {
    return Status::InvalidInput(StrCat("expected DECIMAL precision in [1, ", max_precision, "] for ", PhysicalTypeName(t),
                                       " but found ", precision));
  }
  if (scale < 0 || scale > precision) {
    return Status::InvalidInput(StrCat("expected DECIMAL scale in [0, ", precision, "] but found ", scale));
  }
  // As pyarrow: decimal128 up to 38 digits, decimal256 beyond.
  return precision <= 38 ? decimal128(precision, scale) : decimal256(precision, scale);
}

TypePtr IntegerType(int bits, bool is_signed) {
  switch (bits) {
    case 8: return is_signed ? int8() : uint8();
    case 16: return is_signed ? int16() : uint16();
    case 32: return is_signed ? int32() : uint32();
    case 64: return is_signed ? int64() : uint64();
    default: return nullptr;
  }
}

bool IsBinaryPhysical(PhysicalType t) { return t == PhysicalType::kByteArray; }

}  // namespace

Result<LeafType> ArrowLeafType(const SchemaElement& e, bool large_types) {
  using K = LogicalType::Kind;
  const PhysicalType t = *e.type;
  if (t == PhysicalType::kFixedLenByteArray && (e.type_length < 0)) {
    return Status::InvalidInput(StrCat("expected FIXED_LEN_BYTE_ARRAY type_length >= 0 but found ", e.type_length));
  }
  LeafType out;
  const TypePtr str = large_types ? large_utf8() : utf8();
  const TypePtr bin = large_types ? large_binary() : binary();
  const LogicalType& lt = e.logical_type;
  switch (lt.kind) {
    case K::kString:
    case K::kEnum:
    case K::kJson:
      if (IsBinaryPhysical(t)) out.type = str;
      break;
    case K::kBson:
      if (IsBinaryPhysical(t)) out.type = bin;
      break;
    case K::kUuid:
      if (t == PhysicalType::kFixedLenByteArray && e.type_length == 16) out.type = fixed_size_binary(16);
      break;
    case K::kDecimal: {
      QUIVER_ASSIGN_OR_RETURN(out.type, Decimal(e, lt.precision, lt.scale));
      break;
    }
    case K::kDate:
      if (t == PhysicalType::kInt32) out.type = date32();
      break;
    case K::kTime:
      if (t == PhysicalType::kInt32 && lt.unit == TimeUnit::kMilli) out.type = time32(TimeUnit::kMilli);
      if (t == PhysicalType::kInt64 && lt.unit != TimeUnit::kMilli) out.type = time64(lt.unit);
      break;
    case K::kTimestamp:
      if (t == PhysicalType::kInt64) out.type = timestamp(lt.unit, lt.is_adjusted_to_utc ? "UTC" : "");
      break;
    case K::kInteger: {
      TypePtr it = IntegerType(lt.bit_width, lt.is_signed);
      bool fits = lt.bit_width == 64 ? t == PhysicalType::kInt64 : t == PhysicalType::kInt32;
      if (it && fits) out.type = it;
      break;
    }
    case K::kUnknown:
      out.type = null();
      break;
    case K::kFloat16:
      if (t == PhysicalType::kFixedLenByteArray && e.type_length == 2) out.type = float16();
      break;
    case K::kGeometry:
    case K::kGeography:
      if (IsBinaryPhysical(t)) {
        // GeoArrow's WKB type with the crs and edges (LogicalTypes.md GEOMETRY/GEOGRAPHY);
        // an algorithm number from a newer format stays binary with field metadata.
        if (auto meta = GeoArrowMetadataOf(lt)) {
          out.type = extension("geoarrow.wkb", bin, std::move(*meta));
          break;
        }
        out.type = bin;
        out.metadata.emplace_back("PARQUET:logical_type", lt.kind == K::kGeometry ? "GEOMETRY" : "GEOGRAPHY");
        if (!lt.crs.empty()) out.metadata.emplace_back("PARQUET:crs", lt.crs);
        if (lt.algorithm >= 0) out.metadata.emplace_back("PARQUET:algorithm", StrCat(lt.algorithm));
      }
      break;
    default:
      break;
  }
  if (out.type) return out;
  if (lt.kind != K::kNone && lt.kind != K::kUnrecognized) {
    // A LogicalType that does not fit: fall through to the physical type, ignoring the
    // converted type too (it mirrors the logical one).
    out.type = PhysicalDefault(e);
    return out;
  }
  using C = ConvertedType;
  switch (e.converted_type) {
    case C::kUtf8:
    case C::kEnum:
    case C::kJson:
      if (IsBinaryPhysical(t)) out.type = str;
      break;
    case C::kBson:
      if (IsBinaryPhysical(t)) out.type = bin;
      break;
    case C::kDecimal: {
      QUIVER_ASSIGN_OR_RETURN(out.type, Decimal(e, e.precision, e.scale));
      break;
    }
    case C::kDate:
      if (t == PhysicalType::kInt32) out.type = date32();
      break;
    case C::kTimeMillis:
      if (t == PhysicalType::kInt32) out.type = time32(TimeUnit::kMilli);
      break;
    case C::kTimeMicros:
      if (t == PhysicalType::kInt64) out.type = time64(TimeUnit::kMicro);
      break;
    // The legacy timestamp annotations mean instants (LogicalTypes.md: isAdjustedToUTC=true).
    case C::kTimestampMillis:
      if (t == PhysicalType::kInt64) out.type = timestamp(TimeUnit::kMilli, "UTC");
      break;
    case C::kTimestampMicros:
      if (t == PhysicalType::kInt64) out.type = timestamp(TimeUnit::kMicro, "UTC");
      break;
    case C::kUint8: case C::kUint16: case C::kUint32: case C::kInt8: case C::kInt16: case C::kInt32:
      if (t == PhysicalType::kInt32) {
        static constexpr int kBits[] = {8, 16, 32, 0, 8, 16, 32};
        int idx = static_cast<int>(e.converted_type) - static_cast<int>(C::kUint8);
        bool is_signed = e.converted_type >= C::kInt8;
        out.type = IntegerType(kBits[idx], is_signed);
      }
      break;
    case C::kUint64:
    case C::kInt64:
      if (t == PhysicalType::kInt64) out.type = e.converted_type == C::kUint64 ? uint64() : int64();
      break;
    case C::kInterval:
      if (t == PhysicalType::kFixedLenByteArray && e.type_length == 12) out.type = interval_month_day_nano();
      break;
    default:
      break;
  }
  if (!out.type) {
    out.type = PhysicalDefault(e);
    if (large_types && out.type->id() == TypeId::kBinary) out.type = large_binary();
  }
  return out;
}

}  // namespace quiver::parquet::arrow
