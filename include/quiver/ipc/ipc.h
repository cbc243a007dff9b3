// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The Arrow IPC stream and file formats (Feather v2): everything in one include.
#pragma once

#include "quiver/ipc/options.h"  // IWYU pragma: export
#include "quiver/ipc/reader.h"   // IWYU pragma: export
#include "quiver/ipc/writer.h"   // IWYU pragma: export
