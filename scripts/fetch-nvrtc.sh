#!/bin/sh
# Fetches NVIDIA's run-time CUDA compiler from PyPI (the nvidia-cuda-nvrtc-cu12
# wheel), verifies its SHA-256 and unpacks its libraries into DIR (default
# .build/nvrtc), so that the CUDA kernel sources are compiled by the tests on
# a machine without a GPU. Prints the path of libnvrtc for $PRECIS_NVRTC.
set -eu

DIR="${1:-.build/nvrtc}"
VERSION=12.9.86
WHEEL=nvidia_cuda_nvrtc_cu12-$VERSION-py3-none-manylinux2010_x86_64.manylinux_2_12_x86_64.whl
SHA=210cf05005a447e29214e9ce50851e83fc5f4358df8b453155d5e1918094dcb4
LIB="$DIR/lib/libnvrtc.so.12"

if [ ! -f "$LIB" ]; then
    mkdir -p "$DIR/download"
    [ -f "$DIR/download/$WHEEL" ] || python3 -m pip download -q --no-deps --only-binary=:all: \
        --platform manylinux2010_x86_64 --python-version 3.12 -d "$DIR/download" "nvidia-cuda-nvrtc-cu12==$VERSION" >&2
    actual=$(sha256sum "$DIR/download/$WHEEL" | cut -d' ' -f1)
    if [ "$actual" != "$SHA" ]; then
        echo "checksum mismatch for $WHEEL: expected $SHA, got $actual" >&2
        exit 1
    fi
    rm -rf "$DIR/unpacked" && mkdir -p "$DIR/unpacked" "$DIR/lib"
    python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$DIR/download/$WHEEL" "$DIR/unpacked"
    cp "$DIR"/unpacked/nvidia/cuda_nvrtc/lib/libnvrtc*.so* "$DIR/lib/"
    rm -rf "$DIR/unpacked"
fi
echo "$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")"
