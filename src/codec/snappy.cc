// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Snappy raw format (Parquet SNAPPY): a varint uncompressed length, then literal and copy
// elements (format_description.txt in the snappy sources).
#if QUIVER_WITH_SNAPPY

#include <snappy.h>

#include "codec/codec_internal.h"

namespace quiver::codec {
namespace {

constexpr CodecKind kKind = CodecKind::kSnappy;

// The length header is a 32-bit varint, so no stream holds more than this.
constexpr uint64_t kMaxLength = UINT32_MAX;

// Parses the varint length header into *length and its size into *header_size.
Status ReadLength(std::span<const uint8_t> input, uint32_t* length, size_t* header_size) {
  uint64_t value = 0;
  for (size_t i = 0; i < 5; ++i) {
    if (i == input.size()) {
      return CodecError(StatusCode::kTruncated, kKind, "input ends inside the uncompressed length");
    }
    value |= uint64_t{input[i] & 0x7Fu} << (7 * i);
    if ((input[i] & 0x80) == 0) {
      if (value > kMaxLength) break;
      *length = static_cast<uint32_t>(value);
      *header_size = i + 1;
      return Status::OK();
    }
  }
  return CodecError(StatusCode::kInvalidInput, kKind, "uncompressed length does not fit in 32 bits");
}

// Called only after snappy has rejected `input`, to tell an input that stops early from a
// corrupt one. Walks the elements after the length header, checking what the decoder checks,
// without copying: true when the input ends inside an element or before `length` bytes.
bool EndsEarly(std::span<const uint8_t> input, size_t pos, uint64_t length) {
  uint64_t produced = 0;
  while (pos < input.size()) {
    const uint8_t tag = input[pos++];
    const size_t rest = input.size() - pos;
    uint64_t size = 0;
    if ((tag & 3) == 0) {
      // Literal: the length - 1 is in the tag, or in 1-4 little-endian bytes after it.
      size = tag >> 2;
      if (size >= 60) {
        const size_t extra = size - 59;
        if (rest < extra) return true;
        size = 0;
        for (size_t i = 0; i < extra; ++i) size |= uint64_t{input[pos + i]} << (8 * i);
        pos += extra;
      }
      size += 1;
      if (size > length - produced) return false;
      if (size > input.size() - pos) return true;
      pos += static_cast<size_t>(size);
    } else {
      // Copy with a 1-, 2- or 4-byte offset.
      const size_t extra = (tag & 3) == 1 ? 1 : (tag & 3) == 2 ? 2 : 4;
      if (rest < extra) return true;
      uint64_t offset = 0;
      if (extra == 1) {
        size = 4 + ((tag >> 2) & 7);
        offset = ((uint64_t{tag} >> 5) << 8) | input[pos];
      } else {
        size = 1 + (tag >> 2);
        for (size_t i = 0; i < extra; ++i) offset |= uint64_t{input[pos + i]} << (8 * i);
      }
      pos += extra;
      if (offset == 0 || offset > produced || size > length - produced) return false;
    }
    produced += size;
  }
  return produced < length;
}

class SnappyCodec final : public Codec {
 public:
  CodecKind kind() const override { return kKind; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kKind, input_size);
    // The bound, 32 + n + n / 6, must also fit in size_t (32 bits in WASM).
    const uint64_t max = std::min<uint64_t>(kMaxLength, (kMaxSize - 32) / 7 * 6);
    if (static_cast<uint64_t>(input_size) > max) return InputTooLarge(kKind, input_size, max);
    return static_cast<int64_t>(snappy::MaxCompressedLength(static_cast<size_t>(input_size)));
  }

  // Snappy has no levels; `level` is ignored.
  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    QUIVER_ASSIGN_OR_RETURN(const int64_t bound, MaxCompressedLength(static_cast<int64_t>(input.size())));
    // RawCompress writes without checking the room left, so the whole bound must be there.
    if (output.size() < static_cast<uint64_t>(bound)) return OutputBelowBound(kKind, output.size(), bound);
    uint8_t dummy = 0;
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(NonNull(input, &dummy)), input.size(),
                        reinterpret_cast<char*>(output.data()), &written);
    return static_cast<int64_t>(written);
  }

  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    if (input.empty()) return EmptyInput(kKind);
    uint32_t length = 0;
    size_t header_size = 0;
    QUIVER_RETURN_IF_ERROR(ReadLength(input, &length, &header_size));
    // snappy writes exactly the declared length, so it must be the expected one before
    // anything is decoded.
    if (length != output.size()) {
      return CodecError(StatusCode::kInvalidInput, kKind, "header declares ", length, " bytes but ", output.size(),
                        " are expected");
    }
    uint8_t dummy = 0;
    if (snappy::RawUncompress(reinterpret_cast<const char*>(input.data()), input.size(),
                              reinterpret_cast<char*>(NonNull(output, &dummy)))) {
      return Status::OK();
    }
    if (EndsEarly(input, header_size, length)) {
      return CodecError(StatusCode::kTruncated, kKind, "input ends before the ", length, " declared bytes");
    }
    return CodecError(StatusCode::kInvalidInput, kKind, "input is corrupt or does not decode to the ", length,
                      " declared bytes");
  }
};

}  // namespace

const Codec* SnappyCodecInstance() {
  static const SnappyCodec codec;
  return &codec;
}

}  // namespace quiver::codec

#endif  // QUIVER_WITH_SNAPPY
