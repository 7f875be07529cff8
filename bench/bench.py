#!/usr/bin/env python3
"""aftercare benchmarks: idle cost, delivery lateness, start-up, scale.

Runs real parts side by side on this machine and prints a Markdown table:

- idle cost over IDLE seconds with the next reminder hours away, for
  `aftercare run` (default plan and a 365-day plan of >= 10,000 reminders;
  optionally a --baseline build of it, e.g. from before a change),
  `remind -z` on an equivalent reminder file, and a minimal tokio program
  running tokio-cron-scheduler with one job (examples/scheduler_floor.rs),
  with the scheduler's default 500 ms cap (upstream's fixed tick) and with
  aftercare's 10 min cap: wakeups (voluntary + involuntary context switches
  over /proc/PID/task/*/status, also per thread for aftercare), CPU time
  (/proc/PID/task/*/schedstat), RSS and threads. aftercare runs with a
  private system bus, as on a desktop, where it listens for logind;
- delivery lateness: planned second -> `Notify` call seen by dbus-monitor
  on a private bus with dunst, over N reminders;
- start-up: `aftercare run` to READY=1 on a NOTIFY_SOCKET of our own;
  `aftercare check` / `plan` wall time, default and 365-day plan.

Nothing here asserts anything about time: it measures and reports.

Usage: bench/bench.py [--idle SECONDS] [--reminders N] [--runs N] [--baseline BINARY]
Needs: cargo, dbus-daemon, dbus-monitor, Xvfb, dunst, remind (apt-get
install dbus-daemon dbus-bin xvfb dunst remind; as root, a missing remind
is installed by the script).
"""

import argparse
import datetime as dt
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UTC = dt.timezone.utc


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def build():
    sh("cargo", "build", "--release", "--quiet", "--bin", "aftercare", "--example", "scheduler_floor", cwd=ROOT)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release/aftercare", target / "release/examples/scheduler_floor"


class Desktop:
    """Private session bus (no activation), Xvfb, dunst, dbus-monitor."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        conf = tmp / "bus.conf"
        self.bus = tmp / "bus"
        conf.write_text(
            f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path={self.bus}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>"""
        )
        self.procs = []
        d = subprocess.Popen(["dbus-daemon", f"--config-file={conf}", "--nofork", "--print-address"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        d.stdout.readline()
        self.procs.append(d)
        self.address = f"unix:path={self.bus}"
        # a system bus of our own: aftercare connects to it to listen for
        # logind's resume signal, as it does on a desktop
        sysconf = tmp / "system.conf"
        self.system_bus = tmp / "system_bus_socket"
        sysconf.write_text(
            f"""<busconfig><type>system</type><listen>unix:path={self.system_bus}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy></busconfig>"""
        )
        d = subprocess.Popen(["dbus-daemon", f"--config-file={sysconf}", "--nofork", "--print-address"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        d.stdout.readline()
        self.procs.append(d)
        x = subprocess.Popen(["Xvfb", "-displayfd", "1", "-nolisten", "tcp"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.display = ":" + x.stdout.readline().strip()
        self.procs.append(x)
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address, DISPLAY=self.display, DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={self.system_bus}")
        self.notifies = []  # (monitor time, summary)
        self.lock = threading.Condition()
        mon = subprocess.Popen(["dbus-monitor", "--address", self.address], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.procs.append(mon)
        threading.Thread(target=self._read, args=(mon.stdout,), daemon=True).start()
        self._wait(lambda: self.ready)
        rc = tmp / "dunstrc"
        rc.write_text("[urgency_normal]\n    timeout = 0\n")
        self.procs.append(subprocess.Popen(["dunst", "-config", str(rc)], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self._wait(lambda: self.owned)

    ready = False
    owned = False

    def _read(self, out):
        cur = None
        for line in out:
            with self.lock:
                if line.startswith(("method call", "signal", "method return", "error")):
                    cur = {"head": line, "args": []}
                    if "member=NameLost" in line:
                        self.ready = True
                    t = float(line.split("time=")[1].split()[0])
                    cur["time"] = t
                elif cur is not None and line.startswith("   string "):
                    cur["args"].append(line.strip()[8:-1])
                    if "member=NameOwnerChanged" in cur["head"] and cur["args"][:1] == ["org.freedesktop.Notifications"] and len(cur["args"]) == 3:
                        self.owned = True
                    # Notify's strings: app_name, app_icon, summary, body
                    if "member=Notify" in cur["head"] and len(cur["args"]) == 3:
                        self.notifies.append((cur["time"], cur["args"][2]))
                self.lock.notify_all()

    def _wait(self, pred, timeout=30):
        with self.lock:
            if not self.lock.wait_for(pred, timeout):
                raise RuntimeError("desktop did not come up")

    def close(self):
        for p in reversed(self.procs):
            p.kill()
            p.wait()


BUS_ENV = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "DBUS_SYSTEM_BUS_ADDRESS")


def header(start: dt.datetime, tz="UTC", plan="none", quiet=False):
    q = "" if quiet else "[quiet_hours]\nenabled = false\n"
    return f'[treatment]\ndate = {start:%Y-%m-%d}\ntime = "{start:%H:%M}"\ntimezone = "{tz}"\nplan = "{plan}"\n{q}'


def sandbox(tmp: Path, name: str, config: str):
    d = tmp / name
    (d / "config/aftercare").mkdir(parents=True)
    (d / "config/aftercare/config.toml").write_text(config)
    env = dict(os.environ, XDG_CONFIG_HOME=str(d / "config"), XDG_STATE_HOME=str(d / "state"), HOME=str(d), TZ="UTC", AFTERCARE_LOG="warn")
    return env


def wait_ready(proc_args, env, timeout=30):
    """Start a process with a NOTIFY_SOCKET of ours; return (proc, seconds to READY=1)."""
    path = tempfile.mktemp(prefix="aftercare-notify-")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    s.settimeout(timeout)
    env = dict(env, NOTIFY_SOCKET=path)
    t0 = time.perf_counter()
    p = subprocess.Popen(proc_args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            msg = s.recv(4096).decode()
            if "READY=1" in msg.split("\n"):
                return p, time.perf_counter() - t0
    finally:
        s.close()
        os.unlink(path)


def proc_sample(pid: int):
    st = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        st[k] = v.strip()
    total_threads_cpu = 0
    wake = 0
    per_thread = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        total_threads_cpu += int((task / "schedstat").read_text().split()[0])
        ts = {}
        for line in (task / "status").read_text().splitlines():
            k, _, v = line.partition(":")
            ts[k] = v.strip()
        n = int(ts["voluntary_ctxt_switches"]) + int(ts["nonvoluntary_ctxt_switches"])
        wake += n
        per_thread[f"{ts['Name']} ({task.name})"] = n
    return {
        "wakeups": wake,
        "per_thread": per_thread,
        "cpu_ns": total_threads_cpu,
        "rss_kib": int(st["VmRSS"].split()[0]),
        "anon_kib": int(st["RssAnon"].split()[0]),
        "file_kib": int(st["RssFile"].split()[0]),
        "threads": int(st["Threads"]),
    }


def idle(proc, seconds):
    time.sleep(2)  # let start-up finish; we measure the steady state
    a = proc_sample(proc.pid)
    time.sleep(seconds)
    b = proc_sample(proc.pid)
    return {
        "wakeups_per_min": (b["wakeups"] - a["wakeups"]) / seconds * 60,
        # threads present at both samples; one that came or went is left out
        "per_thread_per_min": {k: (b["per_thread"][k] - a["per_thread"][k]) / seconds * 60 for k in b["per_thread"] if k in a["per_thread"]},
        "cpu_ms_per_min": (b["cpu_ns"] - a["cpu_ns"]) / 1e6 / seconds * 60,
        "rss_kib": b["rss_kib"],
        "anon_kib": b["anon_kib"],
        "file_kib": b["file_kib"],
        "threads": b["threads"],
    }


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def timed_runs(args, env, runs):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out), min(out), max(out)


# upstream's fixed 500 ms tick: the patched copy's default cap behaves the
# same (docs/upstream-tokio-cron-scheduler.md: 249 vs 250 a minute)
FLOOR = "tokio-cron-scheduler floor (one job), default 500 ms cap"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=float, default=60, help="idle measurement window in seconds (>= 60 for the README table)")
    ap.add_argument("--reminders", type=int, default=24, help="reminders for the lateness run")
    ap.add_argument("--runs", type=int, default=20, help="repetitions for timing")
    ap.add_argument("--rss-runs", type=int, default=9, help="fresh starts for the idle RSS medians")
    ap.add_argument("--baseline", type=Path, help="another aftercare binary (e.g. a release build from before a change) to measure idle beside this one")
    o = ap.parse_args()
    if not shutil.which("remind") and os.geteuid() == 0:
        print("bench: installing remind (apt-get) ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        sh("apt-get", "update", "-q", env=env, stdout=subprocess.DEVNULL)
        sh("apt-get", "install", "-y", "-q", "--no-install-recommends", "remind", env=env, stdout=subprocess.DEVNULL)
    for tool in ["dbus-daemon", "dbus-monitor", "Xvfb", "dunst", "remind"]:
        if not shutil.which(tool):
            sys.exit(f"bench: `{tool}` is missing: apt-get install dbus-daemon dbus-bin xvfb dunst remind")
    exe, floor = build()
    tmp = Path(tempfile.mkdtemp(prefix="aftercare-bench-"))
    desk = Desktop(tmp)
    rows = []
    try:
        now = dt.datetime.now(UTC)
        later = (now + dt.timedelta(hours=5)).replace(second=0, microsecond=0)
        # default plan whose next reminder is hours away: treatment 5 h from now
        default_cfg = header(later, plan="microneedling", quiet=True)
        # 365 days, every 30 min: 17,000+ reminders, next one 5 h away
        often = '[reminders.often]\ndays = "{}"\nevery = "30m"\nbetween = ["00:00", "23:30"]\ntitle = "Often"\n'
        big_cfg = header(later) + often.format("0-365")
        # the same rule over 14 days: same reminders per day, 1/26 the length
        short_cfg = header(later) + often.format("0-13")
        env_default = dict(sandbox(tmp, "default", default_cfg), **{k: desk.env[k] for k in BUS_ENV})
        env_big = dict(sandbox(tmp, "big", big_cfg), **{k: desk.env[k] for k in BUS_ENV})
        env_short = dict(sandbox(tmp, "short", short_cfg), **{k: desk.env[k] for k in BUS_ENV})
        n_big = len(subprocess.run([exe, "plan", "--json", "--all"], env=env_big, capture_output=True, check=True, text=True).stdout.split('"id"')) - 1
        n_default = len(subprocess.run([exe, "plan", "--json", "--all"], env=env_default, capture_output=True, check=True, text=True).stdout.split('"id"')) - 1

        # --- start-up to READY
        ready_default, ready_big = [], []
        for _ in range(max(3, o.runs // 2)):
            for env, acc in ((env_default, ready_default), (env_big, ready_big)):
                p, t = wait_ready([exe, "run"], env)
                acc.append(t * 1000)
                stop(p)

        # --- idle RSS over fresh starts: resident file pages vary by a
        # few hundred KiB from one start to the next, so one sample decides
        # nothing; the median of several does
        rss_runs = {}
        rss_cases = [("aftercare run (default plan)", exe, env_default), (f"aftercare run (365-day plan, {n_big} reminders)", exe, env_big)]
        if o.baseline:
            rss_cases.insert(1, ("baseline: aftercare run (default plan)", o.baseline, env_default))
        for _ in range(o.rss_runs):
            for name, binary, env in rss_cases:
                p, _ = wait_ready([binary, "run"], env)
                time.sleep(2)
                rss_runs.setdefault(name, []).append(proc_sample(p.pid))
                stop(p)

        # --- idle cost
        n_short = len(subprocess.run([exe, "plan", "--json", "--all"], env=env_short, capture_output=True, check=True, text=True).stdout.split('"id"')) - 1
        print(f"measuring idle cost over {o.idle:.0f} s for {7 if o.baseline else 6} processes ...", file=sys.stderr)
        results = {}
        p, _ = wait_ready([exe, "run"], env_default)
        results["aftercare run (default plan)"] = idle(p, o.idle)
        stop(p)
        if o.baseline:
            p, _ = wait_ready([o.baseline, "run"], env_default)
            results["baseline: aftercare run (default plan)"] = idle(p, o.idle)
            stop(p)
        p, _ = wait_ready([exe, "run"], env_big)
        results[f"aftercare run (365-day plan, {n_big} reminders)"] = idle(p, o.idle)
        stop(p)
        p, _ = wait_ready([exe, "run"], env_short)
        results[f"aftercare run (14-day plan, same rule, {n_short} reminders)"] = idle(p, o.idle)
        stop(p)
        rem = tmp / "reminders.rem"
        rem.write_text(f"REM {later:%d %b %Y} AT {later:%H:%M} MSG Sunscreen\n")
        p = subprocess.Popen(["remind", "-z", str(rem)], env=dict(os.environ, TZ="UTC"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results["remind -z (one reminder)"] = idle(p, o.idle)
        stop(p)
        p = subprocess.Popen([floor], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results[FLOOR] = idle(p, o.idle)
        stop(p)
        p = subprocess.Popen([floor, "--max-tick-interval", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results["tokio-cron-scheduler floor (one job), 10 min cap"] = idle(p, o.idle)
        stop(p)

        # --- lateness
        now = dt.datetime.now(UTC)
        start = (now - dt.timedelta(seconds=1)).replace(second=0, microsecond=0)
        first = int((now - start).total_seconds()) + 4
        rules = "".join(f'[reminders.r{i}]\nafter = ["{first + 2 * i}s"]\ntitle = "R{i}"\n' for i in range(o.reminders))
        # group = "0s": reminders 2 s apart stay apart (by default they would
        # be one notification)
        env_late = dict(sandbox(tmp, "late", header(start) + "[notifications]\ngroup = \"0s\"\n" + rules), **{k: desk.env[k] for k in BUS_ENV})
        p = subprocess.Popen([exe, "run"], env=env_late, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        planned = {f"R{i}": start.timestamp() + first + 2 * i for i in range(o.reminders)}
        # the daemon waits for an answer to the last reminder: stop it once
        # every reminder reached the bus
        deadline = time.monotonic() + first + 2 * o.reminders + 60

        def first_seen():
            # a reminder's first Notify: alone, or listed with others ("R0 · R3":
            # at most three are on screen, a fourth joins the oldest)
            seen = {}
            for t, s in list(desk.notifies):
                for title in s.split(" · "):
                    if title in planned and title not in seen:
                        seen[title] = t
            return seen

        while time.monotonic() < deadline and len(first_seen()) < o.reminders:
            time.sleep(0.5)
        stop(p)
        late = sorted((t - planned[s]) * 1000 for s, t in first_seen().items())

        # --- check / plan wall time
        timings = {}
        for name, env in (("default", env_default), (f"365-day ({n_big})", env_big)):
            timings[f"aftercare check, {name}"] = timed_runs([exe, "check"], env, o.runs)
            timings[f"aftercare plan --all --json, {name}"] = timed_runs([exe, "plan", "--all", "--json"], env, o.runs)

        floor_r = results[FLOOR]
        remind_r = results["remind -z (one reminder)"]
        print(f"\n### Idle cost ({o.idle:.0f} s window, next reminder 5 h away)\n")
        print("| process | wakeups/min | CPU ms/min | RSS KiB | anon KiB | file KiB | threads | wakeups vs floor | wakeups vs remind | RSS vs floor | RSS vs remind |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for k, r in results.items():
            def ratio(a, b):
                return f"{a / b:.2f}x" if b else "n/a"
            print(f"| {k} | {r['wakeups_per_min']:.1f} | {r['cpu_ms_per_min']:.2f} | {r['rss_kib']} | {r['anon_kib']} | {r['file_kib']} | {r['threads']} | "
                  f"{ratio(r['wakeups_per_min'], floor_r['wakeups_per_min'])} | {ratio(r['wakeups_per_min'], remind_r['wakeups_per_min'])} | "
                  f"{ratio(r['rss_kib'], floor_r['rss_kib'])} | {ratio(r['rss_kib'], remind_r['rss_kib'])} |")
        big_r = results[f"aftercare run (365-day plan, {n_big} reminders)"]
        short_r = results[f"aftercare run (14-day plan, same rule, {n_short} reminders)"]
        print(f"\nScale, 365-day vs 14-day plan of the same rule ({n_big} vs {n_short} reminders): "
              f"RSS {big_r['rss_kib'] / short_r['rss_kib']:.2f}x, anon {big_r['anon_kib'] / short_r['anon_kib']:.2f}x, "
              f"wakeups {big_r['wakeups_per_min']:.1f} vs {short_r['wakeups_per_min']:.1f} a minute")
        for k in [k for k in results if k.startswith(("aftercare", "baseline"))]:
            threads = ", ".join(f"{t}: {n:.1f}" for t, n in results[k]["per_thread_per_min"].items())
            print(f"\nWakeups a minute by thread, {k}: {threads}")
        print(f"\n### Idle RSS over {o.rss_runs} fresh starts (2 s after READY=1)\n")
        print("| process | RSS median KiB | min | max | anon median KiB | file median KiB | vs 5 MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, samples in rss_runs.items():
            rss = sorted(x["rss_kib"] for x in samples)
            med = statistics.median(rss)
            print(f"| {name} | {med:.0f} | {rss[0]} | {rss[-1]} | {statistics.median(x['anon_kib'] for x in samples):.0f} | "
                  f"{statistics.median(x['file_kib'] for x in samples):.0f} | {med / 5120:.2f}x |")
        print(f"\n### Delivery lateness (planned second -> Notify on the bus, {len(late)} of {o.reminders} reminders)\n")
        if late:
            print(f"min {late[0]:.0f} ms, median {statistics.median(late):.0f} ms, max {late[-1]:.0f} ms")
        print("\n### Start-up and commands (median, min-max over runs)\n")
        print("| what | median ms | min ms | max ms |")
        print("|---|---:|---:|---:|")
        print(f"| aftercare run to READY, default plan ({n_default}) | {statistics.median(ready_default):.1f} | {min(ready_default):.1f} | {max(ready_default):.1f} |")
        print(f"| aftercare run to READY, 365-day plan ({n_big}) | {statistics.median(ready_big):.1f} | {min(ready_big):.1f} | {max(ready_big):.1f} |")
        for k, (med, lo, hi) in timings.items():
            print(f"| {k} | {med:.1f} | {lo:.1f} | {hi:.1f} |")
        print(f"\nrelease binary: {exe.stat().st_size / 1024:.0f} KiB; machine: {os.cpu_count()} CPUs, {dt.date.today()}")
    finally:
        desk.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
