// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Writers: options, incremental use, dictionaries (replacement, deltas, nesting), layout,
// metadata, zero-copy reading and random access.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/sample_arrays_test_util.h"
#include "ipc/crafting_test_util.h"

namespace quiver::ipc {
namespace {


using quiver::testing::BufferOf;
using quiver::testing::Utf8Array;

void ExpectError(const Status& s, StatusCode code, const std::string& text) {
  EXPECT_EQ(s.code(), code) << s.ToString();
  EXPECT_EQ(s.ToString(), text);
}

TEST(WriteOptions, Validate) {
  QUIVER_ASSERT_OK(WriteOptions{}.Validate());
  ExpectError(WriteOptions{.alignment = 16}.Validate(), StatusCode::kInvalidArgument,
              "expected WriteOptions.alignment 8 or 64 but found 16");
  ExpectError(WriteOptions{.min_space_savings = 1.5}.Validate(), StatusCode::kInvalidArgument,
              "expected WriteOptions.min_space_savings in [0, 1] but found 1.5");
  ExpectError(WriteOptions{.min_space_savings = -0.25}.Validate(), StatusCode::kInvalidArgument,
              "expected WriteOptions.min_space_savings in [0, 1] but found -0.25");
  EXPECT_EQ(WriteOptions{.min_space_savings = std::nan("")}.Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(default_lz4_ipc_options().compression, Compression::kLz4Frame);
  WriteOptions o;
  enable_lz4_on_options(&o, true);
  EXPECT_EQ(o.compression, Compression::kLz4Frame);
  enable_lz4_on_options(&o, false);
  EXPECT_EQ(o.compression, Compression::kNone);
  auto table = testing::TableOf({quiver::testing::Int32Array({1})});
  ExpectError(WriteStream(*table, {.alignment = 3}).status(), StatusCode::kInvalidArgument,
              "expected WriteOptions.alignment 8 or 64 but found 3");
}

TEST(Writer, IncrementalUseAndMisuse) {
  auto table = testing::TableOf({quiver::testing::Int32Array({1, 2}), quiver::testing::Int32Array({3})});
  io::BufferSink sink;
  FileWriter writer(&sink, {.compression = Compression::kZstd});
  ExpectError(writer.WriteBatch(*table->batches()[0]), StatusCode::kInvalidArgument, "WriteBatch before Begin");
  QUIVER_ASSERT_OK(writer.Begin(table->schema()));
  ExpectError(writer.Begin(table->schema()), StatusCode::kInvalidArgument, "Begin was already called");
  auto other = testing::TableOf({quiver::testing::Utf8Array({"x"})});
  ExpectError(writer.WriteBatch(*other->batches()[0]), StatusCode::kInvalidArgument,
              "record batch schema differs from the schema given to Begin");
  for (const auto& b : table->batches()) QUIVER_ASSERT_OK(writer.WriteBatch(*b, {{"k", "v"}}));
  QUIVER_ASSERT_OK(writer.Finish({{"file", "level"}}));
  ExpectError(writer.Finish(), StatusCode::kInvalidArgument, "Finish after Finish");
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, sink.Finish());
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(file));
  EXPECT_EQ(reader->num_record_batches(), 2);
  EXPECT_EQ(reader->footer_metadata(), (KeyValueMetadata{{"file", "level"}}));
  KeyValueMetadata md;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batch, reader->ReadRecordBatch(1, &md));
  EXPECT_EQ(md, (KeyValueMetadata{{"k", "v"}}));
  EXPECT_TRUE(ArrayEquals(*batch->column(0), *table->batches()[1]->column(0)));
}

TEST(Writer, EmptyTablesAndSchemas) {
  for (auto format : {testing::Format::kStream, testing::Format::kFile}) {
    auto s = schema({field("a", int32()), field("b", list(utf8()))}, {{"k", "v"}});
    auto empty = testing::Must(Table::Make(s, {}));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *empty));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, testing::Read(format, bytes));
    EXPECT_TRUE(testing::TablesEqual(*empty, *back));
    auto no_columns = testing::Must(Table::Make(schema({}), {testing::Must(RecordBatch::Make(schema({}), 5, {}))}));
    QUIVER_ASSERT_OK_AND_ASSIGN(bytes, testing::Write(format, *no_columns));
    QUIVER_ASSERT_OK_AND_ASSIGN(back, testing::Read(format, bytes));
    EXPECT_EQ(back->num_rows(), 5);
  }
}

TEST(Writer, SchemaAndFieldMetadata) {
  auto s = schema({field("a", int32(), false, {{"fk", "fv"}, {"dup", "1"}})}, {{"sk", "sv"}, {"over", "old"}});
  auto table = testing::Must(Table::Make(s, {testing::Must(RecordBatch::Make(s, 1, {quiver::testing::Int32Array({7})}))}));
  WriteOptions o;
  o.metadata = {{"over", "new"}, {"added", "x"}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, WriteFile(*table, o));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadFile(bytes));
  EXPECT_EQ(back->schema()->metadata(), (KeyValueMetadata{{"sk", "sv"}, {"over", "new"}, {"added", "x"}}));
  EXPECT_EQ(back->schema()->field(0)->metadata(), (KeyValueMetadata{{"fk", "fv"}, {"dup", "1"}}));
  EXPECT_FALSE(back->schema()->field(0)->nullable());
}

TEST(Writer, ExtensionTravelsAsStoragePlusFieldMetadata) {
  auto ext = extension("my.uuid", fixed_size_binary(2), "params");
  auto table = testing::TableOf({quiver::testing::FixedWidthArray<uint8_t>(ext, 1, {1, 2})}, "u", true, {});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table));
  auto message = testing::Must(internal::DecodeMessage(stream, 0, ReadOptions{}));
  const fb::Field* f = message.message->header_as_Schema()->fields()->Get(0);
  EXPECT_EQ(f->type_type(), fb::Type::FixedSizeBinary);
  EXPECT_EQ(internal::DecodeMetadata(f->custom_metadata()),
            (KeyValueMetadata{{"ARROW:extension:name", "my.uuid"}, {"ARROW:extension:metadata", "params"}}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(stream));
  EXPECT_TRUE(back->schema()->field(0)->type()->Equals(*ext));
  EXPECT_TRUE(back->schema()->field(0)->metadata().empty());
}

// ---- Dictionaries --------------------------------------------------------------------------

ArrayPtr DictArray(const TypePtr& type, std::vector<int8_t> indices, ArrayPtr dict) {
  const int64_t n = static_cast<int64_t>(indices.size());
  return MakeArrayData(type, n, {nullptr, BufferOf(indices)}, {}, 0, 0, std::move(dict));
}

std::vector<bool> DeltaFlags(const std::shared_ptr<Buffer>& stream, int64_t start = 0) {
  std::vector<bool> out;
  for (const auto& m : testing::Messages(stream, start)) {
    if (m.end_of_stream) break;
    auto msg = testing::Must(internal::DecodeMessage(stream, m.offset, ReadOptions{}));
    if (auto* d = msg.message->header_as_DictionaryBatch()) out.push_back(d->is_delta());
  }
  return out;
}

// The values of a table's dictionary<_, utf8> column 0, decoded row by row.
std::vector<std::string> DecodedStrings(const Table& t) {
  std::vector<std::string> out;
  for (const auto& b : t.batches()) {
    const ArrayData& a = *b->column(0);
    const ArrayData& d = *a.dictionary;
    for (int64_t i = 0; i < a.length; ++i) {
      const int64_t k = a.GetValues<int8_t>(1)[i];
      const int32_t* o = d.GetValues<int32_t>(1);
      out.emplace_back(reinterpret_cast<const char*>(d.buffers[2]->data()) + o[k], static_cast<size_t>(o[k + 1] - o[k]));
    }
  }
  return out;
}

TEST(Dictionaries, ReplacementDeltaAndReuse) {
  auto type = dictionary(int8(), utf8());
  auto d1 = Utf8Array({"a", "b"});
  auto d2 = Utf8Array({"a", "b", "c"});      // grows: a delta
  auto d3 = Utf8Array({"z"});                 // different: a replacement
  auto table = testing::TableOf({DictArray(type, {0, 1}, d1), DictArray(type, {1, 0}, d1),
                                 DictArray(type, {2, 0}, d2), DictArray(type, {0}, d3)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto replacing, WriteStream(*table));
  EXPECT_EQ(DeltaFlags(replacing), (std::vector<bool>{false, false, false}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(replacing));
  EXPECT_TRUE(testing::TablesEqual(*table, *back));

  QUIVER_ASSERT_OK_AND_ASSIGN(auto delta, WriteStream(*table, {.emit_dictionary_deltas = true}));
  EXPECT_EQ(DeltaFlags(delta), (std::vector<bool>{false, true, false}));
  QUIVER_ASSERT_OK_AND_ASSIGN(back, ReadStream(delta));
  EXPECT_TRUE(testing::TablesEqual(*table, *back));
  EXPECT_EQ(back->batches()[2]->column(0)->dictionary->length, 3);

  // Files cannot replace a dictionary: the writer unifies. Batch 2 adds "c" and batch 3 "z"
  // as deltas, and batch 3's index 0 ("z" in its own dictionary) is rewritten to 3.
  for (bool deltas : {false, true}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto unified, WriteFile(*table, {.emit_dictionary_deltas = deltas}));
    EXPECT_EQ(DeltaFlags(unified, 8), (std::vector<bool>{false, true, true}));
    QUIVER_ASSERT_OK_AND_ASSIGN(back, ReadFile(unified));
    EXPECT_EQ(DecodedStrings(*back), (std::vector<std::string>{"a", "b", "b", "a", "c", "a", "z"}));
    EXPECT_EQ(back->batches()[3]->column(0)->dictionary->length, 4);
  }
  // Repeats and values already known: only the new ones travel, indices follow.
  auto n1 = Utf8Array({"x", "y"});
  auto n2 = Utf8Array({"y", "w", "x"});
  auto with_nulls = testing::TableOf({DictArray(type, {1, 0}, n1), DictArray(type, {2, 1, 0, 1}, n2)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto unified, WriteFile(*with_nulls));
  QUIVER_ASSERT_OK_AND_ASSIGN(back, ReadFile(unified));
  EXPECT_EQ(DecodedStrings(*back), (std::vector<std::string>{"y", "x", "x", "w", "y", "w"}));
  EXPECT_EQ(back->batches()[1]->column(0)->dictionary->length, 3);
  // Files may carry deltas; every batch then sees the whole dictionary.
  QUIVER_ASSERT_OK_AND_ASSIGN(auto growing, table->Slice(0, 6));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*growing, {.emit_dictionary_deltas = true}));
  EXPECT_EQ(DeltaFlags(file, 8), (std::vector<bool>{false, true}));
  QUIVER_ASSERT_OK_AND_ASSIGN(back, ReadFile(file));
  EXPECT_TRUE(testing::TablesEqual(*growing, *back));
}

TEST(Dictionaries, DeltasOfEveryValueType) {
  for (const auto& sample : quiver::testing::SampleArrays()) {
    ArrayPtr values = sample.array;
    // A dictionary cannot directly hold dictionary values (nested ones sit in children).
    if (values->length < 2 || values->type->id() == TypeId::kDictionary) continue;
    SCOPED_TRACE(sample.name);
    auto type = dictionary(int32(), values->type);
    if (values->type->id() == TypeId::kExtension) {
      // The canonical form of a dictionary-encoded extension is extension<dictionary<storage>>
      // (what the reader returns, as Arrow C++ does).
      const DataType& ext = *values->type;
      values = std::make_shared<ArrayData>(*values);
      values->type = ext.storage_type();
      type = extension(ext.extension_name(), dictionary(int32(), values->type), ext.extension_metadata());
    }
    auto first = testing::Must(SliceArray(values, 0, values->length / 2));
    auto indices = [](int64_t n) {
      std::vector<int32_t> v;
      for (int64_t i = 0; i < n; ++i) v.push_back(static_cast<int32_t>(i));
      return BufferOf(v);
    };
    auto a = MakeArrayData(type, first->length, {nullptr, indices(first->length)}, {}, 0, 0, first);
    auto b = MakeArrayData(type, values->length, {nullptr, indices(values->length)}, {}, 0, 0, values);
    auto table = testing::TableOf({a, b});
    QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table, {.emit_dictionary_deltas = true}));
    // The last dictionary message is the delta (nested dictionaries, unchanged, are not resent).
    const auto flags = DeltaFlags(stream);
    EXPECT_EQ(std::count(flags.begin(), flags.end(), true), 1);
    EXPECT_TRUE(flags.back());
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(stream, ReadOptions{.validate_full = true}));
    EXPECT_TRUE(testing::TablesEqual(*table, *back));
  }
}

TEST(Dictionaries, NestedDictionariesAreWrittenInnerFirst) {
  // dictionary<values=struct<tag: dictionary<utf8>>> and list<dictionary<int64>>.
  auto inner_type = dictionary(int8(), utf8());
  auto st = struct_({field("tag", inner_type)});
  auto outer_type = dictionary(int16(), st);
  auto inner = DictArray(inner_type, {1, 0, 1}, Utf8Array({"p", "q"}));
  auto values = MakeArrayData(st, 3, {nullptr}, {inner}, 0);
  auto outer = MakeArrayData(outer_type, 2, {nullptr, BufferOf(std::vector<int16_t>{2, 0})}, {}, 0, 0, values);
  auto list_type = list(dictionary(int8(), int64()));
  auto list_child = DictArray(list_type->field(0)->type(), {0, 0, 1},
                              quiver::testing::FixedWidthArray<int64_t>(int64(), 2, {5, 6}));
  auto l = quiver::testing::ListArray<int32_t>(list_type, {0, 1, 3}, list_child);
  auto s = schema({field("outer", outer_type), field("l", list_type)});
  auto table = testing::Must(Table::Make(s, {testing::Must(RecordBatch::Make(s, 2, {outer, l}))}));
  auto info = testing::Must(internal::AssignDictionaryIds(s));
  EXPECT_EQ(info.fields[0].dictionary_id, 0);
  EXPECT_EQ(info.fields[0].children[0].dictionary_id, 1);
  EXPECT_EQ(info.fields[1].children[0].dictionary_id, 2);
  EXPECT_EQ(info.write_order, (std::vector<int64_t>{1, 0, 2}));
  for (auto format : {testing::Format::kStream, testing::Format::kFile}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *table));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, testing::Read(format, bytes, ReadOptions{.validate_full = true}));
    EXPECT_TRUE(testing::TablesEqual(*table, *back));
  }
}

// ---- Layout --------------------------------------------------------------------------------

TEST(Layout, BuffersAreAlignedAndIncompressibleOnesStoredRaw) {
  std::vector<int64_t> v(100);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * 2654435761u);
  auto table = testing::TableOf({quiver::testing::FixedWidthArray<int64_t>(int64(), 100, v),
                                 quiver::testing::FixedWidthArray<int64_t>(int64(), 3, {1, 2, 3})});
  for (int32_t alignment : {8, 64}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table, {.alignment = alignment,
                                                                 .compression = Compression::kLz4Frame,
                                                                 .min_space_savings = 1.0}));
    for (const auto& m : testing::Messages(stream)) {
      if (m.end_of_stream) break;
      EXPECT_EQ((m.offset + m.metadata_length) % alignment, 0);
      auto msg = testing::Must(internal::DecodeMessage(stream, m.offset, ReadOptions{}));
      if (auto* rb = msg.message->header_as_RecordBatch()) {
        for (const fb::Buffer* b : *rb->buffers()) {
          EXPECT_EQ(b->offset() % alignment, 0);
          // Saving 100% is impossible: every non-empty buffer is stored raw.
          if (b->length() > 0) EXPECT_EQ(testing::Load<int64_t>(*msg.body, b->offset()), -1);
        }
      }
    }
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(stream));
    EXPECT_TRUE(testing::TablesEqual(*table, *back));
  }
}

TEST(Layout, BuffersPerTypeFollowTheFormat) {
  // null: no buffers; sparse union: type ids only (V5); utf8_view: validity, views and its
  // variadic data buffers, counted in variadic_buffer_counts; then int32: validity, values.
  auto samples = quiver::testing::SampleArrays();
  auto find = [&](const std::string& name) {
    for (const auto& sample : samples) {
      if (sample.name == name) return sample.array;
    }
    return ArrayPtr();
  };
  ArrayPtr n = MakeArrayData(null(), 5, {}, {}, 5);
  ArrayPtr u = find("sparse_union");
  ArrayPtr v = testing::Must(SliceArray(find("utf8_view"), 0, 5));
  ArrayPtr i = find("int32");
  auto s = schema({field("n", null()), field("u", u->type), field("v", v->type), field("i", int32())});
  auto table = testing::Must(Table::Make(s, {testing::Must(RecordBatch::Make(s, 5, {n, u, v, i}))}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table));
  const auto m = testing::Messages(stream);
  auto message = testing::Must(internal::DecodeMessage(stream, m[1].offset, ReadOptions{}));
  const fb::RecordBatch* rb = message.message->header_as_RecordBatch();
  // Nodes: n, u, u.i, u.s, v, i.
  ASSERT_EQ(rb->nodes()->size(), 6u);
  EXPECT_EQ(rb->nodes()->Get(0)->null_count(), 5);
  // Buffers: u ids; u.i validity, values; u.s validity, offsets, data; v validity, views,
  // 2 variadic; i validity, values.
  EXPECT_EQ(rb->buffers()->size(), 1u + 2u + 3u + 4u + 2u);
  ASSERT_NE(rb->variadic_buffer_counts(), nullptr);
  EXPECT_EQ(std::vector<int64_t>(rb->variadic_buffer_counts()->begin(), rb->variadic_buffer_counts()->end()),
            (std::vector<int64_t>{2}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(stream, ReadOptions{.validate_full = true}));
  EXPECT_TRUE(testing::TablesEqual(*table, *back));
  // Without views the counts are omitted.
  auto plain = testing::TableOf({i});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto plain_stream, WriteStream(*plain));
  auto plain_message = testing::Must(internal::DecodeMessage(plain_stream, testing::Messages(plain_stream)[1].offset,
                                                            ReadOptions{}));
  EXPECT_EQ(plain_message.message->header_as_RecordBatch()->variadic_buffer_counts(), nullptr);
}

TEST(Layout, CompressionShrinksRepetitiveData) {
  std::vector<int64_t> v(10000, 42);
  auto table = testing::TableOf({quiver::testing::FixedWidthArray<int64_t>(int64(), 10000, v)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto plain, WriteFile(*table));
  for (auto c : {Compression::kLz4Frame, Compression::kZstd}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto packed, WriteFile(*table, {.compression = c}));
    EXPECT_LT(packed->size() * 20, plain->size()) << testing::CompressionName(c);
  }
}

// ---- ChunkSink --------------------------------------------------------------------------------

std::string Joined(const std::vector<std::shared_ptr<Buffer>>& pieces) {
  std::string out;
  for (const auto& p : pieces) out.append(reinterpret_cast<const char*>(p->data()), static_cast<size_t>(p->size()));
  return out;
}

TEST(ChunkSink, BlocksDoubleToTheLargestAndNeverMove) {
  MemoryPool pool;
  io::ChunkSink sink(&pool);
  std::string want;
  std::vector<uint8_t> piece(100003);
  for (int i = 0; i < 40; ++i) {
    std::fill(piece.begin(), piece.end(), static_cast<uint8_t>(i));
    QUIVER_ASSERT_OK(sink.Write(piece));
    want.append(piece.begin(), piece.end());
    QUIVER_ASSERT_OK(sink.WriteZeros(i));
    want.append(static_cast<size_t>(i), '\0');
  }
  EXPECT_EQ(sink.position(), static_cast<int64_t>(want.size()));
  // The pool never held more than the bytes written plus one block: no block was copied
  // into a larger one, as a growing buffer's are.
  EXPECT_LE(pool.stats().bytes_peak, static_cast<int64_t>(want.size()) + io::ChunkSink::kLargestBlock);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto pieces, sink.Take());
  // 4,000,900 bytes: blocks of 64, 128, 256 and 512 KiB, then three of 1 MiB, the last not full.
  ASSERT_EQ(pieces.size(), 7u);
  const int64_t sizes[] = {1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 20};
  for (size_t i = 0; i + 1 < pieces.size(); ++i) EXPECT_EQ(pieces[i]->size(), sizes[i]) << i;
  EXPECT_EQ(Joined(pieces), want);
  EXPECT_EQ(pool.stats().allocations, 7);
}

TEST(ChunkSink, TakeHandsOverWhatCameSinceAndPositionKeepsCounting) {
  io::ChunkSink sink;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto none, sink.Take());
  EXPECT_TRUE(none.empty());
  const uint8_t abc[] = {'a', 'b', 'c'};
  QUIVER_ASSERT_OK(sink.Write(abc));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto first, sink.Take());
  EXPECT_EQ(Joined(first), "abc");
  QUIVER_ASSERT_OK(sink.WriteZeros(2));
  EXPECT_EQ(sink.position(), 5);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto second, sink.Take());
  EXPECT_EQ(Joined(second), std::string(2, '\0'));
}

TEST(ChunkSink, OutOfMemoryIsAnError) {
  MemoryPool pool(100000);
  io::ChunkSink sink(&pool);
  std::vector<uint8_t> big(200000, 1);
  EXPECT_EQ(sink.Write(big).code(), StatusCode::kOutOfMemory);
}

TEST(ChunkSink, WritersGiveTheSameBytesAsIntoOneBuffer) {
  std::vector<int64_t> v(300000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * 2654435761u);
  auto table = testing::TableOf({quiver::testing::FixedWidthArray<int64_t>(int64(), 300000, v)});
  for (auto c : {Compression::kNone, Compression::kZstd}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table, {.compression = c}));
    io::ChunkSink stream_sink;
    QUIVER_ASSERT_OK(WriteStreamTo(*table, &stream_sink, {.compression = c}));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto stream_pieces, stream_sink.Take());
    EXPECT_GT(stream_pieces.size(), 1u);
    EXPECT_EQ(Joined(stream_pieces), std::string(reinterpret_cast<const char*>(stream->data()), stream->size()));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*table, {.compression = c}));
    io::ChunkSink file_sink;
    QUIVER_ASSERT_OK(WriteFileTo(*table, &file_sink, {.compression = c}));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto file_pieces, file_sink.Take());
    EXPECT_EQ(Joined(file_pieces), std::string(reinterpret_cast<const char*>(file->data()), file->size()));
  }
}

// ---- Zero copy and random access -----------------------------------------------------------

void ExpectBuffersInside(const ArrayData& a, const Buffer& input) {
  for (const auto& b : a.buffers) {
    if (b && b->size() > 0) EXPECT_TRUE(testing::PointsInto(input, b->data(), b->size())) << a.type->ToString();
  }
  for (const auto& c : a.children) ExpectBuffersInside(*c, input);
  if (a.dictionary) ExpectBuffersInside(*a.dictionary, input);
}

TEST(ZeroCopy, UncompressedReadsShareTheInput) {
  for (const auto& sample : quiver::testing::SampleArrays()) {
    SCOPED_TRACE(sample.name);
    auto table = testing::TableOf({sample.array});
    for (auto format : {testing::Format::kStream, testing::Format::kFile}) {
      for (auto compression : {Compression::kNone, Compression::kZstd}) {
        QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *table, {.compression = compression}));
        const MemoryStats before = DefaultMemoryPool()->stats();
        QUIVER_ASSERT_OK_AND_ASSIGN(auto back, testing::Read(format, bytes));
        if (compression == Compression::kNone) {
          EXPECT_EQ(DefaultMemoryPool()->stats().copies, before.copies);
          EXPECT_EQ(DefaultMemoryPool()->stats().bytes_copied, before.bytes_copied);
          ExpectBuffersInside(*back->batches()[0]->column(0), *bytes);
        }
      }
    }
  }
}

/// A Source that records the ranges asked for.
class RecordingSource : public io::Source {
 public:
  explicit RecordingSource(std::shared_ptr<Buffer> data) : inner_(std::move(data)) {}
  int64_t size() const override { return inner_.size(); }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const override {
    reads.emplace_back(offset, length);
    return inner_.ReadAt(offset, length);
  }
  mutable std::vector<std::pair<int64_t, int64_t>> reads;

 private:
  io::BufferSource inner_;
};

TEST(FileReader, ReadsOnlyTheBatchAskedFor) {
  std::vector<ArrayPtr> batches;
  for (int b = 0; b < 5; ++b) batches.push_back(quiver::testing::Int32Array({b, b + 1}));
  auto table = testing::TableOf(batches);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*table));
  auto source = std::make_shared<RecordingSource>(file);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(source));
  EXPECT_EQ(reader->num_record_batches(), 5);
  EXPECT_TRUE(reader->schema()->Equals(*table->schema()));
  source->reads.clear();
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batch, reader->ReadRecordBatch(3));
  EXPECT_TRUE(ArrayEquals(*batch->column(0), *batches[3]));
  const auto m = testing::Messages(file, 8);
  ASSERT_EQ(source->reads.size(), 1u);
  EXPECT_EQ(source->reads[0], (std::pair<int64_t, int64_t>(m[4].offset, m[4].end() - m[4].offset)));
}

}  // namespace
}  // namespace quiver::ipc
