// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "quiver/arrow/buffer.h"
#include "quiver/limits.h"
#include "quiver/result.h"

namespace quiver::codec {

/// The compression formats Quiver knows. Each is optional at build time.
enum class CodecKind : uint8_t {
  /// LZ4 frame format (lz4frame.h). Arrow IPC body compression LZ4_FRAME.
  kLz4Frame,
  /// LZ4 raw block, no framing. Parquet LZ4_RAW.
  kLz4Raw,
  /// LZ4 blocks in Hadoop framing (big-endian uncompressed and compressed sizes before each
  /// block). Parquet's deprecated LZ4 codec as written by parquet-mr.
  kLz4Hadoop,
  /// Zstandard frame. Arrow IPC ZSTD and Parquet ZSTD.
  kZstd,
  /// Snappy raw format. Parquet SNAPPY.
  kSnappy,
  /// gzip (RFC 1952) wrapper around deflate. Parquet GZIP.
  kGzip,
  /// Brotli stream. Parquet BROTLI.
  kBrotli,
};

/// Stable lower-case name ("lz4_frame", "zstd", ...).
std::string_view CodecName(CodecKind kind);

/// One compression format. Implementations are stateless and thread-safe.
class Codec {
 public:
  virtual ~Codec() = default;
  virtual CodecKind kind() const = 0;

  /// Upper bound of the compressed size of `input_size` bytes; Compress into a destination
  /// of this size cannot run out of room. Errors: kLimitExceeded when the input is too large
  /// for the format, kInvalidArgument for a negative size.
  virtual Result<int64_t> MaxCompressedLength(int64_t input_size) const = 0;

  /// Compresses `input` into `output` and returns the compressed size. `level` is the
  /// codec's own level scale; kDefaultLevel picks the codec's default, and levels outside
  /// the scale are clamped into it (lz4_frame -65536..12, lz4_raw and lz4_hadoop 0..12 with
  /// LZ4 HC from 3, zstd ZSTD_minCLevel()..22, gzip 0..9, brotli 0..11; snappy has none).
  /// Errors: kInvalidArgument when `output` is smaller than needed (lz4_frame and snappy
  /// need MaxCompressedLength up front), kLimitExceeded as MaxCompressedLength.
  virtual Result<int64_t> Compress(std::span<const uint8_t> input, std::span<uint8_t> output,
                                   int level) const = 0;

  /// Decompresses `input` into `output`, which must be exactly the uncompressed size: the
  /// call fails unless the input decodes to exactly output.size() bytes and is consumed
  /// whole. Never writes outside `output`, never allocates in proportion to anything the
  /// input declares, and always terminates.
  /// Errors: kInvalidInput (corrupt data, or a size other than expected), kTruncated (the
  /// input ends before the data does), kUnsupported (a zstd or zlib preset dictionary),
  /// kOutOfMemory (the library's own bounded state could not be allocated).
  virtual Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const = 0;

  static constexpr int kDefaultLevel = INT32_MIN;
};

/// The codec for `kind`, a singleton that lives as long as the program.
/// Errors: kUnsupported when this build leaves it out, kInvalidArgument for a value that
/// is not a CodecKind.
Result<const Codec*> GetCodec(CodecKind kind);

/// True when this build includes `kind`.
bool IsAvailable(CodecKind kind);

/// Compresses `input` into a new buffer of exactly the compressed size.
Result<std::shared_ptr<Buffer>> CompressToBuffer(const Codec& codec, std::span<const uint8_t> input,
                                                 int level = Codec::kDefaultLevel,
                                                 MemoryPool* pool = DefaultMemoryPool());

/// Decompresses into a new buffer of `uncompressed_size` bytes. The size is checked
/// against `limits.max_decompressed_size` before anything is allocated.
/// Errors: kLimitExceeded, kInvalidInput for a negative size, and those of Decompress.
Result<std::shared_ptr<Buffer>> DecompressToBuffer(const Codec& codec, std::span<const uint8_t> input,
                                                   int64_t uncompressed_size, const Limits& limits = kDefaultLimits,
                                                   MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver::codec
