// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Generational handles: how JavaScript names a table (or an incremental writer) that
// WebAssembly memory owns.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "quiver/arrow/table.h"
#include "quiver/result.h"

namespace quiver::handles {

/// A handle id as JavaScript sees it: a number below 2^53,
/// `kind * 2^51 + generation * 2^24 + slot` (two bits of kind, so four kinds fit). Id 0 is never issued, so a zero-initialised
/// handle is always invalid, and ids of different kinds never collide.
using HandleId = uint64_t;

/// Kinds of handle; each has its own SlotTable and id range.
enum class HandleKind : uint32_t { kTable = 0, kWriter = 1, kParquet = 2 };

namespace internal {

inline constexpr int kSlotBits = 24;
inline constexpr int kGenerationBits = 27;
inline constexpr uint32_t kMaxSlots = uint32_t{1} << kSlotBits;
inline constexpr uint32_t kMaxGeneration = uint32_t{1} << kGenerationBits;

HandleId MakeId(HandleKind kind, uint32_t slot, uint32_t generation);
/// Splits `id` into slot and generation; kInvalidHandle when it is not of `kind`, is 0 or
/// names a slot at or beyond `num_slots`.
Result<std::pair<uint32_t, uint32_t>> SplitId(HandleId id, HandleKind kind, size_t num_slots, std::string_view noun);
Status FreedHandle(HandleId id, std::string_view noun);
Status TooManyHandles(std::string_view noun);

}  // namespace internal

/// Live objects (tables, writers), each under a generational handle. `T` is a shared
/// pointer; null marks a free slot.
///
/// A slot is reused after it is freed, with its generation incremented, so an id that was
/// freed (a double free, a use after free, a stale copy) or never issued (a forged number,
/// an id of another kind) fails with kInvalidHandle and never reaches an object.
/// Generations wrap after 2^27 reuses of one slot (they skip 0): an id would have to be
/// kept through 134 million frees of its slot to alias a new object.
template <typename T>
class SlotTable {
 public:
  /// `noun` names the objects in messages ("table", "writer").
  SlotTable(HandleKind kind, std::string_view noun) : kind_(kind), noun_(noun) {}

  /// Stores `object` (not null) and returns its new id.
  /// Errors: kLimitExceeded when 2^24 objects are live; kInvalidArgument for null.
  Result<HandleId> Insert(T object) {
    if (!object) return Status::InvalidArgument("expected an object to store but found null");
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      if (slots_.size() >= internal::kMaxSlots) return internal::TooManyHandles(noun_);
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    slots_[slot].object = std::move(object);
    ++live_;
    return internal::MakeId(kind_, slot, slots_[slot].generation);
  }

  /// The object under `id`. Errors: kInvalidHandle (`handle N is not a live table handle:
  /// it was freed` / `...: no such handle`).
  Result<T> Get(HandleId id) const {
    QUIVER_ASSIGN_OR_RETURN(uint32_t slot, Find(id));
    return slots_[slot].object;
  }

  /// Frees `id`; the object goes once nothing else shares it (tables made by slicing and
  /// selecting share buffers). Errors: as Get.
  Status Release(HandleId id) {
    QUIVER_ASSIGN_OR_RETURN(uint32_t slot, Find(id));
    Slot& s = slots_[slot];
    s.object = nullptr;
    s.generation = s.generation + 1 == internal::kMaxGeneration ? 1 : s.generation + 1;
    free_.push_back(slot);
    --live_;
    return Status::OK();
  }

  /// Frees every live handle.
  void Clear() {
    for (uint32_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].object) (void)Release(internal::MakeId(kind_, i, slots_[i].generation));
    }
  }

  /// Number of live handles.
  int64_t live() const { return live_; }

 private:
  struct Slot {
    T object;
    uint32_t generation = 1;
  };

  Result<uint32_t> Find(HandleId id) const {
    QUIVER_ASSIGN_OR_RETURN(auto parts, internal::SplitId(id, kind_, slots_.size(), noun_));
    const Slot& s = slots_[parts.first];
    if (s.generation != parts.second || !s.object) return internal::FreedHandle(id, noun_);
    return parts.first;
  }

  HandleKind kind_;
  std::string_view noun_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  int64_t live_ = 0;
};

/// Live tables.
class HandleTable : public SlotTable<TablePtr> {
 public:
  HandleTable() : SlotTable(HandleKind::kTable, "table") {}
};

/// Converts a JavaScript number into a handle id. Errors: kInvalidHandle for anything that
/// is not an integer in [1, 2^53) (NaN, fractions, negatives), naming the value.
Result<HandleId> HandleIdFromNumber(double value);

}  // namespace quiver::handles
