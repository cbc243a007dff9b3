// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Read requests from the facade's option values (every format).
#include <cmath>
#include <cstdint>

#include "core/str_cat.h"
#include "handles/engine.h"

namespace quiver::handles {

using quiver::internal::StrCat;

Result<int64_t> OptionalInteger(double value, std::string_view what, int64_t min, int64_t absent) {
  if (std::isnan(value)) return absent;
  if (!(value >= static_cast<double>(min) && value < 9007199254740992.0) || std::floor(value) != value) {
    return Status::InvalidArgument(StrCat("expected ", what, " to be an integer >= ", min, " but found another number"));
  }
  return static_cast<int64_t>(value);
}

Result<ReadRequest> MakeReadRequest(bool validate_full, std::string_view columns, std::string_view row_groups,
                                    double offset, double limit, double batch_size) {
  ReadRequest r;
  r.validate_full = validate_full;
  size_t pos = 0;
  while (pos < columns.size()) {
    const size_t end = columns.find('\0', pos);
    if (end == std::string_view::npos) {
      return Status::InvalidArgument("expected every column name to end with NUL but the last does not");
    }
    r.columns.emplace_back(columns.substr(pos, end - pos));
    pos = end + 1;
  }
  QUIVER_ASSIGN_OR_RETURN(std::vector<uint64_t> groups, ParseIdList(row_groups));
  for (uint64_t g : groups) {
    if (g > INT32_MAX) return Status::InvalidArgument(StrCat("expected a row group index below 2^31 but found ", g));
    r.row_groups.push_back(static_cast<int>(g));
  }
  QUIVER_ASSIGN_OR_RETURN(r.offset, OptionalInteger(offset, "offset", 0, 0));
  QUIVER_ASSIGN_OR_RETURN(r.limit, OptionalInteger(limit, "limit", 0, -1));
  QUIVER_ASSIGN_OR_RETURN(r.batch_size, OptionalInteger(batch_size, "batchSize", 1, 0));
  return r;
}

}  // namespace quiver::handles
