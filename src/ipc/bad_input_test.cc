// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Corrupt and hostile inputs: each fails with the exact code and message, never crashes.
#include <gtest/gtest.h>

#include <functional>

#include "core/sample_arrays_test_util.h"
#include "ipc/crafting_test_util.h"

namespace quiver::ipc {
namespace {


using testing::Bytes;
using testing::Concat;
using testing::Join;

/// A stream with a dictionary column and an int64 column in three batches.
TablePtr DictionaryTable() {
  auto dict = quiver::testing::Utf8Array({"a", "bb", "ccc"});
  auto s = schema({field("d", dictionary(int8(), utf8())), field("x", int64())});
  std::vector<RecordBatchPtr> batches;
  for (int b = 0; b < 3; ++b) {
    auto idx = MakeArrayData(s->field(0)->type(), 4, {nullptr, quiver::testing::BufferOf(std::vector<int8_t>{0, 1, 2, 1})},
                             {}, 0, 0, dict);
    auto x = quiver::testing::FixedWidthArray<int64_t>(int64(), 4, {b, b + 1, b + 2, b + 3});
    batches.push_back(testing::Must(RecordBatch::Make(s, 4, {idx, x})));
  }
  return testing::Must(Table::Make(s, batches));
}

void ExpectError(const Status& s, StatusCode code, const std::string& text) {
  EXPECT_EQ(s.code(), code) << s.ToString();
  EXPECT_EQ(s.ToString(), text);
}

template <typename T>
void ExpectError(const Result<T>& r, StatusCode code, const std::string& text) {
  ASSERT_FALSE(r.ok()) << "expected: " << text;
  ExpectError(r.status(), code, text);
}

// ---- Truncation ----------------------------------------------------------------------------

TEST(BadInput, StreamTruncatedAnywhereIsTruncatedOrAShorterStream) {
  auto table = DictionaryTable();
  for (auto compression : {Compression::kNone, Compression::kZstd}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table, {.compression = compression}));
    const auto messages = testing::Messages(stream);
    ASSERT_EQ(messages.size(), 6u);  // schema, dictionary, 3 batches, end of stream
    for (int64_t n = 0; n < stream->size(); ++n) {
      SCOPED_TRACE(n);
      auto r = ReadStream(testing::Must(Buffer::Slice(stream, 0, n)));
      int boundary = -1;  // index of the message that ends at n
      for (size_t m = 0; m < messages.size(); ++m) {
        if (messages[m].end() == n) boundary = static_cast<int>(m);
      }
      if (boundary >= 0) {
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_EQ(r.value()->batches().size(), static_cast<size_t>(boundary >= 2 ? boundary - 1 : 0));
      } else {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().code(), StatusCode::kTruncated) << r.status().ToString();
      }
    }
  }
}

TEST(BadInput, StreamTruncationMessages) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*DictionaryTable()));
  const auto m = testing::Messages(stream);
  auto cut = [&](int64_t n) { return ReadStream(testing::Must(Buffer::Slice(stream, 0, n))); };
  ExpectError(cut(0), StatusCode::kTruncated, "expected a schema message but the stream ended after 0 bytes");
  ExpectError(cut(3), StatusCode::kTruncated, "message[0]: expected a 4-byte message length prefix but found 3 bytes");
  ExpectError(cut(6), StatusCode::kTruncated,
              "message[0]: expected a 4-byte message length after the continuation marker but found 2 bytes");
  ExpectError(cut(13), StatusCode::kTruncated,
              "message[0]: expected " + std::to_string(m[0].metadata_length - 8) +
                  " bytes of message metadata but found 5");
  ExpectError(cut(m[2].offset + m[2].metadata_length + 3), StatusCode::kTruncated,
              "message[2]: expected a message body of " + std::to_string(m[2].body_length) + " bytes but found 3");
}

TEST(BadInput, FileTruncatedAnywhereIsTruncated) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*DictionaryTable()));
  for (int64_t n = 0; n < file->size(); ++n) {
    auto r = ReadFile(testing::Must(Buffer::Slice(file, 0, n)));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().code(), StatusCode::kTruncated) << n << ": " << r.status().ToString();
  }
  ExpectError(ReadFile(testing::Must(Buffer::Slice(file, 0, 10))), StatusCode::kTruncated,
              "expected an Arrow IPC file of at least 18 bytes but found 10");
  ExpectError(ReadFile(testing::Must(Buffer::Slice(file, 0, 100))), StatusCode::kTruncated,
              "expected the file to end with the magic ARROW1 but found " +
                  std::string("") + [&] {
                    std::string s;
                    for (int i = 94; i < 100; ++i) {
                      const uint8_t b = file->data()[i];
                      if (b >= 0x20 && b < 0x7f && b != '\\') {
                        s.push_back(static_cast<char>(b));
                      } else {
                        static constexpr char kHex[] = "0123456789abcdef";
                        s += "\\x";
                        s.push_back(kHex[b >> 4]);
                        s.push_back(kHex[b & 15]);
                      }
                    }
                    return s;
                  }());
}

TEST(BadInput, StreamDecoderFinishReportsTruncation) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*DictionaryTable()));
  const auto messages = testing::Messages(stream);
  for (int64_t n = 0; n < stream->size(); ++n) {
    StreamDecoder decoder;
    QUIVER_ASSERT_OK(decoder.Consume(Bytes(*stream, 0, n)));
    Status s = decoder.Finish();
    bool boundary = false;
    for (const auto& m : messages) boundary |= m.end() == n;
    if (boundary) {
      EXPECT_TRUE(s.ok()) << n << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.code(), StatusCode::kTruncated) << n << ": " << s.ToString();
    }
  }
  StreamDecoder decoder;
  QUIVER_ASSERT_OK(decoder.Consume(Bytes(*stream, 0, 20)));
  ExpectError(decoder.Finish(), StatusCode::kTruncated,
              "message[0]: stream ended inside a message: 20 bytes of it arrived, " +
                  std::to_string(messages[0].metadata_length - 20) + " more needed");
  StreamDecoder empty;
  ExpectError(empty.Finish(), StatusCode::kTruncated, "expected a schema message but the stream ended before one");
}

// ---- Framing and footer --------------------------------------------------------------------

TEST(BadInput, WrongMagic) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*DictionaryTable()));
  auto bad = testing::Copy(*file);
  bad->mutable_data()[5] = 'X';
  ExpectError(ReadFile(bad), StatusCode::kInvalidInput, "expected the file to start with the magic ARROW1 but found ARROWX");
  bad = testing::Copy(*file);
  bad->mutable_data()[0] = 0;
  ExpectError(ReadFile(bad), StatusCode::kInvalidInput,
              "expected the file to start with the magic ARROW1 but found \\x00RROW1");
}

// The file with its footer blocks edited by `edit`.
std::shared_ptr<Buffer> RewriteFooter(
    const std::shared_ptr<Buffer>& file,
    const std::function<void(std::vector<internal::FooterBlock>*, std::vector<internal::FooterBlock>*)>& edit) {
  const int32_t footer_length = testing::Load<int32_t>(*file, file->size() - 10);
  const int64_t footer_start = file->size() - 10 - footer_length;
  auto footer_bytes = testing::Must(Buffer::CopyOf(Bytes(*file, footer_start, footer_length)));
  const fb::Footer* footer = flatbuffers::GetRoot<fb::Footer>(footer_bytes->data());
  auto info = testing::Must(internal::DecodeSchema(footer->schema(), ReadOptions{}));
  std::vector<internal::FooterBlock> dicts, batches;
  for (const fb::Block* b : *footer->dictionaries()) dicts.push_back({b->offset(), b->metadata_length(), b->body_length()});
  for (const fb::Block* b : *footer->record_batches()) {
    batches.push_back({b->offset(), b->metadata_length(), b->body_length()});
  }
  edit(&dicts, &batches);
  auto encoded = testing::Must(internal::EncodeFooter(info, {}, dicts, batches, {}));
  const int32_t size = static_cast<int32_t>(encoded.size());
  std::vector<uint8_t> trailer(4);
  std::memcpy(trailer.data(), &size, 4);
  trailer.insert(trailer.end(), internal::kFileMagic, internal::kFileMagic + 6);
  return Join({Bytes(*file, 0, footer_start), encoded, trailer});
}

TEST(BadInput, FooterBlockOutsideTheFile) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*DictionaryTable()));
  auto moved = RewriteFooter(file, [](auto*, auto* batches) { (*batches)[1].offset = 1 << 20; });
  const int64_t footer_start = moved->size() - 10 - testing::Load<int32_t>(*moved, moved->size() - 10);
  const auto b = testing::Messages(file, 8);
  ExpectError(ReadFile(moved), StatusCode::kInvalidInput,
              "footer.record_batches[1]: expected a block inside the file's data [8, " + std::to_string(footer_start) +
                  ") but found offset 1048576, metadata length " + std::to_string(b[3].metadata_length) +
                  ", body length " + std::to_string(b[3].body_length));
  auto overflow = RewriteFooter(file, [](auto*, auto* batches) { (*batches)[0].body_length = INT64_MAX - 8; });
  ExpectError(ReadFile(overflow), StatusCode::kInvalidInput,
              "footer.record_batches[0]: expected a block inside the file's data [8, " + std::to_string(footer_start) +
                  ") but found offset " + std::to_string(b[2].offset) + ", metadata length " +
                  std::to_string(b[2].metadata_length) + ", body length 9223372036854775799");
  // A block that points at the wrong message, or claims less than its message needs.
  auto shifted = RewriteFooter(file, [&](auto*, auto* batches) { (*batches)[0].offset = b[1].offset; });
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(shifted));
  ExpectError(reader->ReadRecordBatch(0), StatusCode::kInvalidInput,
              "record_batch[0]: expected a record batch message where the footer points");
  auto short_block = RewriteFooter(file, [](auto*, auto* batches) { (*batches)[0].body_length -= 8; });
  QUIVER_ASSERT_OK_AND_ASSIGN(reader, FileReader::Open(short_block));
  ExpectError(reader->ReadRecordBatch(0), StatusCode::kInvalidInput,
              "record_batch[0]: message does not fit its footer block (expected a message body of " +
                  std::to_string(b[2].body_length) + " bytes but found " + std::to_string(b[2].body_length - 8) + ")");
  ExpectError(reader->ReadRecordBatch(3), StatusCode::kInvalidArgument, "record batch index 3 is outside [0, 3)");
  // The footer length itself.
  auto bad_length = testing::Copy(*file);
  const int32_t huge = 1 << 30;
  std::memcpy(bad_length->mutable_data() + file->size() - 10, &huge, 4);
  ExpectError(ReadFile(bad_length), StatusCode::kInvalidInput,
              "expected a footer length in [1, " + std::to_string(file->size() - 18) + "] but found 1073741824");
}

TEST(BadInput, DictionaryNeverDefined) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*DictionaryTable()));
  const auto m = testing::Messages(stream);
  // Drop the dictionary batch (message 1).
  auto dropped = Join({Bytes(*stream, 0, m[1].offset), Bytes(*stream, m[2].offset, stream->size() - m[2].offset)});
  ExpectError(ReadStream(dropped), StatusCode::kInvalidInput,
              "record_batch[0].column['d']: expected a dictionary batch for dictionary id 0 before its first use but "
              "found none");
  QUIVER_ASSERT_OK_AND_ASSIGN(auto file, WriteFile(*DictionaryTable()));
  auto no_dicts = RewriteFooter(file, [](auto* dicts, auto*) { dicts->clear(); });
  ExpectError(ReadFile(no_dicts), StatusCode::kInvalidInput,
              "record_batch[0].column['d']: expected a dictionary batch for dictionary id 0 before its first use but "
              "found none");
  // A batch of no rows needs no dictionary (apache-arrow JS writes none for an empty table).
  QUIVER_ASSERT_OK_AND_ASSIGN(auto no_rows, DictionaryTable()->batches()[0]->Slice(0, 0));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto empty, Table::Make(no_rows->schema(), {no_rows}));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto empty_stream, WriteStream(*empty));
  const auto e = testing::Messages(empty_stream);
  ASSERT_GE(e.size(), 3u) << "schema, dictionary, record batch (, end)";
  auto undefined = Join({Bytes(*empty_stream, 0, e[1].offset),
                         Bytes(*empty_stream, e[2].offset, empty_stream->size() - e[2].offset)});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto read, ReadStream(undefined));
  EXPECT_EQ(read->num_rows(), 0);
  ASSERT_EQ(read->batches().size(), 1u);
  EXPECT_EQ(read->batches()[0]->column(0)->dictionary->length, 0);
  // A dictionary batch whose id no field uses.
  auto twice = RewriteFooter(file, [](auto* dicts, auto*) { dicts->push_back(dicts->front()); });
  ExpectError(ReadFile(twice), StatusCode::kInvalidInput,
              "dictionary_batch[1]: expected one dictionary (plus deltas) for id 0 in a file but found a replacement");
}

// ---- Crafted messages ----------------------------------------------------------------------

std::vector<uint8_t> Int32Schema() { return testing::SchemaMessage([](auto& fbb) { return testing::Int32Field(fbb); }); }

TEST(BadInput, BufferOffsetsAndLengths) {
  const std::vector<uint8_t> body(8, 0);
  auto read = [&](std::vector<fb::Buffer> buffers) {
    return ReadStream(Concat({Int32Schema(), testing::BatchMessage(1, {fb::FieldNode(1, 0)}, buffers, body)}));
  };
  ExpectError(read({fb::Buffer(0, 0), fb::Buffer(-8, 4)}), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: expected buffer 1 offset >= 0 but found -8");
  ExpectError(read({fb::Buffer(0, 0), fb::Buffer(0, -4)}), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: expected buffer 1 length >= 0 but found -4");
  ExpectError(read({fb::Buffer(0, 0), fb::Buffer(8, 8)}), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: buffer 1 [8, +8) is outside the message body of 8 bytes");
  ExpectError(read({fb::Buffer(0, 0), fb::Buffer(INT64_MAX, 8)}), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: buffer 1 [9223372036854775807, +8) is outside the message body of 8 bytes");
  ExpectError(read({fb::Buffer(0, 0)}), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: expected buffer 1 but the record batch has 1");
  // Too short for its length: the validator's job, reported in the same context.
  auto short_values = read({fb::Buffer(0, 0), fb::Buffer(0, 2)});
  ASSERT_FALSE(short_values.ok());
  EXPECT_EQ(short_values.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(short_values.status().context(), "record_batch[0].column['x']");
  // Field nodes.
  ExpectError(ReadStream(Concat({Int32Schema(), testing::BatchMessage(1, {}, {}, body)})), StatusCode::kInvalidInput,
              "record_batch[0].column['x']: expected field node 0 but the record batch has 0");
  ExpectError(ReadStream(Concat({Int32Schema(), testing::BatchMessage(1, {fb::FieldNode(1, 2)}, {}, body)})),
              StatusCode::kInvalidInput,
              "record_batch[0].column['x']: expected field node 0 with 0 <= null_count <= length but found length 1, "
              "null_count 2");
  ExpectError(ReadStream(Concat({Int32Schema(), testing::BatchMessage(2, {fb::FieldNode(1, 0)},
                                                                      {fb::Buffer(0, 0), fb::Buffer(0, 8)}, body)})),
              StatusCode::kInvalidInput, "record_batch[0].column['x']: expected 2 rows (the record batch length) but found 1");
  ExpectError(ReadStream(Concat({Int32Schema(), testing::BatchMessage(-1, {}, {}, body)})), StatusCode::kInvalidInput,
              "record_batch[0]: expected a record batch length >= 0 but found -1");
}

TEST(BadInput, VariadicBufferCounts) {
  auto view_schema = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("v");
    return fb::CreateField(fbb, n, true, fb::Type::Utf8View, fb::CreateUtf8View(fbb).Union());
  });
  const std::vector<uint8_t> body(16, 0);  // one inline view of length 0
  const std::vector<fb::Buffer> buffers{fb::Buffer(0, 0), fb::Buffer(0, 16)};
  auto read = [&](const std::vector<int64_t>* counts) {
    return ReadStream(Concat({view_schema, testing::BatchMessage(1, {fb::FieldNode(1, 0)}, buffers, body, {}, counts)}));
  };
  ExpectError(read(nullptr), StatusCode::kInvalidInput,
              "record_batch[0].column['v']: expected variadic buffer count 0 but the record batch has 0");
  const std::vector<int64_t> too_many{1}, negative{-1}, zero{0};
  ExpectError(read(&too_many), StatusCode::kInvalidInput,
              "record_batch[0].column['v']: expected a variadic buffer count in [0, 0] (the buffers left) but found 1");
  ExpectError(read(&negative), StatusCode::kInvalidInput,
              "record_batch[0].column['v']: expected a variadic buffer count in [0, 0] (the buffers left) but found -1");
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, read(&zero));
  EXPECT_EQ(table->num_rows(), 1);
}

TEST(BadInput, DictionaryBatchProblems) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*DictionaryTable()));
  const auto m = testing::Messages(stream);
  // Re-encode the dictionary message with another id, or as a delta of nothing.
  auto message = testing::Must(internal::DecodeMessage(stream, m[1].offset, ReadOptions{}));
  const fb::DictionaryBatch* dict = message.message->header_as_DictionaryBatch();
  auto reencode = [&](int64_t id, bool delta) {
    internal::BodyMetadata body;
    body.length = dict->data()->length();
    for (const fb::FieldNode* n : *dict->data()->nodes()) body.nodes.push_back(*n);
    for (const fb::Buffer* b : *dict->data()->buffers()) body.buffers.push_back(*b);
    body.body_length = message.body->size();
    auto bytes = testing::Must(internal::EncodeDictionaryBatchMessage(id, delta, body));
    std::vector<uint8_t> framed(8, 0);
    const uint32_t marker = 0xFFFFFFFFu;
    const auto size = static_cast<int32_t>((bytes.size() + 7) / 8 * 8);
    std::memcpy(framed.data(), &marker, 4);
    std::memcpy(framed.data() + 4, &size, 4);
    framed.insert(framed.end(), bytes.begin(), bytes.end());
    framed.resize(8 + static_cast<size_t>(size), 0);
    framed.insert(framed.end(), message.body->data(), message.body->data() + message.body->size());
    return Join({Bytes(*stream, 0, m[1].offset), framed, Bytes(*stream, m[2].offset, stream->size() - m[2].offset)});
  };
  ExpectError(ReadStream(reencode(7, false)), StatusCode::kInvalidInput,
              "dictionary_batch[0]: expected a dictionary id used by a schema field but found id 7");
  ExpectError(ReadStream(reencode(0, true)), StatusCode::kInvalidInput,
              "dictionary_batch[0]: expected a dictionary for id 0 before its delta but found none");
  QUIVER_ASSERT_OK_AND_ASSIGN(auto same, ReadStream(reencode(0, false)));
  EXPECT_TRUE(testing::TablesEqual(*DictionaryTable(), *same));
}

TEST(BadInput, BodyLength) {
  const std::vector<uint8_t> body(8, 0);
  const std::vector<fb::Buffer> buffers{fb::Buffer(0, 0), fb::Buffer(0, 4)};
  ExpectError(ReadStream(Concat({Int32Schema(), testing::BatchMessage(1, {fb::FieldNode(1, 0)}, buffers, body, -2)})),
              StatusCode::kInvalidInput, "message[1]: expected a message body length >= 0 but found -2");
  auto huge = Concat({Int32Schema(), testing::BatchMessage(1, {fb::FieldNode(1, 0)}, buffers, body, INT64_MAX / 2)});
  ExpectError(ReadStream(huge), StatusCode::kTruncated,
              "message[1]: expected a message body of 4611686018427387903 bytes but found 8");
  StreamDecoder decoder;
  QUIVER_ASSERT_OK(decoder.Consume(huge));
  EXPECT_EQ(decoder.next_required_size(), INT64_MAX / 2 - 8);
  // A body that cannot end inside 2^63 bytes is invalid rather than incomplete.
  auto overflow = Concat({Int32Schema(), testing::BatchMessage(1, {fb::FieldNode(1, 0)}, buffers, body, INT64_MAX)});
  ExpectError(ReadStream(overflow), StatusCode::kInvalidInput,
              "message[1]: message body length 9223372036854775807 overflows a 64-bit position");
  StreamDecoder overflowing;
  ExpectError(overflowing.Consume(overflow), StatusCode::kInvalidInput,
              "message[1]: message body length 9223372036854775807 overflows a 64-bit position");
}

TEST(BadInput, UnknownAndUnsupportedTypes) {
  auto unknown = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("x");
    auto t = fb::CreateNull(fbb);
    return fb::CreateField(fbb, n, true, static_cast<fb::Type>(99), t.Union());
  });
  ExpectError(ReadStream(Concat({unknown})), StatusCode::kUnsupported,
              "schema.field['x']: expected a known Arrow type but found type id 99");
  auto no_type = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("x");
    return fb::CreateField(fbb, n, true);
  });
  ExpectError(ReadStream(Concat({no_type})), StatusCode::kInvalidInput,
              "schema.field['x']: expected a field type but found none");
  auto bad_width = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("x");
    auto t = fb::CreateInt(fbb, 24, true);
    return fb::CreateField(fbb, n, true, fb::Type::Int, t.Union());
  });
  ExpectError(ReadStream(Concat({bad_width})), StatusCode::kInvalidInput,
              "schema.field['x']: expected an integer bit width of 8, 16, 32 or 64 but found 24");
  auto list_without_child = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("x");
    auto t = fb::CreateList(fbb);
    return fb::CreateField(fbb, n, true, fb::Type::List, t.Union());
  });
  ExpectError(ReadStream(Concat({list_without_child})), StatusCode::kInvalidInput,
              "schema.field['x']: expected 1 child for list but found 0");
  auto bad_decimal = testing::SchemaMessage([](flatbuffers::FlatBufferBuilder& fbb) {
    auto n = fbb.CreateString("x");
    auto t = fb::CreateDecimal(fbb, 50, 2, 128);
    return fb::CreateField(fbb, n, true, fb::Type::Decimal, t.Union());
  });
  ExpectError(ReadStream(Concat({bad_decimal})), StatusCode::kInvalidInput,
              "schema.field['x']: expected decimal128 precision in [1, 38] but found 50");
  auto big_endian = testing::SchemaMessage([](auto& fbb) { return testing::Int32Field(fbb); },
                                           fb::MetadataVersion::V5, fb::Endianness::Big);
  ExpectError(ReadStream(Concat({big_endian})), StatusCode::kUnsupported,
              "schema: expected little-endian data but the schema declares big-endian");
  auto v3 = testing::SchemaMessage([](auto& fbb) { return testing::Int32Field(fbb); }, fb::MetadataVersion::V3);
  ExpectError(ReadStream(Concat({v3})), StatusCode::kUnsupported,
              "message[0]: expected metadata version V4 or V5 but found V3");
}

TEST(BadInput, MessageSequence) {
  flatbuffers::FlatBufferBuilder tensor;
  tensor.Finish(fb::CreateMessage(tensor, fb::MetadataVersion::V5, fb::MessageHeader::Tensor,
                                  fb::CreateTensor(tensor).Union(), 0));
  ExpectError(ReadStream(Concat({Int32Schema(), testing::Frame(tensor)})), StatusCode::kUnsupported,
              "expected schema, dictionary or record batch messages but found a tensor message");
  ExpectError(ReadStream(Concat({testing::BatchMessage(0, {}, {}, {})})), StatusCode::kInvalidInput,
              "expected a schema message first but found a record batch message");
  ExpectError(ReadStream(Concat({Int32Schema(), Int32Schema()})), StatusCode::kInvalidInput,
              "expected one schema message per stream but found a second");
  ExpectError(ReadStream(Concat({testing::EndOfStream()})), StatusCode::kInvalidInput,
              "expected a schema message but found the end-of-stream marker");
  StreamDecoder decoder;
  ExpectError(decoder.Consume(Concat({Int32Schema(), testing::EndOfStream(), {1, 2, 3}})), StatusCode::kInvalidInput,
              "expected no bytes after the end-of-stream marker but found 3");
  ExpectError(decoder.Consume(Concat({{1}})), StatusCode::kInvalidInput,
              "expected no bytes after the end-of-stream marker but found 3");  // errors are sticky
  // Garbage where a flatbuffer should be.
  std::vector<uint8_t> garbage{0xFF, 0xFF, 0xFF, 0xFF, 16, 0, 0, 0};
  garbage.resize(24, 0x7F);
  ExpectError(ReadStream(Concat({garbage})), StatusCode::kInvalidInput,
              "message[0]: expected a valid Message flatbuffer in 16 bytes of message metadata but verification failed "
              "(corrupt, or nested deeper than the limits allow)");
  std::vector<uint8_t> negative{0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF};
  ExpectError(ReadStream(Concat({negative})), StatusCode::kInvalidInput,
              "message[0]: expected a message metadata size >= 0 but found -16");
}

TEST(BadInput, NestingAndFieldLimits) {
  TypePtr deep = int32();
  for (int i = 0; i < 70; ++i) deep = list(deep);
  auto table = testing::TableOf({testing::Must(MakeArrayOfNulls(deep, 1))});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table));
  auto r = ReadStream(stream);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(r.status().message(), "type nesting is deeper than the limit of 64");
  ReadOptions generous;
  generous.limits.max_nesting_depth = 80;
  EXPECT_TRUE(ReadStream(stream, generous).ok());
  ReadOptions few;
  few.limits.max_fields = 10;
  auto r2 = ReadStream(stream, few);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(r2.status().message(), "schema has more than the limit of 10 fields");
}

// ---- Compression ---------------------------------------------------------------------------

std::shared_ptr<Buffer> CompressedInts(Compression c) {
  std::vector<int64_t> values(1000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i % 7);
  auto table = testing::TableOf({quiver::testing::FixedWidthArray<int64_t>(int64(), 1000, values)}, "x");
  return testing::Must(WriteStream(*table, {.compression = c}));
}

TEST(BadInput, DecompressedSizeLimits) {
  for (auto c : {Compression::kLz4Frame, Compression::kZstd}) {
    auto stream = CompressedInts(c);
    ReadOptions small;
    small.limits.max_buffer_size = 1000;  // more than the compressed size, less than the data
    ExpectError(ReadStream(stream, small), StatusCode::kLimitExceeded,
                "record_batch[0].column['x'].buffer[1]: uncompressed length 8000 exceeds the buffer size limit of 1000 "
                "bytes");
    ReadOptions tiny;
    tiny.limits.max_decompressed_size = 100;
    auto r = ReadStream(stream, tiny);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded) << r.status().ToString();
    EXPECT_EQ(r.status().context(), "record_batch[0].column['x'].buffer[1]");
  }
}

TEST(BadInput, DecompressedSizeMismatch) {
  for (auto c : {Compression::kLz4Frame, Compression::kZstd}) {
    auto stream = CompressedInts(c);
    const auto m = testing::Messages(stream);
    auto message = testing::Must(internal::DecodeMessage(stream, m[1].offset, ReadOptions{}));
    const fb::Buffer* values = message.message->header_as_RecordBatch()->buffers()->Get(1);
    const int64_t at = m[1].offset + m[1].metadata_length + values->offset();
    ASSERT_EQ(testing::Load<int64_t>(*stream, at), 8000);
    for (int64_t claimed : {int64_t{7999}, int64_t{8001}}) {
      auto bad = testing::Copy(*stream);
      std::memcpy(bad->mutable_data() + at, &claimed, 8);
      auto r = ReadStream(bad);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << r.status().ToString();
      EXPECT_EQ(r.status().context(), "record_batch[0].column['x'].buffer[1]");
    }
    auto bad = testing::Copy(*stream);
    const int64_t minus_two = -2;
    std::memcpy(bad->mutable_data() + at, &minus_two, 8);
    ExpectError(ReadStream(bad), StatusCode::kInvalidInput,
                "record_batch[0].column['x'].buffer[1]: expected an uncompressed length >= -1 but found -2");
  }
}

// ---- Legacy framing and alignment ----------------------------------------------------------

// The stream with every 8-byte prefix replaced by the pre-0.15 4-byte one, which leaves
// metadata and bodies at odd multiples of 4.
std::shared_ptr<Buffer> ToLegacyFraming(const std::shared_ptr<Buffer>& stream) {
  std::vector<std::span<const uint8_t>> parts;
  for (const auto& m : testing::Messages(stream)) {
    if (m.end_of_stream) {
      static const uint8_t kZero[4] = {};
      parts.emplace_back(kZero, 4);
      break;
    }
    parts.push_back(Bytes(*stream, m.offset + 4, m.end() - m.offset - 4));
  }
  return Join(parts);
}

TEST(BadInput, LegacyFramingIsReadAndMisalignedBuffersAreCopied) {
  auto table = DictionaryTable();
  QUIVER_ASSERT_OK_AND_ASSIGN(auto stream, WriteStream(*table));
  auto legacy = ToLegacyFraming(stream);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto back, ReadStream(legacy));
  EXPECT_TRUE(testing::TablesEqual(*table, *back));
  const auto& values = back->batches()[0]->column(1)->buffers[1];
  EXPECT_EQ(reinterpret_cast<uintptr_t>(values->data()) % 8, 0u);
  ReadOptions strict;
  strict.require_alignment = true;
  auto r = ReadStream(legacy, strict);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().ToString(),
            "record_batch[0].column['x']: expected buffer 3 at body offset 8 to be aligned to 8 bytes");
}

// ---- Inputs found by fuzzing (src/ipc/ipc_fuzz.cc) ----------------------------------------

std::shared_ptr<Buffer> FromHex(std::string_view hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    bytes.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  }
  return testing::Must(Buffer::CopyOf(bytes));
}

TEST(BadInput, FuzzMisalignedFooterBlocks) {
  // A footer whose Block vector sits 4 bytes off an 8-byte boundary: the flatbuffers
  // Verifier accepts it, reading the blocks in place would be misaligned.
  auto file = FromHex(
      "4152524f57310000ffffffffa80000001000000000000a0400080000000400000001000000040000000f000000ffffffff000000001000"
      "00000c001400060008000c0010000c0000000000040034000000240000000400000001000000b800000000000000d00000000c00000018"
      "0000000400040004000000040000006974656d08000000040000000100000004000000d4ffffff00000119140000000c00000014000000"
      "040004000400000003000000636f6c000100000014000000100014000800060007000c0000001000100000000000010220000000100000"
      "002400000008000c0008000807000000000000000120000000040000006974656d0000000000000000d00000004152524f5731");
  ExpectError(ReadFile(file), StatusCode::kInvalidInput,
              "footer: expected the dictionaries vector of the metadata to be 8-byte aligned");
}

// ---- Mutation: every byte, a few values; reading never crashes -----------------------------

TEST(BadInput, EveryByteMutatedNeverCrashes) {
  auto table = DictionaryTable();
  for (auto compression : {Compression::kNone, Compression::kLz4Frame}) {
    for (auto format : {testing::Format::kStream, testing::Format::kFile}) {
      QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format, *table, {.compression = compression}));
      for (int64_t i = 0; i < bytes->size(); ++i) {
        for (uint8_t value : {uint8_t{0}, uint8_t{0xFF}, uint8_t{0x80}, static_cast<uint8_t>(bytes->data()[i] + 1)}) {
          auto bad = testing::Copy(*bytes);
          bad->mutable_data()[i] = value;
          auto r = testing::Read(format, bad, ReadOptions{.validate_full = true});
          if (!r.ok()) {
            const StatusCode code = r.status().code();
            EXPECT_TRUE(code == StatusCode::kInvalidInput || code == StatusCode::kTruncated ||
                        code == StatusCode::kUnsupported || code == StatusCode::kLimitExceeded)
                << i << ": " << r.status().ToString();
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace quiver::ipc
