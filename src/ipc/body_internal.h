// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Record batch bodies: arrays <-> field nodes and buffers, with optional compression.
#pragma once

#include <cstring>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "arrow_ipc_generated.h"
#include "ipc/metadata_internal.h"
#include "quiver/arrow/array.h"
#include "quiver/codec/codec.h"
#include "quiver/io/sink.h"
#include "quiver/ipc/options.h"
#include "quiver/result.h"

namespace quiver::ipc::internal {

// ---- Encoding ------------------------------------------------------------------------------

/// One body buffer as written: an optional 8-byte little-endian prefix (the uncompressed
/// length, or -1 for data stored raw, present only in compressed bodies) and the data.
struct BodyBuffer {
  bool has_prefix = false;
  int64_t prefix = 0;
  std::shared_ptr<Buffer> data;  // null for an absent buffer (written with length 0)
  int64_t size() const { return (has_prefix ? 8 : 0) + (data ? data->size() : 0); }
};

/// A record batch body ready to write: metadata (offsets assigned) and the buffers.
struct EncodedBody {
  BodyMetadata metadata;
  std::vector<BodyBuffer> buffers;
  int32_t alignment = 8;
};

/// Collects the field nodes and buffers of arrays in depth-first order, rewriting sliced
/// arrays so that every array starts at offset 0 (the format has no array offsets): bitmaps
/// not on a byte boundary are copied, offsets not starting at 0 are rebased, children and
/// data are narrowed to the range the slice uses. Unsliced buffers are shared, not copied.
class BodyEncoder {
 public:
  explicit BodyEncoder(MemoryPool* pool) : pool_(pool) {}

  /// Appends one column (or dictionary). Precondition: the array is valid.
  /// Errors: kOutOfMemory, kInvalidArgument for a run end type other than int16/32/64.
  Status Append(const ArrayData& array);

  /// Compresses (per `options`) and lays out the buffers. Errors: kOutOfMemory,
  /// kLimitExceeded for a buffer too large for the codec, kUnsupported for a missing codec.
  Result<EncodedBody> Finish(int64_t length, const WriteOptions& options);

 private:
  Status AppendValidity(const ArrayData& a, int64_t null_count);
  Status AppendFixed(const ArrayData& a, int buffer, int64_t width);
  Status AppendBitmap(const std::shared_ptr<Buffer>& bitmap, int64_t offset, int64_t length);
  Status AppendRunEndEncoded(const ArrayData& a);

  MemoryPool* pool_;
  BodyMetadata metadata_;
  std::vector<std::shared_ptr<Buffer>> buffers_;
};

/// Writes the body: each buffer at its offset, zero padding between and after.
Status WriteBody(io::Sink* sink, const EncodedBody& body);

// ---- Decoding ------------------------------------------------------------------------------

/// Dictionaries read so far, by id.
using DictionaryMap = std::map<int64_t, ArrayPtr>;

/// The parts of a RecordBatch or DictionaryBatch message that decoding needs.
struct BatchInput {
  const fb::RecordBatch* batch = nullptr;
  std::shared_ptr<Buffer> body;
  /// Metadata version of the message; V4 unions carry a validity buffer.
  fb::MetadataVersion version = fb::MetadataVersion::V5;
};

/// The body compression `batch` declares: kNone without a BodyCompression.
/// Errors: kUnsupported for a method other than BUFFER or a codec other than LZ4_FRAME and
/// ZSTD (whether or not the codec is in this build).
Result<Compression> DecodeBodyCompression(const fb::RecordBatch* batch);

/// Decodes the columns of a record batch (zero-copy for uncompressed bodies) and checks
/// that each has the batch's length. Arrays are not yet validated.
/// Errors: kInvalidInput for nodes, buffers or variadic counts that are missing, negative
/// or outside the body, for a dictionary id with no dictionary yet; kUnsupported for an
/// unknown codec; kLimitExceeded; those of decompression. Context `column['name']`.
Result<std::vector<ArrayPtr>> DecodeRecordBatchColumns(const BatchInput& input, const SchemaInfo& schema,
                                                       const DictionaryMap& dictionaries, const ReadOptions& options);

/// Decodes the single column of a dictionary batch: the values of dictionary `field`.
Result<ArrayPtr> DecodeDictionaryValues(const BatchInput& input, const DictionaryField& field,
                                        const DictionaryMap& dictionaries, const ReadOptions& options);

/// Concatenates two valid arrays of equal type (dictionary deltas). Errors: kOutOfMemory,
/// kLimitExceeded when offsets overflow their width, kInvalidArgument for different types.
Result<ArrayPtr> ConcatenateArrays(const ArrayData& a, const ArrayData& b, MemoryPool* pool);

/// The signed integer of `width` bytes (1, 2, 4 or 8) at p, little-endian, unaligned.
inline int64_t LoadInt(const uint8_t* p, int width) {
  switch (width) {
    case 1: return static_cast<int8_t>(*p);
    case 2: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case 4: { int32_t v; std::memcpy(&v, p, 4); return v; }
    default: { int64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

/// Stores `value` as a signed integer of `width` bytes (2, 4 or 8) at p, unaligned.
inline void StoreInt(uint8_t* p, int width, int64_t value) {
  switch (width) {
    case 2: { auto v = static_cast<int16_t>(value); std::memcpy(p, &v, 2); return; }
    case 4: { auto v = static_cast<int32_t>(value); std::memcpy(p, &v, 4); return; }
    default: std::memcpy(p, &value, 8); return;
  }
}

}  // namespace quiver::ipc::internal
