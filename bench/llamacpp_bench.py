#!/usr/bin/env python3
"""Times llama.cpp (via llama-cpp-python) the way `precis bench` times Precis.

Prefill: one chunk of 512 tokens at depth 0. Decode: tokens/s of single-token
steps at depth 0 and after filling the cache to each --context depth.
Prints one JSON object on stdout.
"""
import argparse, json, random, time

from llama_cpp import Llama


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--prefill", type=int, default=512)
    ap.add_argument("--decode", type=int, default=64)
    ap.add_argument("--context", type=int, nargs="*", default=[])
    args = ap.parse_args()
    depths = sorted(set(args.context))
    n_ctx = max([args.prefill] + [d + args.decode + 8 for d in depths] + [args.decode + 8])
    llm = Llama(model_path=args.model, n_ctx=n_ctx, n_batch=512, n_ubatch=512, n_threads=args.threads,
                n_threads_batch=args.threads, verbose=False)
    rng = random.Random(1)
    vocab = llm.n_vocab()

    def tokens(n):
        return [rng.randrange(100, vocab - 1) for _ in range(n)]

    llm.reset(); llm.eval(tokens(64))  # warm-up
    llm.reset()
    prompt = tokens(args.prefill)
    t = time.perf_counter(); llm.eval(prompt); prefill = args.prefill / (time.perf_counter() - t)

    def decode_at(depth):
        llm.reset()
        if depth:
            llm.eval(tokens(depth))
        t = time.perf_counter()
        for tok in tokens(args.decode):
            llm.eval([tok])
        return args.decode / (time.perf_counter() - t)

    out = {"prefill_tok_s": prefill, "decode_tok_s": {str(d): decode_at(d) for d in [0] + depths}}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
