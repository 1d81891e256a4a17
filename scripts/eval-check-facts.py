#!/usr/bin/env python3
"""Checks eval/facts.yaml against the documents in eval/documents/.

For every document it runs `precis ingest FILE --json` and `--text`, then for
every fact checks that
  - `evidence` (default: `pattern`) matches at least one block's text, and
    reports how many blocks it matches (ideally exactly one);
  - `pattern` matches the rendered text somewhere, so the fact really is in
    the document;
  - both regexes avoid syntax that ICU (NSRegularExpression) handles
    differently from Python: lookbehind, named groups, inline flags,
    backslashes (the YAML strings stay plain).
Matching is case-insensitive, as in `precis eval summaries`.

Usage: scripts/eval-check-facts.py [--precis PATH] [--facts FILE] [--docs DIR] [-v]
PATH defaults to $PRECIS, then `precis` on the PATH. Standard library only;
the YAML reader handles the subset facts.yaml uses (a list of documents, each
with scalar keys and a list of facts). Exit status 1 if any check fails."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FORBIDDEN = [("(?<", "lookbehind or named group"), ("(?P", "named group"), ("\\", "backslash"),
             ("(?i", "inline flag"), ("(?m", "inline flag"), ("(?s", "inline flag"), ("(?x", "inline flag")]


def scalar(text):
    text = text.strip()
    if text.startswith('"'):
        end, out, i = None, [], 1
        while i < len(text):
            c = text[i]
            if c == "\\":
                out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
                i += 2
                continue
            if c == '"':
                end = i
                break
            out.append(c)
            i += 1
        if end is None:
            raise ValueError(f"unterminated string: {text}")
        return "".join(out)
    if text.startswith("'"):
        end = text.rfind("'")
        return text[1:end].replace("''", "'")
    return re.sub(r"\s+#.*$", "", text)


def load_facts(path):
    """Reads the facts.yaml subset: documents: - file/genre/facts: - fact/pattern/evidence."""
    documents, doc, fact = [], None, None
    for number, line in enumerate(open(path, encoding="utf-8"), start=1):
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("documents:"):
            continue
        m = re.match(r"^(\s*)(- )?([A-Za-z_]+):\s*(.*)$", line.rstrip("\n"))
        if not m:
            raise ValueError(f"{path}:{number}: cannot read {line!r}")
        indent, dash, key, value = len(m.group(1)), m.group(2), m.group(3), m.group(4)
        if key == "file" and dash:
            doc, fact = {"file": scalar(value), "facts": []}, None
            documents.append(doc)
        elif key == "fact" and dash:
            fact = {"fact": scalar(value)}
            doc["facts"].append(fact)
        elif key == "facts":
            fact = None
        elif key in ("pattern", "evidence") and fact is not None:
            fact[key] = scalar(value)
        elif doc is not None and fact is None:
            doc[key] = scalar(value)
        else:
            raise ValueError(f"{path}:{number}: unexpected key {key!r} at indent {indent}")
    return documents


def blocks(node):
    for b in node.get("blocks", []):
        yield b
    for child in node.get("children", []):
        yield from blocks(child)


def ingest(precis, path, mode):
    run = subprocess.run([precis, "ingest", path, mode], capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        raise RuntimeError(f"precis ingest {mode} {path} failed: {run.stderr.strip()}")
    return run.stdout


def icu_problems(regex):
    return [why for token, why in FORBIDDEN if token in regex]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--precis", default=os.environ.get("PRECIS") or shutil.which("precis") or "precis")
    ap.add_argument("--facts", default=os.path.join(ROOT, "eval", "facts.yaml"))
    ap.add_argument("--docs", default=os.path.join(ROOT, "eval", "documents"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print the matching blocks")
    args = ap.parse_args()

    failures, total = 0, 0
    documents = load_facts(args.facts)
    listed = {d["file"] for d in documents}
    for name in sorted(os.listdir(args.docs)):
        if name not in listed:
            print(f"FAIL {name}: no entry in {args.facts}")
            failures += 1
    for doc in documents:
        path = os.path.join(args.docs, doc["file"])
        try:
            parsed = json.loads(ingest(args.precis, path, "--json"))
            text = ingest(args.precis, path, "--text")
        except (RuntimeError, FileNotFoundError, json.JSONDecodeError) as error:
            print(f"FAIL {doc['file']}: {error}")
            failures += 1
            continue
        texts = [b["text"] for b in blocks(parsed["root"])]
        words = len(text.split())
        print(f"{doc['file']} ({doc.get('genre', '?')}): {len(texts)} blocks, {words} words, "
              f"{len(doc['facts'])} facts")
        if not 10 <= len(doc["facts"]) <= 16:
            print(f"  WARN {len(doc['facts'])} facts (10-16 expected)")
        for fact in doc["facts"]:
            total += 1
            pattern = fact.get("pattern")
            evidence = fact.get("evidence", pattern)
            problems = []
            if not pattern:
                problems.append("no pattern")
            for label, regex in (("pattern", pattern), ("evidence", evidence)):
                if regex:
                    problems += [f"{label}: {why}" for why in icu_problems(regex)]
            try:
                ev = re.compile(evidence, re.IGNORECASE)
                pat = re.compile(pattern, re.IGNORECASE)
            except (re.error, TypeError) as error:
                problems.append(f"bad regex: {error}")
                ev = pat = None
            hits = [t for t in texts if ev.search(t)] if ev else []
            if ev and not hits:
                problems.append("evidence matches no block")
            if pat and not pat.search(text):
                problems.append("pattern not found in the document text")
            status = "FAIL" if problems else "ok  "
            note = f"evidence: {len(hits)} block{'s' if len(hits) != 1 else ''}"
            print(f"  {status} [{note}] {fact['fact']}" + (f" -- {'; '.join(problems)}" if problems else ""))
            if args.verbose:
                for t in hits:
                    print(f"         | {t[:160]}")
            failures += bool(problems)
    print(f"all {total} facts pass" if not failures else f"{failures} failure(s); {total} facts checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
