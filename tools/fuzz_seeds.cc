// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// fuzz_seeds OUT_DIR: writes the seed corpora of the fuzz targets (docs/testing.md) into
// OUT_DIR/corpus-<target>, from the random tables of the IPC property tests
// (ipc/random_table_test_util.h) with fixed seeds, so the same build writes the same files:
//   corpus-ipc_fuzz       each table as an IPC stream and file (none, LZ4, ZSTD)
//   corpus-ipc_file_fuzz  each table as an IPC file
//   corpus-parquet_fuzz   each table written by Quiver's Parquet writer (codecs, page v1/v2,
//                         dictionary on/off); mk/fuzz.mk adds the compat tests' files
//   corpus-thrift_fuzz    the footers, page headers and page indexes of those files
//   corpus-codec_fuzz     every codec's compression of a few of those files
//   corpus-geo_fuzz       the geometry tests' WKT fixtures, as WKT and as WKB (both byte
//                         orders, and EWKB with an SRID), tagged as geo_fuzz expects
// Built with QUIVER_FUZZ (cmake/fuzz.cmake); native only, test code (RapidCheck, exceptions).
#include <rapidcheck.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo_fixtures_test_util.h"
#include "ipc/random_table_test_util.h"
#include "parquet/thrift/metadata_decode.h"
#include "quiver/codec/codec.h"
#include "quiver/ipc/ipc.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"
#include "quiver_geo/wkb.h"
#include "quiver_geo/wkt.h"

namespace {

namespace fs = std::filesystem;
using namespace quiver;

constexpr int kTables = 48;

void Save(const fs::path& dir, const std::string& name, uint8_t tag, bool tagged, std::span<const uint8_t> bytes) {
  std::ofstream out(dir / name, std::ios::binary);
  if (tagged) out.put(static_cast<char>(tag));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// The thrift structures of a Parquet file, each tagged as thrift_fuzz expects.
void SaveThrift(const fs::path& dir, const std::string& stem, std::span<const uint8_t> file) {
  const size_t n = file.size();
  if (n < 12) return;
  const uint32_t len = uint32_t{file[n - 8]} | uint32_t{file[n - 7]} << 8 | uint32_t{file[n - 6]} << 16 |
                       uint32_t{file[n - 5]} << 24;
  if (len > n - 12) return;
  const auto footer = file.subspan(n - 8 - len, len);
  Save(dir, stem + "-footer", 0, true, footer);
  auto md = parquet::thrift::DecodeFileMetaData(footer, parquet::ParquetLimits{});
  if (!md.ok() || md->row_groups.empty()) return;
  int i = 0;
  for (const auto& chunk : md->row_groups[0].columns) {
    const std::string at = stem + "-c" + std::to_string(i++);
    auto range = [&](std::optional<int64_t> off, std::optional<int32_t> size) -> std::span<const uint8_t> {
      if (!off || !size || *off < 0 || *size < 0 || static_cast<uint64_t>(*off + *size) > n) return {};
      return file.subspan(static_cast<size_t>(*off), static_cast<size_t>(*size));
    };
    if (auto ci = range(chunk.column_index_offset, chunk.column_index_length); !ci.empty()) {
      Save(dir, at + "-column-index", 2, true, ci);
    }
    if (auto oi = range(chunk.offset_index_offset, chunk.offset_index_length); !oi.empty()) {
      Save(dir, at + "-offset-index", 3, true, oi);
    }
    if (!chunk.meta_data) continue;
    const int64_t off = chunk.meta_data->dictionary_page_offset.value_or(chunk.meta_data->data_page_offset);
    if (off < 0 || static_cast<uint64_t>(off) >= n) continue;
    const auto rest = file.subspan(static_cast<size_t>(off));
    int64_t header = 0;
    if (parquet::thrift::DecodePageHeader(rest, parquet::ParquetLimits{}, &header).ok()) {
      Save(dir, at + "-page-header", 1, true, rest.first(static_cast<size_t>(header)));
    }
  }
}

// Every codec's compression of `payload`, in codec_fuzz's layout (codec, size, data).
void SaveCodecs(const fs::path& dir, const std::string& stem, std::span<const uint8_t> payload) {
  for (int k = 0; k < 7; ++k) {
    const auto kind = static_cast<codec::CodecKind>(k);
    auto c = codec::GetCodec(kind);
    if (!c.ok()) continue;
    auto packed = codec::CompressToBuffer(**c, payload);
    if (!packed.ok()) continue;
    std::vector<uint8_t> seed = {static_cast<uint8_t>(k)};
    for (int i = 0; i < 4; ++i) seed.push_back(static_cast<uint8_t>(payload.size() >> (8 * i)));
    seed.insert(seed.end(), (*packed)->data(), (*packed)->data() + (*packed)->size());
    Save(dir, stem + "-" + std::string(codec::CodecName(kind)), 0, false, seed);
  }
}

// The columns of `table` that Parquet can store, as a table (the writer refuses some
// types); null when there are none.
TablePtr Columns(const Table& table, const std::vector<int>& keep) {
  std::vector<FieldPtr> fields;
  for (int c : keep) fields.push_back(table.schema()->field(c));
  auto s = std::make_shared<const Schema>(fields, table.schema()->metadata());
  std::vector<RecordBatchPtr> batches;
  for (const auto& b : table.batches()) {
    std::vector<ArrayPtr> cols;
    for (int c : keep) cols.push_back(b->column(c));
    auto batch = RecordBatch::Make(s, b->num_rows(), cols);
    if (!batch.ok()) return nullptr;
    batches.push_back(*batch);
  }
  auto t = Table::Make(s, batches);
  return t.ok() ? *t : nullptr;
}

TablePtr Storable(const Table& table, const parquet::WriteOptions& options) {
  std::vector<int> keep;
  for (int c = 0; c < table.num_columns(); ++c) {
    const TablePtr one = Columns(table, {c});
    if (one && parquet::WriteTable(*one, options).ok()) keep.push_back(c);
  }
  return keep.empty() ? nullptr : Columns(table, keep);
}

// The geometry fixtures in geo_fuzz's layout: byte 0 is 1 for WKT, 0 for WKB.
int SaveGeometries(const fs::path& dir) {
  int n = 0;
  for (const std::string& wkt : geo::testing::WktFixtures()) {
    auto g = geo::DecodeWkt(wkt);
    if (!g.ok()) continue;
    const std::string stem = "g" + std::to_string(n++);
    Save(dir, stem + ".wkt", 1, true, {reinterpret_cast<const uint8_t*>(wkt.data()), wkt.size()});
    for (auto order : {geo::ByteOrder::kLittleEndian, geo::ByteOrder::kBigEndian}) {
      std::string wkb;
      if (!geo::EncodeWkb(*g, &wkb, order).ok()) continue;
      const std::string name = stem + (order == geo::ByteOrder::kBigEndian ? "-be.wkb" : "-le.wkb");
      Save(dir, name, 0, true, {reinterpret_cast<const uint8_t*>(wkb.data()), wkb.size()});
      if (order != geo::ByteOrder::kLittleEndian || wkb.size() < 5) continue;
      // EWKB: the ISO type code becomes flags, and an SRID (4326) follows it.
      const uint32_t iso = uint32_t{uint8_t(wkb[1])} | uint32_t{uint8_t(wkb[2])} << 8;
      const uint32_t code = (iso % 1000) | (iso / 1000 == 1 || iso / 1000 == 3 ? 0x80000000u : 0) |
                            (iso / 1000 >= 2 ? 0x40000000u : 0) | 0x20000000u;
      std::string ewkb = wkb.substr(0, 1);
      for (uint32_t v : {code, uint32_t{4326}}) {
        for (int i = 0; i < 4; ++i) ewkb.push_back(static_cast<char>(v >> (8 * i)));
      }
      ewkb += wkb.substr(5);
      Save(dir, stem + "-srid.wkb", 0, true, {reinterpret_cast<const uint8_t*>(ewkb.data()), ewkb.size()});
    }
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  const char* targets[] = {"ipc_fuzz", "ipc_file_fuzz", "parquet_fuzz", "thrift_fuzz", "codec_fuzz", "geo_fuzz"};
  for (const char* t : targets) fs::create_directories(out / (std::string("corpus-") + t));
  const fs::path ipc = out / "corpus-ipc_fuzz", file = out / "corpus-ipc_file_fuzz";
  const fs::path pq = out / "corpus-parquet_fuzz", thrift = out / "corpus-thrift_fuzz";
  const fs::path codecs = out / "corpus-codec_fuzz";

  const auto gen = rc::gen::exec([] { return ipc::testing::GenTable(); });
  const parquet::Compression pq_codecs[] = {parquet::Compression::kUncompressed, parquet::Compression::kSnappy,
                                            parquet::Compression::kZstd, parquet::Compression::kGzip,
                                            parquet::Compression::kLz4Raw, parquet::Compression::kBrotli};
  int written = 0;
  for (int i = 0; i < kTables; ++i) {
    const TablePtr table = gen(rc::Random(static_cast<uint64_t>(1000 + i)), 10 + i % 30).value();
    const std::string stem = "t" + std::to_string(i);
    ipc::WriteOptions io;
    io.compression = static_cast<ipc::Compression>(i % 3);
    if (!ipc::WriteOptions{.compression = io.compression}.Validate().ok()) io.compression = ipc::Compression::kNone;
    if (auto s = ipc::WriteStream(*table, io); s.ok()) Save(ipc, stem + ".arrows", 0, false, (*s)->span());
    if (auto f = ipc::WriteFile(*table, io); f.ok()) {
      Save(ipc, stem + ".arrow", 0, false, (*f)->span());
      Save(file, stem + ".arrow", 0, false, (*f)->span());
      if (i % 8 == 0) SaveCodecs(codecs, stem, (*f)->span().first(std::min<size_t>((*f)->size(), 4096)));
    }
    parquet::WriteOptions po;
    po.compression = pq_codecs[i % 6];
    po.page_version = 1 + i % 2;
    po.dictionary = (i / 2) % 2 == 0;
    po.data_page_bytes = 256;  // several pages per chunk
    if (!po.Validate().ok()) po.compression = parquet::Compression::kUncompressed;
    auto p = parquet::WriteTable(*table, po);
    if (!p.ok()) {
      const TablePtr storable = Storable(*table, po);
      if (!storable) continue;
      p = parquet::WriteTable(*storable, po);
      if (!p.ok()) continue;
    }
    Save(pq, stem + ".parquet", 0, false, (*p)->span());
    SaveThrift(thrift, stem, (*p)->span());
    ++written;
  }
  const std::string text = "Quiver reads Arrow IPC and Parquet files from strangers on the web. ";
  std::string repeated;
  for (int i = 0; i < 20; ++i) repeated += text;
  SaveCodecs(codecs, "text", {reinterpret_cast<const uint8_t*>(repeated.data()), repeated.size()});
  SaveCodecs(codecs, "empty", {});
  const int geometries = SaveGeometries(out / "corpus-geo_fuzz");
  std::printf("fuzz_seeds: %d tables, %d Parquet files, %d geometries, corpora in %s\n", kTables, written,
              geometries, out.string().c_str());
  return 0;
}
