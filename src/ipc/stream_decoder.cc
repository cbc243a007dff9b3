// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// StreamDecoder: the stream format fed in chunks of any size.
//
// Bytes accumulate in `pending_` until at least one whole message is there; then every
// whole message is decoded from one buffer (so their arrays share it, zero-copy) and only
// the incomplete tail is copied back. A message's size is known once its prefix and
// metadata have arrived, and is remembered so that waiting for a large body does not
// re-verify the metadata on every chunk.
#include <cstring>

#include "core/str_cat.h"
#include "ipc/reader_internal.h"
#include "quiver/ipc/reader.h"

namespace quiver::ipc {

using quiver::internal::StrCat;

struct StreamDecoder::Impl {
  explicit Impl(const ReadOptions& o) : options(o), messages(options), pending(o.pool ? o.pool : DefaultMemoryPool()) {}

  /// Decodes every whole message at the start of `data`; returns the bytes used.
  Result<int64_t> DecodeWhole(const std::shared_ptr<Buffer>& data);
  /// Size of the next message in `pending` when its metadata has arrived, or -1 with
  /// `needed` set to the bytes required to learn more.
  Result<int64_t> NextMessageSize(int64_t* needed);
  /// Decodes what `pending` allows and updates next_required.
  Status Drain();
  Status Fail(Status s) {
    error = s;
    return s;
  }

  ReadOptions options;
  internal::StreamMessages messages;
  BufferBuilder pending;
  int64_t known_size = -1;  // size of the message at the start of `pending`, once known
  int64_t next_required = 4;
  int64_t message_index = 0;
  bool finished = false;
  Status error;
  std::vector<RecordBatchPtr> batches;
  std::vector<KeyValueMetadata> batch_metadata;
};

Result<int64_t> StreamDecoder::Impl::DecodeWhole(const std::shared_ptr<Buffer>& data) {
  int64_t offset = 0;
  while (offset < data->size() && !finished) {
    auto message = internal::DecodeMessage(data, offset, options);
    if (!message.ok()) {
      if (message.status().code() == StatusCode::kTruncated) break;  // an incomplete tail
      return std::move(message).status().WithContext(StrCat("message[", message_index, "]"));
    }
    ++message_index;
    offset += message->total_size;
    if (message->end_of_stream) {
      finished = true;
      break;
    }
    KeyValueMetadata metadata;
    QUIVER_ASSIGN_OR_RETURN(RecordBatchPtr batch, messages.Apply(*message, &metadata));
    if (batch) {
      batches.push_back(std::move(batch));
      batch_metadata.push_back(std::move(metadata));
    }
  }
  if (finished && offset < data->size()) {
    return Status::InvalidInput(StrCat("expected no bytes after the end-of-stream marker but found ",
                                       data->size() - offset));
  }
  return offset;
}

Result<int64_t> StreamDecoder::Impl::NextMessageSize(int64_t* needed) {
  if (known_size >= 0) return known_size;
  const std::span<const uint8_t> bytes(pending.data(), static_cast<size_t>(pending.size()));
  auto prefix = internal::PeekMessagePrefix(bytes);
  if (!prefix.ok()) {
    if (prefix.status().code() != StatusCode::kTruncated) return std::move(prefix).status();
    *needed = bytes.size() >= 4 ? 8 : 4;
    return -1;
  }
  if (prefix->end_of_stream()) return known_size = prefix->prefix_size;
  const int64_t metadata_end = int64_t{prefix->prefix_size} + prefix->metadata_size;
  if (metadata_end > options.limits.max_buffer_size) {
    return Status::LimitExceeded(StrCat("message metadata of ", prefix->metadata_size,
                                        " bytes exceeds the buffer size limit of ", options.limits.max_buffer_size));
  }
  if (static_cast<int64_t>(bytes.size()) < metadata_end) {
    *needed = metadata_end;
    return -1;
  }
  // Verify the metadata once (from an aligned copy if need be) to learn the body length.
  auto view = Buffer::WrapUnowned(pending.data(), pending.size());
  QUIVER_ASSIGN_OR_RETURN(auto metadata,
                          internal::AlignedMetadata(view, prefix->prefix_size, prefix->metadata_size, options.pool));
  QUIVER_RETURN_IF_ERROR(internal::VerifyMessage(metadata->span(), options.limits));
  const int64_t body = fb::GetMessage(metadata->data())->body_length();
  if (body < 0) return Status::InvalidInput(StrCat("expected a message body length >= 0 but found ", body));
  if (body > INT64_MAX - metadata_end) {
    return Status::InvalidInput(StrCat("message body length ", body, " overflows a 64-bit position"));
  }
  return known_size = metadata_end + body;
}

Status StreamDecoder::Impl::Drain() {
  while (!finished) {
    int64_t needed = 0;
    auto size = NextMessageSize(&needed);
    if (!size.ok()) return std::move(size).status().WithContext(StrCat("message[", message_index, "]"));
    if (size.value() < 0 || size.value() > pending.size()) {
      next_required = (size.value() < 0 ? needed : size.value()) - pending.size();
      return Status::OK();
    }
    // At least one whole message: decode all whole ones from one buffer, keep the tail.
    QUIVER_ASSIGN_OR_RETURN(auto data, pending.Finish());
    known_size = -1;
    QUIVER_ASSIGN_OR_RETURN(int64_t used, DecodeWhole(data));
    QUIVER_RETURN_IF_ERROR(pending.Append(data->span().subspan(static_cast<size_t>(used))));
  }
  next_required = 0;
  return Status::OK();
}

StreamDecoder::StreamDecoder(const ReadOptions& options) : impl_(std::make_unique<Impl>(options)) {
  Status s = options.Validate();
  if (!s.ok()) impl_->error = std::move(s);
}

StreamDecoder::~StreamDecoder() = default;

Status StreamDecoder::Consume(std::span<const uint8_t> bytes) {
  Impl& d = *impl_;
  if (!d.error.ok()) return d.error;
  if (bytes.empty()) return Status::OK();
  if (d.finished) {
    return d.Fail(Status::InvalidInput(
        StrCat("expected no bytes after the end-of-stream marker but found ", bytes.size())));
  }
  Status s = d.pending.Append(bytes);
  if (s.ok()) s = d.Drain();
  if (!s.ok()) return d.Fail(std::move(s));
  return Status::OK();
}

Status StreamDecoder::Consume(const std::shared_ptr<Buffer>& buffer) {
  Impl& d = *impl_;
  if (!d.error.ok()) return d.error;
  if (!buffer || buffer->size() == 0) return Status::OK();
  if (d.pending.size() > 0 || d.finished) return Consume(buffer->span());
  // Nothing pending: decode whole messages straight from the caller's buffer.
  auto used = d.DecodeWhole(buffer);
  if (!used.ok()) return d.Fail(std::move(used).status());
  Status s = d.pending.Append(buffer->span().subspan(static_cast<size_t>(used.value())));
  if (s.ok()) s = d.Drain();
  if (!s.ok()) return d.Fail(std::move(s));
  return Status::OK();
}

Status StreamDecoder::Finish() {
  Impl& d = *impl_;
  if (!d.error.ok()) return d.error;
  if (d.finished) return Status::OK();
  if (d.pending.size() > 0) {
    return d.Fail(Status::Truncated(StrCat("stream ended inside a message: ", d.pending.size(), " bytes of it arrived, ",
                                           d.next_required, " more needed"))
                      .WithContext(StrCat("message[", d.message_index, "]")));
  }
  if (!d.messages.has_schema()) {
    return d.Fail(Status::Truncated("expected a schema message but the stream ended before one"));
  }
  return Status::OK();  // a stream may end without the end-of-stream marker
}

const SchemaPtr& StreamDecoder::schema() const { return impl_->messages.schema(); }

std::vector<RecordBatchPtr> StreamDecoder::TakeBatches() {
  impl_->batch_metadata.clear();
  return std::exchange(impl_->batches, {});
}

const std::vector<KeyValueMetadata>& StreamDecoder::pending_batch_metadata() const { return impl_->batch_metadata; }

CompressionSet StreamDecoder::compressions() const { return impl_->messages.compressions(); }

bool StreamDecoder::finished() const { return impl_->finished; }

int64_t StreamDecoder::next_required_size() const { return impl_->error.ok() ? impl_->next_required : 0; }

}  // namespace quiver::ipc
