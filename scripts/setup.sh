#!/usr/bin/env bash
# Installs the Debian packages Quiver needs, if any are missing. Idempotent: when all are
# present it does nothing and touches no network.
set -euo pipefail

packages=(
  build-essential clang-14 libclang-rt-14-dev cmake ninja-build ccache pkg-config dpkg-dev
  libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  flatbuffers-compiler libflatbuffers-dev
  liblz4-dev libzstd-dev libsnappy-dev zlib1g-dev libbrotli-dev
  emscripten
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js and npm may come from elsewhere than Debian's archive; only install Debian's when
# there are none.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
