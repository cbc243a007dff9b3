// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Stream and file writers: schema, dictionaries (new, delta, replacement), record batches.
#include <cstring>
#include <map>
#include <set>

#include "core/str_cat.h"
#include "ipc/body_internal.h"
#include "ipc/dictionary_unify.h"
#include "ipc/message_internal.h"
#include "ipc/metadata_internal.h"
#include "quiver/ipc/writer.h"

namespace quiver::ipc {

using quiver::internal::Quoted;
using quiver::internal::StrCat;

namespace internal {
namespace {

/// Finds the dictionaries a batch uses, by id (first occurrence wins), including those
/// inside dictionary values.
void CollectDictionaries(const ArrayData& a, const FieldIds& ids, std::map<int64_t, ArrayPtr>* found) {
  const DataType& t = StorageType(*a.type);
  const ArrayData* children_of = &a;
  if (t.id() == TypeId::kDictionary) {
    if (!a.dictionary) return;
    found->emplace(ids.dictionary_id, a.dictionary);
    children_of = a.dictionary.get();
  }
  for (size_t i = 0; i < children_of->children.size() && i < ids.children.size(); ++i) {
    if (children_of->children[i]) CollectDictionaries(*children_of->children[i], ids.children[i], found);
  }
}

/// Ids of the dictionaries in the column tree itself (not inside dictionary values): those
/// whose indices a writer can rewrite.
void CollectColumnDictionaryIds(const FieldIds& ids, std::set<int64_t>* out) {
  if (ids.dictionary_id >= 0) {
    out->insert(ids.dictionary_id);
    return;  // children below are the dictionary values'
  }
  for (const FieldIds& c : ids.children) CollectColumnDictionaryIds(c, out);
}

/// A batch's dictionary unified into the one already written: its indices' new positions.
struct Remap {
  std::vector<int64_t> remap;
  ArrayPtr dictionary;
};

/// `a` with the indices of every remapped dictionary of its column tree rewritten.
Result<ArrayPtr> RemapColumn(const ArrayPtr& a, const FieldIds& ids, const std::map<int64_t, Remap>& remaps) {
  if (ids.dictionary_id >= 0) {
    auto it = remaps.find(ids.dictionary_id);
    if (it == remaps.end()) return a;
    return RemapIndices(*a, it->second.remap, it->second.dictionary);
  }
  if (ids.children.empty()) return a;
  auto copy = std::make_shared<ArrayData>(*a);
  for (size_t i = 0; i < copy->children.size() && i < ids.children.size(); ++i) {
    if (!copy->children[i]) continue;
    QUIVER_ASSIGN_OR_RETURN(copy->children[i], RemapColumn(copy->children[i], ids.children[i], remaps));
  }
  return copy;
}

/// State shared by StreamWriter and FileWriter.
class Writer {
 public:
  Writer(io::Sink* sink, WriteOptions options, bool file)
      : sink_(sink), options_(std::move(options)), file_(file), pool_(DefaultMemoryPool()) {}

  Status Begin(const SchemaPtr& schema) {
    if (state_ != State::kNew) return Status::InvalidArgument("Begin was already called");
    return Run([&]() -> Status {
      QUIVER_RETURN_IF_ERROR(options_.Validate());
      if (sink_ == nullptr) return Status::InvalidArgument("sink is null");
      QUIVER_ASSIGN_OR_RETURN(info_, AssignDictionaryIds(schema));
      if (file_) {
        static constexpr uint8_t kHeader[kFileHeaderSize] = {'A', 'R', 'R', 'O', 'W', '1', 0, 0};
        QUIVER_RETURN_IF_ERROR(sink_->Write(kHeader));
      }
      QUIVER_ASSIGN_OR_RETURN(auto bytes, EncodeSchemaMessage(info_, options_.metadata));
      QUIVER_RETURN_IF_ERROR(WriteMessageMetadata(sink_, bytes, options_.alignment).status());
      state_ = State::kOpen;
      return Status::OK();
    });
  }

  Status WriteBatch(const RecordBatch& batch, const KeyValueMetadata& metadata) {
    QUIVER_RETURN_IF_ERROR(CheckOpen("WriteBatch"));
    if (!batch.schema()->Equals(*info_.schema)) {
      return Status::InvalidArgument("record batch schema differs from the schema given to Begin");
    }
    const int64_t index = batches_written_;
    return Run([&]() -> Status {
      std::map<int64_t, Remap> remaps;
      QUIVER_RETURN_IF_ERROR(WriteDictionaries(batch, &remaps));
      BodyEncoder encoder(pool_);
      for (int i = 0; i < batch.num_columns(); ++i) {
        const std::string ctx = StrCat("column[", Quoted(batch.schema()->field(i)->name()), "]");
        ArrayPtr column = batch.column(i);
        if (!remaps.empty()) {
          auto remapped = RemapColumn(column, info_.fields[static_cast<size_t>(i)], remaps);
          if (!remapped.ok()) return std::move(remapped).status().WithContext(ctx);
          column = std::move(remapped).value();
        }
        QUIVER_RETURN_IF_ERROR_CTX(encoder.Append(*column), ctx);
      }
      QUIVER_ASSIGN_OR_RETURN(EncodedBody body, encoder.Finish(batch.num_rows(), options_));
      QUIVER_ASSIGN_OR_RETURN(auto bytes, EncodeRecordBatchMessage(body.metadata, metadata));
      QUIVER_ASSIGN_OR_RETURN(FooterBlock block, WriteMessage(bytes, body));
      batch_blocks_.push_back(block);
      ++batches_written_;
      return Status::OK();
    }, StrCat("record_batch[", index, "]"));
  }

  Status Finish(const KeyValueMetadata& footer_metadata) {
    QUIVER_RETURN_IF_ERROR(CheckOpen("Finish"));
    return Run([&]() -> Status {
      QUIVER_RETURN_IF_ERROR(WriteEndOfStream(sink_));
      if (file_) {
        QUIVER_ASSIGN_OR_RETURN(auto footer,
                                EncodeFooter(info_, options_.metadata, dictionary_blocks_, batch_blocks_, footer_metadata));
        QUIVER_RETURN_IF_ERROR(sink_->Write(footer));
        const int32_t size = static_cast<int32_t>(footer.size());
        uint8_t trailer[4 + kFileMagicSize];
        std::memcpy(trailer, &size, 4);
        std::memcpy(trailer + 4, kFileMagic, kFileMagicSize);
        QUIVER_RETURN_IF_ERROR(sink_->Write(trailer));
      }
      state_ = State::kFinished;
      return Status::OK();
    });
  }

 private:
  enum class State { kNew, kOpen, kFinished, kFailed };

  // Runs one step; a failure leaves a partial message in the sink, so it is final.
  template <typename F>
  Status Run(F&& step, std::string_view context = {}) {
    Status s = step();
    if (!s.ok()) {
      state_ = State::kFailed;
      failure_ = std::move(s).WithContext(context);
      return failure_;
    }
    return s;
  }

  Status CheckOpen(const char* call) const {
    switch (state_) {
      case State::kOpen: return Status::OK();
      case State::kNew: return Status::InvalidArgument(StrCat(call, " before Begin"));
      case State::kFinished: return Status::InvalidArgument(StrCat(call, " after Finish"));
      case State::kFailed: return failure_;
    }
    return Status::Internal("unknown writer state");
  }

  Result<FooterBlock> WriteMessage(const std::vector<uint8_t>& metadata, const EncodedBody& body) {
    FooterBlock block;
    block.offset = sink_->position();
    QUIVER_ASSIGN_OR_RETURN(block.metadata_length, WriteMessageMetadata(sink_, metadata, options_.alignment));
    const int64_t body_start = sink_->position();
    QUIVER_RETURN_IF_ERROR(WriteBody(sink_, body));
    block.body_length = sink_->position() - body_start;
    if (block.body_length != body.metadata.body_length) {
      return Status::Internal(StrCat("wrote a body of ", block.body_length, " bytes but declared ",
                                     body.metadata.body_length));
    }
    return block;
  }

  Status WriteDictionary(int64_t id, const ArrayData& values, bool is_delta) {
    BodyEncoder encoder(pool_);
    QUIVER_RETURN_IF_ERROR(encoder.Append(values));
    QUIVER_ASSIGN_OR_RETURN(EncodedBody body, encoder.Finish(values.length, options_));
    QUIVER_ASSIGN_OR_RETURN(auto bytes, EncodeDictionaryBatchMessage(id, is_delta, body.metadata));
    QUIVER_ASSIGN_OR_RETURN(FooterBlock block, WriteMessage(bytes, body));
    dictionary_blocks_.push_back(block);
    return Status::OK();
  }

  // Sends each dictionary the batch uses that the reader does not have yet, inner ones
  // first: in full when new, as a delta when it only grew (and deltas are enabled),
  // otherwise as a replacement in streams. Files cannot replace a dictionary: the batch's
  // values missing from the written one are sent as a delta and `remaps` says how to
  // rewrite the batch's indices into the unified dictionary.
  Status WriteDictionaries(const RecordBatch& batch, std::map<int64_t, Remap>* remaps) {
    std::map<int64_t, ArrayPtr> found;
    for (int i = 0; i < batch.num_columns(); ++i) {
      CollectDictionaries(*batch.column(i), info_.fields[static_cast<size_t>(i)], &found);
    }
    for (int64_t id : info_.write_order) {
      auto it = found.find(id);
      if (it == found.end()) continue;
      const ArrayPtr& dict = it->second;
      const std::string label = StrCat("dictionary[", id, "]");
      auto sent = sent_.find(id);
      if (sent == sent_.end()) {
        QUIVER_RETURN_IF_ERROR_CTX(WriteDictionary(id, *dict, false), label);
        sent_.emplace(id, dict);
        continue;
      }
      const ArrayPtr& old = sent->second;
      if (old == dict || ArrayEquals(*old, *dict)) continue;
      if (options_.emit_dictionary_deltas && dict->length > old->length) {
        QUIVER_ASSIGN_OR_RETURN(ArrayPtr prefix, SliceArray(dict, 0, old->length));
        if (ArrayEquals(*old, *prefix)) {
          QUIVER_ASSIGN_OR_RETURN(ArrayPtr delta, SliceArray(dict, old->length, dict->length - old->length));
          QUIVER_RETURN_IF_ERROR_CTX(WriteDictionary(id, *delta, true), label);
          sent->second = dict;
          continue;
        }
      }
      if (file_) {
        std::set<int64_t> rewritable;
        for (const FieldIds& f : info_.fields) CollectColumnDictionaryIds(f, &rewritable);
        if (rewritable.count(id) == 0) {
          return Status::InvalidArgument(StrCat("the IPC file format cannot replace a dictionary; this batch's "
                                                "dictionary for id ",
                                                id, " (inside another dictionary's values) differs"))
              .WithContext(label);
        }
        auto unified = UnifyDictionary(*old, *dict);
        if (!unified.ok()) return std::move(unified).status().WithContext(label);
        if (unified->delta->length > 0) {
          QUIVER_RETURN_IF_ERROR_CTX(WriteDictionary(id, *unified->delta, true), label);
          QUIVER_ASSIGN_OR_RETURN(sent->second, ConcatenateArrays(*old, *unified->delta, pool_));
        }
        remaps->emplace(id, Remap{std::move(unified->remap), sent->second});
        continue;
      }
      QUIVER_RETURN_IF_ERROR_CTX(WriteDictionary(id, *dict, false), label);
      sent->second = dict;
    }
    return Status::OK();
  }

  io::Sink* sink_;
  WriteOptions options_;
  bool file_;
  MemoryPool* pool_;
  State state_ = State::kNew;
  Status failure_;
  SchemaInfo info_;
  std::map<int64_t, ArrayPtr> sent_;
  std::vector<FooterBlock> dictionary_blocks_;
  std::vector<FooterBlock> batch_blocks_;
  int64_t batches_written_ = 0;
};

}  // namespace
}  // namespace internal

struct StreamWriter::Impl {
  internal::Writer writer;
};

StreamWriter::StreamWriter(io::Sink* sink, WriteOptions options)
    : impl_(new Impl{internal::Writer(sink, std::move(options), /*file=*/false)}) {}
StreamWriter::~StreamWriter() = default;
Status StreamWriter::Begin(const SchemaPtr& schema) { return impl_->writer.Begin(schema); }
Status StreamWriter::WriteBatch(const RecordBatch& batch, const KeyValueMetadata& metadata) {
  return impl_->writer.WriteBatch(batch, metadata);
}
Status StreamWriter::Finish() { return impl_->writer.Finish({}); }

struct FileWriter::Impl {
  internal::Writer writer;
};

FileWriter::FileWriter(io::Sink* sink, WriteOptions options)
    : impl_(new Impl{internal::Writer(sink, std::move(options), /*file=*/true)}) {}
FileWriter::~FileWriter() = default;
Status FileWriter::Begin(const SchemaPtr& schema) { return impl_->writer.Begin(schema); }
Status FileWriter::WriteBatch(const RecordBatch& batch, const KeyValueMetadata& metadata) {
  return impl_->writer.WriteBatch(batch, metadata);
}
Status FileWriter::Finish(const KeyValueMetadata& footer_metadata) { return impl_->writer.Finish(footer_metadata); }

namespace {

template <typename W>
Status WriteTable(const Table& table, io::Sink* sink, const WriteOptions& options) {
  W writer(sink, options);
  QUIVER_RETURN_IF_ERROR(writer.Begin(table.schema()));
  for (const RecordBatchPtr& batch : table.batches()) QUIVER_RETURN_IF_ERROR(writer.WriteBatch(*batch));
  return writer.Finish();
}

}  // namespace

Status WriteStreamTo(const Table& table, io::Sink* sink, const WriteOptions& options) {
  return WriteTable<StreamWriter>(table, sink, options);
}

Status WriteFileTo(const Table& table, io::Sink* sink, const WriteOptions& options) {
  return WriteTable<FileWriter>(table, sink, options);
}

Result<std::shared_ptr<Buffer>> WriteStream(const Table& table, const WriteOptions& options) {
  io::BufferSink sink;
  QUIVER_RETURN_IF_ERROR(WriteStreamTo(table, &sink, options));
  return sink.Finish();
}

Result<std::shared_ptr<Buffer>> WriteFile(const Table& table, const WriteOptions& options) {
  io::BufferSink sink;
  QUIVER_RETURN_IF_ERROR(WriteFileTo(table, &sink, options));
  return sink.Finish();
}

}  // namespace quiver::ipc
