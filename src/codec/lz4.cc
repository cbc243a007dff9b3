// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The three LZ4 codecs: the frame format (Arrow IPC), raw blocks (Parquet LZ4_RAW) and
// blocks in Hadoop framing (Parquet's deprecated LZ4).
#if QUIVER_WITH_LZ4

#include <lz4.h>
// For LZ4F_getErrorCode, which liblz4 exports although lz4frame.h files it under static
// linking; the WASM build links the library statically anyway.
#define LZ4F_STATIC_LINKING_ONLY
#include <lz4frame.h>
#include <lz4hc.h>

#include <climits>
#include <cstring>
#include <memory>
#include <utility>

#include "codec/codec_internal.h"

namespace quiver::codec {
namespace {

// ---------------------------------------------------------------------------------------
// Raw blocks

// LZ4 block sizes travel as int; the compressor refuses inputs above LZ4_MAX_INPUT_SIZE,
// so no valid block decodes to more than that either.
constexpr uint64_t kMaxBlockInput = LZ4_MAX_INPUT_SIZE;

int64_t RawBound(int64_t input_size) { return LZ4_compressBound(static_cast<int>(input_size)); }

// Levels below LZ4HC_CLEVEL_MIN select the fast compressor (as in Arrow C++); the rest
// select LZ4 HC.
Result<int64_t> CompressBlock(CodecKind kind, std::span<const uint8_t> input, std::span<uint8_t> output, int level) {
  if (input.size() > kMaxBlockInput) return InputTooLarge(kind, input.size(), kMaxBlockInput);
  const int resolved = ResolveLevel(level, 0, LZ4HC_CLEVEL_MAX, 0);
  const int capacity = static_cast<int>(std::min<size_t>(output.size(), INT_MAX));
  uint8_t dummy = 0;
  const char* src = reinterpret_cast<const char*>(NonNull(input, &dummy));
  char* dst = reinterpret_cast<char*>(NonNull(output, &dummy));
  const int src_size = static_cast<int>(input.size());
  const int written = resolved < LZ4HC_CLEVEL_MIN ? LZ4_compress_default(src, dst, src_size, capacity)
                                                   : LZ4_compress_HC(src, dst, src_size, capacity, resolved);
  // Both report 0 for "does not fit"; the HC one also for a failed allocation, which
  // cannot happen when the output holds the bound.
  if (written <= 0) {
    if (output.size() >= static_cast<size_t>(RawBound(src_size))) {
      return CodecError(StatusCode::kOutOfMemory, kind, "compressor state could not be allocated");
    }
    return OutputTooSmall(kind, output.size());
  }
  return written;
}

// Decodes one block that must fill `output` exactly. Returns the decoded size, or a negative
// value when the block is corrupt or decodes to more than output.size() bytes.
int DecodeBlock(std::span<const uint8_t> input, std::span<uint8_t> output) {
  uint8_t dummy = 0;
  return LZ4_decompress_safe(reinterpret_cast<const char*>(NonNull(input, &dummy)),
                             reinterpret_cast<char*>(NonNull(output, &dummy)), static_cast<int>(input.size()),
                             static_cast<int>(output.size()));
}

Status DecompressRawBlock(CodecKind kind, std::span<const uint8_t> input, std::span<uint8_t> output) {
  if (input.empty()) return EmptyInput(kind);
  if (output.size() > kMaxBlockInput) {
    return CodecError(StatusCode::kInvalidInput, kind, "expected ", output.size(),
                      " bytes but an LZ4 block holds at most ", kMaxBlockInput);
  }
  if (input.size() > INT_MAX) {
    return CodecError(StatusCode::kInvalidInput, kind, "input of ", input.size(),
                      " bytes is larger than any LZ4 block of at most ", kMaxBlockInput, " bytes");
  }
  const int decoded = DecodeBlock(input, output);
  if (decoded < 0) {
    // LZ4 returns -(position of the failure) - 1 and does not distinguish corrupt data from
    // data that would overrun the output, so the message names both.
    return CodecError(StatusCode::kInvalidInput, kind, "input is not an LZ4 block of at most ", output.size(),
                      " bytes (decoding failed at input byte ", -static_cast<int64_t>(decoded) - 1, " of ",
                      input.size(), ")");
  }
  if (static_cast<size_t>(decoded) != output.size()) return SizeMismatch(kind, output.size(), decoded);
  return Status::OK();
}

class Lz4RawCodec final : public Codec {
 public:
  CodecKind kind() const override { return CodecKind::kLz4Raw; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kind(), input_size);
    if (static_cast<uint64_t>(input_size) > kMaxBlockInput) return InputTooLarge(kind(), input_size, kMaxBlockInput);
    return RawBound(input_size);
  }

  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    return CompressBlock(kind(), input, output, level);
  }

  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    return DecompressRawBlock(kind(), input, output);
  }
};

// ---------------------------------------------------------------------------------------
// Hadoop framing
//
// Hadoop's BlockCompressorStream writes, for each block, the big-endian uint32 uncompressed
// size, then one or more chunks, each a big-endian uint32 compressed size and one raw LZ4
// block, until the chunks add up to the uncompressed size. Arrow C++ and parquet-mr readers
// expect one chunk per block, which is what we write; we read the general form.
// Older Parquet C++ writers put raw LZ4 blocks, with no framing, under the same codec
// (PARQUET-1878), so input that does not parse as Hadoop framing is decoded as one raw
// block, as Arrow C++ does.

constexpr size_t kHadoopSizeBytes = 4;

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void StoreBigEndian32(uint32_t v, uint8_t* p) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

Status DecodeHadoop(std::span<const uint8_t> input, std::span<uint8_t> output) {
  constexpr CodecKind kind = CodecKind::kLz4Hadoop;
  size_t in = 0;
  size_t out = 0;
  // Every iteration consumes at least one 4-byte size, so the loops end.
  for (size_t block = 0; in < input.size(); ++block) {
    if (input.size() - in < 2 * kHadoopSizeBytes) {
      return CodecError(StatusCode::kTruncated, kind, "input ends inside the header of block ", block);
    }
    const uint32_t block_size = LoadBigEndian32(input.data() + in);
    in += kHadoopSizeBytes;
    if (block_size > output.size() - out) {
      return CodecError(StatusCode::kInvalidInput, kind, "block ", block, " declares ", block_size,
                        " bytes but only ", output.size() - out, " bytes of output remain");
    }
    const size_t block_end = out + block_size;
    do {
      if (input.size() - in < kHadoopSizeBytes) {
        return CodecError(StatusCode::kTruncated, kind, "input ends inside the header of block ", block);
      }
      const uint32_t chunk_size = LoadBigEndian32(input.data() + in);
      in += kHadoopSizeBytes;
      if (chunk_size > input.size() - in) {
        return CodecError(StatusCode::kTruncated, kind, "block ", block, " needs ", chunk_size,
                          " compressed bytes but the input holds ", input.size() - in, " more");
      }
      // Sizes travel as uint32 but LZ4 counts in int; no chunk is larger than an LZ4 block.
      if (chunk_size > INT_MAX) {
        return CodecError(StatusCode::kInvalidInput, kind, "block ", block, " has a chunk of ", chunk_size,
                          " bytes, larger than any LZ4 block");
      }
      const size_t room = std::min<size_t>(block_end - out, kMaxBlockInput);
      const int decoded = DecodeBlock(input.subspan(in, chunk_size), output.subspan(out, room));
      if (decoded < 0) {
        return CodecError(StatusCode::kInvalidInput, kind, "block ", block, " is not an LZ4 block of at most ", room,
                          " bytes");
      }
      in += chunk_size;
      out += static_cast<size_t>(decoded);
    } while (out < block_end);
  }
  if (out != output.size()) return SizeMismatch(kind, output.size(), out);
  return Status::OK();
}

class Lz4HadoopCodec final : public Codec {
 public:
  CodecKind kind() const override { return CodecKind::kLz4Hadoop; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kind(), input_size);
    if (static_cast<uint64_t>(input_size) > kMaxBlockInput) return InputTooLarge(kind(), input_size, kMaxBlockInput);
    return 2 * static_cast<int64_t>(kHadoopSizeBytes) + RawBound(input_size);
  }

  // One block of one chunk, like Arrow C++.
  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    if (input.size() > kMaxBlockInput) return InputTooLarge(kind(), input.size(), kMaxBlockInput);
    if (output.size() < 2 * kHadoopSizeBytes) return OutputTooSmall(kind(), output.size());
    Result<int64_t> block = CompressBlock(kind(), input, output.subspan(2 * kHadoopSizeBytes), level);
    if (!block.ok()) {
      // Name the caller's output, not the part of it after the header.
      if (block.status().code() == StatusCode::kInvalidArgument) return OutputTooSmall(kind(), output.size());
      return std::move(block).status();
    }
    const int64_t written = *block;
    StoreBigEndian32(static_cast<uint32_t>(input.size()), output.data());
    StoreBigEndian32(static_cast<uint32_t>(written), output.data() + kHadoopSizeBytes);
    return written + 2 * static_cast<int64_t>(kHadoopSizeBytes);
  }

  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    Status hadoop = DecodeHadoop(input, output);
    if (hadoop.ok()) return hadoop;
    if (DecompressRawBlock(kind(), input, output).ok()) return Status::OK();
    // Report the Hadoop reading (the current format), keeping its code so that truncated
    // framing stays kTruncated.
    return Status(hadoop.code(), internal::StrCat(hadoop.message(), "; nor is the input a raw LZ4 block of ",
                                                  output.size(), " bytes"));
  }
};

// ---------------------------------------------------------------------------------------
// Frame format

// LZ4F_compressFrameBound is computed in size_t; beyond this it could wrap on 32-bit WASM.
// The frame overhead is a few bytes per 64 KiB block, far below a factor of two.
constexpr uint64_t kMaxFrameInput = kMaxSize / 2;

// The frame magic number and the skippable-frame magic (low nibble free), little-endian.
constexpr uint8_t kFrameMagic[4] = {0x04, 0x22, 0x4D, 0x18};
constexpr uint8_t kSkippableMagic[4] = {0x50, 0x2A, 0x4D, 0x18};

LZ4F_preferences_t FramePreferences(int level, size_t input_size) {
  LZ4F_preferences_t prefs;
  std::memset(&prefs, 0, sizeof(prefs));
  // Negative levels ask for acceleration -level + 1; bound them so that stays an int.
  prefs.compressionLevel = ResolveLevel(level, -65536, LZ4HC_CLEVEL_MAX, 0);
  // The content size lets a reader check the expected size before decoding (we do).
  prefs.frameInfo.contentSize = input_size;
  return prefs;
}

// True when `tail`, shorter than the 5 bytes LZ4F needs before it looks at the magic number,
// could still be the start of a frame, so that the input counts as truncated, not invalid.
bool CouldStartFrame(std::span<const uint8_t> tail) {
  bool frame = true;
  bool skippable = true;
  for (size_t i = 0; i < tail.size() && i < 4; ++i) {
    frame = frame && tail[i] == kFrameMagic[i];
    skippable = skippable && (i == 0 ? (tail[0] & 0xF0) == kSkippableMagic[0] : tail[i] == kSkippableMagic[i]);
  }
  return frame || skippable;
}

struct DctxDeleter {
  void operator()(LZ4F_dctx* dctx) const { LZ4F_freeDecompressionContext(dctx); }
};

class Lz4FrameCodec final : public Codec {
 public:
  CodecKind kind() const override { return CodecKind::kLz4Frame; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kind(), input_size);
    if (static_cast<uint64_t>(input_size) > kMaxFrameInput) return InputTooLarge(kind(), input_size, kMaxFrameInput);
    const LZ4F_preferences_t prefs = FramePreferences(kDefaultLevel, static_cast<size_t>(input_size));
    return static_cast<int64_t>(LZ4F_compressFrameBound(static_cast<size_t>(input_size), &prefs));
  }

  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    QUIVER_ASSIGN_OR_RETURN(const int64_t bound, MaxCompressedLength(static_cast<int64_t>(input.size())));
    // LZ4F_compressFrame refuses any output below the bound, so say so with the numbers.
    if (output.size() < static_cast<uint64_t>(bound)) return OutputBelowBound(kind(), output.size(), bound);
    const LZ4F_preferences_t prefs = FramePreferences(level, input.size());
    uint8_t dummy = 0;
    const size_t written =
        LZ4F_compressFrame(output.data(), output.size(), NonNull(input, &dummy), input.size(), &prefs);
    if (LZ4F_isError(written)) {
      if (LZ4F_getErrorCode(written) == LZ4F_ERROR_allocation_failed) {
        return CodecError(StatusCode::kOutOfMemory, kind(), "compressor state could not be allocated");
      }
      return CodecError(StatusCode::kInternal, kind(), "compression failed (", LZ4F_getErrorName(written), ")");
    }
    return static_cast<int64_t>(written);
  }

  // Decodes one frame after another (the format allows concatenation) until the input ends.
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    if (input.empty()) return EmptyInput(kind());
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
      return CodecError(StatusCode::kOutOfMemory, kind(), "decompression context could not be allocated");
    }
    std::unique_ptr<LZ4F_dctx, DctxDeleter> dctx(raw);
    // The output is one stable buffer, so linked blocks can use it as their dictionary
    // instead of copying into the context. The context's own buffers are bounded by the
    // largest block size (4 MiB), whatever the frame declares.
    LZ4F_decompressOptions_t options;
    std::memset(&options, 0, sizeof(options));
    options.stableDst = 1;
    uint8_t dummy = 0;
    uint8_t* dst = NonNull(output, &dummy);
    size_t in = 0;
    size_t out = 0;
    size_t frame = 0;
    bool at_frame_start = true;
    while (in < input.size()) {
      if (at_frame_start) {
        QUIVER_RETURN_IF_ERROR(CheckFrameHeader(dctx.get(), input, &in, output.size() - out, frame));
        at_frame_start = false;
        if (in == input.size()) break;
      }
      size_t src_size = input.size() - in;
      size_t dst_size = output.size() - out;
      const size_t hint = LZ4F_decompress(dctx.get(), dst + out, &dst_size, input.data() + in, &src_size, &options);
      if (LZ4F_isError(hint)) return DecodeError(hint, frame, in);
      in += src_size;
      out += dst_size;
      if (hint == 0) {
        at_frame_start = true;
        ++frame;
      } else if (src_size == 0 && dst_size == 0) {
        // With input left, LZ4F stops without progress only when it holds decoded bytes
        // and the output is full.
        if (out == output.size()) return TooMuchOutput(kind(), output.size());
        return CodecError(StatusCode::kInternal, kind(), "LZ4F made no progress in frame ", frame);
      }
    }
    if (!at_frame_start) {
      return CodecError(StatusCode::kTruncated, kind(), "input ends inside frame ", frame, " after ", out,
                        " bytes of output");
    }
    if (out != output.size()) return SizeMismatch(kind(), output.size(), out);
    return Status::OK();
  }

 private:
  // Reads the header of the frame at input[*in] and rejects a declared content size larger
  // than the output that remains, before decoding anything.
  Status CheckFrameHeader(LZ4F_dctx* dctx, std::span<const uint8_t> input, size_t* in, size_t remaining,
                          size_t frame) const {
    const std::span<const uint8_t> rest = input.subspan(*in);
    LZ4F_frameInfo_t info;
    std::memset(&info, 0, sizeof(info));
    size_t consumed = rest.size();
    const size_t r = LZ4F_getFrameInfo(dctx, &info, rest.data(), &consumed);
    if (LZ4F_isError(r)) {
      if (LZ4F_getErrorCode(r) == LZ4F_ERROR_frameHeader_incomplete && (rest.size() >= 5 || CouldStartFrame(rest))) {
        return CodecError(StatusCode::kTruncated, kind(), "input ends inside the header of frame ", frame);
      }
      return CodecError(StatusCode::kInvalidInput, kind(), "invalid header for frame ", frame, " at input byte ",
                        *in, " (", LZ4F_getErrorName(r), ")");
    }
    *in += consumed;
    if (info.frameType == LZ4F_frame && info.contentSize > remaining) {
      if (frame == 0) {
        return CodecError(StatusCode::kInvalidInput, kind(), "frame header declares ", info.contentSize,
                          " bytes but ", remaining, " are expected");
      }
      return CodecError(StatusCode::kInvalidInput, kind(), "frame ", frame, " header declares ", info.contentSize,
                        " bytes but only ", remaining, " bytes of output remain");
    }
    return Status::OK();
  }

  Status DecodeError(size_t error, size_t frame, size_t in) const {
    if (LZ4F_getErrorCode(error) == LZ4F_ERROR_allocation_failed) {
      return CodecError(StatusCode::kOutOfMemory, kind(), "decompression buffers could not be allocated");
    }
    return CodecError(StatusCode::kInvalidInput, kind(), "frame ", frame, " is corrupt near input byte ", in, " (",
                      LZ4F_getErrorName(error), ")");
  }
};

}  // namespace

const Codec* Lz4FrameCodecInstance() {
  static const Lz4FrameCodec codec;
  return &codec;
}

const Codec* Lz4RawCodecInstance() {
  static const Lz4RawCodec codec;
  return &codec;
}

const Codec* Lz4HadoopCodecInstance() {
  static const Lz4HadoopCodec codec;
  return &codec;
}

}  // namespace quiver::codec

#endif  // QUIVER_WITH_LZ4
