#!/usr/bin/env python3
"""Paired, interleaved start-up and idle runs of two or more aftercare builds.

    python3 bench/paired.py [--pairs N] [--idle SECONDS] [--plan NAME] BASELINE NEW [MORE ...]

Every round starts each binary once, in turn (baseline, new, ...; the order
alternates from one round to the next), on the same private session bus
(dunst under Xvfb) and private system bus that bench/bench.py sets up, with
the same config (a built-in plan, default microneedling, its treatment 5 h
away, so nothing is due) and a state directory of its own per binary. Each
binary is started once first, not counted (the first start ever writes the
journal); the counted starts are restarts, as at every login. Load on the
machine then hits all builds alike, and the medians compare.

Per start:
- READY: spawn -> `READY=1` on a NOTIFY_SOCKET of the script's own, ms;
- idle RSS: `VmRSS` (and `RssAnon`, `RssFile`) from /proc/PID/status and
  `Pss` from /proc/PID/smaps_rollup, 2 s after READY (and, with --idle, at
  the end of the idle window);
- idle wakeups (with --idle S > 0): voluntary + involuntary context
  switches over /proc/PID/task/*/status between 2 s after READY and S
  seconds later, scaled to a minute.

Prints the medians with min-max and the ratios to the first binary.
Asserts nothing. Needs dbus-daemon, dbus-monitor, Xvfb and dunst.
"""

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import shutil
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BUS_ENV, UTC, Desktop, header, proc_sample, sandbox, stop, wait_ready  # noqa: E402


def pss_kib(pid):
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def one(binary, env, idle_s):
    p, ready = wait_ready([binary, "run"], env)
    try:
        time.sleep(2)
        a = proc_sample(p.pid)
        a["pss_kib"] = pss_kib(p.pid)
        r = {"ready_ms": ready * 1000, "rss_kib": a["rss_kib"], "anon_kib": a["anon_kib"], "file_kib": a["file_kib"], "pss_kib": a["pss_kib"], "threads": a["threads"]}
        if idle_s > 0:
            time.sleep(idle_s)
            b = proc_sample(p.pid)
            r["wakeups_per_min"] = (b["wakeups"] - a["wakeups"]) / idle_s * 60
            r["rss_end_kib"] = b["rss_kib"]
        return r
    finally:
        stop(p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binaries", nargs="+", type=Path, help="the baseline first, then the builds to compare with it")
    ap.add_argument("--pairs", type=int, default=9, help="rounds (each starts every binary once)")
    ap.add_argument("--idle", type=float, default=0, help="idle window in seconds after the RSS sample (0: no wakeup count)")
    ap.add_argument("--plan", default="microneedling", help="built-in plan of the config")
    o = ap.parse_args()
    if len(o.binaries) < 2:
        sys.exit("paired: give a baseline and at least one other binary")
    for b in o.binaries:
        if not b.is_file():
            sys.exit(f"paired: {b} is not a file")
    tmp = Path(tempfile.mkdtemp(prefix="aftercare-paired-"))
    desk = Desktop(tmp)
    runs = {str(b): [] for b in o.binaries}
    try:
        later = (dt.datetime.now(UTC) + dt.timedelta(hours=5)).replace(second=0, microsecond=0)
        cfg = header(later, plan=o.plan, quiet=True)
        envs = {}
        for j, b in enumerate(o.binaries):
            env = dict(sandbox(tmp, f"b{j}", cfg), **{k: desk.env[k] for k in BUS_ENV})
            env["XDG_RUNTIME_DIR"] = str(tmp / f"b{j}")
            envs[str(b)] = env
            # a first start, not counted: it writes the journal (the
            # treatment instant) and warms the page cache; the rounds are
            # restarts, as at every login
            one(b, env, 0)
        for i in range(o.pairs):
            order = o.binaries if i % 2 == 0 else list(reversed(o.binaries))
            for b in order:
                r = one(b, envs[str(b)], o.idle)
                runs[str(b)].append(r)
                print(f"round {i + 1}/{o.pairs} {b}: READY {r['ready_ms']:.1f} ms, RSS {r['rss_kib']} KiB (anon {r['anon_kib']}, file {r['file_kib']}, PSS {r['pss_kib']})"
                      + (f", {r['wakeups_per_min']:.1f} wakeups/min" if "wakeups_per_min" in r else ""), file=sys.stderr)
    finally:
        desk.close()
        shutil.rmtree(tmp, ignore_errors=True)

    base = str(o.binaries[0])
    keys = [("ready_ms", "READY ms", "{:.1f}"), ("rss_kib", "idle RSS KiB", "{:.0f}"), ("anon_kib", "anon KiB", "{:.0f}"), ("file_kib", "file KiB", "{:.0f}"), ("pss_kib", "PSS KiB", "{:.0f}"), ("threads", "threads", "{:.0f}")]
    if o.idle > 0:
        keys.append(("wakeups_per_min", f"wakeups/min ({o.idle:.0f} s)", "{:.1f}"))
    med = {b: {k: statistics.median(r[k] for r in rs) for k, _, _ in keys} for b, rs in runs.items()}
    print(f"\n{o.pairs} interleaved rounds, plan {o.plan}, medians (min-max); ratio to {base}\n")
    print("| build | " + " | ".join(t for _, t, _ in keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for b, rs in runs.items():
        cells = []
        for k, _, f in keys:
            vals = [r[k] for r in rs]
            cell = f"{f.format(med[b][k])} ({f.format(min(vals))}-{f.format(max(vals))})"
            if b != base and k in ("ready_ms", "rss_kib", "anon_kib", "file_kib", "pss_kib") and med[base][k]:
                cell += f" {med[b][k] / med[base][k]:.2f}x"
            cells.append(cell)
        size = Path(b).stat().st_size // 1024
        print(f"| {b} ({size} KiB) | " + " | ".join(cells) + " |")
    print(f"\nmachine: {__import__('os').cpu_count()} CPUs, {dt.datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
