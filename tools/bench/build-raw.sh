#!/bin/sh
# Builds the raw-libspandsp fax benchmark: tools/bench/build-raw.sh [OUTPUT_DIR]
# OUTPUT_DIR defaults to artifacts/bench/ under the repository root (gitignored).
# If the libspandsp headers are missing, installs libspandsp-dev with apt-get (needs root).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-"$root/artifacts/bench"}

if [ ! -f /usr/include/spandsp.h ] && [ ! -f "/usr/include/$(gcc -dumpmachine)/spandsp.h" ]; then
  echo "build-raw.sh: libspandsp headers missing, installing libspandsp-dev" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "build-raw.sh: run as root (or install libspandsp-dev yourself)" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y libspandsp-dev
fi

mkdir -p "$out"
gcc -O2 -Wall -Werror -o "$out/spandsp_bench" "$here/spandsp_bench.c" -lspandsp -ltiff -lm
echo "$out/spandsp_bench"
