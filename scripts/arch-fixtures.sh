#!/usr/bin/env bash
# Regenerates Tests/InferenceTests/Fixtures/architectures: a tiny random-
# weight GGUF of each architecture (scripts/arch-fixtures/make_models.py,
# written with llama.cpp's gguf-py) and llama.cpp's own outputs for it
# (scripts/arch-fixtures/llama-reference.cpp against libllama): first-step
# top-5 logits, 16 greedy tokens, teacher-forced NLL.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(scripts/llama-cpp.sh llama)
OUT=Tests/InferenceTests/Fixtures/architectures
TOOL=.build/llama.cpp/llama-reference
g++ -O2 -std=c++17 -I "$SRC/include" -I "$SRC/ggml/include" scripts/arch-fixtures/llama-reference.cpp \
  "$SRC/build/src/libllama.a" "$SRC/build/ggml/src/libggml.a" "$SRC/build/ggml/src/libggml-cpu.a" \
  "$SRC/build/ggml/src/libggml-base.a" -lpthread -ldl -o "$TOOL"
python3 -c "import numpy" 2>/dev/null || python3 -m pip install -q numpy
MODELS=.build/arch-models
rm -rf "$OUT" "$MODELS" && mkdir -p "$OUT" "$MODELS"
PYTHONPATH="$SRC/gguf-py" python3 scripts/arch-fixtures/make_models.py "$MODELS"
cp "$MODELS/cases.json" "$OUT/cases.json"
python3 - "$OUT" "$TOOL" "$MODELS" <<'PY'
import json, subprocess, sys
out, tool, models = sys.argv[1], sys.argv[2], sys.argv[3]
cases = json.load(open(f"{out}/cases.json"))
for name, case in cases.items():
    ids = lambda xs: " ".join(map(str, xs))
    result = subprocess.run([tool, f"{models}/{case['model']}", ids(case["prompt"]), "16", ids(case["nll_tokens"])],
                            check=True, capture_output=True, text=True)
    case.update(json.loads(result.stdout))
    print(f"{name}: top {case['top5'][0]['id']}, greedy {case['greedy'][:4]}..., nll {case['nll']:.4f}")
json.dump(cases, open(f"{out}/cases.json", "w"), indent=1)
PY
