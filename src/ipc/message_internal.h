// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Message framing of the Arrow IPC stream and file formats, and flatbuffer verification.
//
// A message is `[0xFFFFFFFF] <int32 metadata size> <Message flatbuffer + padding> <body>`;
// streams written before Arrow 0.15 lack the continuation marker. A metadata size of 0 is
// the end-of-stream marker. Everything here is safe on arbitrary bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "arrow_ipc_generated.h"
#include "quiver/arrow/buffer.h"
#include "quiver/io/sink.h"
#include "quiver/ipc/options.h"
#include "quiver/result.h"

namespace quiver::ipc::internal {

inline constexpr uint32_t kContinuation = 0xFFFFFFFFu;
/// "ARROW1": leads (padded to 8 bytes) and ends every IPC file.
inline constexpr uint8_t kFileMagic[6] = {'A', 'R', 'R', 'O', 'W', '1'};
inline constexpr int64_t kFileMagicSize = 6;
inline constexpr int64_t kFileHeaderSize = 8;  // magic plus two bytes of padding

/// The length prefix of a message.
struct MessagePrefix {
  /// 8 with the continuation marker, 4 for the legacy framing.
  int32_t prefix_size = 0;
  /// Bytes of flatbuffer plus padding that follow the prefix; 0 at the end-of-stream marker.
  int32_t metadata_size = 0;
  bool end_of_stream() const { return metadata_size == 0; }
};

/// Peeks at the prefix at the start of `bytes`.
/// Errors: kTruncated when fewer than 4 (or, after a continuation marker, 8) bytes are
/// present; kInvalidInput for a negative metadata size.
Result<MessagePrefix> PeekMessagePrefix(std::span<const uint8_t> bytes);

/// Runs the flatbuffers Verifier (depth and table limits derived from `limits`) over a
/// Message flatbuffer. `bytes` must be 8-byte aligned (see AlignedMetadata).
/// Errors: kInvalidInput ("message metadata is not a valid flatbuffer"), kLimitExceeded.
Status VerifyMessage(std::span<const uint8_t> bytes, const Limits& limits);
/// As VerifyMessage, for a Footer flatbuffer.
Status VerifyFooter(std::span<const uint8_t> bytes, const Limits& limits);

/// `bytes` of `owner` when they are 8-byte aligned in memory, else an aligned copy
/// (flatbuffers reads scalars in place). Errors: kOutOfMemory.
Result<std::shared_ptr<Buffer>> AlignedMetadata(const std::shared_ptr<Buffer>& owner, int64_t offset, int64_t length,
                                                MemoryPool* pool);

/// One decoded message: verified metadata and a zero-copy body.
struct Message {
  /// Holds the flatbuffer bytes `message` points into.
  std::shared_ptr<Buffer> metadata;
  const fb::Message* message = nullptr;
  /// The body (a slice of the input); empty when body_length is 0.
  std::shared_ptr<Buffer> body;
  /// Prefix size + metadata size (the Block::metadata_length of a file).
  int64_t metadata_length = 0;
  /// Total bytes the message occupies: metadata_length + body length.
  int64_t total_size = 0;
  /// The end-of-stream marker (then `message` is null).
  bool end_of_stream = false;
};

/// Decodes the message at `offset` in `data`, reading at most `limit` bytes from there
/// (the rest of `data` when -1).
/// Errors: kTruncated when the message extends past the available bytes; kInvalidInput
/// for a malformed prefix or flatbuffer, a negative body length; kUnsupported for
/// metadata versions before V4 or after V5; kLimitExceeded.
Result<Message> DecodeMessage(const std::shared_ptr<Buffer>& data, int64_t offset, const ReadOptions& options,
                              int64_t limit = -1);

/// Metadata version check shared by messages and footers.
Status CheckMetadataVersion(fb::MetadataVersion version);

/// Where one written message lies in the sink (a file footer Block).
struct WrittenBlock {
  int64_t offset = 0;
  int32_t metadata_length = 0;
  int64_t body_length = 0;
};

/// Writes the continuation marker, the size, `metadata` and zero padding so that the body
/// that follows starts at a multiple of `alignment` from the sink's first byte.
/// Returns the metadata length written (prefix included). Errors: those of the sink,
/// kLimitExceeded for metadata over 2 GiB.
Result<int32_t> WriteMessageMetadata(io::Sink* sink, std::span<const uint8_t> metadata, int32_t alignment);
/// Writes the end-of-stream marker (continuation marker, then a zero size).
Status WriteEndOfStream(io::Sink* sink);

}  // namespace quiver::ipc::internal
