#!/usr/bin/env python3
"""Generates a handbook repository with a long history, for the audit benchmark.

    python3 bench/history.py OUT --commits 10000 --postmortems 2000 [--seed 1]

Documents come from bench/generate.py (same seed, same documents). The history
is written with `git fast-import` in one pass: commits one hour apart from
2020-01-01, each adding one postmortem (spread evenly), adding a learning
review, or editing a document or the changelog, so that `lessonlint audit`
has to walk every commit and follow additions through edits. Deterministic:
the same arguments give the same commits (the same hashes).
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the repository to create (must not exist)")
    ap.add_argument("--commits", type=int, default=10000)
    ap.add_argument("--postmortems", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if os.path.exists(a.out):
        sys.stderr.write(f"history.py: {a.out} exists; remove it first\n")
        return 2
    if a.commits < a.postmortems:
        sys.stderr.write("history.py: need at least one commit per postmortem\n")
        return 2

    # Documents: postmortems and learning reviews as generate.py writes them (20% reviews).
    docs_dir = tempfile.mkdtemp(prefix="lessonlint-history-")
    try:
        total = int(a.postmortems / 0.8)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), docs_dir, "--docs", str(total),
                        "--seed", str(a.seed)], check=True, stdout=subprocess.DEVNULL)
        postmortems, reviews = [], []
        for root, _, files in os.walk(docs_dir):
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(root, name), docs_dir)
                (postmortems if rel.startswith("postmortems") else reviews).append(rel)
        postmortems.sort()
        reviews.sort()
        postmortems = postmortems[: a.postmortems]

        def read(rel):
            with open(os.path.join(docs_dir, rel), "rb") as f:
                return f.read()

        rng = random.Random(a.seed)
        os.makedirs(a.out)
        subprocess.run(["git", "init", "-q", a.out], check=True)
        fi = subprocess.Popen(["git", "-C", a.out, "fast-import", "--quiet"], stdin=subprocess.PIPE)
        out = fi.stdin
        start = 1577836800  # 2020-01-01T00:00:00Z
        pm_every = a.commits / a.postmortems
        next_pm = 0
        added = []
        changelog = b""
        for i in range(a.commits):
            when = start + i * 3600
            ops = []
            if next_pm < len(postmortems) and i >= int(next_pm * pm_every):
                rel = postmortems[next_pm]
                next_pm += 1
                added.append(rel)
                ops.append((rel, read(rel)))
                message = f"Add postmortem {os.path.basename(rel)}"
            elif reviews and rng.random() < 0.1:
                rel = reviews.pop(0)
                ops.append((rel, read(rel)))
                message = f"Add learning review {os.path.basename(rel)}"
            elif added and rng.random() < 0.5:
                rel = rng.choice(added)
                body = read(rel) + f"\n\nUpdated in commit {i}: action item status reviewed.\n".encode()
                ops.append((rel, body))
                message = f"Update {os.path.basename(rel)}"
            else:
                changelog += f"- {i}: handbook maintenance\n".encode()
                ops.append(("CHANGELOG.md", changelog))
                message = f"Changelog entry {i}"
            msg = message.encode()
            out.write(b"commit refs/heads/main\n")
            out.write(f"committer Bench <bench@example.com> {when} +0000\n".encode())
            out.write(b"data %d\n%s\n" % (len(msg), msg))
            for rel, data in ops:
                out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(data), data))
            out.write(b"\n")
        out.close()
        if fi.wait() != 0:
            sys.stderr.write("history.py: git fast-import failed\n")
            return 1
        subprocess.run(["git", "-C", a.out, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
        subprocess.run(["git", "-C", a.out, "checkout", "-q", "-f", "main"], check=True)
        print(f"{a.commits} commits, {len(added)} postmortems, in {a.out}")
    finally:
        shutil.rmtree(docs_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
