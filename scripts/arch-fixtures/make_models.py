"""Writes a tiny random-weight GGUF of every architecture the engine runs
beyond the llama/qwen2 golden models, and the token ids to test them with.

Each model is tiny (f32 weights, a 128-token vocabulary), seeded so the files are identical every run,
and shaped to reach what its architecture does differently: QK-norm, a
head width that is not d/heads, fused projections, sliding-window layers
with a window shorter than the prompt, NoPE layers, tied embeddings, RoPE
frequency factors. Run by scripts/arch-fixtures.sh with gguf-py from the
llama.cpp source on sys.path.

    python3 make_models.py OUT_DIR
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import gguf

VOCAB = 128
D, FF, HEADS, KV_HEADS = 64, 128, 4, 2
EPS = 1e-5


def llama3_rope_factors(head_dim, base, factor, low, high, original):
    """The divisors Llama 3.x converters store as `rope_freqs.weight`."""
    out = []
    for i in range(head_dim // 2):
        freq = base ** (-2 * i / head_dim)
        wavelength = 2 * math.pi / freq
        if wavelength < original / high:
            out.append(1.0)
        elif wavelength > original / low:
            out.append(factor)
        else:
            smooth = (original / wavelength - low) / (high - low)
            out.append(1 / ((1 - smooth) / factor + smooth))
    return np.array(out, dtype=np.float32)


SPECS = {
    # Llama 3.2: tied embeddings, Llama-3 frequency factors, base 500000.
    "llama32": dict(arch="llama", layers=2, head_dim=16, tied=True, rope_base=500000.0,
                    rope_freqs=dict(factor=32.0, low=1.0, high=4.0, original=64)),
    # Qwen3: per-head RMSNorm of q and k, no biases, head width set apart from d/heads.
    "qwen3": dict(arch="qwen3", layers=2, head_dim=32, qk_norm=True, rope_base=1000000.0),
    # Gemma 3: sandwich norms, GeGLU, sqrt(d) embedding scale, QK-norm,
    # sliding-window layers (window 8, every other layer global) with their own RoPE base,
    # linear RoPE scaling on the global layers only.
    "gemma3": dict(arch="gemma3", layers=2, head_dim=32, qk_norm=True, post_norms=True, tied=True,
                   rope_base=1000000.0, extra=dict(sliding_window=8, sliding_window_pattern=2),
                   rope_base_swa=10000.0, linear_scaling=4.0),
    # Phi-3/4: fused QKV and gate/up projections, NEOX RoPE.
    "phi3": dict(arch="phi3", layers=2, head_dim=16, fused=True, rope_base=10000.0),
    # SmolLM3: every fourth layer without RoPE, tied embeddings.
    "smollm3": dict(arch="smollm3", layers=4, head_dim=16, tied=True, rope_base=2000000.0),
}


def tokens(writer):
    pieces = ["<unk>", "<s>", "</s>"] + [f"t{i}" for i in range(3, VOCAB)]
    writer.add_tokenizer_model("llama")
    writer.add_token_list(pieces)
    writer.add_token_scores([0.0] * VOCAB)
    writer.add_token_types([2, 3, 3] + [1] * (VOCAB - 3))
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)


def write(name, spec, out_dir, rng):
    arch, layers, hd = spec["arch"], spec["layers"], spec["head_dim"]
    path = out_dir / f"{name}.gguf"
    w = gguf.GGUFWriter(str(path), arch)
    # llama.cpp patches vocabularies by model name; a neutral name avoids that.
    w.add_name(f"tiny fixture {len(name)}-{spec['layers']}")
    a = arch
    w.add_uint32(f"{a}.context_length", 4096)
    w.add_uint32(f"{a}.embedding_length", D)
    w.add_uint32(f"{a}.block_count", layers)
    w.add_uint32(f"{a}.feed_forward_length", FF)
    w.add_uint32(f"{a}.attention.head_count", HEADS)
    w.add_uint32(f"{a}.attention.head_count_kv", KV_HEADS)
    w.add_uint32(f"{a}.attention.key_length", hd)
    w.add_uint32(f"{a}.attention.value_length", hd)
    w.add_uint32(f"{a}.rope.dimension_count", hd)
    w.add_uint32(f"{a}.vocab_size", VOCAB)
    w.add_float32(f"{a}.rope.freq_base", spec["rope_base"])
    w.add_float32(f"{a}.attention.layer_norm_rms_epsilon", EPS)
    for key, value in spec.get("extra", {}).items():
        w.add_uint32(f"{a}.attention.{key}", value)
    if "rope_base_swa" in spec:
        w.add_float32(f"{a}.rope.freq_base_swa", spec["rope_base_swa"])
    if "linear_scaling" in spec:
        w.add_string(f"{a}.rope.scaling.type", "linear")
        w.add_float32(f"{a}.rope.scaling.factor", spec["linear_scaling"])
    tokens(w)

    def matrix(tensor, rows, cols, scale):
        w.add_tensor(tensor, (rng.uniform(-1, 1, size=(rows, cols)) * scale).astype(np.float32))

    def norm(tensor, n):
        w.add_tensor(tensor, (1 + rng.uniform(-0.2, 0.2, size=n)).astype(np.float32))

    q, kv = HEADS * hd, KV_HEADS * hd
    # Small tied embeddings, so that the layers and not the input token decide the output.
    matrix("token_embd.weight", VOCAB, D, 0.1 if spec.get("tied") else 1.0)
    norm("output_norm.weight", D)
    if not spec.get("tied"):
        matrix("output.weight", VOCAB, D, 0.15)
    if "rope_freqs" in spec:
        r = spec["rope_freqs"]
        w.add_tensor("rope_freqs.weight",
                     llama3_rope_factors(hd, spec["rope_base"], r["factor"], r["low"], r["high"], r["original"]))
    for l in range(layers):
        p = f"blk.{l}."
        norm(p + "attn_norm.weight", D)
        norm(p + "ffn_norm.weight", D)
        if spec.get("fused"):
            matrix(p + "attn_qkv.weight", q + 2 * kv, D, 0.15)
            matrix(p + "ffn_up.weight", 2 * FF, D, 0.12)
        else:
            matrix(p + "attn_q.weight", q, D, 0.15)
            matrix(p + "attn_k.weight", kv, D, 0.15)
            matrix(p + "attn_v.weight", kv, D, 0.15)
            matrix(p + "ffn_gate.weight", FF, D, 0.12)
            matrix(p + "ffn_up.weight", FF, D, 0.12)
        matrix(p + "attn_output.weight", D, q, 0.3)
        matrix(p + "ffn_down.weight", D, FF, 0.3)
        if spec.get("qk_norm"):
            norm(p + "attn_q_norm.weight", hd)
            norm(p + "attn_k_norm.weight", hd)
        if spec.get("post_norms"):
            norm(p + "post_attention_norm.weight", D)
            norm(p + "post_ffw_norm.weight", D)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def main():
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261202)
    cases = {}
    for name, spec in SPECS.items():
        path = write(name, spec, out_dir, rng)
        prompt = [1] + rng.integers(3, VOCAB, size=19).tolist()
        nll = [1] + rng.integers(3, VOCAB, size=47).tolist()
        cases[name] = dict(model=path.name, prompt=prompt, nll_tokens=nll)
    (out_dir / "cases.json").write_text(json.dumps(cases, indent=1) + "\n")


if __name__ == "__main__":
    main()
