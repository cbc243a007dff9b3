// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/encoding/rle.h"

#include <algorithm>

#include "core/str_cat.h"
#include "parquet/encoding/bit_unpack.h"

namespace quiver::parquet::encoding {

using internal::StrCat;

Status ReadUleb128(std::span<const uint8_t> data, size_t* pos, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= data.size()) return Status::InvalidInput("expected a varint but found the end of the data");
    uint8_t b = data[(*pos)++];
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return Status::OK();
    }
  }
  return Status::InvalidInput("expected a varint of at most 64 bits but found more");
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header;
  QUIVER_RETURN_IF_ERROR(ReadUleb128(data_, &pos_, &header));
  if (header & 1) {
    // Bit-packed: (header >> 1) groups of 8 values, bit_width bytes per group. The last run
    // may be cut short by the writer; only values whose bits are present are produced.
    uint64_t groups = header >> 1;
    uint64_t rem = data_.size() - pos_;
    uint64_t capped = groups > (uint64_t{1} << 55) ? (uint64_t{1} << 55) : groups;
    uint64_t bytes = bit_width_ == 0 ? 0 : std::min<uint64_t>(capped * static_cast<uint64_t>(bit_width_), rem);
    uint64_t values = bit_width_ == 0 ? capped * 8 : std::min<uint64_t>(capped * 8, bytes * 8 / bit_width_);
    packed_left_ = static_cast<int64_t>(values);
    packed_run_ = pos_;
    packed_run_bytes_ = static_cast<int64_t>(bytes);
    packed_next_ = 0;
    pos_ += static_cast<size_t>(bytes);
  } else {
    int nbytes = (bit_width_ + 7) / 8;
    if (data_.size() - pos_ < static_cast<size_t>(nbytes)) {
      return Status::InvalidInput("expected an RLE run value but found the end of the data");
    }
    uint32_t v = 0;
    for (int i = 0; i < nbytes; ++i) v |= static_cast<uint32_t>(data_[pos_ + i]) << (8 * i);
    pos_ += static_cast<size_t>(nbytes);
    rle_value_ = v;
    uint64_t count = header >> 1;
    rle_left_ = count > (uint64_t{1} << 62) ? (int64_t{1} << 62) : static_cast<int64_t>(count);
  }
  return Status::OK();
}

Status RleBitPackedDecoder::Decode(uint32_t* out, int64_t n) {
  int64_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      int64_t k = std::min(rle_left_, n - done);
      std::fill(out + done, out + done + k, rle_value_);
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      int64_t k = std::min(packed_left_, n - done);
      UnpackBits32(data_.data() + packed_run_, packed_run_bytes_, bit_width_, packed_next_, k, out + done);
      packed_next_ += k;
      packed_left_ -= k;
      done += k;
    } else {
      if (pos_ >= data_.size()) {
        return Status::InvalidInput(
            StrCat("expected ", n - done, " more values in RLE/bit-packed data but found the end of the data"));
      }
      QUIVER_RETURN_IF_ERROR(NextRun());
    }
  }
  return Status::OK();
}

Status RleBitPackedDecoder::Decode(uint16_t* out, int64_t n) {
  // RLE runs are filled in place; bit-packed values go through a small 32-bit buffer.
  auto narrow = [](uint32_t v) { return static_cast<uint16_t>(v > 0xffff ? 0xffff : v); };
  uint32_t tmp[512];
  int64_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const int64_t k = std::min(rle_left_, n - done);
      std::fill(out + done, out + done + k, narrow(rle_value_));
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      const int64_t k = std::min<int64_t>({packed_left_, n - done, 512});
      UnpackBits32(data_.data() + packed_run_, packed_run_bytes_, bit_width_, packed_next_, k, tmp);
      for (int64_t i = 0; i < k; ++i) out[done + i] = narrow(tmp[i]);
      packed_next_ += k;
      packed_left_ -= k;
      done += k;
    } else {
      if (pos_ >= data_.size()) {
        return Status::InvalidInput(
            StrCat("expected ", n - done, " more values in RLE/bit-packed data but found the end of the data"));
      }
      QUIVER_RETURN_IF_ERROR(NextRun());
    }
  }
  return Status::OK();
}

Status DecodeBitPackedMsb(std::span<const uint8_t> data, int bit_width, uint16_t* out, int64_t n, int64_t* consumed) {
  int64_t bits = n * bit_width;
  int64_t bytes = (bits + 7) / 8;
  if (bytes > static_cast<int64_t>(data.size())) {
    return Status::InvalidInput(StrCat("expected ", bytes, " bytes of BIT_PACKED levels but found ", data.size()));
  }
  int64_t bit = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      v = (v << 1) | ((data[static_cast<size_t>(bit >> 3)] >> (7 - (bit & 7))) & 1);
    }
    out[i] = static_cast<uint16_t>(v);
  }
  *consumed = bytes;
  return Status::OK();
}

}  // namespace quiver::parquet::encoding
