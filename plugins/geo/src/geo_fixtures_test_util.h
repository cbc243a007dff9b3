// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The WKT fixtures of the geometry tests (wkb_test.cc) and of the geo fuzz target's seeds
// (tools/fuzz_seeds.cc): one of every type in every dimension, plus empties, each in
// EncodeWkt's form. Header-only, test code.
#pragma once

#include <string>
#include <vector>

namespace quiver::geo::testing {

inline const std::vector<std::string>& WktFixtures() {
  static const std::vector<std::string> fixtures = {
      "POINT (1 2)",
      "POINT Z (1 2 3)",
      "POINT M (1 2 4)",
      "POINT ZM (1 2 3 4)",
      "POINT EMPTY",
      "POINT Z EMPTY",
      "LINESTRING (30 10, 10 30, 40 40)",
      "LINESTRING Z (30 10 1, 10 30 2)",
      "LINESTRING M (30 10 1, 10 30 2)",
      "LINESTRING ZM (30 10 1 5, 10 30 2 6)",
      "LINESTRING EMPTY",
      "POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))",
      "POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10), (20 30, 35 35, 30 20, 20 30))",
      "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
      "POLYGON EMPTY",
      "MULTIPOINT ((10 40), (40 30), (20 20), (30 10))",
      "MULTIPOINT ZM ((10 40 1 2), EMPTY)",
      "MULTIPOINT EMPTY",
      "MULTILINESTRING ((10 10, 20 20, 10 40), (40 40, 30 30, 40 20, 30 10))",
      "MULTILINESTRING M ((10 10 1, 20 20 2), EMPTY)",
      "MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))",
      "MULTIPOLYGON Z (((0 0 0, 1 0 0, 1 1 0, 0 0 0)), EMPTY)",
      "MULTIPOLYGON EMPTY",
      "GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20, 10 40), POLYGON ((40 40, 20 45, 45 30, 40 40)))",
      "GEOMETRYCOLLECTION Z (POINT Z (1 2 3), GEOMETRYCOLLECTION Z (MULTIPOINT Z ((1 1 1))))",
      "GEOMETRYCOLLECTION EMPTY",
      "POINT (0.1 -1.5e-300)",
  };
  return fixtures;
}

}  // namespace quiver::geo::testing
