// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The file format (Feather v2): magic, stream, footer, footer size, magic; random access.
#include <cstring>

#include "core/checked_math.h"
#include "core/str_cat.h"
#include "ipc/reader_internal.h"
#include "quiver/ipc/reader.h"

namespace quiver::ipc {

using quiver::internal::StrCat;

namespace {

std::string Printable(std::span<const uint8_t> bytes) {
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (uint8_t b : bytes) {
    if (b >= 0x20 && b < 0x7f && b != '\\') {
      out.push_back(static_cast<char>(b));
    } else {
      out.append("\\x");
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

}  // namespace

struct FileReader::Impl {
  std::shared_ptr<io::Source> source;
  ReadOptions options;
  std::shared_ptr<Buffer> footer;  // holds the Footer flatbuffer
  internal::SchemaInfo schema;
  internal::DictionaryMap dictionaries;
  std::vector<internal::FooterBlock> dictionary_blocks;
  std::vector<internal::FooterBlock> batch_blocks;
  KeyValueMetadata footer_metadata;
  CompressionSet compressions;

  Status Open();
  /// Reads and decodes the message a footer block points at.
  Result<internal::Message> ReadBlock(const internal::FooterBlock& block);
};

Status FileReader::Impl::Open() {
  const int64_t size = source->size();
  constexpr int64_t kMinimum = internal::kFileHeaderSize + 4 + internal::kFileMagicSize;
  if (size < kMinimum) {
    return Status::Truncated(StrCat("expected an Arrow IPC file of at least ", kMinimum, " bytes but found ", size));
  }
  QUIVER_ASSIGN_OR_RETURN(auto head, source->ReadAt(0, internal::kFileMagicSize));
  if (std::memcmp(head->data(), internal::kFileMagic, internal::kFileMagicSize) != 0) {
    return Status::InvalidInput(StrCat("expected the file to start with the magic ARROW1 but found ", Printable(head->span())));
  }
  QUIVER_ASSIGN_OR_RETURN(auto tail, source->ReadAt(size - 4 - internal::kFileMagicSize, 4 + internal::kFileMagicSize));
  if (std::memcmp(tail->data() + 4, internal::kFileMagic, internal::kFileMagicSize) != 0) {
    // A file cut short (a download in progress) ends this way too: more bytes may help.
    return Status::Truncated(StrCat("expected the file to end with the magic ARROW1 but found ",
                                    Printable(tail->span().subspan(4))));
  }
  int32_t footer_length;
  std::memcpy(&footer_length, tail->data(), 4);
  const int64_t footer_end = size - 4 - internal::kFileMagicSize;
  if (footer_length <= 0 || footer_length > footer_end - internal::kFileHeaderSize) {
    return Status::InvalidInput(StrCat("expected a footer length in [1, ", footer_end - internal::kFileHeaderSize,
                                       "] but found ", footer_length));
  }
  const int64_t footer_start = footer_end - footer_length;
  QUIVER_ASSIGN_OR_RETURN(auto raw, source->ReadAt(footer_start, footer_length));
  QUIVER_ASSIGN_OR_RETURN(footer, internal::AlignedMetadata(raw, 0, footer_length, options.pool));
  QUIVER_RETURN_IF_ERROR_CTX(internal::VerifyFooter(footer->span(), options.limits), "footer");
  const fb::Footer* f = flatbuffers::GetRoot<fb::Footer>(footer->data());
  QUIVER_RETURN_IF_ERROR_CTX(internal::CheckMetadataVersion(f->version()), "footer");
  auto decoded = internal::DecodeSchema(f->schema(), options);
  if (!decoded.ok()) return std::move(decoded).status().WithContext("footer.schema");
  schema = std::move(decoded).value();
  footer_metadata = internal::DecodeMetadata(f->custom_metadata());

  // Every block must lie between the leading magic and the footer.
  auto blocks = [&](const flatbuffers::Vector<const fb::Block*>* in, const char* what,
                    std::vector<internal::FooterBlock>* out) -> Status {
    if (in == nullptr) return Status::OK();
    out->reserve(in->size());
    for (flatbuffers::uoffset_t i = 0; i < in->size(); ++i) {
      const fb::Block* b = in->Get(i);
      int64_t end = 0;
      const bool fits = b->offset() >= internal::kFileHeaderSize && b->metadata_length() > 0 && b->body_length() >= 0 &&
                        quiver::internal::AddChecked<int64_t>(b->offset(), b->metadata_length(), &end) &&
                        quiver::internal::AddChecked<int64_t>(end, b->body_length(), &end) && end <= footer_start;
      if (!fits) {
        return Status::InvalidInput(StrCat("expected a block inside the file's data [", internal::kFileHeaderSize, ", ",
                                           footer_start, ") but found offset ", b->offset(), ", metadata length ",
                                           b->metadata_length(), ", body length ", b->body_length()))
            .WithContext(StrCat("footer.", what, "[", i, "]"));
      }
      out->push_back({b->offset(), b->metadata_length(), b->body_length()});
    }
    return Status::OK();
  };
  QUIVER_RETURN_IF_ERROR(blocks(f->dictionaries(), "dictionaries", &dictionary_blocks));
  QUIVER_RETURN_IF_ERROR(blocks(f->record_batches(), "record_batches", &batch_blocks));

  for (size_t i = 0; i < dictionary_blocks.size(); ++i) {
    const std::string label = StrCat("dictionary_batch[", i, "]");
    auto message = ReadBlock(dictionary_blocks[i]);
    if (!message.ok()) return std::move(message).status().WithContext(label);
    if (message->message->header_type() != fb::MessageHeader::DictionaryBatch) {
      return Status::InvalidInput("expected a dictionary batch message where the footer points").WithContext(label);
    }
    QUIVER_RETURN_IF_ERROR_CTX(internal::ApplyDictionaryBatch(*message, message->message->version(), schema,
                                                              /*allow_replacement=*/false, options, &dictionaries,
                                                              &compressions),
                               label);
  }
  return Status::OK();
}

Result<internal::Message> FileReader::Impl::ReadBlock(const internal::FooterBlock& block) {
  QUIVER_ASSIGN_OR_RETURN(auto bytes, source->ReadAt(block.offset, int64_t{block.metadata_length} + block.body_length));
  auto message = internal::DecodeMessage(bytes, 0, options);
  if (!message.ok()) {
    if (message.status().code() != StatusCode::kTruncated) return message;
    // The footer vouched for the size: a message longer than its block is corrupt.
    return Status::InvalidInput(StrCat("message does not fit its footer block (", message.status().message(), ")"));
  }
  if (message->end_of_stream) {
    return Status::InvalidInput("expected a message where the footer points but found the end-of-stream marker");
  }
  return message;
}

FileReader::FileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileReader::~FileReader() = default;

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<Buffer> data, const ReadOptions& options) {
  if (!data) return Status::InvalidArgument("file buffer is null");
  return Open(std::make_shared<io::BufferSource>(std::move(data)), options);
}

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<io::Source> source, const ReadOptions& options) {
  QUIVER_RETURN_IF_ERROR(options.Validate());
  if (!source) return Status::InvalidArgument("file source is null");
  auto impl = std::make_unique<Impl>();
  impl->source = std::move(source);
  impl->options = options;
  QUIVER_RETURN_IF_ERROR(impl->Open());
  return std::unique_ptr<FileReader>(new FileReader(std::move(impl)));
}

const SchemaPtr& FileReader::schema() const { return impl_->schema.schema; }
int FileReader::num_record_batches() const { return static_cast<int>(impl_->batch_blocks.size()); }
const KeyValueMetadata& FileReader::footer_metadata() const { return impl_->footer_metadata; }
CompressionSet FileReader::compressions() const { return impl_->compressions; }

Result<RecordBatchPtr> FileReader::ReadRecordBatch(int i) { return ReadRecordBatch(i, nullptr); }

Result<RecordBatchPtr> FileReader::ReadRecordBatch(int i, KeyValueMetadata* custom_metadata) {
  if (i < 0 || i >= num_record_batches()) {
    return Status::InvalidArgument(StrCat("record batch index ", i, " is outside [0, ", num_record_batches(), ")"));
  }
  const std::string label = StrCat("record_batch[", i, "]");
  auto message = impl_->ReadBlock(impl_->batch_blocks[static_cast<size_t>(i)]);
  if (!message.ok()) return std::move(message).status().WithContext(label);
  if (message->message->header_type() != fb::MessageHeader::RecordBatch) {
    return Status::InvalidInput("expected a record batch message where the footer points").WithContext(label);
  }
  auto batch = internal::DecodeRecordBatch(*message, impl_->schema, impl_->dictionaries, impl_->options,
                                           &impl_->compressions);
  if (!batch.ok()) return std::move(batch).status().WithContext(label);
  if (custom_metadata != nullptr) *custom_metadata = internal::DecodeMetadata(message->message->custom_metadata());
  return batch;
}

Result<TablePtr> ReadFile(const std::shared_ptr<Buffer>& data, const ReadOptions& options) {
  return ReadFile(data, options, nullptr);
}

Result<TablePtr> ReadFile(const std::shared_ptr<Buffer>& data, const ReadOptions& options,
                          CompressionSet* compressions) {
  QUIVER_ASSIGN_OR_RETURN(auto reader, FileReader::Open(data, options));
  std::vector<RecordBatchPtr> batches;
  batches.reserve(static_cast<size_t>(reader->num_record_batches()));
  for (int i = 0; i < reader->num_record_batches(); ++i) {
    QUIVER_ASSIGN_OR_RETURN(auto batch, reader->ReadRecordBatch(i));
    batches.push_back(std::move(batch));
  }
  QUIVER_ASSIGN_OR_RETURN(TablePtr table, Table::Make(reader->schema(), std::move(batches)));
  if (compressions != nullptr) *compressions = reader->compressions();
  return table;
}

}  // namespace quiver::ipc
