// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Zstandard frames (Arrow IPC ZSTD, Parquet ZSTD).
#if QUIVER_WITH_ZSTD

// ZSTD_getFrameHeader sits in zstd.h's experimental section, but libzstd has exported it
// unchanged since 1.3, and the WASM build compiles the library from the same sources.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>

#include <memory>

#include "codec/codec_internal.h"

namespace quiver::codec {
namespace {

constexpr CodecKind kKind = CodecKind::kZstd;

struct DctxDeleter {
  void operator()(ZSTD_DCtx* dctx) const { ZSTD_freeDCtx(dctx); }
};

// Walks the frames of `input` through their frame and block headers only, without decoding,
// so that truncation is told apart from corruption and declared sizes are checked before
// any decoding. Frames may be concatenated, and skippable frames add no output.
Status CheckFrames(std::span<const uint8_t> input, size_t expected) {
  size_t in = 0;
  uint64_t declared = 0;
  bool all_declared = true;
  size_t frame = 0;
  for (; in < input.size(); ++frame) {
    const std::span<const uint8_t> rest = input.subspan(in);
    ZSTD_frameHeader header;
    const size_t r = ZSTD_getFrameHeader(&header, rest.data(), rest.size());
    if (ZSTD_isError(r)) {
      return CodecError(StatusCode::kInvalidInput, kKind, "invalid header for frame ", frame, " at input byte ", in,
                        " (", ZSTD_getErrorName(r), ")");
    }
    // A positive result is the header size still needed; a prefix of the magic number
    // already counts, since the library rejects any other short input above.
    if (r > 0) return CodecError(StatusCode::kTruncated, kKind, "input ends inside the header of frame ", frame);
    if (header.frameType == ZSTD_frame) {
      if (header.dictID != 0) {
        return CodecError(StatusCode::kUnsupported, kKind, "frame ", frame, " needs dictionary ", header.dictID,
                          ", and dictionaries are not supported");
      }
      if (header.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN) {
        all_declared = false;
      } else {
        // declared <= expected holds here, so the subtraction cannot wrap.
        const uint64_t remaining = expected - declared;
        if (header.frameContentSize > remaining) {
          if (frame == 0) {
            return CodecError(StatusCode::kInvalidInput, kKind, "frame header declares ", header.frameContentSize,
                              " bytes but ", expected, " are expected");
          }
          return CodecError(StatusCode::kInvalidInput, kKind, "frame ", frame, " header declares ",
                            header.frameContentSize, " bytes but only ", remaining, " bytes of output remain");
        }
        declared += header.frameContentSize;
      }
    }
    const size_t frame_size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    if (ZSTD_isError(frame_size)) {
      if (ZSTD_getErrorCode(frame_size) == ZSTD_error_srcSize_wrong) {
        return CodecError(StatusCode::kTruncated, kKind, "input ends inside frame ", frame);
      }
      return CodecError(StatusCode::kInvalidInput, kKind, "frame ", frame, " is corrupt (",
                        ZSTD_getErrorName(frame_size), ")");
    }
    if (frame_size == 0 || frame_size > rest.size()) {
      return CodecError(StatusCode::kInternal, kKind, "frame ", frame, " has an impossible size of ", frame_size);
    }
    in += frame_size;
  }
  if (all_declared && declared != expected) {
    if (frame == 1) {
      return CodecError(StatusCode::kInvalidInput, kKind, "frame header declares ", declared, " bytes but ", expected,
                        " are expected");
    }
    return CodecError(StatusCode::kInvalidInput, kKind, "frame headers declare ", declared, " bytes in total but ",
                      expected, " are expected");
  }
  return Status::OK();
}

class ZstdCodec final : public Codec {
 public:
  CodecKind kind() const override { return kKind; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kKind, input_size);
    const uint64_t max = std::min<uint64_t>(kMaxSize / 2, ZSTD_MAX_INPUT_SIZE - 1);
    // The bound is input + input/256 + a little; halving the range keeps it in size_t.
    if (static_cast<uint64_t>(input_size) > max) return InputTooLarge(kKind, input_size, max);
    const size_t bound = ZSTD_compressBound(static_cast<size_t>(input_size));
    if (ZSTD_isError(bound)) return InputTooLarge(kKind, input_size, max);
    return static_cast<int64_t>(bound);
  }

  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    QUIVER_RETURN_IF_ERROR(MaxCompressedLength(static_cast<int64_t>(input.size())).status());
    const int resolved = ResolveLevel(level, ZSTD_minCLevel(), ZSTD_maxCLevel(), ZSTD_CLEVEL_DEFAULT);
    uint8_t dummy = 0;
    const size_t written =
        ZSTD_compress(NonNull(output, &dummy), output.size(), NonNull(input, &dummy), input.size(), resolved);
    if (ZSTD_isError(written)) {
      switch (ZSTD_getErrorCode(written)) {
        case ZSTD_error_dstSize_tooSmall: return OutputTooSmall(kKind, output.size());
        case ZSTD_error_memory_allocation:
          return CodecError(StatusCode::kOutOfMemory, kKind, "compressor state could not be allocated");
        default:
          return CodecError(StatusCode::kInternal, kKind, "compression failed (", ZSTD_getErrorName(written), ")");
      }
    }
    return static_cast<int64_t>(written);
  }

  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    if (input.empty()) return EmptyInput(kKind);
    QUIVER_RETURN_IF_ERROR(CheckFrames(input, output.size()));
    // The one-shot decoder writes straight into the output and needs no window buffer, so
    // its memory use is the fixed context whatever window size a frame declares.
    std::unique_ptr<ZSTD_DCtx, DctxDeleter> dctx(ZSTD_createDCtx());
    if (!dctx) return CodecError(StatusCode::kOutOfMemory, kKind, "decompression context could not be allocated");
    uint8_t dummy = 0;
    const size_t decoded =
        ZSTD_decompressDCtx(dctx.get(), NonNull(output, &dummy), output.size(), input.data(), input.size());
    if (ZSTD_isError(decoded)) {
      switch (ZSTD_getErrorCode(decoded)) {
        case ZSTD_error_dstSize_tooSmall: return TooMuchOutput(kKind, output.size());
        case ZSTD_error_srcSize_wrong:
          return CodecError(StatusCode::kTruncated, kKind, "input ends before the end of the data");
        case ZSTD_error_memory_allocation:
          return CodecError(StatusCode::kOutOfMemory, kKind, "decompression context could not be allocated");
        default:
          return CodecError(StatusCode::kInvalidInput, kKind, "input is corrupt (", ZSTD_getErrorName(decoded), ")");
      }
    }
    if (decoded != output.size()) return SizeMismatch(kKind, output.size(), decoded);
    return Status::OK();
  }
};

}  // namespace

const Codec* ZstdCodecInstance() {
  static const ZstdCodec codec;
  return &codec;
}

}  // namespace quiver::codec

#endif  // QUIVER_WITH_ZSTD
