#!/usr/bin/env python3
"""Load and latency of a running `precis serve` (docs/serve.md).

  scripts/bench-serve.py http://127.0.0.1:8080 --pid PID --snapshots DIR

1. Time to first token of a streamed ask, from the document's snapshot vs
   from scratch (its snapshot files removed first), in turn, --rounds times,
   medians and their ratio. Start the server with --memory 0 so no cache
   stays in memory between asks.
2. Load: 1, 4 and 16 concurrent clients asking the library's documents
   (non-streamed, greedy, --max-tokens), --questions per level or until
   --seconds pass: p50/p99 latency, questions per minute, failures, and the
   server's peak resident memory (from /proc/PID/status) and cache bytes.
Only the standard library is used."""
import argparse
import glob
import json
import os
import statistics
import threading
import time
import urllib.request

QUESTIONS = ["What is this document about?", "Who is involved?", "What happens first?",
             "What must be paid, and when?", "What was decided?", "Which dates are mentioned?"]


def call(base, path, body=None, token=None, stream=False):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    response = urllib.request.urlopen(request, timeout=900)
    return response if stream else json.loads(response.read())


def first_token_seconds(base, document, token):
    started = time.monotonic()
    response = call(base, "/v1/documents/%s/ask" % document,
                    {"question": QUESTIONS[0], "max_tokens": 8, "temperature": 0}, token, stream=True)
    first = None
    for line in response:
        if first is None and line.startswith(b"event: token"):
            first = time.monotonic() - started
    return first


def peak_rss(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            return next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None


def load(base, documents, clients, count, seconds, max_tokens, token):
    latencies, failures, lock = [], [], threading.Lock()
    issued = [0]
    deadline = time.monotonic() + seconds

    def client(k):
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= count:
                    return
                n = issued[0]
                issued[0] += 1
            body = {"question": QUESTIONS[n % len(QUESTIONS)], "stream": False, "max_tokens": max_tokens, "temperature": 0}
            started = time.monotonic()
            try:
                call(base, "/v1/documents/%s/ask" % documents[(n + k) % len(documents)], body, token)
                with lock:
                    latencies.append(time.monotonic() - started)
            except Exception as error:  # a failed request is reported, not hidden
                with lock:
                    failures.append(str(error))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    return {"clients": clients, "questions": len(latencies), "failed": len(failures), "p50_s": pick(0.5),
            "p99_s": pick(0.99), "per_minute": 60 * len(latencies) / wall, "wall_s": wall, "errors": failures[:3]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("--pid", type=int, help="the server's process id (for its memory)")
    parser.add_argument("--snapshots", help="the server's snapshot directory ($PRECIS_HOME/snapshots)")
    parser.add_argument("--token")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--questions", type=int, default=24, help="questions per load level")
    parser.add_argument("--seconds", type=float, default=300, help="time limit per load level")
    parser.add_argument("--max-tokens", type=int, default=32)
    parser.add_argument("--clients", default="1,4,16")
    args = parser.parse_args()

    documents = [d for d in call(args.base, "/v1/documents", token=args.token)["data"] if d["status"] == "ok"]
    ids = [d["id"] for d in documents]
    print("library: %d documents; model %s" % (len(ids), call(args.base, "/v1/status", token=args.token)["model"]))
    if args.snapshots:
        target = max(documents, key=lambda d: d.get("tokens") or 0)
        snapshot, scratch = [], []
        for _ in range(args.rounds):
            snapshot.append(first_token_seconds(args.base, target["id"], args.token))
            for path in glob.glob(os.path.join(args.snapshots, "**", "*.pkv"), recursive=True):
                os.remove(path)
            scratch.append(first_token_seconds(args.base, target["id"], args.token))
        a, b = statistics.median(snapshot), statistics.median(scratch)
        print("time to first token, %s (%s tokens), median of %d: from snapshot %.3f s, from scratch %.3f s: %.1fx faster"
              % (target["name"], target.get("tokens"), args.rounds, a, b, b / a))
    if not args.clients:
        return
    print("| clients | questions | failed | p50 s | p99 s | questions/min | peak RSS MiB | cache bytes |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for clients in [int(c) for c in args.clients.split(",") if c]:
        r = load(args.base, ids, clients, args.questions, args.seconds, args.max_tokens, args.token)
        status = call(args.base, "/v1/status", token=args.token)
        rss = peak_rss(args.pid) if args.pid else None
        print("| %d | %d | %d | %.2f | %.2f | %.1f | %s | %d of %d |" % (
            clients, r["questions"], r["failed"], r["p50_s"], r["p99_s"], r["per_minute"],
            "%.0f" % (rss / 2**20) if rss else "?", status["loaded_bytes"], status["memory_budget"]))
        for error in r["errors"]:
            print("  failed:", error)


if __name__ == "__main__":
    main()
