#!/bin/sh
# Measures DuoAttention on the default model: passkey accuracy, NLL on the
# 4K and 8K essay texts, KV bytes and speed, for full attention, the shipped
# pattern at sparsity 0.5 and 0.75, a random pattern at 0.5 and all heads
# streaming. Writes JSON under $OUT (default: duo-results/). Slow (about an
# hour on two cores).
set -eu
PRECIS=${PRECIS:-.build/release/precis}
OUT=${OUT:-duo-results}
ESSAYS=${ESSAYS:-${PRECIS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/precis}/haystack/PaulGrahamEssays}
mkdir -p "$OUT"

# The NLL texts of the engine's reference numbers: code-point slices of the
# essays concatenated in file-name order.
python3 - "$ESSAYS" "$OUT" <<'PY'
import os, sys
essays, out = sys.argv[1], sys.argv[2]
text = "".join(open(os.path.join(essays, f), encoding="utf-8").read()
               for f in sorted(os.listdir(essays)) if f.endswith(".txt"))
open(os.path.join(out, "pg-4k.txt"), "w", encoding="utf-8").write(text[0:17000])
open(os.path.join(out, "pg-8k.txt"), "w", encoding="utf-8").write(text[100000:134000])
PY

run() {  # name, flags...
    name=$1; shift
    echo "== $name: $*" >&2
    $PRECIS eval passkey "$@" --json > "$OUT/passkey-$name.json"
    $PRECIS eval nll --file "$OUT/pg-4k.txt" --from-token 2048 "$@" --json > "$OUT/nll4k-$name.json"
    $PRECIS eval nll --file "$OUT/pg-8k.txt" --from-token 4096 "$@" --json > "$OUT/nll8k-$name.json"
}
run full --sparsity 0
run duo50 --sparsity 0.5
run duo75 --sparsity 0.75
run random50 --random-pattern 7 --sparsity 0.5
run stream100 --random-pattern 7 --sparsity 1
$PRECIS bench --sparsity 0.5 --context 4096 8000 --decode-tokens 32 --json > "$OUT/bench-duo50.json"
