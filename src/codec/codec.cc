// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/codec/codec.h"

#include <cstring>

#include "codec/codec_internal.h"
#include "core/str_cat.h"

namespace quiver::codec {
namespace {

// The singleton for `kind`, or null when this build leaves the codec out.
const Codec* Lookup(CodecKind kind) {
  switch (kind) {
#if QUIVER_WITH_LZ4
    case CodecKind::kLz4Frame: return Lz4FrameCodecInstance();
    case CodecKind::kLz4Raw: return Lz4RawCodecInstance();
    case CodecKind::kLz4Hadoop: return Lz4HadoopCodecInstance();
#endif
#if QUIVER_WITH_ZSTD
    case CodecKind::kZstd: return ZstdCodecInstance();
#endif
#if QUIVER_WITH_SNAPPY
    case CodecKind::kSnappy: return SnappyCodecInstance();
#endif
#if QUIVER_WITH_ZLIB
    case CodecKind::kGzip: return GzipCodecInstance();
#endif
#if QUIVER_WITH_BROTLI
    case CodecKind::kBrotli: return BrotliCodecInstance();
#endif
    default: return nullptr;
  }
}

bool IsKnown(CodecKind kind) { return static_cast<uint8_t>(kind) <= static_cast<uint8_t>(CodecKind::kBrotli); }

}  // namespace

std::string_view CodecName(CodecKind kind) {
  switch (kind) {
    case CodecKind::kLz4Frame: return "lz4_frame";
    case CodecKind::kLz4Raw: return "lz4_raw";
    case CodecKind::kLz4Hadoop: return "lz4_hadoop";
    case CodecKind::kZstd: return "zstd";
    case CodecKind::kSnappy: return "snappy";
    case CodecKind::kGzip: return "gzip";
    case CodecKind::kBrotli: return "brotli";
  }
  return "unknown";
}

Result<const Codec*> GetCodec(CodecKind kind) {
  if (!IsKnown(kind)) {
    return Status::InvalidArgument(internal::StrCat("unknown codec kind ", static_cast<int>(kind)));
  }
  const Codec* codec = Lookup(kind);
  if (codec == nullptr) {
    return Status::Unsupported(
        internal::StrCat("codec ", internal::Quoted(CodecName(kind)), " is not included in this build"));
  }
  return codec;
}

bool IsAvailable(CodecKind kind) { return Lookup(kind) != nullptr; }

Result<std::shared_ptr<Buffer>> CompressToBuffer(const Codec& codec, std::span<const uint8_t> input, int level,
                                                 MemoryPool* pool) {
  QUIVER_ASSIGN_OR_RETURN(const int64_t bound, codec.MaxCompressedLength(static_cast<int64_t>(input.size())));
  // Compress into scratch room of the bound, then copy into a buffer of the exact size:
  // the bound can be far larger than the result, and a Buffer cannot shrink in place.
  QUIVER_ASSIGN_OR_RETURN(uint8_t* scratch, pool->Allocate(bound));
  struct Scratch {
    MemoryPool* pool;
    uint8_t* data;
    int64_t size;
    ~Scratch() { pool->Free(data, size); }
  } owner{pool, scratch, bound};
  QUIVER_ASSIGN_OR_RETURN(const int64_t size,
                          codec.Compress(input, {scratch, static_cast<size_t>(bound)}, level));
  QUIVER_ASSIGN_OR_RETURN(auto buffer, Buffer::Allocate(size, pool));
  if (size > 0) std::memcpy(buffer->mutable_data(), scratch, static_cast<size_t>(size));
  return buffer;
}

Result<std::shared_ptr<Buffer>> DecompressToBuffer(const Codec& codec, std::span<const uint8_t> input,
                                                   int64_t uncompressed_size, const Limits& limits,
                                                   MemoryPool* pool) {
  // Both checks come before the allocation: the size comes from the file, not from the data.
  if (uncompressed_size < 0) {
    return CodecError(StatusCode::kInvalidInput, codec.kind(), "expected a non-negative uncompressed size but found ",
                      uncompressed_size);
  }
  if (uncompressed_size > limits.max_decompressed_size) {
    return CodecError(StatusCode::kLimitExceeded, codec.kind(), "uncompressed size ", uncompressed_size,
                      " exceeds the limit of ", limits.max_decompressed_size,
                      " bytes (Limits::max_decompressed_size)");
  }
  if (static_cast<uint64_t>(uncompressed_size) > kMaxSize) {
    return CodecError(StatusCode::kLimitExceeded, codec.kind(), "uncompressed size ", uncompressed_size,
                      " exceeds the address space of ", kMaxSize, " bytes");
  }
  QUIVER_ASSIGN_OR_RETURN(auto buffer, Buffer::Allocate(uncompressed_size, pool));
  QUIVER_RETURN_IF_ERROR(
      codec.Decompress(input, {buffer->mutable_data(), static_cast<size_t>(uncompressed_size)}));
  return buffer;
}

}  // namespace quiver::codec
