#!/usr/bin/env bash
# Fetches the codec libraries' Debian source packages for the WASM build into
# build/deps/src, through a private apt configuration: the machine's own apt setup is not
# changed. Versions are whatever the archive serves for bookworm; the script records them in
# build/deps/src/VERSIONS. Idempotent: packages already unpacked are skipped.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
deps="$root/build/deps"
aptdir="$deps/apt"
src="$deps/src"
packages=(lz4 libzstd snappy zlib brotli)
# The versions bookworm serves as of this writing. If the archive has moved on (a point
# release), the script takes what it serves and says so.
declare -A pinned=([lz4]=1.9.4-1 [libzstd]=1.5.4+dfsg2-5 [snappy]=1.1.9-3 [zlib]=1:1.2.13.dfsg-1 [brotli]=1.0.9-2)

have_all=1
for p in "${packages[@]}"; do
  compgen -G "$src/$p-*/" >/dev/null || have_all=0
done
if [ $have_all -eq 1 ]; then
  echo "codec sources: present in build/deps/src"
  exit 0
fi

mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial" "$src"
uri=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
  uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
fi
[ -n "$uri" ] || { echo "codec sources: cannot find the machine's Debian archive in /etc/apt" >&2; exit 1; }
cat > "$aptdir/src.sources" <<SRC
Types: deb-src
URIs: $uri
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_private=(apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$aptdir"
  -o Dir::State::Lists="$aptdir/lists" -o Dir::Cache="$aptdir/cache" -o APT::Sandbox::User=root)
"${apt_private[@]}" update >/dev/null
cd "$src"
for p in "${packages[@]}"; do
  if compgen -G "$src/$p-*/" >/dev/null; then continue; fi
  if ! "${apt_private[@]}" source "$p=${pinned[$p]}" >/dev/null 2>&1; then
    echo "codec sources: $p=${pinned[$p]} is no longer served; taking the archive's current $p" >&2
    "${apt_private[@]}" source "$p" >/dev/null
  fi
done
ls -d */ | sed 's#/$##' > VERSIONS
echo "codec sources: $(tr '\n' ' ' < VERSIONS)"
