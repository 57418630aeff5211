#!/usr/bin/env python3
"""Minimal reproductions of the bugs the fuzzers found (see fuzz/FINDINGS.md).

Run through fuzz/repro.sh, which starts a 3-instance fleet and cleans up. Each subcommand prints
its evidence and exits 1 when the bug reproduced, 0 when it did not.

  scenario3-stop-hang  POST start scenario3, then at once POST stop, on one keep-alive
                       connection: the stop never returns and the instance stays wedged.
  chaos-duration       {"type":"chaos","duration_ms":2^63-1}: the supervisor stops answering
                       and its memory grows without bound (a watchdog SIGKILLs it at
                       --rss-limit-mb).
  command-flood        pings as fast as possible on the command endpoint for --seconds: the
                       supervisor loses instance heartbeats and kills healthy instances.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sys
import time

import zmq


def rss_mb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def request(endpoint: str, message: dict, timeout_ms: int = 5000) -> dict | None:
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.REQ)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, timeout_ms)
    s.connect(endpoint)
    try:
        s.send(json.dumps(message).encode())
        return json.loads(s.recv())
    except zmq.Again:
        return None
    finally:
        s.close()


def restarts(endpoint: str) -> dict[str, int] | None:
    reply = request(endpoint, {"v": 1, "type": "status"}, 10000)
    return {i["id"]: i["restarts"] for i in reply["instances"]} if reply else None


def scenario3_stop_hang(args: argparse.Namespace) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
    for i in range(args.iterations):
        connection.request("POST", "/scenario/scenario3?action=start")
        response = connection.getresponse()
        response.read()
        started = time.monotonic()
        try:
            connection.request("POST", "/scenario/scenario3?action=stop")
            response = connection.getresponse()
            response.read()
        except TimeoutError:
            print(f"iteration {i}: POST start → 200, POST stop → no response in {time.monotonic() - started:.1f} s")
            probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            for method, path in (("GET", "/scenario/health"), ("POST", "/scenario/scenario3?action=stop"),
                                 ("POST", "/scenario/scenario1?action=start")):
                probe.request(method, path)
                answer = probe.getresponse()
                print(f"  then {method} {path} → {answer.status} {answer.read().decode()[:120]}")
            return 1
    print(f"no hang in {args.iterations} start/stop pairs")
    return 0


def chaos_duration(args: argparse.Namespace) -> int:
    before = restarts(args.command)
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.REQ)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, 500)
    s.connect(args.command)
    s.send(json.dumps({"v": 1, "type": "chaos", "seed": 1, "duration_ms": 2**63 - 1}).encode())
    started = time.monotonic()
    while time.monotonic() - started < args.seconds:
        try:
            print(f"reply after {time.monotonic() - started:.1f} s: {s.recv()[:200]!r}")
            s.close()
            return 0
        except zmq.Again:
            mb = rss_mb(args.supervisor_pid)
            print(f"t={time.monotonic() - started:4.1f} s  no reply; supervisor VmRSS {mb} MiB", flush=True)
            if mb is None:
                print("the supervisor is gone")
                return 1
            if mb > args.rss_limit_mb:
                print(f"watchdog: VmRSS > {args.rss_limit_mb} MiB; SIGKILL to the supervisor (PID {args.supervisor_pid})")
                os.kill(args.supervisor_pid, signal.SIGKILL)
                return 1
    s.close()
    print(f"no reply within {args.seconds} s (restarts before: {before}); watchdog SIGKILL to the supervisor")
    os.kill(args.supervisor_pid, signal.SIGKILL)
    return 1


def command_flood(args: argparse.Namespace) -> int:
    before = restarts(args.command)
    ctx = zmq.Context.instance()
    dealer = ctx.socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.setsockopt(zmq.SNDHWM, 100_000)
    dealer.connect(args.command)
    ping = [b"", b'{"v":1,"type":"ping"}']
    sent = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        try:
            dealer.send_multipart(ping, zmq.NOBLOCK)
            sent += 1
        except zmq.Again:
            time.sleep(0.001)
        if sent % 1000 == 0:
            try:
                while True:
                    dealer.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                pass
    dealer.close()
    time.sleep(2)
    after = restarts(args.command)
    print(f"{sent} pings in {args.seconds:.0f} s ({sent / args.seconds:,.0f}/s); restarts before {before}, after {after}")
    return 1 if before is None or after is None or after != before else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bug", choices=["scenario3-stop-hang", "chaos-duration", "command-flood"])
    parser.add_argument("--command", help="the command endpoint")
    parser.add_argument("--supervisor-pid", type=int)
    parser.add_argument("--port", type=int, help="an instance's HTTP port")
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rss-limit-mb", type=int, default=1024)
    args = parser.parse_args()
    return {"scenario3-stop-hang": scenario3_stop_hang, "chaos-duration": chaos_duration,
            "command-flood": command_flood}[args.bug](args)


if __name__ == "__main__":
    sys.exit(main())
