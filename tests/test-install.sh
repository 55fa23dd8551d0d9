#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR and checks what a desktop sees:
# every data file in place and valid, the schemas compile, and the installed
# MIME database recognises a workspace by its content alone.
#
# Usage: test-install.sh [BUILD_ROOT]   (default: $MESON_BUILD_ROOT)
# Environment: MESON (default meson). Prints TAP.

set -u

build=${1:-${MESON_BUILD_ROOT:-}}
if [ -z "$build" ] || [ ! -f "$build/meson-private/install.dat" ]; then
  echo "Bail out! usage: $0 BUILD_ROOT (a configured meson build directory)"
  exit 1
fi
build=$(cd "$build" && pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
meson=${MESON:-meson}
app_id=io.github.tenure.Tenure

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tenure-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
destdir=$tmp/dest

n=0
failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check NAME COMMAND...: one test point; the command's output becomes a diagnostic.
check ()
{
  name=$1; shift
  if "$@" >"$tmp/out" 2>&1; then ok "$name"; else fail "$name"; sed 's/^/# /' "$tmp/out"; fi
}
have () { command -v "$1" >/dev/null 2>&1; }

# Install directories as configured (absolute, or relative to the prefix).
"$meson" introspect "$build" --buildoptions >"$tmp/options.json" || {
  echo "Bail out! meson introspect failed"; exit 1; }
dir_option ()
{
  python3 -c '
import json, os, sys
opts = {o["name"]: o["value"] for o in json.load(open(sys.argv[1]))}
print(os.path.join(opts["prefix"], opts[sys.argv[2]]) if sys.argv[2] != "prefix" else opts["prefix"])
' "$tmp/options.json" "$1"
}
datadir=$destdir$(dir_option datadir)
bindir=$destdir$(dir_option bindir)
localedir=$destdir$(dir_option localedir)

# --no-rebuild: meson test has built everything; never run ninja from a test.
check "meson install --destdir" \
  "$meson" install -C "$build" --no-rebuild --quiet --destdir "$destdir"

# Data files, by install path.
for f in \
  "applications/$app_id.desktop" \
  "metainfo/$app_id.metainfo.xml" \
  "mime/packages/$app_id.xml" \
  "glib-2.0/schemas/$app_id.gschema.xml" \
  "icons/hicolor/scalable/apps/$app_id.svg" \
  "icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
do
  check "installed share/$f" test -s "$datadir/$f"
done
# LINGUAS may hold several languages on a line: split on words.
# shellcheck disable=SC2013
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS"); do
  check "installed $lang translation" test -s "$localedir/$lang/LC_MESSAGES/tenure.mo"
done

# Programs: required as soon as the build defines them (src/app, src/cli).
"$meson" introspect "$build" --targets >"$tmp/targets.json"
for prog in tenure tenure-cli; do
  state=$(python3 -c '
import json, sys
t = [t for t in json.load(open(sys.argv[1])) if t["name"] == sys.argv[2] and t["type"] == "executable"]
print("none" if not t else "installed" if t[0]["installed"] else "not-installed")
' "$tmp/targets.json" "$prog")
  case $state in
    none) skip "installed bin/$prog" "not built yet" ;;
    *)    check "installed bin/$prog" test -x "$bindir/$prog" ;;
  esac
done

# Everything meson meant to install is there (catches a broken install_dir).
"$meson" introspect "$build" --installed >"$tmp/installed.json"
check "every planned file installed" python3 -c '
import json, os, sys
missing = [p for p in json.load(open(sys.argv[1])).values()
           if not os.path.lexists(sys.argv[2] + p)]
print("\n".join("missing " + p for p in missing))
sys.exit(1 if missing else 0)
' "$tmp/installed.json" "$destdir"

# Validators, on the installed (merged, translated) files.
desktop=$datadir/applications/$app_id.desktop
if have desktop-file-validate; then
  check "desktop-file-validate" desktop-file-validate "$desktop"
else
  skip "desktop-file-validate" "not installed"
fi
check "desktop file is translated (de)" grep -q '^Comment\[de\]=' "$desktop"
if have appstreamcli; then
  check "appstreamcli validate --no-net" \
    appstreamcli validate --no-net "$datadir/metainfo/$app_id.metainfo.xml"
else
  skip "appstreamcli validate --no-net" "not installed"
fi

schemas=$datadir/glib-2.0/schemas
check "glib-compile-schemas --strict" glib-compile-schemas --strict "$schemas"
if have gsettings; then
  got=$(GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory \
        gsettings get "$app_id" last-period-kind 2>&1)
  if [ "$got" = "'month'" ]; then
    ok "gsettings reads the installed schema"
  else
    fail "gsettings reads the installed schema"; echo "# got $got"
  fi
else
  skip "gsettings reads the installed schema" "gsettings not installed"
fi

# MIME: an isolated environment that sees the installed share/ and the
# system's, never the user's own databases.
check "update-mime-database" update-mime-database "$datadir/mime"
mkdir -p "$tmp/home" "$tmp/config" "$tmp/files"
sys_data=${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
content_type ()
{
  env XDG_DATA_HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" \
      XDG_DATA_DIRS="$datadir:$sys_data" XDG_CONFIG_DIRS="$tmp/config" \
      GIO_USE_VFS=local \
      gio info -a standard::content-type "$1" 2>/dev/null |
    sed -n 's/^ *standard::content-type: *//p'
}
expect_type ()
{
  got=$(content_type "$2")
  if [ "$got" = "$3" ]; then ok "$1"; else fail "$1"; echo "# got '$got', want '$3'"; fi
}
if have gio && have sqlite3; then
  # A renamed workspace: no .tenure extension, recognised by its header.
  sqlite3 "$tmp/files/report.bin" \
    'pragma application_id=1414419013; create table t(x);'
  expect_type "workspace without extension detected by content" \
    "$tmp/files/report.bin" application/x-tenure-workspace
  sqlite3 "$tmp/files/Plan.tenure" 'create table t(x);'
  expect_type "*.tenure detected by name" \
    "$tmp/files/Plan.tenure" application/x-tenure-workspace
  sqlite3 "$tmp/files/other.bin" 'pragma application_id=1; create table t(x);'
  got=$(content_type "$tmp/files/other.bin")
  if [ -n "$got" ] && [ "$got" != application/x-tenure-workspace ]; then
    ok "other SQLite files are not claimed ($got)"
  else
    fail "other SQLite files are not claimed"; echo "# got '$got'"
  fi
else
  skip "workspace detected by content" "gio or sqlite3 not installed"
fi

# The desktop entry offers itself for workspaces and CSV files. GIO hides a
# desktop entry whose Exec program is not found, so this needs bin/tenure.
for type in application/x-tenure-workspace text/csv; do
  if [ ! -x "$bindir/tenure" ]; then
    skip "registered for $type" "bin/tenure not installed yet"
  elif ! have update-desktop-database || ! have gio; then
    skip "registered for $type" "update-desktop-database or gio not installed"
  else
    update-desktop-database "$datadir/applications" >/dev/null 2>&1
    handlers=$(env PATH="$bindir:$PATH" \
                   XDG_DATA_HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" \
                   XDG_DATA_DIRS="$datadir:$sys_data" XDG_CONFIG_DIRS="$tmp/config" \
                   gio mime "$type" 2>&1)
    case $handlers in
      *"Registered applications:"*"$app_id.desktop"*) ok "registered for $type" ;;
      *) fail "registered for $type"; printf '%s\n' "$handlers" | sed 's/^/# /' ;;
    esac
  fi
done

echo "1..$n"
exit $failed
