#!/usr/bin/env python3
"""Writes the dequantization fixtures of Tests/GGUFTests/Fixtures/dequant/.

For each of the 16 ggml types that the GGUF module dequantizes, this builds
a few deterministic blocks and records what an independent implementation
(the `gguf` PyPI package's `gguf.quants.dequantize`, numpy code written
separately from ggml's C) turns them into. Blocks come from two sources:

* seeded random floats quantized with `gguf.quants.quantize`, for the types
  the package can quantize (F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0);
* seeded random bytes with every f16/f32 scale field overwritten by a sane
  finite value, so all bit patterns of the packed quants and sub-scales occur.

Q8_K is not implemented by the `gguf` package; its layout is trivial
(f32 d, int8 qs[256], int16 bsums[16]; y = d * q), so this script computes it
with numpy directly.

Each fixture is JSON: type name, ggml type number, element count, the block
bytes (base64) and the expected f32 values (base64 of little-endian f32) so
the comparison is bit-exact. For the types the package quantizes it also
records the source floats, whose quantization leads the block bytes (the
package's quantizers are bit-exact with ggml's `quantize_row_*_ref`). Usage: pip install gguf numpy; run from the
repository root: python3 scripts/gguf-make-dequant-fixtures.py
"""
import base64
import json
import os

import numpy as np
from gguf import GGMLQuantizationType as T
from gguf import GGML_QUANT_SIZES
from gguf.quants import dequantize, quantize

OUT = os.path.join("Tests", "GGUFTests", "Fixtures", "dequant")
SEED = 20240611

# (type, byte offsets of f16 scale fields, can the gguf package quantize it)
TYPES = [
    (T.F32, [], True),
    (T.F16, [], True),
    (T.BF16, [], True),
    (T.Q4_0, [0], True),
    (T.Q4_1, [0, 2], True),
    (T.Q5_0, [0], True),
    (T.Q5_1, [0, 2], True),
    (T.Q8_0, [0], True),
    (T.Q2_K, [80, 82], False),
    (T.Q3_K, [108], False),
    (T.Q4_K, [0, 2], False),
    (T.Q5_K, [0, 2], False),
    (T.Q6_K, [208], False),
    (T.Q8_K, [], False),
    (T.IQ4_NL, [0], False),
    (T.IQ4_XS, [0], False),
]


def random_blocks(rng, qtype, f16_offsets, n_blocks):
    """Random block bytes with sane f16 (or, for Q8_K, f32) scale fields."""
    _, type_size = GGML_QUANT_SIZES[qtype]
    raw = rng.integers(0, 256, size=(n_blocks, type_size), dtype=np.uint8)
    for off in f16_offsets:
        scale = (rng.uniform(0.001, 0.5, size=n_blocks) * rng.choice([-1, 1], size=n_blocks)).astype(np.float16)
        raw[:, off:off + 2] = scale.view(np.uint8).reshape(n_blocks, 2)
    if qtype == T.Q8_K:
        d = rng.uniform(0.0001, 0.05, size=n_blocks).astype(np.float32)
        raw[:, 0:4] = d.view(np.uint8).reshape(n_blocks, 4)
    if qtype in (T.F16, T.BF16, T.F32):
        return None
    return raw


def special_floats(qtype):
    """Edge values for the plain float types (no NaN: its payload is not portable)."""
    vals = [0.0, -0.0, 1.0, -2.5, 65504.0, 6.1e-05, 5.96e-08, float("inf"), float("-inf"), 1e-40, 3.0e38]
    if qtype == T.F16:
        vals = [v for v in vals if abs(v) <= 65504.0 or np.isinf(v)]
    return np.array(vals, dtype=np.float32)


def q8k_dequantize(blocks):
    d = blocks[:, 0:4].copy().view(np.float32)
    q = blocks[:, 4:260].copy().view(np.int8).astype(np.float32)
    return (d * q).reshape(-1)


def build(rng, qtype, f16_offsets, can_quantize):
    block_size, type_size = GGML_QUANT_SIZES[qtype]
    parts = []
    source = np.zeros(0, dtype=np.float32)
    if can_quantize:
        n = 2 * block_size if block_size > 1 else 64
        floats = rng.standard_normal(n).astype(np.float32) * np.float32(0.7)
        if block_size == 1:
            floats = np.concatenate([floats, special_floats(qtype)])
        parts.append(np.asarray(quantize(floats.reshape(1, -1), qtype)).view(np.uint8).reshape(-1))
        source = floats
    rnd = random_blocks(rng, qtype, f16_offsets, 2)
    if rnd is not None:
        parts.append(rnd.reshape(-1))
    data = np.concatenate(parts).astype(np.uint8)
    n_blocks = len(data) // type_size
    if qtype == T.Q8_K:
        expected = q8k_dequantize(data.reshape(n_blocks, type_size))
    elif qtype in (T.F32, T.F16):
        expected = np.asarray(dequantize(data.view(np.float32 if qtype == T.F32 else np.float16), qtype))
    else:
        expected = np.asarray(dequantize(data.reshape(1, -1), qtype))
    expected = expected.astype(np.float32).reshape(-1)
    assert len(expected) == n_blocks * block_size, (qtype.name, len(expected))
    return {
        "type": qtype.name,
        "ggml_type": int(qtype.value),
        "count": int(len(expected)),
        "blocks_base64": base64.b64encode(data.tobytes()).decode(),
        "expected_f32le_base64": base64.b64encode(expected.astype("<f4").tobytes()).decode(),
        "source_f32le_base64": base64.b64encode(source.astype("<f4").tobytes()).decode(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for qtype, offsets, can_q in TYPES:
        rng = np.random.default_rng(SEED + int(qtype.value))
        fixture = build(rng, qtype, offsets, can_q)
        path = os.path.join(OUT, f"{qtype.name.lower()}.json")
        with open(path, "w") as f:
            json.dump(fixture, f, indent=1)
            f.write("\n")
        print(f"{path}: {fixture['count']} values")


if __name__ == "__main__":
    main()
