// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Importing schemas and arrays through the Arrow C Data Interface.
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/str_cat.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/c_data.h"
#include "quiver/arrow/validate.h"

namespace quiver {

using internal::StrCat;

namespace {

Status BadFormat(std::string_view format, std::string_view why) {
  return Status::InvalidInput(StrCat("expected an Arrow C format string but found '", format, "' (", why, ")"));
}

bool ParseInt(std::string_view s, int32_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Result<TimeUnit> Unit(char c, std::string_view format) {
  switch (c) {
    case 's': return TimeUnit::kSecond;
    case 'm': return TimeUnit::kMilli;
    case 'u': return TimeUnit::kMicro;
    case 'n': return TimeUnit::kNano;
    default: return BadFormat(format, "unknown time unit");
  }
}

Result<KeyValueMetadata> DecodeMetadata(const char* p) {
  KeyValueMetadata out;
  if (p == nullptr) return out;
  int32_t n;
  std::memcpy(&n, p, 4);
  p += 4;
  if (n < 0 || n > (1 << 20)) return Status::InvalidInput(StrCat("expected a metadata pair count in [0, 2^20] but found ", n));
  for (int32_t i = 0; i < n; ++i) {
    int32_t k, v;
    std::memcpy(&k, p, 4);
    if (k < 0) return Status::InvalidInput("expected a non-negative metadata key length");
    std::string key(p + 4, static_cast<size_t>(k));
    p += 4 + k;
    std::memcpy(&v, p, 4);
    if (v < 0) return Status::InvalidInput("expected a non-negative metadata value length");
    out.emplace_back(std::move(key), std::string(p + 4, static_cast<size_t>(v)));
    p += 4 + v;
  }
  return out;
}

Result<std::vector<FieldPtr>> Children(const ArrowSchema& s) {
  if (s.n_children < 0 || (s.n_children > 0 && s.children == nullptr)) {
    return Status::InvalidInput(StrCat("expected ", s.n_children, " children but found none"));
  }
  std::vector<FieldPtr> out;
  for (int64_t i = 0; i < s.n_children; ++i) {
    if (s.children[i] == nullptr) return Status::InvalidInput(StrCat("expected child ", i, " but found null"));
    auto f = ImportField(*s.children[i]);
    if (!f.ok()) return std::move(f).status().WithContext(StrCat("child[", i, "]"));
    out.push_back(std::move(f).value());
  }
  return out;
}

Result<TypePtr> TypeOf(const ArrowSchema& s) {
  const std::string_view f = s.format ? s.format : "";
  if (f.size() == 1) {
    switch (f[0]) {
      case 'n': return null();
      case 'b': return boolean();
      case 'c': return int8();
      case 'C': return uint8();
      case 's': return int16();
      case 'S': return uint16();
      case 'i': return int32();
      case 'I': return uint32();
      case 'l': return int64();
      case 'L': return uint64();
      case 'e': return float16();
      case 'f': return float32();
      case 'g': return float64();
      case 'z': return binary();
      case 'Z': return large_binary();
      case 'u': return utf8();
      case 'U': return large_utf8();
      default: return BadFormat(f, "unknown type");
    }
  }
  if (f == "vz") return binary_view();
  if (f == "vu") return utf8_view();
  if (f.starts_with("d:")) {
    std::string_view rest = f.substr(2);
    int32_t parts[3] = {0, 0, 128};
    int n = 0;
    while (!rest.empty() && n < 3) {
      const size_t comma = rest.find(',');
      if (!ParseInt(rest.substr(0, comma), &parts[n++])) return BadFormat(f, "bad decimal parameters");
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (n < 2 || !rest.empty()) return BadFormat(f, "bad decimal parameters");
    switch (parts[2]) {
      case 32: return decimal32(parts[0], parts[1]);
      case 64: return decimal64(parts[0], parts[1]);
      case 128: return decimal128(parts[0], parts[1]);
      case 256: return decimal256(parts[0], parts[1]);
      default: return BadFormat(f, "bad decimal bit width");
    }
  }
  if (f.starts_with("w:")) {
    int32_t w;
    if (!ParseInt(f.substr(2), &w)) return BadFormat(f, "bad width");
    return fixed_size_binary(w);
  }
  if (f == "tdD") return date32();
  if (f == "tdm") return date64();
  if (f.size() == 3 && f.starts_with("tt")) {
    QUIVER_ASSIGN_OR_RETURN(TimeUnit u, Unit(f[2], f));
    return u == TimeUnit::kSecond || u == TimeUnit::kMilli ? time32(u) : time64(u);
  }
  if (f.size() >= 4 && f.starts_with("ts") && f[3] == ':') {
    QUIVER_ASSIGN_OR_RETURN(TimeUnit u, Unit(f[2], f));
    return timestamp(u, std::string(f.substr(4)));
  }
  if (f.size() == 3 && f.starts_with("tD")) {
    QUIVER_ASSIGN_OR_RETURN(TimeUnit u, Unit(f[2], f));
    return duration(u);
  }
  if (f == "tiM") return interval_year_month();
  if (f == "tiD") return interval_day_time();
  if (f == "tin") return interval_month_day_nano();
  if (!f.starts_with("+")) return BadFormat(f, "unknown type");
  QUIVER_ASSIGN_OR_RETURN(std::vector<FieldPtr> kids, Children(s));
  auto one = [&]() -> Status {
    return kids.size() == 1 ? Status::OK() : BadFormat(f, StrCat("expected one child but found ", kids.size()));
  };
  if (f == "+l" || f == "+L" || f == "+vl" || f == "+vL") {
    QUIVER_RETURN_IF_ERROR(one());
    if (f == "+l") return list(kids[0]);
    if (f == "+L") return large_list(kids[0]);
    return f == "+vl" ? list_view(kids[0]) : large_list_view(kids[0]);
  }
  if (f.starts_with("+w:")) {
    int32_t n;
    if (!ParseInt(f.substr(3), &n)) return BadFormat(f, "bad list size");
    QUIVER_RETURN_IF_ERROR(one());
    return fixed_size_list(kids[0], n);
  }
  if (f == "+s") return struct_(std::move(kids));
  if (f == "+m") {
    QUIVER_RETURN_IF_ERROR(one());
    return map(kids[0], (s.flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0);
  }
  if (f == "+r") {
    if (kids.size() != 2) return BadFormat(f, "expected two children");
    return run_end_encoded(kids[0]->type(), kids[1]->type());
  }
  if (f.starts_with("+us:") || f.starts_with("+ud:")) {
    std::vector<int8_t> codes;
    std::string_view rest = f.substr(4);
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      int32_t c;
      if (!ParseInt(rest.substr(0, comma), &c) || c < 0 || c > 127) return BadFormat(f, "bad type code");
      codes.push_back(static_cast<int8_t>(c));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return f[2] == 's' ? sparse_union(std::move(kids), std::move(codes)) : dense_union(std::move(kids), std::move(codes));
  }
  return BadFormat(f, "unknown type");
}

}  // namespace

Result<FieldPtr> ImportField(const ArrowSchema& schema) {
  if (schema.release == nullptr) return Status::InvalidInput("expected a live ArrowSchema but found a released one");
  QUIVER_ASSIGN_OR_RETURN(TypePtr type, TypeOf(schema));
  if (schema.dictionary != nullptr) {
    if (!IsInteger(type->id())) return BadFormat(schema.format, "dictionary indices must be integers");
    QUIVER_ASSIGN_OR_RETURN(FieldPtr values, ImportField(*schema.dictionary));
    type = dictionary(type, values->type(), (schema.flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
  }
  QUIVER_ASSIGN_OR_RETURN(KeyValueMetadata md, DecodeMetadata(schema.metadata));
  std::string ext_name, ext_meta;
  bool is_extension = false;
  KeyValueMetadata kept;
  for (auto& [k, v] : md) {
    if (k == "ARROW:extension:name") {
      ext_name = v;
      is_extension = true;
    } else if (k == "ARROW:extension:metadata") {
      ext_meta = v;
    } else {
      kept.emplace_back(k, v);
    }
  }
  if (is_extension) type = extension(ext_name, type, ext_meta);
  QUIVER_RETURN_IF_ERROR(ValidateType(*type));
  return std::make_shared<const Field>(schema.name ? schema.name : "", std::move(type),
                                       (schema.flags & ARROW_FLAG_NULLABLE) != 0, std::move(kept));
}

namespace {

// Owns a moved ArrowArray; released when the last buffer referring to it goes.
struct Owner {
  ArrowArray array{};
  ~Owner() {
    if (array.release) array.release(&array);
  }
};

Result<ArrayPtr> ImportData(const ArrowArray& c, const TypePtr& type, const std::shared_ptr<Owner>& owner, int depth) {
  if (depth > 64) return Status::InvalidInput("expected arrays nested at most 64 deep");
  const DataType* storage = type.get();
  while (storage->id() == TypeId::kExtension) storage = storage->storage_type().get();
  const DataTypeLayout layout = storage->layout();
  if (c.length < 0 || c.offset < 0) return Status::InvalidInput("expected a non-negative length and offset");
  const bool views = layout.variadic;
  const int64_t expected_buffers = layout.num_buffers;
  if (views ? c.n_buffers < expected_buffers + 1 : c.n_buffers != expected_buffers) {
    return Status::InvalidInput(StrCat("expected ", expected_buffers, views ? " or more" : "", " buffers for ",
                                       type->ToString(), " but found ", c.n_buffers));
  }
  if (c.n_buffers > 0 && c.buffers == nullptr) return Status::InvalidInput("expected buffers but found null");
  auto wrap = [&](int i, int64_t size) -> std::shared_ptr<Buffer> {
    const void* p = c.buffers[i];
    if (p == nullptr) return nullptr;
    return Buffer::Wrap(static_cast<const uint8_t*>(p), size, [owner] {});
  };
  const int64_t end = c.offset + c.length;
  std::vector<std::shared_ptr<Buffer>> buffers;
  for (int i = 0; i < layout.num_buffers; ++i) {
    const BufferSpec& spec = layout.buffers[i];
    int64_t size = 0;
    switch (spec.kind) {
      case BufferKind::kValidity:
      case BufferKind::kBitmap: size = bit_util::BytesForBits(end); break;
      case BufferKind::kOffsets32:
      case BufferKind::kOffsets64: size = (end + 1) * spec.byte_width; break;
      case BufferKind::kData: {
        const void* offsets = c.buffers[i - 1];
        int64_t last = 0;
        if (offsets != nullptr && c.length > 0) {
          if (layout.buffers[i - 1].kind == BufferKind::kOffsets32) {
            int32_t v;
            std::memcpy(&v, static_cast<const uint8_t*>(offsets) + end * 4, 4);
            last = v;
          } else {
            std::memcpy(&last, static_cast<const uint8_t*>(offsets) + end * 8, 8);
          }
        }
        if (last < 0) return Status::InvalidInput(StrCat("expected a non-negative last offset but found ", last));
        size = last;
        break;
      }
      default: size = end * spec.byte_width; break;
    }
    // Required buffers may be null only for arrays of no values.
    if (spec.kind != BufferKind::kValidity && c.buffers[i] == nullptr && c.length > 0) {
      return Status::InvalidInput(StrCat("expected buffer ", i, " of ", type->ToString(), " but found null"));
    }
    buffers.push_back(wrap(i, size));
  }
  if (views) {
    const int64_t n_data = c.n_buffers - expected_buffers - 1;
    const auto* sizes = static_cast<const int64_t*>(c.buffers[c.n_buffers - 1]);
    if (n_data > 0 && sizes == nullptr) return Status::InvalidInput("expected the variadic buffer sizes but found null");
    for (int64_t k = 0; k < n_data; ++k) {
      if (sizes[k] < 0) return Status::InvalidInput(StrCat("expected a non-negative size of buffer ", k));
      buffers.push_back(wrap(static_cast<int>(expected_buffers + k), sizes[k]));
    }
  }
  // Children.
  std::vector<TypePtr> child_types;
  if (storage->id() != TypeId::kDictionary) {
    for (const auto& f : storage->fields()) child_types.push_back(f->type());
  }
  if (c.n_children != static_cast<int64_t>(child_types.size()) || (c.n_children > 0 && c.children == nullptr)) {
    return Status::InvalidInput(StrCat("expected ", child_types.size(), " children for ", type->ToString(),
                                       " but found ", c.n_children));
  }
  std::vector<ArrayPtr> children;
  for (size_t i = 0; i < child_types.size(); ++i) {
    if (c.children[i] == nullptr) return Status::InvalidInput(StrCat("expected child ", i, " but found null"));
    auto child = ImportData(*c.children[i], child_types[i], owner, depth + 1);
    if (!child.ok()) return std::move(child).status().WithContext(StrCat("child[", i, "]"));
    children.push_back(std::move(child).value());
  }
  ArrayPtr dict;
  if (storage->id() == TypeId::kDictionary) {
    if (c.dictionary == nullptr) return Status::InvalidInput("expected a dictionary but found null");
    auto d = ImportData(*c.dictionary, storage->value_type(), owner, depth + 1);
    if (!d.ok()) return std::move(d).status().WithContext("dictionary");
    dict = std::move(d).value();
  }
  return MakeArrayData(type, c.length, std::move(buffers), std::move(children), c.null_count, c.offset, std::move(dict));
}

}  // namespace

Result<ArrayPtr> ImportArray(ArrowArray* array, const TypePtr& type) {
  if (array == nullptr || array->release == nullptr) {
    return Status::InvalidInput("expected a live ArrowArray but found a released one");
  }
  auto owner = std::make_shared<Owner>();
  owner->array = *array;
  array->release = nullptr;  // moved
  QUIVER_ASSIGN_OR_RETURN(ArrayPtr out, ImportData(owner->array, type, owner, 0));
  QUIVER_RETURN_IF_ERROR(ValidateArray(*out));
  return out;
}

}  // namespace quiver
