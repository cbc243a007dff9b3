// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// gzip (RFC 1952) through zlib (Parquet GZIP). Decompression also accepts zlib-wrapped
// (RFC 1950) streams, which some writers put under the GZIP codec.
#if QUIVER_WITH_ZLIB

#define ZLIB_CONST
#include <zlib.h>

#include <climits>
#include <memory>

#include "codec/codec_internal.h"

namespace quiver::codec {
namespace {

constexpr CodecKind kKind = CodecKind::kGzip;

// windowBits 15 (the largest window) plus 16: write a gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
// windowBits 15 plus 32: detect a gzip or a zlib wrapper.
constexpr int kAutoWindowBits = 15 + 32;
constexpr int kMemLevel = 8;
// The gzip wrapper: a 10-byte header without optional fields and an 8-byte trailer.
constexpr uint64_t kGzipWrapperBytes = 18;

// zlib counts in uInt (32 bits), so longer buffers are fed in pieces.
uInt Piece(size_t remaining) { return static_cast<uInt>(std::min<size_t>(remaining, UINT_MAX)); }

// deflateBound's bound for unknown parameters, which holds for every level and strategy,
// plus the gzip wrapper. Precondition: no overflow (see MaxCompressedLength).
uint64_t Bound(uint64_t n) { return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + kGzipWrapperBytes; }

// The largest input whose bound fits both size_t and int64_t (the bound is below 1.15 n + 30).
constexpr uint64_t kMaxInput = (kMaxSize - 64) / 8 * 6;

struct DeflateEnd {
  void operator()(z_stream* s) const { deflateEnd(s); }
};
struct InflateEnd {
  void operator()(z_stream* s) const { inflateEnd(s); }
};

const char* ZlibMessage(const z_stream& stream, int ret) {
  if (stream.msg != nullptr) return stream.msg;
  return zError(ret);
}

class GzipCodec final : public Codec {
 public:
  CodecKind kind() const override { return kKind; }

  Result<int64_t> MaxCompressedLength(int64_t input_size) const override {
    if (input_size < 0) return NegativeInputSize(kKind, input_size);
    if (static_cast<uint64_t>(input_size) > kMaxInput) return InputTooLarge(kKind, input_size, kMaxInput);
    return static_cast<int64_t>(Bound(static_cast<uint64_t>(input_size)));
  }

  Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output, int level) const override {
    if (input.size() > kMaxInput) return InputTooLarge(kKind, input.size(), kMaxInput);
    const int resolved = ResolveLevel(level, 0, 9, Z_DEFAULT_COMPRESSION);
    z_stream stream{};
    int ret = deflateInit2(&stream, resolved, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY);
    if (ret != Z_OK) {
      if (ret == Z_MEM_ERROR) return CodecError(StatusCode::kOutOfMemory, kKind, "deflate state could not be allocated");
      return CodecError(StatusCode::kInternal, kKind, "deflateInit2 failed (", ZlibMessage(stream, ret), ")");
    }
    std::unique_ptr<z_stream, DeflateEnd> end(&stream);
    uint8_t dummy = 0;
    const uint8_t* src = NonNull(input, &dummy);
    uint8_t* dst = NonNull(output, &dummy);
    size_t in = 0;
    size_t out = 0;
    for (;;) {
      stream.next_in = src + in;
      stream.avail_in = Piece(input.size() - in);
      stream.next_out = dst + out;
      stream.avail_out = Piece(output.size() - out);
      const bool last = stream.avail_in == input.size() - in;
      ret = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      const size_t consumed = static_cast<size_t>(stream.next_in - (src + in));
      const size_t produced = static_cast<size_t>(stream.next_out - (dst + out));
      in += consumed;
      out += produced;
      if (ret == Z_STREAM_END) break;
      if (ret != Z_OK && ret != Z_BUF_ERROR) {
        return CodecError(StatusCode::kInternal, kKind, "deflate failed (", ZlibMessage(stream, ret), ")");
      }
      // With room left, deflate always makes progress; without it, the output is too small.
      if (out == output.size() || (consumed == 0 && produced == 0)) return OutputTooSmall(kKind, output.size());
    }
    return static_cast<int64_t>(out);
  }

  // Decodes one gzip member after another (RFC 1952 allows several, and gunzip reads them
  // all) until the input ends. zlib's state and 32 KiB window are its only allocations.
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const override {
    if (input.empty()) return EmptyInput(kKind);
    z_stream stream{};
    int ret = inflateInit2(&stream, kAutoWindowBits);
    if (ret != Z_OK) {
      if (ret == Z_MEM_ERROR) return CodecError(StatusCode::kOutOfMemory, kKind, "inflate state could not be allocated");
      return CodecError(StatusCode::kInternal, kKind, "inflateInit2 failed (", ZlibMessage(stream, ret), ")");
    }
    std::unique_ptr<z_stream, InflateEnd> end(&stream);
    uint8_t dummy = 0;
    uint8_t* dst = NonNull(output, &dummy);
    size_t in = 0;
    size_t out = 0;
    size_t member = 0;
    for (;;) {
      stream.next_in = input.data() + in;
      stream.avail_in = Piece(input.size() - in);
      stream.next_out = dst + out;
      stream.avail_out = Piece(output.size() - out);
      ret = inflate(&stream, Z_NO_FLUSH);
      const size_t consumed = static_cast<size_t>(stream.next_in - (input.data() + in));
      const size_t produced = static_cast<size_t>(stream.next_out - (dst + out));
      in += consumed;
      out += produced;
      switch (ret) {
        case Z_STREAM_END:
          if (in == input.size()) {
            if (out != output.size()) return SizeMismatch(kKind, output.size(), out);
            return Status::OK();
          }
          // Another member follows. inflateReset keeps the allocations.
          ++member;
          if (inflateReset(&stream) != Z_OK) {
            return CodecError(StatusCode::kInternal, kKind, "inflateReset failed");
          }
          continue;
        case Z_OK:
          // Z_OK means progress; a call that cannot progress returns Z_BUF_ERROR.
          if (consumed == 0 && produced == 0) {
            return CodecError(StatusCode::kInternal, kKind, "inflate made no progress");
          }
          continue;
        case Z_BUF_ERROR:
          // Stuck: either the input ran out, or the output is full. When both, the stream
          // needs more input before it could say whether more output follows.
          if (in == input.size()) {
            return CodecError(StatusCode::kTruncated, kKind, "input ends inside member ", member, " after ", out,
                              " bytes of output");
          }
          return TooMuchOutput(kKind, output.size());
        case Z_NEED_DICT:
          return CodecError(StatusCode::kUnsupported, kKind, "member ", member,
                            " needs a preset dictionary, which is not supported");
        case Z_MEM_ERROR:
          return CodecError(StatusCode::kOutOfMemory, kKind, "inflate state could not be allocated");
        case Z_DATA_ERROR:
          return CodecError(StatusCode::kInvalidInput, kKind, "member ", member, " is corrupt near input byte ", in,
                            " (", ZlibMessage(stream, ret), ")");
        default:
          return CodecError(StatusCode::kInternal, kKind, "inflate failed (", ZlibMessage(stream, ret), ")");
      }
    }
  }
};

}  // namespace

const Codec* GzipCodecInstance() {
  static const GzipCodec codec;
  return &codec;
}

}  // namespace quiver::codec

#endif  // QUIVER_WITH_ZLIB
