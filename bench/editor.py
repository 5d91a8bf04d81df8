#!/usr/bin/env python3
"""The language server as an editor uses it (issue 19). Not part of the test suite.

    python3 bench/editor.py [--binary build-bench/lessonlint] [--words 6000] [--edits 10000] [--checks 41]

On a generated postmortem of about --words words (a 12-page document: timeline,
long analysis, action items, a passage addressed to other teams), it measures:

  1. latency: --checks single-character edits, each after the last one's
     diagnostics arrived; for each, the time from sending the edit to the
     diagnostics, less the debounce (200 ms, the default): the time the check
     and its publication take once the writer pauses (median and 90th
     percentile);
  2. didChange without the check: a server started with a debounce longer than
     the run (--debounce 600000), --edits edits sent back to back (each inserts
     or deletes a character, so the document keeps its size), then a request
     the server answers at once; CPU time of the server process (utime + stime
     from /proc, 10 ms ticks) over the edits, per edit;
  3. memory: the server's VmRSS after opening the document, after the first
     tenth of the edits and after all of them.

Prints a table; writes bench/.cache/results-editor/summary.md and results.json.
"""
import argparse
import json
import os
import random
import select
import statistics
import subprocess
import sys
import tempfile
import time


def frame(o):
    b = json.dumps(o).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b


class Server:
    def __init__(self, binary, root, debounce=None):
        cmd = [binary, "server"] + (["--debounce", str(debounce)] if debounce is not None else [])
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
        self.buf = b""
        self.next_id = 1

    def send(self, o):
        self.p.stdin.write(frame(o))
        self.p.stdin.flush()

    def read(self, timeout=30.0):
        end = time.monotonic() + timeout
        while True:
            h = self.buf.find(b"\r\n\r\n")
            if h >= 0:
                n = int(self.buf[:h].split(b":")[1])
                if len(self.buf) >= h + 4 + n:
                    body = self.buf[h + 4:h + 4 + n]
                    self.buf = self.buf[h + 4 + n:]
                    return json.loads(body)
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from the server")
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 1 << 16)
                if not chunk:
                    raise EOFError("the server closed its output")
                self.buf += chunk

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params or {}})
        while True:
            m = self.read()
            if m.get("id") == i:
                return m

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    def cpu_seconds(self):
        with open(f"/proc/{self.p.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kib(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self):
        try:
            self.request("shutdown")
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


WORDS = ("the consumer queue deadlocked while the buffer filled and the retry loop kept the connection "
         "open so that every request waited behind the first one until the pool ran out of workers and "
         "the health check still reported green because it only read the queue depth").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def postmortem(words, seed=1):
    rng = random.Random(seed)
    out = ["# Notifications queue backlog delayed deliveries for three hours", "",
           "## Summary", "", "On 2026-03-12 at 09:10 the notifications queue backed up. " + sentence(rng, 30), ""]
    out += ["## Timeline", ""]
    for i in range(60):
        out.append(f"- {9 + i // 20:02d}:{(i * 3) % 60:02d} " + sentence(rng, 10))
    out += ["", "## Impact", "", "12,400 notifications were delivered late. " + sentence(rng, 40), ""]
    out += ["## Root cause", ""]
    count = sum(len(line.split()) for line in out)
    target = words - 560
    while count < target:
        p = " ".join(sentence(rng, rng.randint(12, 24)) for _ in range(6))
        out += [p, ""]
        count += len(p.split())
    out += ["## Lessons learned", "",
            "We learned that queue depth alone says little. All teams that run consumers should alert on the "
            "age of the oldest message, not on the depth of the queue.", ""]
    out += ["## Action items", ""]
    for i in range(40):
        out.append(f"- {sentence(rng, 8)} Owner: @ana, due 2026-04-{1 + i % 28:02d}")
    out += ["", "## Should this generate a learning review?", "", "Yes: see the learning review.", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default="build-bench/lessonlint")
    ap.add_argument("--words", type=int, default=6000)
    ap.add_argument("--edits", type=int, default=10000)
    ap.add_argument("--checks", type=int, default=41)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"editor.py: {binary} is not built (bash bench/run.sh builds build-bench/, or give --binary)")

    root = tempfile.mkdtemp(prefix="lessonlint-editor-")
    subprocess.run(["git", "init", "-q", root], check=True)
    os.makedirs(os.path.join(root, "postmortems"))
    path = os.path.join(root, "postmortems", "2026-03-12-notifications-backlog.md")
    text = postmortem(a.words)
    with open(path, "w") as f:
        f.write(text)
    uri = "file://" + path
    lines = text.split("\n")
    words = len(text.split())
    # Where edits go: the long paragraphs of the analysis.
    targets = [i for i, line in enumerate(lines) if len(line) > 200]

    def session(debounce=None):
        s = Server(binary, root, debounce)
        s.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {}})
        s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        diags = s.wait_diagnostics(uri, 1)
        return s, diags

    def edit(s, version, k):
        line = targets[k % len(targets)]
        col = 40 + (k * 7) % 120
        if k % 2 == 0:
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}},
                      "text": "x"}
        else:  # takes the previous insertion out again
            prev = 40 + ((k - 1) * 7) % 120
            line = targets[(k - 1) % len(targets)]
            change = {"range": {"start": {"line": line, "character": prev}, "end": {"line": line, "character": prev + 1}},
                      "text": ""}
        s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})

    # 1. Latency after the debounce.
    s, diags = session()
    latencies = []
    for k in range(a.checks):
        version = k + 2
        t0 = time.monotonic()
        edit(s, version, k)
        s.wait_diagnostics(uri, version)
        latencies.append((time.monotonic() - t0) * 1000 - 200)
    s.close()

    # 2 and 3. didChange alone, and memory.
    s, _ = session(debounce=600000)
    rss_open = s.rss_kib()
    cpu0 = s.cpu_seconds()
    tenth = max(1, a.edits // 10)
    rss_tenth = None
    for k in range(a.edits):
        edit(s, k + 2, k)
        if k + 1 == tenth:
            s.request("lessonlint/sync")  # unknown: answered at once, after every edit before it
            rss_tenth = s.rss_kib()
    s.request("lessonlint/sync")
    cpu = s.cpu_seconds() - cpu0
    rss_end = s.rss_kib()
    s.close()

    lat_sorted = sorted(latencies)
    p90 = lat_sorted[int(0.9 * (len(lat_sorted) - 1))]
    result = {
        "binary": binary, "words": words, "bytes": len(text.encode()), "diagnostics": len(diags),
        "latency_ms_median": statistics.median(latencies), "latency_ms_p90": p90, "checks": a.checks,
        "edits": a.edits, "didchange_cpu_ms_per_edit": cpu * 1000 / a.edits,
        "rss_kib_open": rss_open, "rss_kib_tenth": rss_tenth, "rss_kib_end": rss_end,
    }
    table = [
        f"Editor benchmark: a postmortem of {words} words ({len(text.encode())} bytes), {len(diags)} diagnostics",
        "",
        "| Measure | Value | Goal |",
        "|---|---:|---|",
        f"| diagnostics after the debounce ends, median of {a.checks} edits | {result['latency_ms_median']:.1f} ms "
        f"(90th percentile {p90:.1f} ms) | under 30 ms |",
        f"| didChange CPU per edit, without the check ({a.edits} edits) | {result['didchange_cpu_ms_per_edit']:.3f} ms | under 10 ms |",
        f"| VmRSS after open / after {tenth} edits / after {a.edits} | {rss_open / 1024:.1f} / {rss_tenth / 1024:.1f} / "
        f"{rss_end / 1024:.1f} MiB | flat (a few MB at most) |",
    ]
    print("\n".join(table))
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache", "results-editor")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "summary.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(result, f, indent=2)
    subprocess.run(["rm", "-rf", root])


if __name__ == "__main__":
    main()
