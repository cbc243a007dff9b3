// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/json_writer.h"

#include <charconv>

#include "core/utf8_internal.h"

namespace quiver::handles {

void AppendJsonString(std::string* out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<uint8_t>(bytes[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
          if (c < 0x20) {
            out->append("\\u00");
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 15]);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const size_t n = internal::Utf8SequenceLength(bytes, i);
    if (n == 0) {
      out->append("\\ufffd");
      ++i;
    } else {
      out->append(bytes.substr(i, n));
      i += n;
    }
  }
  out->push_back('"');
}

void AppendJsonInt(std::string* out, int64_t value) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, r.ptr);
}

void AppendJsonMetadata(std::string* out, const KeyValueMetadata& metadata) {
  out->push_back('{');
  bool first = true;
  for (const auto& [key, value] : metadata) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, key);
    out->push_back(':');
    AppendJsonString(out, value);
  }
  out->push_back('}');
}

}  // namespace quiver::handles
