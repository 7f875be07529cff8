"""Idle cost of two aftercare builds side by side: context switches of `aftercare run` over 60 s
with the next reminder hours away. Usage: python3 bench/idle.py OLD_BINARY NEW_BINARY"""
import os, socket, subprocess, sys, tempfile, time, glob
def ctx(pid):
    t=0
    for st in glob.glob(f"/proc/{pid}/task/*/status"):
        for l in open(st):
            if l.startswith(("voluntary_ctxt_switches","nonvoluntary_ctxt_switches")):
                t+=int(l.split()[1])
    return t
def idle(binary, secs=60):
    d = tempfile.mkdtemp()
    cfg = os.path.join(d, "config.toml")
    # the treatment is tomorrow evening: the next reminder is hours away
    import datetime
    day = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    open(cfg, "w").write(f'[treatment]\ndate = {day}\ntime = "20:00"\ntimezone = "UTC"\n')
    sock = os.path.join(d, "notify")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sock); s.settimeout(10)
    env = dict(os.environ, NOTIFY_SOCKET=sock, XDG_STATE_HOME=os.path.join(d,"state"), XDG_RUNTIME_DIR=d, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent", DBUS_SYSTEM_BUS_ADDRESS="unix:path=/nonexistent")
    env.pop("AFTERCARE_MAX_TICK_INTERVAL_MS", None)
    p = subprocess.Popen([binary, "--config", cfg, "run"], env=env, stderr=subprocess.DEVNULL)
    while "READY=1" not in s.recv(4096).decode().split("\n"): pass
    time.sleep(2)
    a = ctx(p.pid); time.sleep(secs); b = ctx(p.pid)
    p.terminate(); p.wait()
    return b - a
for name, b in [("before (6b3206a, fixed 500 ms tick)", sys.argv[1]), ("after (this stop)", sys.argv[2])]:
    print(f"{name}: {idle(b)} context switches in 60 s idle")
