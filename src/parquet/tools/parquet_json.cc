// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// quiver_parquet_json: prints a Parquet file read by Quiver as canonical JSON, for the
// cross-implementation tests in tests/compat. Not part of the library.
//
// Usage: quiver_parquet_json FILE [--columns a,b.c] [--offset N] [--limit N] [--batch-size N]
//        quiver_parquet_json FILE --ipc 1   (FILE is an Arrow IPC stream: prints it the same way,
//                                            so a peer's Arrow output compares with ours)
//
// Output: {"schema": [{"name", "type"}...], "num_rows": N, "rows": [[v, ...], ...]} where
// every scalar is a string of its stored value (integers and temporals as the raw integer
// in their unit, except timestamps in seconds or milliseconds, printed in microseconds, decimals as the unscaled integer, floats in shortest round-trip form,
// binary as lower-case hex), lists as arrays, structs as objects, maps as [key, value]
// pairs; null is null and bool is true/false. On error: {"error": code, "message": text}
// and exit status 1.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/str_cat.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/ipc/reader.h"
#include "quiver/parquet/reader.h"

namespace {

using quiver::ArrayData;
using quiver::TypeId;
using quiver::internal::StrCat;

void JsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

std::string Hex(const uint8_t* p, int64_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int64_t i = 0; i < n; ++i) {
    s.push_back(kHex[p[i] >> 4]);
    s.push_back(kHex[p[i] & 15]);
  }
  return s;
}

// Two's complement little-endian integer of `n` bytes to decimal text.
std::string WideInt(const uint8_t* p, int n) {
  std::vector<uint32_t> limbs(static_cast<size_t>(n / 4));
  std::memcpy(limbs.data(), p, static_cast<size_t>(n));
  bool neg = limbs.back() & 0x80000000u;
  if (neg) {
    uint64_t carry = 1;
    for (auto& l : limbs) {
      uint64_t v = uint64_t{~l} + carry;
      l = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  std::string digits;
  auto zero = [&] {
    for (auto l : limbs) {
      if (l) return false;
    }
    return true;
  };
  while (!zero()) {
    uint64_t rem = 0;
    for (size_t i = limbs.size(); i-- > 0;) {
      uint64_t cur = (rem << 32) | limbs[i];
      limbs[i] = static_cast<uint32_t>(cur / 10);
      rem = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + rem));
  }
  if (digits.empty()) digits = "0";
  if (neg) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

std::string Float(double d) {
  if (d != d) return "nan";
  if (d == 1.0 / 0.0) return "inf";
  if (d == -1.0 / 0.0) return "-inf";
  return StrCat(d);
}

void Value(std::string* out, const ArrayData& a, int64_t i);

// Start and end offsets of absolute slot j of a binary or list array (32- or 64-bit offsets).
void OffsetRange(const ArrayData& a, int64_t j, bool large, int64_t* b, int64_t* e) {
  const uint8_t* o = a.buffers[1]->data();
  if (large) {
    std::memcpy(b, o + j * 8, 8);
    std::memcpy(e, o + j * 8 + 8, 8);
    return;
  }
  int32_t b32, e32;
  std::memcpy(&b32, o + j * 4, 4);
  std::memcpy(&e32, o + j * 4 + 4, 4);
  *b = b32;
  *e = e32;
}

void Value(std::string* out, const ArrayData& a, int64_t i) {
  const quiver::DataType& t = *a.type;
  if (t.id() == TypeId::kNull || !a.IsValid(i)) {
    out->append("null");
    return;
  }
  const int64_t j = a.offset + i;
  auto raw = [&](int w) { return a.buffers[1]->data() + j * w; };
  auto put = [&](const std::string& s) { JsonString(out, s); };
  switch (t.id()) {
    case TypeId::kBool:
      out->append(quiver::bit_util::GetBit(a.buffers[1]->data(), j) ? "true" : "false");
      return;
    case TypeId::kInt8: put(StrCat(int{*reinterpret_cast<const int8_t*>(raw(1))})); return;
    case TypeId::kUInt8: put(StrCat(int{*raw(1)})); return;
    case TypeId::kInt16: { int16_t v; std::memcpy(&v, raw(2), 2); put(StrCat(v)); return; }
    case TypeId::kUInt16: { uint16_t v; std::memcpy(&v, raw(2), 2); put(StrCat(v)); return; }
    case TypeId::kInt32: case TypeId::kDate32: case TypeId::kTime32:
      { int32_t v; std::memcpy(&v, raw(4), 4); put(StrCat(v)); return; }
    case TypeId::kUInt32: { uint32_t v; std::memcpy(&v, raw(4), 4); put(StrCat(v)); return; }
    case TypeId::kTimestamp: {
      // Seconds and milliseconds print as microseconds: peers widen them when reading.
      int64_t v;
      std::memcpy(&v, raw(8), 8);
      // Wrapping multiplication: hostile files may hold any int64.
      uint64_t u = static_cast<uint64_t>(v);
      if (t.unit() == quiver::TimeUnit::kSecond) u *= 1000000u;
      if (t.unit() == quiver::TimeUnit::kMilli) u *= 1000u;
      v = static_cast<int64_t>(u);
      put(StrCat(v));
      return;
    }
    case TypeId::kInt64: case TypeId::kDate64: case TypeId::kTime64: case TypeId::kDuration:
      { int64_t v; std::memcpy(&v, raw(8), 8); put(StrCat(v)); return; }
    case TypeId::kUInt64: { uint64_t v; std::memcpy(&v, raw(8), 8); put(StrCat(v)); return; }
    case TypeId::kFloat32: { float v; std::memcpy(&v, raw(4), 4); put(Float(v)); return; }
    case TypeId::kFloat64: { double v; std::memcpy(&v, raw(8), 8); put(Float(v)); return; }
    case TypeId::kFloat16: { uint16_t v; std::memcpy(&v, raw(2), 2); put(StrCat("f16:", v)); return; }
    case TypeId::kDecimal128: put(WideInt(raw(16), 16)); return;
    case TypeId::kDecimal256: put(WideInt(raw(32), 32)); return;
    case TypeId::kFixedSizeBinary: put(Hex(raw(t.byte_width()), t.byte_width())); return;
    case TypeId::kIntervalMonthDayNano: {
      int32_t m, d;
      int64_t ns;
      std::memcpy(&m, raw(16), 4);
      std::memcpy(&d, raw(16) + 4, 4);
      std::memcpy(&ns, raw(16) + 8, 8);
      put(StrCat(m, ":", d, ":", ns));
      return;
    }
    case TypeId::kUtf8: case TypeId::kBinary: case TypeId::kLargeUtf8: case TypeId::kLargeBinary: {
      int64_t b, e;
      OffsetRange(a, j, t.id() == TypeId::kLargeUtf8 || t.id() == TypeId::kLargeBinary, &b, &e);
      const uint8_t* d = a.buffers[2]->data();
      if (t.id() == TypeId::kUtf8 || t.id() == TypeId::kLargeUtf8) {
        put(std::string(reinterpret_cast<const char*>(d + b), static_cast<size_t>(e - b)));
      } else {
        put(Hex(d + b, e - b));
      }
      return;
    }
    case TypeId::kList: case TypeId::kLargeList: case TypeId::kMap:
    case TypeId::kListView: case TypeId::kLargeListView: case TypeId::kFixedSizeList: {
      int64_t b, e;
      if (t.id() == TypeId::kFixedSizeList) {
        b = j * t.list_size();
        e = b + t.list_size();
      } else if (t.id() == TypeId::kListView || t.id() == TypeId::kLargeListView) {
        const int w = t.id() == TypeId::kListView ? 4 : 8;
        b = 0;
        e = 0;
        std::memcpy(&b, a.buffers[1]->data() + j * w, static_cast<size_t>(w));  // little-endian, non-negative
        std::memcpy(&e, a.buffers[2]->data() + j * w, static_cast<size_t>(w));
        e += b;
      } else {
        OffsetRange(a, j, t.id() == TypeId::kLargeList, &b, &e);
      }
      const ArrayData& child = *a.children[0];
      out->push_back('[');
      for (int64_t k = b; k < e; ++k) {
        if (k > b) out->push_back(',');
        if (t.id() == TypeId::kMap) {
          out->push_back('[');
          Value(out, *child.children[0], child.offset + k);
          out->push_back(',');
          Value(out, *child.children[1], child.offset + k);
          out->push_back(']');
        } else {
          Value(out, child, k);
        }
      }
      out->push_back(']');
      return;
    }
    case TypeId::kStruct: {
      out->push_back('{');
      for (int c = 0; c < t.num_fields(); ++c) {
        if (c) out->push_back(',');
        JsonString(out, t.field(c)->name());
        out->push_back(':');
        Value(out, *a.children[static_cast<size_t>(c)], a.offset + i);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kDictionary: {
      // Indices of any integer width (ARROW:schema may restore int8 or uint64 indices).
      const int w = t.index_type()->bit_width() / 8;
      int64_t k = 0;
      std::memcpy(&k, raw(w), static_cast<size_t>(w));
      if (IsSignedInteger(t.index_type()->id()) && w < 8 && (k >> (8 * w - 1)) & 1) k -= int64_t{1} << (8 * w);
      Value(out, *a.dictionary, k);
      return;
    }
    default:
      put(StrCat("unsupported:", t.ToString()));
      return;
  }
}

std::vector<std::string> SplitComma(const char* s) {
  std::vector<std::string> out;
  std::string cur;
  for (; *s; ++s) {
    if (*s == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(*s);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: quiver_parquet_json FILE [--columns a,b] [--offset N] [--limit N] [--batch-size N]\n");
    return 2;
  }
  quiver::parquet::ReadOptions options;
  bool ipc = false;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--columns") options.columns = SplitComma(argv[i + 1]);
    else if (flag == "--offset") options.offset = std::atoll(argv[i + 1]);
    else if (flag == "--limit") options.limit = std::atoll(argv[i + 1]);
    else if (flag == "--batch-size") options.batch_size = std::atoll(argv[i + 1]);
    else if (flag == "--read-dictionary") options.read_dictionary = std::string(argv[i + 1]) == "1";
    else if (flag == "--ipc") ipc = std::string(argv[i + 1]) == "1";
    else if (flag == "--predicate") {
      // column:op:value with op one of eq ne lt le gt ge; an integer value compares as int64.
      std::vector<std::string> parts;
      std::string cur;
      for (const char* p = argv[i + 1]; *p; ++p) {
        if (*p == ':' && parts.size() < 2) {
          parts.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(*p);
        }
      }
      parts.push_back(cur);
      if (parts.size() == 3) {
        using Op = quiver::parquet::Predicate::Op;
        static const std::pair<const char*, Op> kOps[] = {{"eq", Op::kEq}, {"ne", Op::kNe}, {"lt", Op::kLt},
                                                           {"le", Op::kLe}, {"gt", Op::kGt}, {"ge", Op::kGe}};
        quiver::parquet::Predicate pred;
        pred.column = parts[0];
        for (const auto& [name, op] : kOps) {
          if (parts[1] == name) pred.op = op;
        }
        pred.value = static_cast<int64_t>(std::atoll(parts[2].c_str()));
        options.predicate = pred;
      }
    }
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::printf("{\"error\":\"io\",\"message\":\"cannot open file\"}\n");
    return 1;
  }
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
  std::fclose(f);
  auto data = quiver::Buffer::CopyOf(bytes);
  auto table = !data.ok() ? quiver::Result<quiver::TablePtr>(data.status())
               : ipc      ? quiver::ipc::ReadStream(*data)
                          : quiver::parquet::ReadTable(*data, options);
  std::string out;
  if (!table.ok()) {
    out = "{\"error\":";
    JsonString(&out, quiver::StatusCodeName(table.status().code()));
    out += ",\"message\":";
    JsonString(&out, table.status().ToString());
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 1;
  }
  const quiver::Table& t = **table;
  out = "{\"schema\":[";
  for (int c = 0; c < t.num_columns(); ++c) {
    if (c) out += ",";
    out += "{\"name\":";
    JsonString(&out, t.schema()->field(c)->name());
    out += ",\"type\":";
    JsonString(&out, t.schema()->field(c)->type()->ToString());
    out += "}";
  }
  out += StrCat("],\"num_rows\":", t.num_rows(), ",\"rows\":[");
  bool first = true;
  for (const auto& batch : t.batches()) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      out += first ? "\n[" : ",\n[";
      first = false;
      for (int c = 0; c < batch->num_columns(); ++c) {
        if (c) out += ",";
        Value(&out, *batch->column(c), r);
      }
      out += "]";
    }
  }
  out += "]}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
