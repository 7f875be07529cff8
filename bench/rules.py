"""Cost of many rules: `aftercare check` and the daemon's time to READY=1
for configs of 1,000 to 10,000 rules (7 reminders each, one a day), and a
config over the 100,000-reminder cap, for one or two builds.

    python3 bench/rules.py NEW_BINARY [OLD_BINARY]

Wall time and CPU time (user + system, from wait4(), less disturbed by the
other processes of a shared machine than wall time) are medians of 3 runs,
max RSS the largest; read the ratios (10,000 rules against 1,000, the new
build against the old) rather than the absolute figures. (Instruction
counts would be steadier, but this VM has no performance counters.)"""
import os, resource, socket, statistics, subprocess, sys, tempfile, time

SIZES = [1000, 2000, 5000, 10000]
NOW = "2026-12-04T09:00:00Z"


def config(d, name, rules, days, times):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write('[treatment]\ndate = 2026-12-04\ntime = "10:00"\ntimezone = "UTC"\nplan = "none"\n\n')
        for i in range(rules):
            at = ", ".join(f'"{(9 + (i + k) % 10):02d}:{i % 60:02d}"' for k in range(times))
            f.write(f'[reminders.r{i}]\ndays = "{days}"\nat = [{at}]\ntitle = "Rule {i}"\n\n')
    os.chmod(path, 0o600)
    return path


def timed(args, env=None):
    """Wall seconds, CPU seconds, max RSS (KiB) and exit code of one run."""
    t0 = time.monotonic()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return time.monotonic() - t0, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def check(binary, cfg, runs=3):
    res = [timed([binary, "--config", cfg, "--now", NOW, "check"]) for _ in range(runs)]
    return (statistics.median(r[0] for r in res), statistics.median(r[1] for r in res),
            max(r[2] for r in res), res[0][3])


def ready(binary, cfg, d):
    """Seconds from exec to READY=1 (config, plan overview, first window, jobs)."""
    sock = os.path.join(d, f"notify-{time.monotonic_ns()}")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(sock)
    s.settimeout(120)
    env = dict(os.environ, NOTIFY_SOCKET=sock, XDG_STATE_HOME=os.path.join(d, f"state-{time.monotonic_ns()}"),
               DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    t0 = time.monotonic()
    p = subprocess.Popen([binary, "--config", cfg, "run"], env=env, stderr=subprocess.DEVNULL)
    try:
        while "READY=1" not in s.recv(4096).decode().split("\n"):
            pass
        return time.monotonic() - t0
    finally:
        p.terminate()
        p.wait()
        s.close()


def main():
    builds = [("new", sys.argv[1])] + ([("old", sys.argv[2])] if len(sys.argv) > 2 else [])
    d = tempfile.mkdtemp()
    cfgs = {n: config(d, f"rules{n}.toml", n, "1-7", 1) for n in SIZES}
    over = config(d, "over.toml", 10000, "0-365", 3)  # 10.98 million reminders
    print("| build | rules | reminders | check wall s | check CPU s | check MiB | CPU ms per 10,000 reminders | to READY s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, b in builds:
        per = {}
        for n in SIZES:
            secs, cpu, rss, code = check(b, cfgs[n])
            assert code == 0, (b, n, code)
            r = ready(b, cfgs[n], d)
            per[n] = cpu / (7 * n) * 10000 * 1000
            print(f"| {name} | {n:,} | {7 * n:,} | {secs:.2f} | {cpu:.2f} | {rss / 1024:.0f} | {per[n]:.0f} | {r:.2f} |")
        print(f"| {name} | CPU per reminder, 10,000 rules / 1,000 rules | | | | | {per[10000] / per[1000]:.1f}x | |")
        secs, cpu, rss, code = check(b, over, runs=1)
        assert code == 78, (b, code)
        print(f"| {name} | over the cap (10,000 rules x 366 days x 3) | 10,980,000 | {secs:.2f} (refused) | {cpu:.2f} | {rss / 1024:.0f} | | |")


if __name__ == "__main__":
    main()
