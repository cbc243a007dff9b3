// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// From the flattened Parquet schema to FieldNodes, following LogicalTypes.md "Nested
// Types", including its backward-compatibility rules for two-level lists.
#include "parquet/arrow/schema.h"

#include <utility>

#include "core/str_cat.h"
#include "parquet/arrow/leaf_type.h"

namespace quiver::parquet::arrow {
namespace {

using internal::StrCat;

struct Builder {
  const FileMetaData& md;
  const ReadOptions& options;
  // Children of each element (indices into md.schema), computed once.
  std::vector<std::vector<int>> children;
  int leaf_count = 0;

  Status Index() {
    const auto& s = md.schema;
    if (s.empty()) return Status::InvalidInput("expected a schema with a root element but found none");
    if (static_cast<int64_t>(s.size()) > options.limits.max_fields) {
      return Status::LimitExceeded(StrCat("expected at most ", options.limits.max_fields, " schema elements but found ", s.size()));
    }
    children.resize(s.size());
    size_t next = 1;
    QUIVER_RETURN_IF_ERROR(Walk(0, &next, 0));
    if (next != s.size()) {
      return Status::InvalidInput(StrCat("expected the schema tree to use all ", s.size(), " elements but it uses ", next));
    }
    return Status::OK();
  }

  Status Walk(int idx, size_t* next, int depth) {
    if (depth > options.limits.max_nesting_depth) {
      return Status::LimitExceeded(StrCat("expected schema nesting depth <= ", options.limits.max_nesting_depth, " but found more"));
    }
    const SchemaElement& e = md.schema[static_cast<size_t>(idx)];
    if (!e.num_children) {
      if (idx == 0) return Status::InvalidInput("expected the schema root to be a group but found a leaf");
      return Status::OK();
    }
    int32_t n = *e.num_children;
    if (n < 0 || static_cast<size_t>(n) > md.schema.size() - *next) {
      return Status::InvalidInput(StrCat("expected num_children in [0, ", md.schema.size() - *next, "] for '", e.name,
                                         "' but found ", n));
    }
    for (int32_t i = 0; i < n; ++i) {
      // Earlier children's subtrees may have used the elements this count was checked against.
      if (*next >= md.schema.size()) {
        return Status::InvalidInput(StrCat("expected ", n, " children for '", e.name, "' but the schema ends after ", i));
      }
      int c = static_cast<int>((*next)++);
      children[static_cast<size_t>(idx)].push_back(c);
      QUIVER_RETURN_IF_ERROR(Walk(c, next, depth + 1));
    }
    return Status::OK();
  }

  const SchemaElement& El(int i) const { return md.schema[static_cast<size_t>(i)]; }
  bool IsGroup(int i) const { return El(i).num_children.has_value(); }
  Repetition Rep(int i) const { return El(i).repetition.value_or(Repetition::kOptional); }

  // A field in its own right: optional/required/repeated handled here.
  Result<FieldNode> Node(int idx, int16_t parent_def, int16_t parent_rep, const std::string& parent_path) {
    const SchemaElement& e = El(idx);
    std::string path = parent_path.empty() ? e.name : StrCat(parent_path, ".", e.name);
    if (!e.repetition) return Status::InvalidInput(StrCat("expected a repetition_type for '", e.name, "' but found none"));
    if (Rep(idx) == Repetition::kRepeated) {
      // A repeated field outside a LIST/MAP annotation: a non-null list of non-null elements.
      FieldNode list;
      list.kind = NodeKind::kList;
      list.def_level = parent_def;
      list.elem_def = static_cast<int16_t>(parent_def + 1);
      list.rep_level = static_cast<int16_t>(parent_rep + 1);
      list.path = path;
      QUIVER_ASSIGN_OR_RETURN(FieldNode elem, Inner(idx, list.elem_def, list.rep_level, false, path));
      list.children.push_back(std::move(elem));
      list.field = field(e.name, nullptr, false);
      RefreshType(&list);
      return list;
    }
    bool optional = Rep(idx) == Repetition::kOptional;
    int16_t def = static_cast<int16_t>(parent_def + (optional ? 1 : 0));
    return Inner(idx, def, parent_rep, optional, path);
  }

  // The value of element `idx`, whose own level is already counted in `def`.
  Result<FieldNode> Inner(int idx, int16_t def, int16_t rep, bool nullable, const std::string& path) {
    if (def > 32000 || rep > 32000) return Status::LimitExceeded("expected levels below 32000 but found more");
    const SchemaElement& e = El(idx);
    FieldNode node;
    node.def_level = def;
    node.rep_level = rep;
    node.path = path;
    node.element = &e;
    if (!IsGroup(idx)) {
      if (!e.type) return Status::InvalidInput(StrCat("expected a physical type for leaf '", e.name, "' but found none"));
      node.kind = NodeKind::kLeaf;
      node.column = leaf_count++;
      node.desc = {*e.type, e.type_length, def, rep};
      auto lt = ArrowLeafType(e, options.large_types);
      if (!lt.ok()) return std::move(lt).status().WithContext(StrCat("column['", path, "']"));
      node.field = field(e.name, lt->type, nullable, std::move(lt->metadata));
      return node;
    }
    const auto& kids = children[static_cast<size_t>(idx)];
    const LogicalType::Kind lk = e.logical_type.kind;
    const bool is_list = lk == LogicalType::Kind::kList || (lk == LogicalType::Kind::kNone && e.converted_type == ConvertedType::kList);
    const bool is_map = lk == LogicalType::Kind::kMap ||
                        (lk == LogicalType::Kind::kNone &&
                         (e.converted_type == ConvertedType::kMap || e.converted_type == ConvertedType::kMapKeyValue));
    if (is_list || is_map) {
      if (kids.size() != 1 || Rep(kids[0]) != Repetition::kRepeated) {
        return Status::InvalidInput(StrCat("expected ", is_list ? "LIST" : "MAP", " group '", e.name,
                                           "' to have one repeated child but found ", kids.size(), " children"));
      }
      const int r = kids[0];
      node.kind = NodeKind::kList;
      node.elem_def = static_cast<int16_t>(def + 1);
      node.rep_level = static_cast<int16_t>(rep + 1);
      const std::string rpath = StrCat(path, ".", El(r).name);
      const auto& rkids = children[static_cast<size_t>(r)];
      if (is_map && IsGroup(r) && rkids.size() == 2) {
        node.kind = NodeKind::kMap;
        FieldNode entries;
        entries.kind = NodeKind::kStruct;
        entries.def_level = node.elem_def;
        entries.rep_level = node.rep_level;
        entries.path = rpath;
        entries.element = &El(r);
        for (int k : rkids) {
          QUIVER_ASSIGN_OR_RETURN(FieldNode kv, Node(k, node.elem_def, node.rep_level, rpath));
          entries.children.push_back(std::move(kv));
        }
        entries.field = field("entries", nullptr, false);
        RefreshType(&entries);
        node.children.push_back(std::move(entries));
      } else {
        // LogicalTypes.md backward compatibility: the repeated field is itself the element
        // when it is primitive, has several fields, or is named `array` or `<list>_tuple`.
        const bool two_level = !IsGroup(r) || rkids.size() != 1 || El(r).name == "array" ||
                               El(r).name == StrCat(e.name, "_tuple");
        if (two_level) {
          QUIVER_ASSIGN_OR_RETURN(FieldNode elem, Inner(r, node.elem_def, node.rep_level, false, rpath));
          node.children.push_back(std::move(elem));
        } else {
          QUIVER_ASSIGN_OR_RETURN(FieldNode elem, Node(rkids[0], node.elem_def, node.rep_level, rpath));
          node.children.push_back(std::move(elem));
        }
      }
      node.field = field(e.name, nullptr, nullable);
      RefreshType(&node);
      return node;
    }
    if (kids.empty()) {
      return Status::Unsupported(StrCat("expected group '", e.name, "' to have at least one field but found none"));
    }
    node.kind = NodeKind::kStruct;
    for (int k : kids) {
      QUIVER_ASSIGN_OR_RETURN(FieldNode c, Node(k, def, rep, path));
      node.children.push_back(std::move(c));
    }
    KeyValueMetadata meta;
    if (lk == LogicalType::Kind::kVariant) meta.emplace_back("PARQUET:logical_type", "VARIANT");
    node.field = field(e.name, nullptr, nullable, std::move(meta));
    RefreshType(&node);
    return node;
  }
};

}  // namespace

void RefreshType(FieldNode* node) {
  const Field& f = *node->field;
  TypePtr type;
  switch (node->kind) {
    case NodeKind::kLeaf:
      return;
    case NodeKind::kStruct: {
      std::vector<FieldPtr> fields;
      for (const FieldNode& c : node->children) fields.push_back(c.field);
      type = struct_(std::move(fields));
      break;
    }
    case NodeKind::kList: {
      // The list flavour ARROW:schema restored (large, view, fixed-size) is kept.
      const DataType* had = f.type() && f.type()->id() == TypeId::kExtension ? f.type()->storage_type().get()
                                                                              : f.type().get();
      const FieldPtr& child = node->children[0].field;
      switch (had ? had->id() : TypeId::kList) {
        case TypeId::kLargeList: type = large_list(child); break;
        case TypeId::kListView: type = list_view(child); break;
        case TypeId::kLargeListView: type = large_list_view(child); break;
        case TypeId::kFixedSizeList: type = fixed_size_list(child, had->list_size()); break;
        default: type = list(child); break;
      }
      break;
    }
    case NodeKind::kMap: {
      // Arrow map keys are never null.
      FieldNode& entries = node->children[0];
      const FieldPtr& key = entries.children[0].field;
      if (key->nullable()) entries.children[0].field = field(key->name(), key->type(), false, key->metadata());
      RefreshType(&entries);
      type = map(entries.field, f.type() ? f.type()->keys_sorted() : false);
      break;
    }
  }
  // An extension type over this node (ARROW:schema, GeoParquet native encodings) stays when
  // its storage is unchanged, e.g. after a projection that kept the whole node.
  const TypePtr& had = f.type();
  if (had && had->id() == TypeId::kExtension && had->storage_type() && had->storage_type()->Equals(*type)) {
    type = had;
  }
  node->field = field(f.name(), std::move(type), f.nullable(), f.metadata());
}

Result<std::vector<FieldNode>> BuildSchemaTree(const FileMetaData& md, const ReadOptions& options) {
  Builder b{md, options, {}, 0};
  QUIVER_RETURN_IF_ERROR(b.Index());
  std::vector<FieldNode> nodes;
  for (int c : b.children[0]) {
    QUIVER_ASSIGN_OR_RETURN(FieldNode n, b.Node(c, 0, 0, ""));
    nodes.push_back(std::move(n));
  }
  if (options.large_types) {
    // Lists become large lists (leaves were widened by ArrowLeafType).
    struct Widen {
      static void Apply(FieldNode* n) {
        for (FieldNode& c : n->children) Apply(&c);
        if (n->kind == NodeKind::kList) {
          n->field = field(n->field->name(), large_list(n->children[0].field), n->field->nullable(), n->field->metadata());
        }
        RefreshType(n);
      }
    };
    for (FieldNode& n : nodes) Widen::Apply(&n);
  }
  return nodes;
}

namespace {

void CollectLeaves(FieldNode* node, std::vector<const FieldNode*>* leaves) {
  if (node->kind == NodeKind::kLeaf) {
    node->first_leaf = static_cast<int>(leaves->size());
    leaves->push_back(node);
    return;
  }
  for (FieldNode& c : node->children) CollectLeaves(&c, leaves);
  node->first_leaf = node->children.empty() ? -1 : node->children[0].first_leaf;
}

// Marks the nodes a path selects. A path's segments are field names; list and map nodes
// are passed through (a segment may name their repeated or element level, or skip it).
bool Mark(FieldNode* node, const std::vector<std::string>& seg, size_t i, std::vector<const FieldNode*>* marked) {
  if (i == seg.size()) {
    marked->push_back(node);
    return true;
  }
  bool found = false;
  for (FieldNode& c : node->children) {
    const std::string& name = c.field->name();
    if (name == seg[i]) found |= Mark(&c, seg, i + 1, marked);
    else if (node->kind != NodeKind::kStruct) found |= Mark(&c, seg, i, marked);
  }
  return found;
}

bool Contains(const FieldNode& node, const std::vector<const FieldNode*>& marked) {
  for (const FieldNode* m : marked) {
    if (m == &node) return true;
  }
  for (const FieldNode& c : node.children) {
    if (Contains(c, marked)) return true;
  }
  return false;
}

bool Keep(FieldNode* node, const std::vector<const FieldNode*>& marked, bool ancestor_marked) {
  bool self = ancestor_marked;
  for (const FieldNode* m : marked) self |= m == node;
  if (node->kind == NodeKind::kLeaf) return self;
  // A map keeps both key and value (a map without its keys is not a map).
  if (node->kind == NodeKind::kMap) self = self || Contains(*node, marked);
  std::vector<FieldNode> kept;
  for (FieldNode& c : node->children) {
    if (Keep(&c, marked, self)) kept.push_back(std::move(c));
  }
  if (kept.empty()) return false;
  node->children = std::move(kept);
  RefreshType(node);
  return true;
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

Status Project(const std::vector<std::string>& columns, std::vector<FieldNode>* nodes,
               std::vector<const FieldNode*>* leaves) {
  if (!columns.empty()) {
    FieldNode root;
    root.kind = NodeKind::kStruct;
    root.children = std::move(*nodes);
    std::vector<const FieldNode*> marked;
    for (const std::string& c : columns) {
      // A whole top-level name wins over a dotted reading of it.
      bool found = false;
      for (FieldNode& n : root.children) {
        if (n.field->name() == c) {
          marked.push_back(&n);
          found = true;
        }
      }
      if (!found) found = Mark(&root, Split(c), 0, &marked);
      if (!found) return Status::InvalidArgument(StrCat("expected a column named '", c, "' but found none"));
    }
    std::vector<FieldNode> kept;
    for (FieldNode& n : root.children) {
      if (Keep(&n, marked, false)) kept.push_back(std::move(n));
    }
    *nodes = std::move(kept);
  }
  leaves->clear();
  for (FieldNode& n : *nodes) CollectLeaves(&n, leaves);
  return Status::OK();
}

SchemaPtr MakeArrowSchema(const std::vector<FieldNode>& nodes, KeyValueMetadata metadata) {
  std::vector<FieldPtr> fields;
  for (const FieldNode& n : nodes) fields.push_back(n.field);
  return schema(std::move(fields), std::move(metadata));
}

void RequestDictionaries(std::vector<FieldNode>* nodes) {
  struct Walk {
    static void Apply(FieldNode* n) {
      for (FieldNode& c : n->children) Apply(&c);
      if (n->kind == NodeKind::kLeaf) {
        TypeId id = n->field->type()->id();
        if (n->desc.type == PhysicalType::kByteArray &&
            (id == TypeId::kUtf8 || id == TypeId::kBinary || id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary)) {
          n->want_dictionary = true;
          n->field = field(n->field->name(), dictionary(int32(), n->field->type()), n->field->nullable(),
                           n->field->metadata());
        }
      } else {
        RefreshType(n);
      }
    }
  };
  for (FieldNode& n : *nodes) Walk::Apply(&n);
}

}  // namespace quiver::parquet::arrow
