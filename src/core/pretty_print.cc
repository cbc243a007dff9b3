// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The pretty printer walks arrays slot by slot (it is for people, not hot paths) and
// leaves the text of single values to format_value.cc.
#include "quiver/arrow/pretty_print.h"

#include <cstring>

#include "core/format_value.h"
#include "core/str_cat.h"

namespace quiver {
namespace {

using internal::AppendPiece;

template <typename T>
T Load(const ArrayData& a, size_t buffer, int64_t index) {
  T v;
  std::memcpy(&v, a.buffers[buffer]->data() + index * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

const DataType& StorageOf(const DataType& t) {
  return t.id() == TypeId::kExtension && t.storage_type() ? *t.storage_type() : t;
}

/// Slot `i` of `a` (offset not applied) is valid according to its validity bitmap.
bool BitmapValid(const ArrayData& a, int64_t i) {
  if (a.null_count == 0 || a.buffers.empty() || !a.buffers[0]) return true;
  return bit_util::GetBit(a.buffers[0]->data(), a.offset + i);
}

/// An integer of `type` (a dictionary index or run end) at absolute slot `j` of buffer 1.
int64_t LoadInteger(const ArrayData& a, TypeId type, int64_t j) {
  switch (type) {
    case TypeId::kInt8: return Load<int8_t>(a, 1, j);
    case TypeId::kUInt8: return Load<uint8_t>(a, 1, j);
    case TypeId::kInt16: return Load<int16_t>(a, 1, j);
    case TypeId::kUInt16: return Load<uint16_t>(a, 1, j);
    case TypeId::kInt32: return Load<int32_t>(a, 1, j);
    case TypeId::kUInt32: return Load<uint32_t>(a, 1, j);
    default: return Load<int64_t>(a, 1, j);  // int64; uint64 indices of a valid array fit
  }
}

/// Bytes of slot `j` (absolute) of a binary-like array.
std::string_view BytesAt(const ArrayData& a, TypeId type, int64_t j) {
  const auto chars = [&a](size_t buffer) { return reinterpret_cast<const char*>(a.buffers[buffer]->data()); };
  switch (type) {
    case TypeId::kBinary:
    case TypeId::kUtf8: {
      const int32_t start = Load<int32_t>(a, 1, j);
      return {chars(2) + start, static_cast<size_t>(Load<int32_t>(a, 1, j + 1) - start)};
    }
    case TypeId::kLargeBinary:
    case TypeId::kLargeUtf8: {
      const int64_t start = Load<int64_t>(a, 1, j);
      return {chars(2) + start, static_cast<size_t>(Load<int64_t>(a, 1, j + 1) - start)};
    }
    default: {  // views: length, then 12 inline bytes or prefix, buffer index, offset
      const char* view = chars(1) + j * 16;
      int32_t size, buffer, offset;
      std::memcpy(&size, view, 4);
      if (size <= 12) return {view + 4, static_cast<size_t>(size)};
      std::memcpy(&buffer, view + 8, 4);
      std::memcpy(&offset, view + 12, 4);
      return {chars(2 + static_cast<size_t>(buffer)) + offset, static_cast<size_t>(size)};
    }
  }
}

/// A field or key name: as is when it is printable UTF-8 without the separators used
/// here, otherwise quoted with escapes.
void AppendName(std::string* out, std::string_view name) {
  std::string quoted;
  internal::AppendQuotedUtf8(&quoted, name);
  const bool plain = !name.empty() && quoted.size() == name.size() + 2 && name.find_first_of(":,{}[]") == name.npos;
  out->append(plain ? name : std::string_view(quoted));
}

class Printer {
 public:
  Printer(const PrettyPrintOptions& options, std::string* out) : options_(options), out_(out) {}

  /// `open`, the elements k = 0 .. n-1 printed by `element(k)` (the middle elided per the
  /// window), `close`.
  template <typename Element>
  void Sequence(int64_t n, char open, char close, const Element& element) {
    out_->push_back(open);
    const int64_t w = options_.window;
    const bool elide = w >= 0 && n > w && n - w > w;
    for (int64_t k = 0; k < n; ++k) {
      if (k > 0) out_->append(", ");
      if (elide && k == w) {
        out_->append("...");
        k = n - w - 1;
        continue;
      }
      element(k);
    }
    out_->push_back(close);
  }

  /// Slots [start, start + n) of `a` read as type `t`, in brackets.
  void Values(const ArrayData& a, const DataType& t, int64_t start, int64_t n) {
    Sequence(n, '[', ']', [&](int64_t k) { Value(a, t, start + k); });
  }

  /// Slot `i` (offset not applied) of `a` read as type `t`.
  void Value(const ArrayData& a, const DataType& logical, int64_t i) {
    const DataType& t = StorageOf(logical);
    const TypeId id = t.id();
    // Unions and run-end encoded arrays have no validity bitmap: their children hold the nulls.
    const bool has_bitmap = id != TypeId::kSparseUnion && id != TypeId::kDenseUnion && id != TypeId::kRunEndEncoded;
    if (id == TypeId::kNull || (has_bitmap && !BitmapValid(a, i))) {
      out_->append(options_.null_string);
      return;
    }
    const int64_t j = a.offset + i;
    switch (id) {
      case TypeId::kBool: out_->append(bit_util::GetBit(a.buffers[1]->data(), j) ? "true" : "false"); break;
      case TypeId::kInt8: AppendPiece(out_, Load<int8_t>(a, 1, j)); break;
      case TypeId::kInt16: AppendPiece(out_, Load<int16_t>(a, 1, j)); break;
      case TypeId::kInt32: AppendPiece(out_, Load<int32_t>(a, 1, j)); break;
      case TypeId::kInt64: AppendPiece(out_, Load<int64_t>(a, 1, j)); break;
      case TypeId::kUInt8: AppendPiece(out_, Load<uint8_t>(a, 1, j)); break;
      case TypeId::kUInt16: AppendPiece(out_, Load<uint16_t>(a, 1, j)); break;
      case TypeId::kUInt32: AppendPiece(out_, Load<uint32_t>(a, 1, j)); break;
      case TypeId::kUInt64: AppendPiece(out_, Load<uint64_t>(a, 1, j)); break;
      case TypeId::kFloat16: internal::AppendHalf(out_, Load<uint16_t>(a, 1, j)); break;
      case TypeId::kFloat32: internal::AppendShortestFloat(out_, Load<float>(a, 1, j)); break;
      case TypeId::kFloat64: internal::AppendShortestDouble(out_, Load<double>(a, 1, j)); break;
      case TypeId::kDecimal32:
      case TypeId::kDecimal64:
      case TypeId::kDecimal128:
      case TypeId::kDecimal256: {
        const int w = t.byte_width();
        internal::AppendDecimal(out_, a.buffers[1]->data() + j * w, w, t.scale());
        break;
      }
      case TypeId::kDate32: internal::AppendDate(out_, Load<int32_t>(a, 1, j)); break;
      case TypeId::kDate64: {
        // date64 should hold whole days; show the time too when it does not.
        const int64_t ms = Load<int64_t>(a, 1, j);
        if (ms % 86400000 == 0) {
          internal::AppendDate(out_, ms / 86400000);
        } else {
          internal::AppendTimestamp(out_, ms, TimeUnit::kMilli, {});
        }
        break;
      }
      case TypeId::kTime32: internal::AppendTimeOfDay(out_, Load<int32_t>(a, 1, j), t.unit()); break;
      case TypeId::kTime64: internal::AppendTimeOfDay(out_, Load<int64_t>(a, 1, j), t.unit()); break;
      case TypeId::kTimestamp: internal::AppendTimestamp(out_, Load<int64_t>(a, 1, j), t.unit(), t.timezone()); break;
      case TypeId::kDuration:
        AppendPiece(out_, Load<int64_t>(a, 1, j));
        out_->append(TimeUnitName(t.unit()));
        break;
      case TypeId::kIntervalYearMonth:
        AppendPiece(out_, Load<int32_t>(a, 1, j));
        out_->push_back('M');
        break;
      case TypeId::kIntervalDayTime:
        AppendPiece(out_, Load<int32_t>(a, 1, 2 * j));
        out_->append("d ");
        AppendPiece(out_, Load<int32_t>(a, 1, 2 * j + 1));
        out_->append("ms");
        break;
      case TypeId::kIntervalMonthDayNano: {
        int32_t months, days;
        int64_t nanos;
        const uint8_t* p = a.buffers[1]->data() + j * 16;
        std::memcpy(&months, p, 4);
        std::memcpy(&days, p + 4, 4);
        std::memcpy(&nanos, p + 8, 8);
        out_->append(internal::StrCat(months, "M ", days, "d ", nanos, "ns"));
        break;
      }
      case TypeId::kBinary:
      case TypeId::kLargeBinary:
      case TypeId::kBinaryView: internal::AppendHexLiteral(out_, BytesAt(a, id, j)); break;
      case TypeId::kUtf8:
      case TypeId::kLargeUtf8:
      case TypeId::kUtf8View: internal::AppendQuotedUtf8(out_, BytesAt(a, id, j)); break;
      case TypeId::kFixedSizeBinary: {
        const int32_t w = t.byte_width();
        internal::AppendHexLiteral(
            out_, {reinterpret_cast<const char*>(a.buffers[1]->data()) + j * w, static_cast<size_t>(w)});
        break;
      }
      case TypeId::kList:
      case TypeId::kMap: List(a, t, Load<int32_t>(a, 1, j), Load<int32_t>(a, 1, j + 1) - Load<int32_t>(a, 1, j)); break;
      case TypeId::kLargeList: List(a, t, Load<int64_t>(a, 1, j), Load<int64_t>(a, 1, j + 1) - Load<int64_t>(a, 1, j)); break;
      case TypeId::kListView: List(a, t, Load<int32_t>(a, 1, j), Load<int32_t>(a, 2, j)); break;
      case TypeId::kLargeListView: List(a, t, Load<int64_t>(a, 1, j), Load<int64_t>(a, 2, j)); break;
      case TypeId::kFixedSizeList: List(a, t, j * t.list_size(), t.list_size()); break;
      case TypeId::kStruct:
        out_->push_back('{');
        for (size_t c = 0; c < a.children.size(); ++c) {
          if (c > 0) out_->append(", ");
          AppendName(out_, t.field(static_cast<int>(c))->name());
          out_->append(": ");
          Value(*a.children[c], *a.children[c]->type, j);
        }
        out_->push_back('}');
        break;
      case TypeId::kSparseUnion:
      case TypeId::kDenseUnion: {
        const int8_t code = Load<int8_t>(a, 0, j);
        size_t k = 0;
        while (k < t.type_codes().size() && t.type_codes()[k] != code) ++k;
        const ArrayData& child = *a.children[k];
        Value(child, *child.type, id == TypeId::kSparseUnion ? j : Load<int32_t>(a, 1, j));
        break;
      }
      case TypeId::kDictionary:
        Value(*a.dictionary, *a.dictionary->type, LoadInteger(a, t.index_type()->id(), j));
        break;
      case TypeId::kRunEndEncoded: {
        const ArrayData& values = *a.children[1];
        Value(values, *values.type, FindRun(*a.children[0], j));
        break;
      }
      default: out_->append("?"); break;  // null and extension are handled above
    }
  }

 private:
  /// A list slot: values [start, start + n) of the child, or a map's entries.
  void List(const ArrayData& a, const DataType& t, int64_t start, int64_t n) {
    const ArrayData& child = *a.children[0];
    if (t.id() != TypeId::kMap) {
      Values(child, *child.type, start, n);
      return;
    }
    // Entries are a struct whose slice applies to its two children.
    const ArrayData& keys = *child.children[0];
    const ArrayData& items = *child.children[1];
    Sequence(n, '{', '}', [&](int64_t k) {
      const int64_t e = child.offset + start + k;
      Value(keys, *keys.type, e);
      out_->append(": ");
      Value(items, *items.type, e);
    });
  }

  /// Index of the run (within `ends`) that holds logical position `pos`: the first run
  /// end greater than pos.
  static int64_t FindRun(const ArrayData& ends, int64_t pos) {
    const TypeId id = ends.type->id();
    int64_t lo = 0, hi = ends.length;
    while (lo < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (LoadInteger(ends, id, ends.offset + mid) <= pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  const PrettyPrintOptions& options_;
  std::string* out_;
};

/// `text` with `indent` spaces in front of every line.
std::string Indented(const std::string& text, int indent) {
  if (indent <= 0) return text;
  const std::string pad(static_cast<size_t>(indent), ' ');
  std::string out = pad;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out.append(pad);
  }
  return out;
}

void AppendMetadata(std::string* out, const KeyValueMetadata& metadata, std::string_view title,
                    std::string_view pad, const PrettyPrintOptions& options) {
  if (!out->empty()) out->push_back('\n');
  out->append(internal::StrCat(pad, title));
  for (const auto& [key, value] : metadata) {
    out->append(internal::StrCat("\n", pad));
    AppendName(out, key);
    out->append(": ");
    const int64_t limit = options.metadata_value_limit;
    if (limit <= 0 || static_cast<int64_t>(value.size()) <= limit) {
      internal::AppendQuotedUtf8(out, value);
      continue;
    }
    size_t cut = static_cast<size_t>(limit);
    while (cut > 0 && (static_cast<uint8_t>(value[cut]) & 0xC0) == 0x80) --cut;  // keep characters whole
    internal::AppendQuotedUtf8(out, std::string_view(value).substr(0, cut));
    out->append(internal::StrCat("... (", value.size(), " bytes)"));
  }
}

std::string SchemaText(const Schema& schema, const PrettyPrintOptions& options) {
  std::string out;
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& f = *schema.field(i);
    if (i > 0) out.push_back('\n');
    AppendName(&out, f.name());
    out.append(internal::StrCat(": ", f.type() ? f.type()->ToString() : "?", f.nullable() ? "" : " not null"));
    if (options.show_metadata && !f.metadata().empty()) {
      AppendMetadata(&out, f.metadata(), "-- field metadata --", "  ", options);
    }
  }
  if (options.show_metadata && !schema.metadata().empty()) {
    AppendMetadata(&out, schema.metadata(), "-- schema metadata --", "", options);
  }
  return out;
}

}  // namespace

std::string FormatArray(const ArrayData& array, const PrettyPrintOptions& options) {
  std::string out;
  Printer printer(options, &out);
  const DataType& t = *array.type;
  const DataType& storage = StorageOf(t);
  if (t.id() == TypeId::kExtension) out.append(internal::StrCat("extension<", t.extension_name(), "> "));
  if (storage.id() == TypeId::kDictionary && options.dictionary_sections) {
    out.append("-- dictionary --\n");
    printer.Values(*array.dictionary, *array.dictionary->type, 0, array.dictionary->length);
    out.append("\n-- indices --\n");
    printer.Values(array, *storage.index_type(), 0, array.length);
  } else {
    printer.Values(array, t, 0, array.length);
  }
  return Indented(out, options.indent);
}

std::string FormatRecordBatch(const RecordBatch& batch, const PrettyPrintOptions& options) {
  std::string out = SchemaText(*batch.schema(), options);
  out.append("\n----");
  Printer printer(options, &out);
  for (int c = 0; c < batch.num_columns(); ++c) {
    out.push_back('\n');
    AppendName(&out, batch.schema()->field(c)->name());
    out.append(": ");
    const ArrayData& column = *batch.column(c);
    printer.Values(column, *column.type, 0, column.length);
  }
  return Indented(out, options.indent);
}

std::string FormatTable(const Table& table, const PrettyPrintOptions& options) {
  std::string out = SchemaText(*table.schema(), options);
  out.append("\n----");
  Printer printer(options, &out);
  const auto& batches = table.batches();
  for (int c = 0; c < table.num_columns(); ++c) {
    out.push_back('\n');
    AppendName(&out, table.schema()->field(c)->name());
    out.append(": ");
    printer.Sequence(static_cast<int64_t>(batches.size()), '[', ']', [&](int64_t b) {
      const ArrayData& column = *batches[static_cast<size_t>(b)]->column(c);
      printer.Values(column, *column.type, 0, column.length);
    });
  }
  return Indented(out, options.indent);
}

std::string FormatSchema(const Schema& schema, const PrettyPrintOptions& options) {
  return Indented(SchemaText(schema, options), options.indent);
}

}  // namespace quiver
