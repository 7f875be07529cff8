"""Start-up and memory of two aftercare builds: time to READY=1 on a NOTIFY_SOCKET of our own,
then VmRSS 2 s later, 7 runs each. Usage: python3 bench/startup.py OLD_BINARY NEW_BINARY"""
import os, socket, subprocess, sys, tempfile, time, statistics
def run(binary, n=7):
    readys, rss = [], []
    for i in range(n):
        d = tempfile.mkdtemp()
        cfg = os.path.join(d, "config.toml")
        open(cfg, "w").write('[treatment]\ndate = 2026-11-30\ntime = "14:30"\ntimezone = "Europe/Berlin"\n')
        sock = os.path.join(d, "notify")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sock); s.settimeout(10)
        env = dict(os.environ, NOTIFY_SOCKET=sock, XDG_STATE_HOME=os.path.join(d,"state"), XDG_CONFIG_HOME=os.path.join(d,"cfg"), DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
        t0 = time.monotonic()
        p = subprocess.Popen([binary, "--config", cfg, "run"], env=env, stderr=subprocess.DEVNULL)
        while True:
            msg = s.recv(4096).decode()
            if "READY=1" in msg.split("\n"): break
        readys.append((time.monotonic()-t0)*1000)
        time.sleep(2)
        st = dict(l.split(":",1) for l in open(f"/proc/{p.pid}/status").read().splitlines() if ":" in l)
        rss.append(int(st["VmRSS"].split()[0]))
        p.terminate(); p.wait()
    return statistics.median(readys), min(readys), max(readys), statistics.median(rss), min(rss), max(rss)
for name, b in [("before (6b3206a)", sys.argv[1]), ("after", sys.argv[2])]:
    r = run(b)
    print(f"{name}: READY median {r[0]:.1f} ms (min {r[1]:.1f}, max {r[2]:.1f}); idle RSS median {r[3]} KiB (min {r[4]}, max {r[5]})")
