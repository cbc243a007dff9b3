// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Seeded property: random tables over every Arrow type Parquet can hold (the IPC
// generators of random_table_test_util.h, columns of unions, intervals, empty structs and
// zero-width binaries dropped), written with a random codec, page version, dictionary
// setting, encoding, page size and row-group size, read back by Quiver: every slot equal,
// and the Arrow type equal wherever ARROW:schema restores it. RapidCheck prints the seed
// of a failure (rerun with RC_PARAMS="seed=...").
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "ipc/random_table_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/codec/codec.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace quiver::parquet {
namespace {

const DataType& Storage(const DataType& t) { return t.id() == TypeId::kExtension ? *t.storage_type() : t; }

// Types the writer accepts.
bool Writable(const DataType& type) {
  const DataType& t = Storage(type);
  switch (t.id()) {
    case TypeId::kSparseUnion:
    case TypeId::kDenseUnion:
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalMonthDayNano: return false;
    case TypeId::kFixedSizeBinary: return t.byte_width() > 0;
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: return t.scale() >= 0 && t.scale() <= t.precision();
    case TypeId::kStruct:
      if (t.num_fields() == 0) return false;
      break;
    case TypeId::kDictionary: {
      const DataType& v = Storage(*t.value_type());
      return IsFixedWidth(v.id())
                 ? Writable(v)
                 : (v.id() != TypeId::kStruct && v.id() != TypeId::kMap && v.num_fields() == 0 && Writable(v));
    }
    case TypeId::kRunEndEncoded: {
      const DataType& v = Storage(*t.field(1)->type());
      return v.num_fields() == 0 && v.id() != TypeId::kDictionary && v.id() != TypeId::kRunEndEncoded && Writable(v);
    }
    default: break;
  }
  for (const auto& f : t.fields()) {
    if (!Writable(*f->type())) return false;
  }
  return true;
}

// Types that read back exactly (ARROW:schema restores them).
bool Restorable(const DataType& type) {
  const DataType& t = Storage(type);
  switch (t.id()) {
    case TypeId::kFixedSizeList:
    case TypeId::kListView:
    case TypeId::kLargeListView:
    case TypeId::kRunEndEncoded:
    case TypeId::kMap: return false;
    case TypeId::kDictionary: {
      const TypeId v = Storage(*t.value_type()).id();
      return v == TypeId::kUtf8 || v == TypeId::kBinary || v == TypeId::kLargeUtf8 || v == TypeId::kLargeBinary;
    }
    default: break;
  }
  for (const auto& f : t.fields()) {
    if (!Restorable(*f->type())) return false;
  }
  return true;
}

bool HasLogicalNullsWithoutBitmap(const DataType& type) {
  const DataType& t = Storage(type);
  if (t.id() == TypeId::kDictionary || t.id() == TypeId::kRunEndEncoded) return true;
  for (const auto& f : t.fields()) {
    if (HasLogicalNullsWithoutBitmap(*f->type())) return true;
  }
  return false;
}

// Printed extension arrays carry their type name; a type that is not restored loses it.
std::string StripExtensions(std::string s) {
  for (size_t at = s.find("extension<"); at != std::string::npos; at = s.find("extension<", at)) {
    const size_t end = s.find("> ", at);
    if (end == std::string::npos) break;
    s.erase(at, end + 2 - at);
  }
  return s;
}

std::vector<std::string> SlotTexts(const Table& t, int c) {
  std::vector<std::string> out;
  PrettyPrintOptions o;
  o.show_metadata = false;
  for (const auto& b : t.batches()) {
    for (int64_t i = 0; i < b->num_rows(); ++i) {
      auto slot = SliceArray(b->column(c), i, 1);
      out.push_back(slot.ok() ? StripExtensions(FormatArray(**slot, o)) : slot.status().ToString());
    }
  }
  return out;
}

// The table with only its writable columns.
TablePtr Writables(const Table& table) {
  std::vector<int> keep;
  std::vector<FieldPtr> fields;
  for (int c = 0; c < table.num_columns(); ++c) {
    if (Writable(*table.schema()->field(c)->type())) {
      keep.push_back(c);
      fields.push_back(table.schema()->field(c));
    }
  }
  auto s = schema(fields, table.schema()->metadata());
  std::vector<RecordBatchPtr> batches;
  for (const auto& b : table.batches()) {
    std::vector<ArrayPtr> cols;
    for (int c : keep) cols.push_back(b->column(c));
    batches.push_back(ipc::testing::Must(RecordBatch::Make(s, b->num_rows(), cols)));
  }
  return ipc::testing::Must(Table::Make(s, batches));
}

RC_GTEST_PROP(ParquetWriterProperty, RandomTablesRoundTrip, ()) {
  const TablePtr table = Writables(*ipc::testing::GenTable());
  const std::string schema_text = table->schema()->ToString();
  std::vector<Compression> codecs = {Compression::kUncompressed};
  for (auto [c, k] :
       {std::pair{Compression::kSnappy, codec::CodecKind::kSnappy},
        std::pair{Compression::kGzip, codec::CodecKind::kGzip}, std::pair{Compression::kZstd, codec::CodecKind::kZstd},
        std::pair{Compression::kBrotli, codec::CodecKind::kBrotli},
        std::pair{Compression::kLz4Raw, codec::CodecKind::kLz4Raw}}) {
    if (codec::IsAvailable(k)) codecs.push_back(c);
  }
  WriteOptions o;
  o.compression = *rc::gen::elementOf(codecs);
  o.page_version = *rc::gen::element(1, 2);
  o.dictionary = *rc::gen::arbitrary<bool>();
  o.dictionary_page_bytes = *rc::gen::element<int64_t>(1, 64, 1 << 20);
  o.data_page_bytes = *rc::gen::element<int64_t>(1, 50, 1 << 20);
  o.row_group_rows = *rc::gen::element<int64_t>(1, 7, 1 << 20);
  if (table->num_columns() > 0 && *rc::gen::arbitrary<bool>()) {
    const Encoding e =
        *rc::gen::element(Encoding::kPlain, Encoding::kRle, Encoding::kDeltaBinaryPacked,
                          Encoding::kDeltaLengthByteArray, Encoding::kDeltaByteArray, Encoding::kByteStreamSplit);
    o.columns = {{table->schema()->field(0)->name(), ColumnWriteOptions{.encoding = e}}};
  }
  auto bytes = WriteTable(*table, o);
  if (!bytes.ok()) {
    const std::string& m = bytes.status().message();
    if (m.rfind("expected an encoding valid for ", 0) == 0) {
      RC_TAG("encoding refused");
      return;  // the random encoding does not fit
    }
    if (m.find(" once converted but found ") != std::string::npos) {
      RC_TAG("seconds out of the millisecond range");
      return;  // timestamp[s], time32[s] and date64 values beyond what Parquet's units hold
    }
    const bool null_in_required = m.rfind("expected no nulls in non-nullable field", 0) == 0;
    bool allowed = false;
    for (const auto& f : table->schema()->fields()) allowed |= HasLogicalNullsWithoutBitmap(*f->type());
    if (null_in_required && allowed) {
      RC_TAG("null in non-nullable");
      return;  // dictionary/run-end nulls under a non-nullable field
    }
    RC_FAIL("write: " + bytes.status().ToString() + "\n" + schema_text);
  }
  auto back = ReadTable(*bytes, ReadOptions{.validate_full = true});
  if (!back.ok()) RC_FAIL("read: " + back.status().ToString() + "\n" + schema_text);
  const Table& t = **back;
  RC_TAG(table->num_columns() == 0 ? "no writable column" : "written");
  RC_ASSERT(t.num_rows() == table->num_rows());
  RC_ASSERT(t.num_columns() == table->num_columns());
  for (int c = 0; c < table->num_columns(); ++c) {
    const DataType& want = *table->schema()->field(c)->type();
    if (Restorable(want) && !want.Equals(*t.schema()->field(c)->type())) {
      RC_FAIL("column " + std::to_string(c) + " type " + want.ToString() + " read back as " +
              t.schema()->field(c)->type()->ToString());
    }
    const auto a = SlotTexts(*table, c), b = SlotTexts(t, c);
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) {
        RC_FAIL("column " + std::to_string(c) + " slot " + std::to_string(i) + ": " + a[i] + " vs " + b[i] + "\n" +
                schema_text);
      }
    }
  }
}

}  // namespace
}  // namespace quiver::parquet
