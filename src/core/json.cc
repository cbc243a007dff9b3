// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "core/json_internal.h"

#include <cstdlib>

#include "core/str_cat.h"

namespace quiver::internal {
namespace {

class JsonParser {
 public:
  JsonParser(std::string_view s, int32_t max_depth) : s_(s), max_depth_(max_depth) {}

  Status Document(JsonValue* out) {
    QUIVER_RETURN_IF_ERROR(Value(0, out));
    SkipSpace();
    if (pos_ != s_.size()) return Error("the end of the JSON");
    return Status::OK();
  }

 private:
  std::string Found() const {
    if (pos_ >= s_.size()) return "the end of the text";
    const unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (c < 0x20 || c >= 0x7F) return StrCat("byte ", int{c});
    return StrCat("'", s_[pos_], "'");
  }
  Status Error(std::string_view expected) const {
    return Status::InvalidInput(StrCat("expected ", expected, " at byte ", pos_, " but found ", Found()));
  }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  static void AppendUtf8(std::string* out, uint32_t cp) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Status Hex4(uint32_t* v) {
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = pos_ < s_.size() ? s_[pos_] : '\0';
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return Error("a hex digit");
      *v = *v * 16 + static_cast<uint32_t>(d);
      ++pos_;
    }
    return Status::OK();
  }

  Status String(std::string* out) {
    if (!Eat('"')) return Error("'\"'");
    while (true) {
      if (pos_ >= s_.size()) return Error("'\"'");
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return Status::OK();
      }
      if (static_cast<unsigned char>(c) < 0x20) return Error("a string character");
      ++pos_;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      const char e = pos_ < s_.size() ? s_[pos_] : '\0';
      static constexpr std::string_view kFrom = "\"\\/bfnrt";
      static constexpr std::string_view kTo = "\"\\/\b\f\n\r\t";
      if (const size_t k = kFrom.find(e); k != std::string_view::npos && e != '\0') {
        out->push_back(kTo[k]);
        ++pos_;
        continue;
      }
      if (e != 'u') return Error("an escape character");
      ++pos_;
      uint32_t cp;
      QUIVER_RETURN_IF_ERROR(Hex4(&cp));
      if (cp >= 0xD800 && cp < 0xDC00) {
        if (!Literal("\\u")) return Error("a low surrogate escape");
        uint32_t lo;
        QUIVER_RETURN_IF_ERROR(Hex4(&lo));
        if (lo < 0xDC00 || lo >= 0xE000) return Error("a low surrogate escape");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp < 0xE000) {
        return Error("a high surrogate before a low one");
      }
      AppendUtf8(out, cp);
    }
  }

  Status Number(JsonValue* v) {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    // RFC 8259: an integer part of 0 stands alone ("01" is not a number).
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return Error("a value");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return Error("a digit");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return Error("a digit");
    }
    v->kind = JsonValue::Kind::kNumber;
    const std::string text(s_.substr(start, pos_ - start));
    v->number = std::strtod(text.c_str(), nullptr);
    return Status::OK();
  }

  Status Value(int32_t depth, JsonValue* v) {
    SkipSpace();
    const size_t start = pos_;
    Status st = Body(depth, v);
    if (st.ok()) v->raw = s_.substr(start, pos_ - start);
    return st;
  }

  Status Body(int32_t depth, JsonValue* v) {
    if (pos_ >= s_.size()) return Error("a value");
    const char c = s_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= max_depth_) {
        return Status::LimitExceeded(StrCat("expected JSON nesting depth <= ", max_depth_, " at byte ", pos_,
                                            " but found ", depth + 1));
      }
      ++pos_;
      const bool object = c == '{';
      v->kind = object ? JsonValue::Kind::kObject : JsonValue::Kind::kArray;
      if (Eat(object ? '}' : ']')) return Status::OK();
      do {
        if (object) {
          SkipSpace();
          v->keys.emplace_back();
          QUIVER_RETURN_IF_ERROR(String(&v->keys.back()));
          if (!Eat(':')) return Error("':'");
        }
        v->items.emplace_back();
        QUIVER_RETURN_IF_ERROR(Value(depth + 1, &v->items.back()));
      } while (Eat(','));
      if (!Eat(object ? '}' : ']')) return Error(object ? "',' or '}'" : "',' or ']'");
      return Status::OK();
    }
    if (c == '"') {
      v->kind = JsonValue::Kind::kString;
      return String(&v->text);
    }
    if (Literal("true") || Literal("false")) {
      v->kind = JsonValue::Kind::kBool;
      v->boolean = c == 't';
      return Status::OK();
    }
    if (Literal("null")) return Status::OK();
    return Number(v);
  }

  std::string_view s_;
  int32_t max_depth_;
  size_t pos_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

std::string_view JsonKindName(JsonValue::Kind kind) {
  static constexpr std::string_view kNames[] = {"null", "boolean", "number", "string", "array", "object"};
  return kNames[static_cast<int>(kind)];
}

Result<JsonValue> ParseJson(std::string_view json, int32_t max_depth) {
  JsonValue v;
  QUIVER_RETURN_IF_ERROR(JsonParser(json, max_depth).Document(&v));
  return v;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (u < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

}  // namespace quiver::internal
