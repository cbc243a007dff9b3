// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only assertion macros for Status and Result. Header-only, for *_test.cc.
#pragma once

#include <gtest/gtest.h>

#include "quiver/result.h"

/// Fails the test unless `expr` (a Status) is OK.
#define QUIVER_ASSERT_OK(expr)                                 \
  do {                                                         \
    ::quiver::Status quiver_assert_status_ = (expr);           \
    ASSERT_TRUE(quiver_assert_status_.ok()) << quiver_assert_status_.ToString(); \
  } while (false)

/// Fails the test unless `rexpr` (a Result) holds a value, which it moves into `lhs`.
#define QUIVER_ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                                  \
  QUIVER_ASSERT_OK_AND_ASSIGN_IMPL_(QUIVER_CONCAT_(quiver_test_result_, __LINE__), lhs, rexpr)
#define QUIVER_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                      \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString();        \
  lhs = std::move(tmp).value()
