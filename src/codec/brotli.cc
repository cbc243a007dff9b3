// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Brotli streams (RFC 7932; Parquet BROTLI).
#if QUIVER_WITH_BROTLI

#include <brotli/decode.h>
#include <brotli/encode.h>

#include <memory>

#include "codec/codec_internal.h"

namespace quiver::codec {
namespace {

constexpr CodecKind kKind = CodecKind::kBrotli;

// The library default, 11, compresses at well under 1 MB/s; 8 is what Arrow C++ uses.
constexpr int kDefaultQuality = 8;

// BrotliEncoderMaxCompressedSize adds about 1/4096 to the input; halving the range keeps
// the bound inside size_t (32 bits in WASM) and int64_t.
constexpr uint64_t kMaxInput = kMaxSize / 2;

struct DecoderDeleter {
  void operator()(BrotliDecoderState* s) const { BrotliDecoderDestroyInstance(s); }
};

class BrotliCodec final : public Codec {
 public:
  CodecKind kind() const override { return kKind; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kKind, input_size);
    if (static_cast<uint64_t>(input_size) > kMaxInput) return InputTooLarge(kKind, input_size, kMaxInput);
    return static_cast<int64_t>(BrotliEncoderMaxCompressedSize(static_cast<size_t>(input_size)));
  }

  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    QUIVER_ASSIGN_OR_RETURN(const int64_t bound, MaxCompressedLength(static_cast<int64_t>(input.size())));
    const int quality = ResolveLevel(level, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY, kDefaultQuality);
    uint8_t dummy = 0;
    size_t written = output.size();
    if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_DEFAULT_MODE, input.size(),
                               NonNull(input, &dummy), &written, NonNull(output, &dummy))) {
      // The library reports no reason. With room for the bound it falls back to storing the
      // input uncompressed, so a failure then can only be a failed allocation.
      if (output.size() < static_cast<uint64_t>(bound)) return OutputTooSmall(kKind, output.size());
      return CodecError(StatusCode::kOutOfMemory, kKind, "encoder state could not be allocated");
    }
    return static_cast<int64_t>(written);
  }

  // The decoder's allocations are bounded by the largest window the format allows without
  // the large-window extension (16 MiB), which we do not enable.
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    if (input.empty()) return EmptyInput(kKind);
    std::unique_ptr<BrotliDecoderState, DecoderDeleter> state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
    if (!state) return CodecError(StatusCode::kOutOfMemory, kKind, "decoder state could not be allocated");
    uint8_t dummy = 0;
    size_t avail_in = input.size();
    const uint8_t* next_in = input.data();
    size_t avail_out = output.size();
    // Never null: a null *next_out asks the decoder for a pointer into its own buffer.
    uint8_t* next_out = NonNull(output, &dummy);
    for (;;) {
      const size_t in_before = avail_in;
      const size_t out_before = avail_out;
      const BrotliDecoderResult result =
          BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
      switch (result) {
        case BROTLI_DECODER_RESULT_SUCCESS:
          if (avail_in != 0) {
            return CodecError(StatusCode::kInvalidInput, kKind, "the stream ends at input byte ",
                              input.size() - avail_in, " of ", input.size());
          }
          if (avail_out != 0) return SizeMismatch(kKind, output.size(), output.size() - avail_out);
          return Status::OK();
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
          return CodecError(StatusCode::kTruncated, kKind, "input ends before the end of the stream, after ",
                            output.size() - avail_out, " bytes of output");
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
          if (avail_out == 0) return TooMuchOutput(kKind, output.size());
          // The decoder returns only when stuck, so this cannot repeat; the check keeps
          // the loop finite whatever the library does.
          if (avail_in == in_before && avail_out == out_before) {
            return CodecError(StatusCode::kInternal, kKind, "decoder made no progress");
          }
          continue;
        case BROTLI_DECODER_RESULT_ERROR:
        default: {
          const BrotliDecoderErrorCode code = BrotliDecoderGetErrorCode(state.get());
          // The allocation errors are the codes from -21 down to -30.
          if (code <= BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES && code >= BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES) {
            return CodecError(StatusCode::kOutOfMemory, kKind, "decoder could not allocate its buffers (",
                              BrotliDecoderErrorString(code), ")");
          }
          return CodecError(StatusCode::kInvalidInput, kKind, "input is corrupt near byte ", input.size() - avail_in,
                            " (", BrotliDecoderErrorString(code), ")");
        }
      }
    }
  }
};

}  // namespace

const Codec* BrotliCodecInstance() {
  static const BrotliCodec codec;
  return &codec;
}

}  // namespace quiver::codec

#endif  // QUIVER_WITH_BROTLI
