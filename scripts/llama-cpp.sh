#!/usr/bin/env bash
# Fetches llama.cpp's source from the PyPI sdist llama-cpp-python==0.3.36
# (vendor/llama.cpp), checks its SHA-256, and builds its CPU library and
# llama-bench with cmake under .build/llama.cpp. Prints the source directory.
#
#   scripts/llama-cpp.sh [TARGET...]     (default: llama llama-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.3.36
SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
URL=https://files.pythonhosted.org/packages/ec/e9/e7de2b0463ea3ffbf0ede6cb21b58c1258a8f6521aae45ca773a59fe7cf3/llama_cpp_python-$VERSION.tar.gz
ROOT=.build/llama.cpp
SRC=$ROOT/llama_cpp_python-$VERSION/vendor/llama.cpp
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(llama llama-bench)

mkdir -p "$ROOT"
if [ ! -f "$SRC/CMakeLists.txt" ]; then
  archive=$ROOT/llama_cpp_python-$VERSION.tar.gz
  if [ ! -f "$archive" ] || ! echo "$SHA256  $archive" | sha256sum -c --quiet - 2>/dev/null; then
    echo "downloading llama-cpp-python $VERSION (sdist)" >&2
    curl -fsSL -o "$archive.part" "$URL"
    echo "$SHA256  $archive.part" | sha256sum -c --quiet -
    mv "$archive.part" "$archive"
  fi
  tar -xzf "$archive" -C "$ROOT"
fi
command -v cmake >/dev/null || python3 -m pip install -q cmake
if [ ! -f "$SRC/build/CMakeCache.txt" ]; then
  cmake -S "$SRC" -B "$SRC/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON \
    -DGGML_OPENMP=OFF >&2
fi
echo "building llama.cpp: ${targets[*]} (several minutes on 2 cores)" >&2
cmake --build "$SRC/build" -j"$(nproc)" --target "${targets[@]}" >&2
echo "$SRC"
