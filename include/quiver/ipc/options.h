// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#pragma once

#include <cstdint>

#include "quiver/arrow/memory_pool.h"
#include "quiver/arrow/type.h"
#include "quiver/codec/codec.h"
#include "quiver/limits.h"
#include "quiver/status.h"

namespace quiver::ipc {

/// Body compression of record batch and dictionary messages (Arrow BodyCompression).
enum class Compression : uint8_t {
  /// Buffers are stored as they are; reads are zero-copy.
  kNone,
  /// Each buffer is one LZ4 frame (CompressionType LZ4_FRAME).
  kLz4Frame,
  /// Each buffer is one Zstandard frame (CompressionType ZSTD).
  kZstd,
};

/// Options for WriteStream, WriteFile, StreamWriter and FileWriter. A plain struct:
/// `ipc::WriteOptions{.compression = ipc::Compression::kZstd}`.
struct WriteOptions {
  /// Alignment of every body buffer and of every message body, in bytes: 8 (the format's
  /// minimum) or 64 (the recommended alignment for SIMD; larger files). Default 8.
  int32_t alignment = 8;
  /// Body compression. Default none. Compressed files need a reader with the same codec.
  Compression compression = Compression::kNone;
  /// Codec level on the codec's own scale; codec::Codec::kDefaultLevel picks the codec's
  /// default. Ignored without compression.
  int32_t compression_level = codec::Codec::kDefaultLevel;
  /// A buffer is stored uncompressed (with the -1 length marker) unless compression saves
  /// at least this fraction of its size; in [0, 1]. Default 0: keep compressed output
  /// unless it is larger than the input.
  double min_space_savings = 0.0;
  /// In streams and files, when a dictionary grows by appending (the old dictionary is a
  /// prefix of the new one), send only the new entries as a delta dictionary batch instead
  /// of the whole dictionary. Default false: streams send a replacement, and files, which
  /// cannot replace dictionaries, fail with kInvalidArgument.
  bool emit_dictionary_deltas = false;
  /// Key-value pairs added to the schema's custom metadata on write (a key already in the
  /// schema's metadata takes the value given here). Default none.
  KeyValueMetadata metadata;

  /// Checks every field. Errors: kInvalidArgument naming the field; kUnsupported when the
  /// requested codec is not in this build.
  Status Validate() const;
};

/// WriteOptions with LZ4_FRAME body compression and every other field at its default.
WriteOptions default_lz4_ipc_options();

/// Turns LZ4_FRAME body compression on (`enable`) or off (no compression) in `options`.
/// Precondition: `options` is not null.
void enable_lz4_on_options(WriteOptions* options, bool enable);

/// Options for ReadStream, ReadFile, FileReader and StreamDecoder.
struct ReadOptions {
  /// Safety limits: nesting depth, field count, buffer and decompressed sizes. Every input
  /// is untrusted; see quiver/limits.h for each limit's default and when to raise it.
  Limits limits;
  /// Run full validation (offsets monotonic, dictionary indices and union type ids in
  /// range, UTF-8) on every decoded batch. The default level, always run, guarantees that
  /// every access the arrays' layout allows is memory-safe. Default false.
  bool validate_full = false;
  /// Reject body buffers whose address is not a multiple of their element width with
  /// kInvalidInput. Default false: such buffers (written by non-conforming producers) are
  /// copied to aligned memory, which costs a copy but reads every file.
  bool require_alignment = false;
  /// Where decompressed and realigned buffers are allocated. Not owned; must outlive the
  /// arrays read. Default: the process-wide pool.
  MemoryPool* pool = DefaultMemoryPool();

  /// Checks every field. Errors: kInvalidArgument naming the field.
  Status Validate() const;
};

}  // namespace quiver::ipc
