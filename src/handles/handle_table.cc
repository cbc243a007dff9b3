// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/handle_table.h"

#include <cmath>

#include "core/str_cat.h"

namespace quiver::handles {

using quiver::internal::StrCat;

namespace internal {

constexpr int kKindShift = kSlotBits + kGenerationBits;  // 51
static_assert(kKindShift + 2 <= 53, "four kinds of id must stay below 2^53");

HandleId MakeId(HandleKind kind, uint32_t slot, uint32_t generation) {
  return (static_cast<HandleId>(kind) << kKindShift) | (static_cast<HandleId>(generation) << kSlotBits) | slot;
}

Result<std::pair<uint32_t, uint32_t>> SplitId(HandleId id, HandleKind kind, size_t num_slots, std::string_view noun) {
  const auto slot = static_cast<uint32_t>(id & (kMaxSlots - 1));
  const auto generation = static_cast<uint32_t>((id >> kSlotBits) & (kMaxGeneration - 1));
  const auto id_kind = id >> kKindShift;
  if (id_kind != static_cast<HandleId>(kind) || generation == 0 || slot >= num_slots) {
    return Status::InvalidHandle(StrCat("handle ", id, " is not a live ", noun, " handle: no such handle"));
  }
  return std::pair<uint32_t, uint32_t>{slot, generation};
}

Status FreedHandle(HandleId id, std::string_view noun) {
  return Status::InvalidHandle(StrCat("handle ", id, " is not a live ", noun, " handle: it was freed"));
}

Status TooManyHandles(std::string_view noun) {
  return Status::LimitExceeded(StrCat("expected at most ", kMaxSlots, " live ", noun, " handles but all are in use"));
}

}  // namespace internal

Result<HandleId> HandleIdFromNumber(double value) {
  constexpr double kLimit = 9007199254740992.0;  // 2^53
  if (!(value >= 1 && value < kLimit) || std::floor(value) != value) {
    std::string text;
    if (std::isnan(value)) {
      text = "NaN";
    } else if (value >= 1 && value < kLimit) {
      text = "a fraction";
    } else {
      text = value < 0 ? "a negative number" : (value == 0 ? "0" : "a number out of range");
    }
    return Status::InvalidHandle(StrCat("expected a handle but found ", text));
  }
  return static_cast<HandleId>(value);
}

}  // namespace quiver::handles
