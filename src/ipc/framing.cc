// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Message framing: prefixes, flatbuffer verification, message bodies.
#include <bit>
#include <cstring>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/message_internal.h"

namespace quiver::ipc::internal {

static_assert(std::endian::native == std::endian::little,
              "Quiver reads Arrow IPC in place and supports little-endian hosts only");

using quiver::internal::StrCat;

namespace {

template <typename T>
T LoadLE(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// The Verifier counts nested tables: Message > Schema > Field (one per nesting level) >
// type table. Leave room above the field nesting limit so that the decoder, which reports
// the limit by name, is the one to reject deep schemas.
flatbuffers::Verifier::Options VerifierOptions(const Limits& limits) {
  flatbuffers::Verifier::Options o;
  const int64_t depth = int64_t{2} * (limits.max_nesting_depth < 0 ? 0 : limits.max_nesting_depth) + 16;
  o.max_depth = static_cast<flatbuffers::uoffset_t>(depth > 1 << 20 ? 1 << 20 : depth);
  // Every field costs at most a handful of tables (field, type, dictionary encoding, index
  // type) plus one per metadata entry; the table limit also stops offsets that share a
  // subtree from making verification exponential.
  const int64_t fields = limits.max_fields < 0 ? 0 : limits.max_fields;
  const int64_t tables = fields > (int64_t{1} << 28) ? (int64_t{1} << 31) : fields * 8 + 65536;
  o.max_tables = static_cast<flatbuffers::uoffset_t>(tables);
  o.check_alignment = true;
  return o;
}

Status CheckFlatbufferSize(std::span<const uint8_t> bytes, const char* what) {
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return Status::LimitExceeded(StrCat(what, " of ", bytes.size(), " bytes exceeds the flatbuffers maximum of ",
                                        static_cast<int64_t>(FLATBUFFERS_MAX_BUFFER_SIZE) - 1, " bytes"));
  }
  return Status::OK();
}

// flatbuffers 2.0.8's Verifier checks a vector's 4-byte length prefix for alignment but
// not that 8-byte elements (FieldNode, Buffer, Block, long) start on an 8-byte boundary, so
// a crafted buffer could make the in-place reads that follow misaligned.
template <typename V>
Status CheckAligned(const V* vec, const char* what) {
  if (vec != nullptr && vec->size() > 0 && reinterpret_cast<uintptr_t>(vec->Data()) % 8 != 0) {
    return Status::InvalidInput(StrCat("expected the ", what, " vector of the metadata to be 8-byte aligned"));
  }
  return Status::OK();
}

Status CheckBatchVectors(const fb::RecordBatch* batch) {
  if (batch == nullptr) return Status::OK();
  QUIVER_RETURN_IF_ERROR(CheckAligned(batch->nodes(), "nodes"));
  QUIVER_RETURN_IF_ERROR(CheckAligned(batch->buffers(), "buffers"));
  return CheckAligned(batch->variadic_buffer_counts(), "variadic_buffer_counts");
}

}  // namespace

Result<MessagePrefix> PeekMessagePrefix(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) {
    return Status::Truncated(StrCat("expected a 4-byte message length prefix but found ", bytes.size(), " bytes"));
  }
  MessagePrefix prefix;
  const uint32_t first = LoadLE<uint32_t>(bytes.data());
  int32_t size;
  if (first == kContinuation) {
    if (bytes.size() < 8) {
      return Status::Truncated(
          StrCat("expected a 4-byte message length after the continuation marker but found ", bytes.size() - 4, " bytes"));
    }
    size = LoadLE<int32_t>(bytes.data() + 4);
    prefix.prefix_size = 8;
  } else {
    size = static_cast<int32_t>(first);  // legacy framing: the size comes first
    prefix.prefix_size = 4;
  }
  if (size < 0) return Status::InvalidInput(StrCat("expected a message metadata size >= 0 but found ", size));
  prefix.metadata_size = size;
  return prefix;
}

Status VerifyMessage(std::span<const uint8_t> bytes, const Limits& limits) {
  QUIVER_RETURN_IF_ERROR(CheckFlatbufferSize(bytes, "message metadata"));
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), VerifierOptions(limits));
  if (!fb::VerifyMessageBuffer(verifier)) {
    return Status::InvalidInput(
        StrCat("expected a valid Message flatbuffer in ", bytes.size(),
               " bytes of message metadata but verification failed (corrupt, or nested deeper than the limits allow)"));
  }
  const fb::Message* message = fb::GetMessage(bytes.data());
  QUIVER_RETURN_IF_ERROR(CheckBatchVectors(message->header_as_RecordBatch()));
  if (const fb::DictionaryBatch* dict = message->header_as_DictionaryBatch()) {
    QUIVER_RETURN_IF_ERROR(CheckBatchVectors(dict->data()));
  }
  if (const fb::Schema* schema = message->header_as_Schema()) {
    QUIVER_RETURN_IF_ERROR(CheckAligned(schema->features(), "features"));
  }
  return Status::OK();
}

Status VerifyFooter(std::span<const uint8_t> bytes, const Limits& limits) {
  QUIVER_RETURN_IF_ERROR(CheckFlatbufferSize(bytes, "file footer"));
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), VerifierOptions(limits));
  if (!verifier.VerifyBuffer<fb::Footer>(nullptr)) {
    return Status::InvalidInput(
        StrCat("expected a valid Footer flatbuffer in ", bytes.size(),
               " bytes of file footer but verification failed (corrupt, or nested deeper than the limits allow)"));
  }
  const fb::Footer* footer = flatbuffers::GetRoot<fb::Footer>(bytes.data());
  QUIVER_RETURN_IF_ERROR(CheckAligned(footer->dictionaries(), "dictionaries"));
  QUIVER_RETURN_IF_ERROR(CheckAligned(footer->record_batches(), "record_batches"));
  if (footer->schema() != nullptr) QUIVER_RETURN_IF_ERROR(CheckAligned(footer->schema()->features(), "features"));
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> AlignedMetadata(const std::shared_ptr<Buffer>& owner, int64_t offset, int64_t length,
                                                MemoryPool* pool) {
  const uint8_t* p = owner->data() + offset;
  if (reinterpret_cast<uintptr_t>(p) % 8 == 0) return Buffer::Slice(owner, offset, length);
  // Metadata is not array data, so this copy is not counted in the pool's copy statistics.
  QUIVER_ASSIGN_OR_RETURN(auto copy, Buffer::Allocate(length, pool));
  if (length > 0) std::memcpy(copy->mutable_data(), p, static_cast<size_t>(length));
  return copy;
}

Status CheckMetadataVersion(fb::MetadataVersion version) {
  const auto v = static_cast<int16_t>(version);
  if (v < static_cast<int16_t>(fb::MetadataVersion::V4) || v > static_cast<int16_t>(fb::MetadataVersion::V5)) {
    return Status::Unsupported(StrCat("expected metadata version V4 or V5 but found V", v + 1));
  }
  return Status::OK();
}

Result<Message> DecodeMessage(const std::shared_ptr<Buffer>& data, int64_t offset, const ReadOptions& options,
                              int64_t limit) {
  if (offset < 0 || offset > data->size()) {
    return Status::InvalidInput(StrCat("message offset ", offset, " is outside ", data->size(), " bytes of input"));
  }
  int64_t avail = data->size() - offset;
  if (limit >= 0 && limit < avail) avail = limit;
  const std::span<const uint8_t> bytes(data->data() + offset, static_cast<size_t>(avail));
  QUIVER_ASSIGN_OR_RETURN(MessagePrefix prefix, PeekMessagePrefix(bytes));
  Message out;
  if (prefix.end_of_stream()) {
    out.end_of_stream = true;
    out.metadata_length = out.total_size = prefix.prefix_size;
    return out;
  }
  out.metadata_length = int64_t{prefix.prefix_size} + prefix.metadata_size;
  if (out.metadata_length > avail) {
    return Status::Truncated(StrCat("expected ", prefix.metadata_size, " bytes of message metadata but found ",
                                    avail - prefix.prefix_size));
  }
  QUIVER_ASSIGN_OR_RETURN(out.metadata,
                          AlignedMetadata(data, offset + prefix.prefix_size, prefix.metadata_size, options.pool));
  QUIVER_RETURN_IF_ERROR(VerifyMessage(out.metadata->span(), options.limits));
  out.message = fb::GetMessage(out.metadata->data());
  QUIVER_RETURN_IF_ERROR(CheckMetadataVersion(out.message->version()));
  const int64_t body_length = out.message->body_length();
  if (body_length < 0) return Status::InvalidInput(StrCat("expected a message body length >= 0 but found ", body_length));
  if (body_length > INT64_MAX - offset - out.metadata_length) {
    return Status::InvalidInput(StrCat("message body length ", body_length, " overflows a 64-bit position"));
  }
  if (body_length > avail - out.metadata_length) {
    return Status::Truncated(StrCat("expected a message body of ", body_length, " bytes but found ",
                                    avail - out.metadata_length));
  }
  QUIVER_ASSIGN_OR_RETURN(out.body, Buffer::Slice(data, offset + out.metadata_length, body_length));
  out.total_size = out.metadata_length + body_length;
  return out;
}

Result<int32_t> WriteMessageMetadata(io::Sink* sink, std::span<const uint8_t> metadata, int32_t alignment) {
  const int64_t start = sink->position();
  const int64_t end = quiver::internal::RoundUpPow2(start + 8 + static_cast<int64_t>(metadata.size()), alignment);
  const int64_t size = end - start - 8;
  if (size > INT32_MAX - 8) {
    return Status::LimitExceeded(StrCat("message metadata of ", metadata.size(), " bytes exceeds 2 GiB"));
  }
  uint8_t prefix[8];
  const uint32_t marker = kContinuation;
  const int32_t size32 = static_cast<int32_t>(size);
  std::memcpy(prefix, &marker, 4);
  std::memcpy(prefix + 4, &size32, 4);
  QUIVER_RETURN_IF_ERROR(sink->Write(prefix));
  QUIVER_RETURN_IF_ERROR(sink->Write(metadata));
  QUIVER_RETURN_IF_ERROR(sink->WriteZeros(size - static_cast<int64_t>(metadata.size())));
  return static_cast<int32_t>(size + 8);
}

Status WriteEndOfStream(io::Sink* sink) {
  static constexpr uint8_t kEos[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0};
  return sink->Write(kEos);
}

}  // namespace quiver::ipc::internal
