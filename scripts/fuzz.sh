#!/usr/bin/env bash
# Runs the libFuzzer targets of build/fuzz (mk/fuzz.mk builds them) one after another, each
# for SECONDS, from the seed corpora that fuzz_seeds writes. Exits non-zero when any target
# finds a crash, a leak, a timeout or an out-of-memory, after printing the input's path.
#   scripts/fuzz.sh SECONDS [--fresh] [TARGET...]
# --fresh starts every corpus from the seeds alone (the smoke run, reproducible); without
# it the corpora grown by earlier runs are kept. Inputs that find bugs are written to
# build/fuzz/crashes/<target>/; replay one with `build/fuzz/<target> FILE`.
set -euo pipefail

seconds=${1:?usage: scripts/fuzz.sh SECONDS [--fresh] [TARGET...]}
shift
fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ipc_fuzz ipc_file_fuzz parquet_fuzz thrift_fuzz codec_fuzz geo_fuzz)

dir=build/fuzz
[ $fresh -eq 0 ] || rm -rf "$dir"/corpus-*
ASAN_OPTIONS=detect_leaks=0 "$dir/fuzz_seeds" "$dir" >/dev/null
# Parquet seeds: also the small files the cross-implementation tests wrote (DuckDB,
# parquet-wasm, Quiver), when `make test-parquet-compat` has run; every third file of
# at most 16 KiB keeps the start-up short.
if [ -d build/compat/parquet ]; then
  find build/compat/parquet -name '*.parquet' -size -16k | LC_ALL=C sort | awk 'NR % 3 == 0' |
    while read -r f; do cp "$f" "$dir/corpus-parquet_fuzz/compat-$(echo "$f" | tr '/' '_')"; done
fi
# The regression inputs are seeds too.
for m in ipc parquet thrift codec geo; do
  case $m in ipc) t=(ipc_fuzz ipc_file_fuzz) ;; *) t=("${m}_fuzz") ;; esac
  [ -d "tests/regressions/$m" ] || continue
  for x in "${t[@]}"; do cp tests/regressions/$m/* "$dir/corpus-$x/" 2>/dev/null || true; done
done

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$dir/crashes/$t"
  log="$dir/crashes/$t.log"
  echo "fuzz: $t for ${seconds}s"
  set +e
  "$dir/$t" "$dir/corpus-$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$dir/crashes/$t/" >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$log" | sed 's/^/  /' || true
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); log $log"
    grep -E 'ERROR|Internal|SUMMARY' "$log" | head -5 | sed 's/^/  /' || true
    grep -E 'Test unit written to|written to' "$log" | sed 's/^.*written to /  input: /' || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a finding"
