// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only: taking IPC bytes apart and crafting messages by hand, for corrupt-input tests.
#pragma once

#include <cstring>
#include <optional>
#include <span>
#include <vector>

#include "ipc/ipc_test_util.h"
#include "ipc/message_internal.h"
#include "ipc/metadata_internal.h"

namespace quiver::ipc::testing {

/// Where one message of a stream lies.
struct MessageSpan {
  int64_t offset = 0;
  int64_t metadata_length = 0;  // prefix included
  int64_t body_length = 0;
  bool end_of_stream = false;
  int64_t end() const { return offset + metadata_length + body_length; }
};

/// The messages of a stream starting at `start` (8 for the stream inside a file), up to
/// and including the end-of-stream marker.
inline std::vector<MessageSpan> Messages(const std::shared_ptr<Buffer>& data, int64_t start = 0) {
  std::vector<MessageSpan> out;
  int64_t offset = start;
  while (offset < data->size()) {
    auto m = Must(internal::DecodeMessage(data, offset, ReadOptions{}), "walking messages");
    MessageSpan s{offset, m.metadata_length, m.total_size - m.metadata_length, m.end_of_stream};
    out.push_back(s);
    if (m.end_of_stream) break;
    offset += m.total_size;
  }
  return out;
}

/// Bytes of `parts` one after another, in a new (64-byte aligned) buffer.
inline std::shared_ptr<Buffer> Join(const std::vector<std::span<const uint8_t>>& parts) {
  BufferBuilder b;
  for (auto p : parts) {
    if (!b.Append(p).ok()) std::abort();
  }
  return Must(b.Finish());
}

inline std::span<const uint8_t> Bytes(const Buffer& b, int64_t offset, int64_t length) {
  return b.span().subspan(static_cast<size_t>(offset), static_cast<size_t>(length));
}

/// A framed message (continuation marker, size, flatbuffer padded to 8) plus `body`.
inline std::vector<uint8_t> Frame(const flatbuffers::FlatBufferBuilder& fbb, std::span<const uint8_t> body = {}) {
  std::vector<uint8_t> out(8, 0);
  const uint32_t marker = 0xFFFFFFFFu;
  const size_t padded = (fbb.GetSize() + 7) / 8 * 8;
  const int32_t size = static_cast<int32_t>(padded);
  std::memcpy(out.data(), &marker, 4);
  std::memcpy(out.data() + 4, &size, 4);
  out.insert(out.end(), fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  out.resize(8 + padded, 0);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

/// A schema message with one field built by `make_field`.
template <typename F>
std::vector<uint8_t> SchemaMessage(F&& make_field,
                                   fb::MetadataVersion version = fb::MetadataVersion::V5,
                                   fb::Endianness endianness = fb::Endianness::Little) {
  flatbuffers::FlatBufferBuilder fbb;
  std::vector<flatbuffers::Offset<fb::Field>> fields{make_field(fbb)};
  auto schema = fb::CreateSchema(fbb, endianness, fbb.CreateVector(fields));
  fbb.Finish(fb::CreateMessage(fbb, version, fb::MessageHeader::Schema, schema.Union(), 0));
  return Frame(fbb);
}

/// A record batch message with the given nodes and buffers over `body`; the declared body
/// length is body.size() unless `body_length` is given.
inline std::vector<uint8_t> BatchMessage(int64_t length, const std::vector<fb::FieldNode>& nodes,
                                         const std::vector<fb::Buffer>& buffers,
                                         const std::vector<uint8_t>& body,
                                         std::optional<int64_t> body_length = std::nullopt,
                                         const std::vector<int64_t>* variadic = nullptr) {
  flatbuffers::FlatBufferBuilder fbb;
  auto n = fbb.CreateVectorOfStructs(nodes);
  auto b = fbb.CreateVectorOfStructs(buffers);
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> v = 0;
  if (variadic) v = fbb.CreateVector(*variadic);
  auto batch = fb::CreateRecordBatch(fbb, length, n, b, 0, v);
  fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion::V5,
                                         fb::MessageHeader::RecordBatch, batch.Union(),
                                         body_length.value_or(static_cast<int64_t>(body.size()))));
  return Frame(fbb, body);
}

/// An int32 field called `name`.
inline flatbuffers::Offset<fb::Field> Int32Field(flatbuffers::FlatBufferBuilder& fbb, const char* name = "x") {
  auto n = fbb.CreateString(name);
  auto t = fb::CreateInt(fbb, 32, true);
  return fb::CreateField(fbb, n, true, fb::Type::Int, t.Union());
}

/// The end-of-stream marker.
inline std::vector<uint8_t> EndOfStream() { return {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0}; }

/// Bytes of several byte vectors one after another.
inline std::shared_ptr<Buffer> Concat(const std::vector<std::vector<uint8_t>>& parts) {
  std::vector<std::span<const uint8_t>> spans;
  for (const auto& p : parts) spans.emplace_back(p);
  return Join(spans);
}

}  // namespace quiver::ipc::testing
