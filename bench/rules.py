"""Cost of many rules: `aftercare check` and the daemon's time to READY=1
for configs of 1,000 to 10,000 rules (7 reminders each, one a day), and a
config over the 100,000-reminder cap, for one or two builds.

    python3 bench/rules.py NEW_BINARY [OLD_BINARY]

Wall time is the median of 3 runs, max RSS from wait4(); the machine is
shared, so read the ratios (cost per reminder, 10,000 rules against 1,000,
the new build against the old) rather than the absolute figures."""
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
    """Wall seconds and max RSS (KiB) of one run."""
    t0 = time.monotonic()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.monotonic() - t0, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def check(binary, cfg, runs=3):
    res = [timed([binary, "--config", cfg, "--now", NOW, "check"]) for _ in range(runs)]
    return statistics.median(r[0] for r in res), max(r[1] for r in res), res[0][2]


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
    print("| build | rules | reminders | check s | check MiB | s per 10,000 reminders | to READY s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, b in builds:
        per = {}
        for n in SIZES:
            secs, rss, code = check(b, cfgs[n])
            assert code == 0, (b, n, code)
            r = ready(b, cfgs[n], d)
            per[n] = secs / (7 * n) * 10000
            print(f"| {name} | {n:,} | {7 * n:,} | {secs:.2f} | {rss / 1024:.0f} | {per[n]:.3f} | {r:.2f} |")
        print(f"| {name} | cost per reminder, 10,000 rules / 1,000 rules | | | | {per[10000] / per[1000]:.1f}x | |")
        secs, rss, code = check(b, over, runs=1)
        assert code == 78, (b, code)
        print(f"| {name} | over the cap (10,000 rules x 366 days x 3) | 10,980,000 | {secs:.2f} (refused) | {rss / 1024:.0f} | | |")


if __name__ == "__main__":
    main()
