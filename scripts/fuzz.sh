#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of every parser that reads untrusted
# bytes: the GGUF header, .pkv snapshots, the ingest parsers and pipeline
# files. Targets live in the package fuzz/; see docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    (default: 60 s, all targets)
#
# Builds fuzz/ with -sanitize=fuzzer (PRECIS_FUZZ=1 keeps overflow and bounds
# checks in every module), writes each target's seed corpus from the test
# fixtures into a temporary folder, fuzzes it for the given time and prints
# executions and coverage per target. An input that crashes a target, hangs
# it or runs it out of memory is copied to the target's regression folder
# (Tests/<Module>Tests/Fixtures/fuzz-regressions/<target>/), which the test
# suite replays; the script then exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_PER_TARGET=${1:-60}
shift || true
ALL_TARGETS=(gguf-header snapshot ingest-zip ingest-xml ingest-html ingest-subtitles ingest-text ingest-document
             pipeline-config)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")

# Limits per input and per run: a slow input (-timeout) or a memory blow-up
# (-rss_limit_mb) is a finding like a crash.
INPUT_TIMEOUT=${FUZZ_INPUT_TIMEOUT:-20}
RSS_LIMIT_MB=${FUZZ_RSS_LIMIT_MB:-2048}
SCRATCH=${FUZZ_SCRATCH:-$ROOT/fuzz/.build}

# The test folder whose regression fixtures a target feeds.
regression_dir() {
    case "$1" in
        gguf-header) echo "Tests/GGUFTests/Fixtures/fuzz-regressions/$1" ;;
        snapshot) echo "Tests/SnapshotTests/Fixtures/fuzz-regressions/$1" ;;
        ingest-*) echo "Tests/IngestTests/Fixtures/fuzz-regressions/$1" ;;
        pipeline-config) echo "Tests/PipelineTests/Fixtures/fuzz-regressions/$1" ;;
        *) echo "unknown fuzz target: $1" >&2; exit 2 ;;
    esac
}
for t in "${TARGETS[@]}"; do regression_dir "$t" >/dev/null; done

build_start=$(date +%s)
echo "fuzz: building ${#TARGETS[@]} targets (release, -sanitize=fuzzer)"
PRECIS_FUZZ=1 swift build -c release --package-path fuzz --scratch-path "$SCRATCH" \
    --sanitize=fuzzer -Xswiftc -enable-testing
BIN=$(PRECIS_FUZZ=1 swift build -c release --package-path fuzz --scratch-path "$SCRATCH" \
    --sanitize=fuzzer -Xswiftc -enable-testing --show-bin-path)
build_seconds=$(( $(date +%s) - build_start ))

WORK=$(mktemp -d "${TMPDIR:-/tmp}/precis-fuzz.XXXXXX")
trap '[ -n "${FUZZ_KEEP:-}" ] || rm -rf "$WORK"' EXIT
# Swift's own crash handler would end the process before libFuzzer saves the input.
export SWIFT_BACKTRACE=enable=no
export PRECIS_FUZZ_ROOT=$ROOT

# The last value of libFuzzer's `KEY: N` in a log ("cov: 812", "ft: 2345", "corp: 230/…").
last_field() { grep -o "$1: [0-9]*" "$2" | tail -1 | grep -o '[0-9]*$' || echo 0; }
# A final statistic of -print_final_stats ("stat::number_of_executed_units: 123456").
stat_value() { awk -v key="stat::$1:" '$1 == key { print $2 }' "$2" | tail -1 | grep . || echo '?'; }

rows=()
failed=0
fuzz_start=$(date +%s)
for t in "${TARGETS[@]}"; do
    dir=$WORK/$t
    mkdir -p "$dir/seeds" "$dir/corpus" "$dir/artifacts" "$dir/tmp"
    TMPDIR=$dir/tmp PRECIS_FUZZ_WRITE_SEEDS=$dir/seeds "$BIN/$t" > "$dir/seeds.log" 2>&1 || {
        echo "fuzz: $t could not write its seeds:"; cat "$dir/seeds.log"; exit 1; }
    seeds=$(ls "$dir/seeds" | wc -l)
    dict=()
    [ -f "fuzz/Dictionaries/$t.dict" ] && dict=(-dict="fuzz/Dictionaries/$t.dict")
    echo "fuzz: $t for ${SECONDS_PER_TARGET}s from $seeds seeds"
    status=0
    TMPDIR=$dir/tmp "$BIN/$t" "$dir/corpus" "$dir/seeds" "${dict[@]}" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$INPUT_TIMEOUT" -rss_limit_mb="$RSS_LIMIT_MB" \
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/" > "$dir/fuzz.log" 2>&1 || status=$?
    result=ok
    found=$(ls "$dir/artifacts" | wc -l)
    if [ "$status" != 0 ] || [ "$found" != 0 ]; then
        result="FAILED (exit $status)"
        failed=1
        dest=$(regression_dir "$t")
        mkdir -p "$dest"
        for f in "$dir"/artifacts/*; do
            [ -e "$f" ] || continue
            cp "$f" "$dest/"
            result="$result, saved $dest/$(basename "$f")"
        done
        echo "fuzz: $t failed; the end of its log:"
        grep -v '^#[0-9]' "$dir/fuzz.log" | tail -40
    fi
    rows+=("$(printf '%-17s %6s %11s %8s %7s %7s %7s  %s' "$t" "$seeds" \
        "$(stat_value number_of_executed_units "$dir/fuzz.log")" "$(stat_value average_exec_per_sec "$dir/fuzz.log")" \
        "$(last_field cov "$dir/fuzz.log")" "$(last_field ft "$dir/fuzz.log")" \
        "$(last_field corp "$dir/fuzz.log")" "$result")")
done
fuzz_seconds=$(( $(date +%s) - fuzz_start ))

echo
printf '%-17s %6s %11s %8s %7s %7s %7s  %s\n' target seeds executions exec/s cov ft corpus result
for row in "${rows[@]}"; do echo "$row"; done
echo "fuzz: build ${build_seconds}s, fuzzing ${fuzz_seconds}s"
if [ "$failed" != 0 ]; then
    echo "fuzz: FAILED: inputs that broke a target were saved under Tests/*/Fixtures/fuzz-regressions/"
    exit 1
fi
echo "fuzz: no crash, hang or memory blow-up found"
