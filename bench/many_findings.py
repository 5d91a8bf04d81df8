#!/usr/bin/env python3
"""Many findings in one document: is the cost linear? (issue 18; python3 standard library only)

    python3 bench/many_findings.py [--binary build/lessonlint] [--sizes 10000,20000,40000]
                                   [--reps 5] [--max-ratio 4.5]

Generates postmortems made of N "## Lessons learned" sections whose one-line body
("All teams should read this.") makes postmortem/embedded-lessons fire once per section
(a passage addressed to all teams: a warning, so the check runs with --fail-on warning)
(40,000 sections are about 2 MB), in a temporary folder outside any repository, and times
`lessonlint check FILE` on each: wall time from time.perf_counter() around the child, the
median of --reps runs, interleaved (one run of every size, then the next round). Checks
that each run reports N embedded-lessons findings, prints a table and the ratio of the
largest size's median to the smallest's, and exits 1 when that ratio is over --max-ratio
(4.5 for 40,000 against 10,000: four times the findings, four times the time, and some
slack). Not part of the test suite: timings on a loaded machine are noisy.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SECTION = "## Lessons learned\nAll teams should read this.\n\n"


def document(n):
    # Front matter names the kind: N lessons sections alone are no evidence of an
    # incident, and lessonlint would (rightly) not take the file for a postmortem.
    return "---\ntype: postmortem\n---\n# Postmortem: many lessons\n\n" + SECTION * n


def run_once(binary, path, cwd):
    start = time.perf_counter()
    proc = subprocess.run([binary, "check", "--fail-on", "warning", path], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    if proc.returncode != 1:
        sys.exit(f"many_findings: `lessonlint check {path}` exited {proc.returncode}, expected 1")
    return took, proc.stdout.count(b"[postmortem/embedded-lessons]")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(here, "..", "build", "lessonlint"))
    ap.add_argument("--sizes", default="10000,20000,40000", help="sections per document, comma-separated")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--max-ratio", type=float, default=4.5,
                    help="largest/smallest median above which the exit code is 1 (0: never)")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"many_findings: no lessonlint at {binary} (build it, or pass --binary)")
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)

    work = tempfile.mkdtemp(prefix="lessonlint-many-findings-")
    try:
        files = {}
        for n in sizes:
            files[n] = f"many-{n}.md"
            with open(os.path.join(work, files[n]), "w", encoding="utf-8") as f:
                f.write(document(n))
        times = {n: [] for n in sizes}
        for _ in range(args.reps):
            for n in sizes:
                took, found = run_once(binary, files[n], work)
                if found != n:
                    sys.exit(f"many_findings: {found} embedded-lessons findings in {files[n]}, expected {n}")
                times[n].append(took)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"lessonlint check, one postmortem of N sections, each one finding (median of {args.reps})")
    print(f"{'sections':>9}  {'size':>8}  {'median':>8}  {'min':>8}  {'max':>8}  {'per finding':>11}")
    for n in sizes:
        med = statistics.median(times[n])
        size = len(document(n).encode())
        print(f"{n:>9}  {size / 1e6:>6.2f}MB  {med:>7.3f}s  {min(times[n]):>7.3f}s  {max(times[n]):>7.3f}s"
              f"  {med / n * 1e6:>9.1f}µs")
    lo, hi = sizes[0], sizes[-1]
    ratio = statistics.median(times[hi]) / max(statistics.median(times[lo]), 1e-9)
    print(f"ratio {hi // 1000}k/{lo // 1000}k: {ratio:.2f} (linear: {hi / lo:.1f}; quadratic: {(hi / lo) ** 2:.0f})")
    if args.max_ratio and ratio > args.max_ratio:
        print(f"many_findings: the ratio is over {args.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
