#!/bin/sh
# Fetches real-world documents for the Ingest real-world tests and verifies
# their SHA-256 checksums:
#   - Debian's live-manual-epub package (EPUB manuals in ten languages)
#   - the Apache-2.0 and GPL-3 license texts from /usr/share/common-licenses
#   - subtitle test data from the pysrt and webvtt-py source distributions (PyPI)
# Files go to $PRECIS_REALWORLD_DIR (default $XDG_CACHE_HOME/precis/realworld,
# i.e. ~/.cache/precis/realworld). Tests in Tests/IngestTests/RealWorldTests.swift
# use them when present and skip with a message otherwise. Safe to re-run.
set -eu

DIR="${PRECIS_REALWORLD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/precis/realworld}"
mkdir -p "$DIR/download" "$DIR/licenses" "$DIR/subtitles"
cd "$DIR/download"

LIVE_DEB_VERSION="2:20151217.2"
LIVE_DEB_SHA=8d020f6c902903c388ef2ccf003c5db4f2f067b6935416dce9793a41b9f4e1fc
LIVE_EN_EPUB_SHA=a5870fa3bc2c46d7415d4467ec6cee825b72763701a09abb885d7795536bd4f3
PYSRT_SHA=b4f844ba33e4e7743e9db746492f3a193dc0bc112b153914698e7c1cdeb9b0b9
WEBVTT_SHA=2f4ba359ab7e6bac98aa086fa7fc0ba1320ca7495f7d67f565baceac37f40aff
APACHE_SHA=cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30
GPL3_SHA=3972dc9744f6499f0f9b2dbf76696f2ae7ad8af9b23dde66d6af86c9dfb36986

# verify FILE SHA: fail on mismatch.
verify() {
    actual=$(sha256sum "$1" | cut -d' ' -f1)
    if [ "$actual" != "$2" ]; then
        echo "checksum mismatch for $1: expected $2, got $actual" >&2
        exit 1
    fi
    echo "ok  $1"
}

# 1. live-manual-epub from the Debian archive.
deb=$(ls live-manual-epub_*.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
    apt-get download "live-manual-epub=$LIVE_DEB_VERSION"
    deb=$(ls live-manual-epub_*.deb | head -n1)
fi
verify "$deb" "$LIVE_DEB_SHA"
rm -rf "$DIR/live-manual"
mkdir -p "$DIR/live-manual"
dpkg-deb -x "$deb" "$DIR/live-manual/root"
find "$DIR/live-manual/root" -name '*.epub' -exec cp {} "$DIR/live-manual/" \;
rm -rf "$DIR/live-manual/root"
verify "$DIR/live-manual/live-manual.en.epub" "$LIVE_EN_EPUB_SHA"

# 2. License texts. They come from base-files; another Debian release may
#    ship a different revision, which is reported but not fatal.
for pair in "Apache-2.0 $APACHE_SHA" "GPL-3 $GPL3_SHA"; do
    name=${pair% *}; sha=${pair#* }
    cp "/usr/share/common-licenses/$name" "$DIR/licenses/$name"
    actual=$(sha256sum "$DIR/licenses/$name" | cut -d' ' -f1)
    if [ "$actual" = "$sha" ]; then echo "ok  $DIR/licenses/$name"
    else echo "note: $name differs from the recorded revision ($actual); structure tests still apply" >&2; fi
done

# 3. Subtitle test data from PyPI source distributions.
fetch_sdist() { # name==version file sha
    if [ ! -f "$2" ]; then
        python3 -m pip download --quiet --no-deps --no-binary :all: "$1" -d .
    fi
    verify "$2" "$3"
}
fetch_sdist pysrt==1.1.2 pysrt-1.1.2.tar.gz "$PYSRT_SHA"
fetch_sdist webvtt-py==0.6.0 webvtt_py-0.6.0.tar.gz "$WEBVTT_SHA"
rm -rf "$DIR/subtitles/pysrt" "$DIR/subtitles/webvtt"
mkdir -p "$DIR/subtitles/pysrt" "$DIR/subtitles/webvtt"
tar -xzf pysrt-1.1.2.tar.gz -C "$DIR/subtitles/pysrt" --strip-components=3 pysrt-1.1.2/tests/static
tar -xzf webvtt_py-0.6.0.tar.gz -C "$DIR/subtitles/webvtt" --strip-components=3 webvtt_py-0.6.0/tests/samples

echo "real-world documents ready in $DIR"
