#!/usr/bin/env python3
"""Side-by-side raw RESP comparison of Valkey 9.1.2's C test modules and their JVM ports.

Usage: python3 scripts/raw-compare/compare.py WORKTREE COMMANDS MODULE[:ARG,ARG...]... [-v]
Starts one server with tests/modules/MODULE.so and one with conformance/MODULE/target/MODULE.so
(build first), sends every line of COMMANDS (space-separated arguments; \\0 is a NUL byte,
<sp> a space; a line starting with "! " runs on both servers uncompared) in a HELLO 2 and a
HELLO 3 connection, and prints each pair of replies whose bytes differ.
"""
import socket, subprocess, sys, time, os, tempfile

def enc(args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else a.encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out

class Raw:
    def __init__(self, port, proto):
        self.s = socket.create_connection(("127.0.0.1", port)); self.s.settimeout(20); self.n = 0
        if proto == 3: self.x("HELLO", "3")
    def x(self, *args):
        m = "end-%d" % self.n; self.n += 1
        self.s.sendall(enc(list(args)) + enc(["ECHO", m]))
        term = b"$%d\r\n%s\r\n" % (len(m), m.encode()); buf = b""
        while not buf.endswith(term):
            d = self.s.recv(65536)
            if not d: raise RuntimeError("closed: %r" % buf)
            buf += d
        return buf[:-len(term)]

def start(port, mods, extra=()):
    d = tempfile.mkdtemp()
    args = ["/var/cache/valkey-jvm/valkey-9.1.2/src/valkey-server", "--port", str(port), "--save", "", "--appendonly", "no",
            "--dir", d, "--enable-debug-command", "yes", "--enable-module-command", "yes", "--logfile", d + "/log"]
    for m in mods: args += ["--loadmodule"] + m
    p = subprocess.Popen(args)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port)).close(); break
        except OSError: time.sleep(0.1)
    time.sleep(0.5)
    return p, d

def main():
    cport, jport = 21701, 21702
    tree = "/var/cache/valkey-jvm/valkey-9.1.2/tests/modules/"
    wt = sys.argv[1]
    cmds = [l.rstrip("\n") for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
    modules = [m for m in sys.argv[3:] if m != "-v"]
    # MODULE:ARG,ARG passes load arguments.
    names = [(m.split(":")[0], m.split(":")[1].split(",") if ":" in m else []) for m in modules]
    cp, cd = start(cport, [[tree + n + ".so"] + a for n, a in names])
    jp, jd = start(jport, [["%s/conformance/%s/target/%s.so" % (wt, n, n)] + a for n, a in names])
    diffs = 0; total = 0
    try:
        for proto in (2, 3):
            c, j = Raw(cport, proto), Raw(jport, proto)
            for line in cmds:
                args = [a.replace("\\0", "\0").replace("<sp>", " ") for a in line.split(" ")]
                if args[0] == "!":   # setup on both, not compared
                    c.x(*args[1:]); j.x(*args[1:]); continue
                total += 1
                rc, rj = c.x(*args), j.x(*args)
                if rc != rj:
                    diffs += 1
                    print("RESP%d DIFF %s\n   C: %r\n JVM: %r" % (proto, line, rc[:400], rj[:400]))
                elif "-v" in sys.argv:
                    print("RESP%d same %s: %r" % (proto, line, rc[:120]))
    finally:
        for p in (cp, jp): p.terminate()
        for p in (cp, jp): p.wait()
    print("compared %d replies, %d differences" % (total, diffs))

main()
