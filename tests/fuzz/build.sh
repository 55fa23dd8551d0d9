#!/bin/sh
# Builds the libFuzzer targets with clang in their own build directory
# (_fuzz, ignored by git) and, with "run", runs fuzz-csv for SECONDS
# (default 300) on the fixtures as seed corpus:
#   tests/fuzz/build.sh            build _fuzz/fuzz-csv
#   tests/fuzz/build.sh run 600    build, then fuzz for ten minutes
# Needs clang and libclang-rt-14-dev (libFuzzer, ASan, UBSan).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/_fuzz"
mkdir -p "$out/corpus" "$out/crashes"
cat > "$out/config.h" <<'H'
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "tenure"
#define LOCALEDIR "/usr/share/locale"
#define APP_ID "io.github.tenure.Tenure"
#define PKGDATADIR "/usr/share/tenure"
H
core="$top/src/core"
clang -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$out" -I"$core" \
  "$core/tenure-csv.c" "$core/tenure-parse.c" "$core/tenure-import.c" "$core/tenure-date.c" \
  "$core/tenure-json.c" "$core/tenure-schema.c" "$core/tenure-settings.c" \
  "$top/tests/fuzz/fuzz-csv.c" \
  $(pkg-config --cflags --libs gio-2.0 sqlite3) -lm \
  -o "$out/fuzz-csv"
echo "built $out/fuzz-csv"
if [ "${1:-}" = run ]; then
  # Seeds: every fixture, behind a zero flags byte (detect the kind).
  for f in "$top"/tests/fixtures/csv/*.csv; do
    { printf '\000'; cat "$f"; } > "$out/corpus/$(basename "$f")"
  done
  cp "$top"/tests/fuzz/corpus/fuzz-csv/* "$out/corpus/" 2>/dev/null || true
  "$out/fuzz-csv" -max_total_time="${2:-300}" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$out/crashes/" "$out/corpus"
fi
