// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Quiver plugin SDK for C++ authors: header-only RAII over the C plugin ABI
// (include/quiver/plugin/abi.h). Nothing here needs the core's C++ library; a plugin that
// builds Arrow arrays with it (as the geometry plugin does) exports them with
// quiver::ExportArray / ExportField and hands them over with ReturnArray.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "quiver/plugin/abi.h"

namespace quiver::plugin {

/// An ArrowSchema this plugin owns: released when it goes out of scope unless handed over.
class OwnedSchema {
 public:
  OwnedSchema() = default;
  OwnedSchema(const OwnedSchema&) = delete;
  OwnedSchema& operator=(const OwnedSchema&) = delete;
  OwnedSchema(OwnedSchema&& other) noexcept : s_(other.s_) { other.s_.release = nullptr; }
  OwnedSchema& operator=(OwnedSchema&& other) noexcept {
    if (this != &other) {
      Reset();
      s_ = other.s_;
      other.s_.release = nullptr;
    }
    return *this;
  }
  ~OwnedSchema() { Reset(); }

  ArrowSchema* get() { return &s_; }
  bool live() const { return s_.release != nullptr; }
  void Reset() {
    if (s_.release != nullptr) s_.release(&s_);
    s_.release = nullptr;
  }

 private:
  ArrowSchema s_{};
};

/// An ArrowArray this plugin owns: released when it goes out of scope unless handed over.
class OwnedArray {
 public:
  OwnedArray() = default;
  OwnedArray(const OwnedArray&) = delete;
  OwnedArray& operator=(const OwnedArray&) = delete;
  OwnedArray(OwnedArray&& other) noexcept : a_(other.a_) { other.a_.release = nullptr; }
  OwnedArray& operator=(OwnedArray&& other) noexcept {
    if (this != &other) {
      Reset();
      a_ = other.a_;
      other.a_.release = nullptr;
    }
    return *this;
  }
  ~OwnedArray() { Reset(); }

  ArrowArray* get() { return &a_; }
  bool live() const { return a_.release != nullptr; }
  void Reset() {
    if (a_.release != nullptr) a_.release(&a_);
    a_.release = nullptr;
  }

 private:
  ArrowArray a_{};
};

/// A borrowed view of a column the core lent: a copy of its structure whose release does
/// nothing, for importers that take ownership (the core keeps the column alive meanwhile).
inline ArrowArray BorrowedView(const ArrowArray& lent) {
  ArrowArray view = lent;
  view.release = [](ArrowArray* a) { a->release = nullptr; };
  return view;
}

/// Reports a failure to the core (the message names what and where, e.g. `row[3]: ...`)
/// and returns the nonzero code an operation or hook returns.
inline int Fail(std::string_view message) {
  const std::string text(message);
  quiver_host_set_error(text.c_str());
  return 1;
}

/// Hands a result column to the core, which takes ownership of both structures and
/// validates the array before use. Returns what the operation should return.
inline int ReturnArray(OwnedSchema&& schema, OwnedArray&& array) {
  if (!schema.live() || !array.live()) return Fail("expected a live schema and array to return");
  const int rc = quiver_host_return_array(schema.get(), array.get());
  // The core moved both out (their release callbacks are now null) whatever it decided.
  return rc;
}

/// Hands a JSON value to the core (one per record batch reaches JavaScript).
inline int ReturnJson(std::string_view json) { return quiver_host_return_json(json.data(), json.size()); }

}  // namespace quiver::plugin
