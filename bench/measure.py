#!/usr/bin/env python3
"""Timing harness for bench/run.sh (python3 standard library only).

Runs each command several times, interleaved (one repetition of every tool,
then the next repetition, with the order rotated each time), all with the
corpus as the working directory. Wall time comes from time.perf_counter()
around the child, CPU time (user + sys) from os.wait4(), peak RSS from GNU
time's %M (/usr/bin/time; see run_once for why not wait4). Medians are reported.

Also checks that `lessonlint check --jobs 1` and `--jobs N` write byte-identical
reports (every timed repetition in text format, plus one extra run each in json
and sarif).

Writes RESULTS/summary.md (the table, in Markdown) and RESULTS/results.json,
and prints the table.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time


def corpus_stats(root):
    files = 0
    size = 0
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "node_modules")
        for n in names:
            if n.lower().endswith((".md", ".markdown")) and not n.startswith("."):
                p = os.path.join(d, n)
                if os.path.isfile(p) and not os.path.islink(p):
                    files += 1
                    size += os.path.getsize(p)
    return files, size


GNU_TIME = "/usr/bin/time"


def run_once(cmd, cwd, stdout_path, ok_codes):
    # Peak RSS comes from GNU time (%M), which forks the command from its own small
    # process. The rusage that wait4() returns for a child of this Python process
    # would include the pages it inherited from Python at fork (Linux keeps the
    # pre-exec high-water mark), about 15 MB, more than the floor program's real peak.
    time_file = stdout_path + ".time"
    full = [GNU_TIME, "-f", "%M", "-o", time_file] + cmd if os.access(GNU_TIME, os.X_OK) else cmd
    with open(stdout_path, "wb") as out, open(stdout_path + ".stderr", "wb") as err:
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)  # CPU time includes the reaped grandchild
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok_codes:
        sys.stderr.write(f"error: {' '.join(cmd)} exited with {p.returncode}; see {stdout_path}.stderr\n")
        sys.exit(1)
    rss_kb = ru.ru_maxrss  # fallback without GNU time: an upper bound
    if full is not cmd:
        with open(time_file, encoding="utf-8", errors="replace") as f:
            rss_kb = int(f.read().split()[-1])  # after any "Command exited with non-zero status" line
    return {"wall": wall, "rss_kb": rss_kb, "cpu": ru.ru_utime + ru.ru_stime, "rc": p.returncode, "load": load}


def same_bytes(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def fmt_ratio(x):
    return f"{x:.1f}x" if x >= 10 else f"{x:.2f}x"


def harness_parser(prog, reps):
    """The options every measurement takes: where results go, which lessonlint, how many runs."""
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("--results", required=True)
    ap.add_argument("--lessonlint", required=True)
    ap.add_argument("--reps", type=int, default=reps)
    return ap


def main():
    ap = harness_parser("measure.py", 3)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--markdownlint", help="markdownlint-cli2 executable (omit to skip)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="the 'all cores' job count")
    a = ap.parse_args()

    corpus = os.path.abspath(a.corpus)
    res = os.path.abspath(a.results)
    os.makedirs(res, exist_ok=True)
    if not os.access(GNU_TIME, os.X_OK):
        print(f"warning: no {GNU_TIME} (apt-get install time): peak RSS is an upper bound that includes "
              "this harness's own memory at fork", file=sys.stderr)
    n_files, n_bytes = corpus_stats(corpus)
    mb = n_bytes / 1e6

    ll = [os.path.abspath(a.lessonlint), "check", ".", "--no-config", "--fail-on", "never", "--format", "text"]
    tools = [
        ("floor (cmark parse only)", "floor", [os.path.abspath(a.floor), "."], {0}),
        ("lessonlint --jobs 1", "ll-j1", ll + ["--jobs", "1"], {0}),
        (f"lessonlint --jobs {a.jobs}", "ll-jN", ll + ["--jobs", str(a.jobs)], {0}),
    ]
    if a.markdownlint:
        # Default rules (no configuration file in the corpus), every .md file below
        # the corpus root. Exit code 1 means "found problems".
        tools.append(("markdownlint-cli2 0.22.1", "mdl", [a.markdownlint, "**/*.md", "#node_modules"], {0, 1}))

    print(f"corpus: {corpus}: {n_files} files, {n_bytes:,} bytes ({mb:.1f} MB)", flush=True)

    # Warm-up (untimed): fills the page cache, checks the commands work.
    # markdownlint-cli2 is not warmed up: one run takes minutes, and the corpus
    # is already in the page cache after the other tools' warm-up runs.
    for name, key, cmd, ok in tools:
        if key == "mdl":
            continue
        r = run_once(cmd, corpus, os.path.join(res, f"warmup-{key}.out"), ok)
        print(f"warm-up {name}: {r['wall']:.2f} s", flush=True)

    samples = {key: [] for _, key, _, _ in tools}
    identical = []
    for rep in range(a.reps):
        order = tools[rep % len(tools):] + tools[:rep % len(tools)]
        for name, key, cmd, ok in order:
            out = os.path.join(res, f"{key}-rep{rep + 1}.out")
            r = run_once(cmd, corpus, out, ok)
            samples[key].append(r)
            print(f"rep {rep + 1}/{a.reps} {name}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                  f"peak RSS {r['rss_kb'] / 1024:.1f} MiB (load average {r['load']:.2f})", flush=True)
        same = same_bytes(os.path.join(res, f"ll-j1-rep{rep + 1}.out"), os.path.join(res, f"ll-jN-rep{rep + 1}.out"))
        identical.append(("text", rep + 1, same))

    # One extra untimed pair in json and sarif: those carry more detail per finding.
    for fmt in ("json", "sarif"):
        outs = []
        for jobs in ("1", str(a.jobs)):
            cmd = [os.path.abspath(a.lessonlint), "check", ".", "--no-config", "--fail-on", "never",
                   "--format", fmt, "--jobs", jobs]
            p = os.path.join(res, f"ll-j{jobs}.{fmt}")
            run_once(cmd, corpus, p, {0})
            outs.append(p)
        identical.append((fmt, 0, same_bytes(outs[0], outs[1])))

    def med(key, field):
        return statistics.median(s[field] for s in samples[key])

    rows = []
    for name, key, _, _ in tools:
        w = med(key, "wall")
        rows.append({
            "tool": name, "key": key,
            "wall_median": w, "wall_min": min(s["wall"] for s in samples[key]),
            "wall_max": max(s["wall"] for s in samples[key]),
            "cpu_median": med(key, "cpu"),
            "rss_mib_median": med(key, "rss_kb") / 1024,
            "rss_mib_max": max(s["rss_kb"] for s in samples[key]) / 1024,
            "mb_per_s": mb / w,
            "walls": [round(s["wall"], 3) for s in samples[key]],
        })
    by = {r["key"]: r for r in rows}

    lines = []
    lines.append(f"Corpus: {n_files} files, {n_bytes:,} bytes ({mb:.1f} MB); {a.reps} interleaved repetitions, medians; "
                 f"MB = 10^6 bytes, MiB = 2^20 bytes.")
    loads = [x["load"] for v in samples.values() for x in v]
    lines.append(f"1-minute load average at the start of the timed runs: median {statistics.median(loads):.2f} "
                 f"(min {min(loads):.2f}, max {max(loads):.2f}) on {os.cpu_count()} cores.")
    lines.append("")
    lines.append("| Tool | Wall (median) | Wall (min–max) | CPU user+sys | MB/s | Peak RSS (median / max) |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        lines.append(f"| {r['tool']} | {r['wall_median']:.2f} s | {r['wall_min']:.2f}–{r['wall_max']:.2f} s | "
                     f"{r['cpu_median']:.2f} s | {r['mb_per_s']:.1f} | {r['rss_mib_median']:.1f} / {r['rss_mib_max']:.1f} MiB |")
    lines.append("")

    ratios = []
    j1, jn, fl = by["ll-j1"], by["ll-jN"], by["floor"]
    if "mdl" in by:
        m = by["mdl"]
        x1 = m["wall_median"] / j1["wall_median"]
        xn = m["wall_median"] / jn["wall_median"]
        ratios.append(("markdownlint-cli2 / lessonlint --jobs 1 (wall)", fmt_ratio(x1), "≥ 50x", "met" if x1 >= 50 else "MISSED"))
        ratios.append((f"markdownlint-cli2 / lessonlint --jobs {a.jobs} (wall)", fmt_ratio(xn), "≥ 50x", "met" if xn >= 50 else "MISSED"))
        xc1 = m["cpu_median"] / j1["cpu_median"]
        ratios.append(("markdownlint-cli2 / lessonlint --jobs 1 (CPU)", fmt_ratio(xc1), "(context)", ""))
    else:
        ratios.append(("markdownlint-cli2 / lessonlint", "not measured (--no-markdownlint)", "≥ 50x", "—"))
    xf = j1["wall_median"] / fl["wall_median"]
    ratios.append(("lessonlint --jobs 1 / floor (wall)", fmt_ratio(xf), "≤ 1.5x", "met" if xf <= 1.5 else "MISSED"))
    xc = j1["cpu_median"] / fl["cpu_median"] if fl["cpu_median"] > 0 else float("inf")
    ratios.append(("lessonlint --jobs 1 / floor (CPU)", fmt_ratio(xc), "(context)", ""))
    sp = j1["wall_median"] / jn["wall_median"]
    ratios.append((f"speed-up --jobs {a.jobs} over --jobs 1", fmt_ratio(sp), f"(ideal {a.jobs}x)", ""))
    all_same = all(s for _, _, s in identical)
    ident_txt = ", ".join(f"{f}{'' if r == 0 else ' rep ' + str(r)}: {'same' if s else 'DIFFERENT'}" for f, r, s in identical)
    ratios.append((f"--jobs 1 vs --jobs {a.jobs} output byte-identical", "yes" if all_same else "NO", "identical",
                   "met" if all_same else "MISSED"))
    ll_rss = max(j1["rss_mib_max"], jn["rss_mib_max"])
    ll_mb = ll_rss * 1.048576
    ratios.append(("lessonlint peak RSS (max over runs)", f"{ll_rss:.1f} MiB = {ll_mb:.1f} MB", "< 50 MB",
                   "met" if ll_mb < 50 else ("MISSED in MB (met if read as MiB)" if ll_rss < 50 else "MISSED")))
    if "mdl" in by:
        ratios.append(("markdownlint-cli2 peak RSS", f"{by['mdl']['rss_mib_max']:.1f} MiB", "(context)", ""))

    lines.append("| Measure | Value | Goal | |")
    lines.append("|---|---:|---|---|")
    for r in ratios:
        lines.append(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    lines.append("")
    lines.append(f"Byte-identical checks: {ident_txt}.")

    # Findings, so that a change in the workload is visible next to the timings.
    with open(os.path.join(res, "ll-j1-rep1.out.stderr"), encoding="utf-8", errors="replace") as f:
        ll_summary = f.read().strip().splitlines()[-1:] or [""]
    mdl_summary = ""
    if "mdl" in by:
        with open(os.path.join(res, "mdl-rep1.out"), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("Summary:"):
                    mdl_summary = line.strip()
    lines.append("")
    lines.append(f"lessonlint: {ll_summary[0]}")
    if mdl_summary:
        lines.append(f"markdownlint-cli2: {mdl_summary}")

    text = "\n".join(lines) + "\n"
    with open(os.path.join(res, "summary.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(res, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                   "corpus": {"path": corpus, "files": n_files, "bytes": n_bytes},
                   "reps": a.reps, "jobs": a.jobs, "rows": rows, "samples": samples,
                   "ratios": [list(r) for r in ratios],
                   "identical": [list(x) for x in identical]}, f, indent=2)
    print()
    print(text, end="")
    return 0 if all_same else 3


def own_repository(path):
    """True when `path` is the top of its own git repository (the benchmark edits and restores files only there)."""
    top = subprocess.run(["git", "-C", path, "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode == 0 and os.path.realpath(top.stdout.strip()) == path:
        return True
    sys.stderr.write(f"precommit: {path} is not the top of its own git repository; not touching it\n")
    return False


def precommit_main(argv):
    """`measure.py precommit`: time `lessonlint check --staged` in the corpus repository.

    For each count N, edits N postmortems (appends a paragraph), stages them,
    times `check --staged` (interleaved with the other counts and with
    `check FILE...` on the same files, medians of --reps), then restores exactly
    those files from HEAD. Refuses to touch anything unless the corpus is the
    top level of its own git repository.
    """
    ap = harness_parser("measure.py precommit", 5)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--counts", default="1,10")
    ap.add_argument("--small", help="a small corpus repository: one staged file there too, for the size ratio")
    a = ap.parse_args(argv)
    corpus = os.path.realpath(a.corpus)
    res = os.path.abspath(a.results)
    os.makedirs(res, exist_ok=True)
    if not own_repository(corpus):
        return 1
    tracked = subprocess.run(["git", "-C", corpus, "ls-files", "postmortems"], capture_output=True, text=True,
                             check=True).stdout.split()
    counts = [int(x) for x in a.counts.split(",")]
    ll = os.path.abspath(a.lessonlint)
    step = max(1, len(tracked) // max(counts))
    chosen = {n: tracked[::step][:n] for n in counts}
    touched = sorted({f for fs in chosen.values() for f in fs})
    samples = {}

    small = os.path.realpath(a.small) if a.small else None
    small_file = None
    if small:
        if not own_repository(small):
            return 1
        small_tracked = subprocess.run(["git", "-C", small, "ls-files"], capture_output=True, text=True,
                                       check=True).stdout.split()
        small_pm = [f for f in small_tracked if f.startswith("postmortems")]
        small_file = (small_pm or small_tracked)[0]

    def restore():
        # Back to HEAD, and the index as a commit leaves it: `git write-tree` writes no
        # object (the tree is HEAD's) but fills in the index's cached tree ids, which
        # `git restore` drops. Editing and staging one file then invalidates only its
        # folders, as it does for a user between two commits.
        for repo, files in ((corpus, touched),) + (((small, [small_file]),) if small else ()):
            subprocess.run(["git", "-C", repo, "restore", "--staged", "--worktree", "--source=HEAD", "--"] + files,
                           check=True)
            subprocess.run(["git", "-C", repo, "write-tree"], check=True, stdout=subprocess.DEVNULL)

    def edit_and_stage(repo, files):
        for f in files:
            with open(os.path.join(repo, f), "a", encoding="utf-8") as fh:
                fh.write("\nEdited for the pre-commit benchmark: the action items were re-checked.\n")
        subprocess.run(["git", "-C", repo, "add", "--"] + files, check=True)

    try:
        for rep in range(a.reps):
            for n in counts:
                restore()
                edit_and_stage(corpus, chosen[n])
                for key, cmd in ((f"staged-{n}", [ll, "check", "--staged", "--no-config", "--fail-on", "never"]),
                                 (f"files-{n}", [ll, "check", "--no-config", "--fail-on", "never"] + chosen[n])):
                    r = run_once(cmd, corpus, os.path.join(res, f"{key}.out"), {0})
                    samples.setdefault(key, []).append(r)
                if small and n == 1:
                    edit_and_stage(small, [small_file])
                    r = run_once([ll, "check", "--staged", "--no-config", "--fail-on", "never"], small,
                                 os.path.join(res, "staged-small.out"), {0})
                    samples.setdefault("staged-small", []).append(r)
    finally:
        restore()

    lines = ["| Pre-commit | Wall (median) | CPU user+sys | Peak RSS |", "|---|---:|---:|---:|"]
    for n in counts:
        for key, label in ((f"staged-{n}", f"check --staged, {n} staged file(s) in a {len(tracked)}-postmortem repository"),
                           (f"files-{n}", f"check FILE..., the same {n} file(s) from the working tree")):
            v = samples[key]
            lines.append(f"| {label} | {statistics.median(x['wall'] for x in v) * 1000:.0f} ms | "
                         f"{statistics.median(x['cpu'] for x in v) * 1000:.0f} ms | "
                         f"{max(x['rss_kb'] for x in v) / 1024:.1f} MiB |")
    if small:
        v = samples["staged-small"]
        n_small = len(subprocess.run(["git", "-C", small, "ls-files"], capture_output=True, text=True,
                                     check=True).stdout.split())
        lines.append(f"| check --staged, 1 staged file in a {n_small}-document repository | "
                     f"{statistics.median(x['wall'] for x in v) * 1000:.0f} ms | "
                     f"{statistics.median(x['cpu'] for x in v) * 1000:.0f} ms | {max(x['rss_kb'] for x in v) / 1024:.1f} MiB |")
        big = statistics.median(x["wall"] for x in samples["staged-1"])
        little = statistics.median(x["wall"] for x in v)
        big_cpu = statistics.median(x["cpu"] for x in samples["staged-1"])
        little_cpu = statistics.median(x["cpu"] for x in v)
        lines.append("")
        lines.append(f"Large / small repository, one staged file: {big / little:.2f}x wall, {big_cpu / little_cpu:.2f}x CPU "
                     f"(goal: within 1.20x). Wall under 50 ms: {'met' if big < 0.05 else 'missed'} ({big * 1000:.0f} ms).")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(res, "precommit.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text, end="")
    return 0


def audit_main(argv):
    """`measure.py audit`: time `lessonlint audit --last 5` in a generated history.

    The repository comes from bench/history.py. Medians of --reps runs, with the
    page cache warmed by one run first.
    """
    ap = harness_parser("measure.py audit", 5)
    ap.add_argument("--repo", required=True)
    a = ap.parse_args(argv)
    res = os.path.abspath(a.results)
    os.makedirs(res, exist_ok=True)
    repo = os.path.realpath(a.repo)
    commits = subprocess.run(["git", "-C", repo, "rev-list", "--count", "HEAD"], capture_output=True, text=True,
                             check=True).stdout.strip()
    postmortems = len(subprocess.run(["git", "-C", repo, "ls-files", "postmortems"], capture_output=True, text=True,
                                     check=True).stdout.split())
    cmd = [os.path.abspath(a.lessonlint), "audit", "--last", "5", "--no-config"]
    run_once(cmd, repo, os.path.join(res, "audit.out"), {0})  # warm-up
    v = [run_once(cmd, repo, os.path.join(res, "audit.out"), {0}) for _ in range(a.reps)]
    wall = statistics.median(x["wall"] for x in v)
    lines = ["| Audit | Wall (median) | Wall (min–max) | CPU user+sys | Peak RSS | Goal |", "|---|---:|---:|---:|---:|---|",
             f"| `audit --last 5`, {commits} commits, {postmortems} postmortems | {wall:.2f} s | "
             f"{min(x['wall'] for x in v):.2f}–{max(x['wall'] for x in v):.2f} s | "
             f"{statistics.median(x['cpu'] for x in v):.2f} s | {max(x['rss_kb'] for x in v) / 1024:.1f} MiB | "
             f"< 1 s: {'met' if wall < 1.0 else 'missed'} |",
             f"\nLoad average during the runs: {min(x['load'] for x in v):.1f}–{max(x['load'] for x in v):.1f}"]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(res, "audit.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "precommit":
        sys.exit(precommit_main(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] == "audit":
        sys.exit(audit_main(sys.argv[2:]))
    sys.exit(main())
