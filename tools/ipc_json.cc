// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// quiver_ipc_json: the native side of the IPC cross-implementation tests
// (tests/compat/ipc/ipc_arrow_js.mjs, run by `make test-ipc-compat`).
//
//   quiver_ipc_json dump <in.arrow>
//     Reads an IPC file or stream (told apart by the ARROW1 magic) with full validation and
//     prints its values as canonical JSON: {"names": [...], "types": [...], "columns": [[...]]},
//     one array of values per column over all rows of all batches. The encoding of each type
//     is described in ipc_arrow_js.mjs, which produces the same JSON from apache-arrow JS.
//   quiver_ipc_json rewrite <in.arrow> <prefix>
//     Reads the input and writes it back as <prefix>.{stream,file}.{none,lz4,zstd}.arrow, and
//     rows [1, n - 1) of it as <prefix>.slice.{stream,file}.{none,lz4,zstd}.arrow.
//
// Exit status: 0 on success, 1 on any error (printed to stderr with its context path).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/table.h"
#include "quiver/ipc/ipc.h"

namespace quiver {
namespace {

Result<std::shared_ptr<Buffer>> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError("cannot open " + path);
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) bytes.insert(bytes.end(), chunk, chunk + n);
  std::fclose(f);
  return Buffer::CopyOf(bytes);
}

Status WriteWholeFile(const std::string& path, const Buffer& data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IoError("cannot create " + path);
  const size_t n = std::fwrite(data.data_as<uint8_t>(), 1, static_cast<size_t>(data.size()), f);
  const bool ok = std::fclose(f) == 0 && n == static_cast<size_t>(data.size());
  return ok ? Status::OK() : Status::IoError("cannot write " + path);
}

Result<TablePtr> ReadIpc(const std::shared_ptr<Buffer>& data) {
  ipc::ReadOptions options;
  options.validate_full = true;
  const bool is_file = data->size() >= 6 && std::memcmp(data->data_as<uint8_t>(), "ARROW1", 6) == 0;
  return is_file ? ipc::ReadFile(data, options) : ipc::ReadStream(data, options);
}

// --- Canonical type strings (typeString/fieldString in ipc_arrow_js.mjs). -------------------

std::string FieldString(const Field& f);

std::string UnitName(TimeUnit unit) { return std::string(TimeUnitName(unit)); }

std::string Children(const DataType& t) {
  std::string s;
  for (int i = 0; i < t.num_fields(); ++i) s += (i ? "," : "") + FieldString(*t.field(i));
  return s;
}

std::string TypeString(const DataType& t) {
  switch (t.id()) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return "decimal" + std::to_string(8 * t.byte_width()) + "(" + std::to_string(t.precision()) + "," +
             std::to_string(t.scale()) + ")";
    case TypeId::kTime32: return "time32[" + UnitName(t.unit()) + "]";
    case TypeId::kTime64: return "time64[" + UnitName(t.unit()) + "]";
    case TypeId::kTimestamp: return "timestamp[" + UnitName(t.unit()) + "," + t.timezone() + "]";
    case TypeId::kDuration: return "duration[" + UnitName(t.unit()) + "]";
    case TypeId::kFixedSizeBinary: return "fixed_size_binary[" + std::to_string(t.byte_width()) + "]";
    case TypeId::kList: return "list<" + Children(t) + ">";
    case TypeId::kLargeList: return "large_list<" + Children(t) + ">";
    case TypeId::kFixedSizeList: return "fixed_size_list[" + std::to_string(t.list_size()) + "]<" + Children(t) + ">";
    case TypeId::kStruct: return "struct<" + Children(t) + ">";
    case TypeId::kMap: return std::string(t.keys_sorted() ? "map[sorted]<" : "map<") + Children(t) + ">";
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion: {
      std::string s = t.id() == TypeId::kSparseUnion ? "sparse_union[" : "dense_union[";
      for (size_t i = 0; i < t.type_codes().size(); ++i) s += (i ? "," : "") + std::to_string(t.type_codes()[i]);
      return s + "]<" + Children(t) + ">";
    }
    case TypeId::kDictionary:
      return std::string(t.ordered() ? "dictionary[ordered]<" : "dictionary<") + TypeString(*t.index_type()) + "," +
             TypeString(*t.value_type()) + ">";
    case TypeId::kBool: return "bool";
    default: return std::string(t.name());  // null, ints, floats, dates, intervals, binary-likes
  }
}

std::string FieldString(const Field& f) {
  return f.name() + (f.nullable() ? "" : "!") + ":" + TypeString(*f.type());
}

// --- Canonical values (value() in ipc_arrow_js.mjs). ------------------------------------

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", u);
      *out += buf;
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void AppendHex(std::string* out, const uint8_t* p, int64_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out->push_back('"');
  for (int64_t i = 0; i < n; ++i) {
    out->push_back(kDigits[p[i] >> 4]);
    out->push_back(kDigits[p[i] & 15]);
  }
  out->push_back('"');
}

// A little-endian two's complement (signed) or unsigned integer of `width` bytes, in decimal.
void AppendLeInt(std::string* out, const uint8_t* p, int width, bool is_signed) {
  std::vector<uint32_t> limbs(static_cast<size_t>((width + 3) / 4), 0);
  std::memcpy(limbs.data(), p, static_cast<size_t>(width));
  const bool negative = is_signed && (p[width - 1] & 0x80) != 0;
  if (negative) {
    if (width % 4) limbs.back() |= ~uint32_t{0} << (8 * (width % 4));  // sign-extend the top limb
    uint64_t carry = 1;
    for (auto& l : limbs) {
      const uint64_t v = uint64_t{static_cast<uint32_t>(~l)} + carry;
      l = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  std::string digits;
  for (;;) {
    bool zero = true;
    uint64_t rem = 0;
    for (size_t i = limbs.size(); i-- > 0;) {
      const uint64_t cur = (rem << 32) | limbs[i];
      limbs[i] = static_cast<uint32_t>(cur / 10);
      rem = cur % 10;
      zero = zero && limbs[i] == 0;
    }
    digits.push_back(static_cast<char>('0' + rem));
    if (zero) break;
  }
  out->push_back('"');
  if (negative) out->push_back('-');
  out->append(digits.rbegin(), digits.rend());
  out->push_back('"');
}

int64_t ReadIndex(const uint8_t* p, int width) {
  switch (width) {
    case 1: return *reinterpret_cast<const int8_t*>(p);
    case 2: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case 4: { int32_t v; std::memcpy(&v, p, 4); return v; }
    default: { int64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

const uint8_t* Bytes(const ArrayData& a, int index) { return a.buffers[static_cast<size_t>(index)]->data_as<uint8_t>(); }

// Appends slot i (0-based within the array's slice) of `a`, which has passed validation.
void AppendValue(std::string* out, const ArrayData& a, int64_t i) {
  const DataType& t = *a.type;
  if (t.id() == TypeId::kNull || !a.IsValid(i)) {
    *out += "null";
    return;
  }
  const int64_t j = a.offset + i;  // position in the buffers
  switch (t.id()) {
    case TypeId::kBool: {
      *out += (Bytes(a, 1)[j >> 3] >> (j & 7)) & 1 ? "true" : "false";
      return;
    }
    case TypeId::kInt8: case TypeId::kInt16: case TypeId::kInt32: case TypeId::kInt64:
    case TypeId::kUInt8: case TypeId::kUInt16: case TypeId::kUInt32: case TypeId::kUInt64:
    case TypeId::kDecimal32: case TypeId::kDecimal64: case TypeId::kDecimal128: case TypeId::kDecimal256:
    case TypeId::kDate32: case TypeId::kDate64: case TypeId::kTime32: case TypeId::kTime64:
    case TypeId::kTimestamp: case TypeId::kDuration: case TypeId::kIntervalYearMonth: {
      const int w = t.bit_width() / 8;
      AppendLeInt(out, Bytes(a, 1) + j * w, w, t.id() < TypeId::kUInt8 || t.id() > TypeId::kUInt64);
      return;
    }
    case TypeId::kFloat16: case TypeId::kFloat32: case TypeId::kFloat64: {
      const int w = t.bit_width() / 8;
      uint8_t be[8];
      for (int k = 0; k < w; ++k) be[k] = Bytes(a, 1)[j * w + (w - 1 - k)];
      AppendHex(out, be, w);  // the bits, big-endian hex
      return;
    }
    case TypeId::kIntervalDayTime: {
      const uint8_t* p = Bytes(a, 1) + j * 8;
      *out += '[';
      AppendLeInt(out, p, 4, true);
      *out += ',';
      AppendLeInt(out, p + 4, 4, true);
      *out += ']';
      return;
    }
    case TypeId::kIntervalMonthDayNano: {
      const uint8_t* p = Bytes(a, 1) + j * 16;
      *out += '[';
      AppendLeInt(out, p, 4, true);
      *out += ',';
      AppendLeInt(out, p + 4, 4, true);
      *out += ',';
      AppendLeInt(out, p + 8, 8, true);
      *out += ']';
      return;
    }
    case TypeId::kFixedSizeBinary: {
      const int w = t.byte_width();
      AppendHex(out, Bytes(a, 1) + j * w, w);
      return;
    }
    case TypeId::kBinary: case TypeId::kUtf8: {
      int32_t o[2];
      std::memcpy(o, Bytes(a, 1) + j * 4, 8);
      AppendHex(out, Bytes(a, 2) + o[0], o[1] - o[0]);
      return;
    }
    case TypeId::kLargeBinary: case TypeId::kLargeUtf8: {
      int64_t o[2];
      std::memcpy(o, Bytes(a, 1) + j * 8, 16);
      AppendHex(out, Bytes(a, 2) + o[0], o[1] - o[0]);
      return;
    }
    case TypeId::kBinaryView: case TypeId::kUtf8View: {
      const uint8_t* v = Bytes(a, 1) + j * 16;
      int32_t len, index, offset;
      std::memcpy(&len, v, 4);
      if (len <= 12) {
        AppendHex(out, v + 4, len);
        return;
      }
      std::memcpy(&index, v + 8, 4);
      std::memcpy(&offset, v + 12, 4);
      AppendHex(out, Bytes(a, 2 + index) + offset, len);
      return;
    }
    case TypeId::kList: case TypeId::kLargeList: case TypeId::kMap: {
      int64_t begin, end;
      if (t.id() == TypeId::kLargeList) {
        std::memcpy(&begin, Bytes(a, 1) + j * 8, 8);
        std::memcpy(&end, Bytes(a, 1) + j * 8 + 8, 8);
      } else {
        int32_t o[2];
        std::memcpy(o, Bytes(a, 1) + j * 4, 8);
        begin = o[0];
        end = o[1];
      }
      const ArrayData& child = *a.children[0];
      *out += '[';
      for (int64_t k = begin; k < end; ++k) {
        if (k > begin) *out += ',';
        if (t.id() == TypeId::kMap) {
          // Entries: a struct whose slice applies to its key and value children.
          const int64_t e = child.offset + k;
          *out += '[';
          AppendValue(out, *child.children[0], e);
          *out += ',';
          AppendValue(out, *child.children[1], e);
          *out += ']';
        } else {
          AppendValue(out, child, k);
        }
      }
      *out += ']';
      return;
    }
    case TypeId::kFixedSizeList: {
      const int64_t n = t.list_size();
      *out += '[';
      for (int64_t k = 0; k < n; ++k) {
        if (k) *out += ',';
        AppendValue(out, *a.children[0], j * n + k);
      }
      *out += ']';
      return;
    }
    case TypeId::kStruct: {
      *out += '[';
      for (size_t c = 0; c < a.children.size(); ++c) {
        if (c) *out += ',';
        AppendValue(out, *a.children[c], j);
      }
      *out += ']';
      return;
    }
    case TypeId::kSparseUnion: case TypeId::kDenseUnion: {
      const int8_t code = static_cast<int8_t>(Bytes(a, 0)[j]);
      size_t c = 0;
      while (c < t.type_codes().size() && t.type_codes()[c] != code) ++c;
      int64_t slot = j;
      if (t.id() == TypeId::kDenseUnion) {
        int32_t o;
        std::memcpy(&o, Bytes(a, 1) + j * 4, 4);
        slot = o;
      }
      *out += "[\"" + std::to_string(code) + "\",";
      AppendValue(out, *a.children[c], slot);
      *out += ']';
      return;
    }
    case TypeId::kDictionary: {
      const int w = t.index_type()->bit_width() / 8;
      AppendValue(out, *a.dictionary, ReadIndex(Bytes(a, 1) + j * w, w));
      return;
    }
    default:
      *out += "\"unsupported type " + std::string(t.name()) + "\"";
      return;
  }
}

std::string Canonical(const Table& table) {
  const Schema& schema = *table.schema();
  std::string out = "{\"names\":[";
  for (int c = 0; c < schema.num_fields(); ++c) {
    if (c) out += ',';
    AppendJsonString(&out, schema.field(c)->name());
  }
  out += "],\"types\":[";
  for (int c = 0; c < schema.num_fields(); ++c) {
    if (c) out += ',';
    AppendJsonString(&out, FieldString(*schema.field(c)));
  }
  out += "],\"columns\":[";
  for (int c = 0; c < schema.num_fields(); ++c) {
    out += c ? ",[" : "[";
    bool first = true;
    for (const auto& batch : table.batches()) {
      const ArrayData& a = *batch->column(c);
      for (int64_t i = 0; i < a.length; ++i) {
        if (!first) out += ',';
        first = false;
        AppendValue(&out, a, i);
      }
    }
    out += ']';
  }
  out += "]}\n";
  return out;
}

Status Dump(const std::string& in) {
  QUIVER_ASSIGN_OR_RETURN(auto data, ReadWholeFile(in));
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, ReadIpc(data));
  const std::string json = Canonical(*table);
  std::fwrite(json.data(), 1, json.size(), stdout);
  return Status::OK();
}

Status Rewrite(const std::string& in, const std::string& prefix) {
  QUIVER_ASSIGN_OR_RETURN(auto data, ReadWholeFile(in));
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, ReadIpc(data));
  const int64_t n = table->num_rows();
  QUIVER_ASSIGN_OR_RETURN(TablePtr sliced, table->Slice(n > 0 ? 1 : 0, n > 2 ? n - 2 : 0));
  struct Comp {
    const char* name;
    ipc::Compression compression;
  };
  constexpr Comp kComps[] = {{"none", ipc::Compression::kNone},
                             {"lz4", ipc::Compression::kLz4Frame},
                             {"zstd", ipc::Compression::kZstd}};
  for (const auto& [t, suffix] : {std::pair{table, ""}, std::pair{sliced, ".slice"}}) {
    for (const auto& comp : kComps) {
      const ipc::WriteOptions options{.compression = comp.compression};
      QUIVER_ASSIGN_OR_RETURN(auto stream, ipc::WriteStream(*t, options));
      QUIVER_RETURN_IF_ERROR(WriteWholeFile(prefix + suffix + ".stream." + comp.name + ".arrow", *stream));
      QUIVER_ASSIGN_OR_RETURN(auto file, ipc::WriteFile(*t, options));
      QUIVER_RETURN_IF_ERROR(WriteWholeFile(prefix + suffix + ".file." + comp.name + ".arrow", *file));
    }
  }
  return Status::OK();
}

}  // namespace
}  // namespace quiver

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  quiver::Status st;
  if (cmd == "dump" && argc == 3) {
    st = quiver::Dump(argv[2]);
  } else if (cmd == "rewrite" && argc == 4) {
    st = quiver::Rewrite(argv[2], argv[3]);
  } else {
    std::fputs("usage: quiver_ipc_json dump <in.arrow> | rewrite <in.arrow> <out-prefix>\n", stderr);
    return 2;
  }
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
